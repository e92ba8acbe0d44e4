"""The player: guides a person through a routine, readable from across the room.

It owns the timer and the widgets; the session engine decides everything else.
The timer is single-shot and aimed at the next moment the engine says something
is due (the next whole second shown, or the end of the period), so nothing runs
while nothing is due.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import safety
from ..core.engine import Clock, Session, State, View
from ..core.history import History
from ..core.i18n import N_, _
from ..core.model import ExerciseStep, Routine
from ..core.paths import bundled_routines_dir
from ..core.session_log import SessionLog
from ..core.session_trace import SessionTrace
from ..core.timeline import Period, PeriodKind, expand_timeline
from ..platform import services
from .detail import plain_label
from .dialogs import quit_from
from .player_panels import (
    BigLabel,
    CautionSlot,
    ExercisePicture,
    HurtBox,
    NoticeBar,
    ProgressRow,
    SummaryPanel,
    control_buttons,
)
from .player_words import (
    countdown_text,
    describe_next,
    period_counters,
    period_title,
    picture_name,
    play_action,
    rest_word,
    status_text,
    stop_question,
    summary_words,
    switch_instructions,
    time_left_text,
)
from .ratings import pain_scale

PICTURE_W, PICTURE_H = 400, 300
# Rests and side switches show a calm standing figure instead of an empty frame.
REST_PICTURE = "images/standing-rest.svg"
# A routine tried out from the editor: said when it is stopped and when it ends.
TRY_NOT_RECORDED = N_("This try is not recorded.")


class PlayerPage(QWidget):
    """The player for one routine; emits `closed` when the person goes back to the library."""

    closed = Signal()
    cues_due = Signal(list)  # the engine's cues, for sound and voice
    completed = Signal()  # the routine was done to its end (something done, not all skipped)

    def __init__(
        self,
        routine: Routine,
        clock: Clock | None = None,
        trace: TextIO | None = None,
        parent: QWidget | None = None,
        history: History | None = None,
        history_problem: str = "",
        ask_ratings: bool = False,
        trying_out: bool = False,
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.timeline = expand_timeline(routine)
        self.clock = clock if clock is not None else services().session_clock
        self.session = Session(self.timeline, self.clock)
        self.history = history
        self.history_problem = history_problem
        self.ask_ratings = ask_ratings
        self.trying_out = trying_out  # a draft played from the editor: never recorded
        self.log = SessionLog(history, routine, history_problem)
        self._saved_note = ""
        self._told_complete = False
        self._trace = SessionTrace(trace)
        self._handled_cues = 0
        self._confirming = False
        # Translators: read by screen readers; {routine} is the routine's name.
        self.setAccessibleName(_("Player: {routine}").format(routine=routine.name))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.wake)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_run_page())
        self.summary = SummaryPanel()
        self.pages.addWidget(self.summary)
        self._connect_summary()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        for button in (
            *self.control_buttons,
            self.skip_exercise_button,
            self.carry_on_button,
        ):
            button.installEventFilter(self)
        self.refresh()

    # -- building ------------------------------------------------------------

    def _build_run_page(self) -> QWidget:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(10)

        self.notice = NoticeBar()
        self.notice_text = self.notice.text
        outer.addWidget(self.notice)

        self.hurt_box = HurtBox()
        self.skip_exercise_button = self.hurt_box.skip_exercise_button
        self.carry_on_button = self.hurt_box.carry_on_button
        self.skip_exercise_button.clicked.connect(self.skip_exercise)
        self.carry_on_button.clicked.connect(self.carry_on)
        outer.addWidget(self.hurt_box)

        header = QHBoxLayout()
        self.exercise = BigLabel(0.07)
        # Leading and trailing: the name starts where the person's writing starts.
        self.exercise.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.exercise.setAccessibleName(_("Exercise"))
        self.counters = BigLabel(0.04, bold=False)
        self.counters.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        # Translators: read by screen readers: which set, side of the body and rep this is.
        self.counters.setAccessibleName(_("Set, side and rep"))
        header.addWidget(self.exercise, 3)
        header.addWidget(self.counters, 2)
        outer.addLayout(header)

        self.pain_before = pain_scale(_("Before you start: how much pain do you have right now?"))
        self.pain_before.rated.connect(lambda value: self.log.rate(pain_before=value))
        self.pain_before.setVisible(self.ask_ratings)
        outer.addWidget(self.pain_before)

        middle = QHBoxLayout()
        self.picture = ExercisePicture()
        middle.addWidget(self.picture, 5)

        clock_box = QVBoxLayout()
        self.phase = BigLabel(0.075)
        self.phase.setAccessibleName(_("What to do now"))
        self.countdown = BigLabel(0.30)
        self.countdown.setAccessibleName(_("Seconds left"))
        self.countdown.setObjectName("countdown")
        self.status = plain_label("")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAccessibleName(_("Status"))
        clock_box.addStretch(1)
        clock_box.addWidget(self.phase)
        clock_box.addWidget(self.countdown)
        clock_box.addWidget(self.status)
        clock_box.addStretch(1)
        middle.addLayout(clock_box, 5)
        outer.addLayout(middle, 1)

        self.instructions = plain_label("")
        self.instructions.setAccessibleName(_("Instructions"))
        self.caution = CautionSlot()
        words = QGridLayout()
        words.addWidget(self.instructions, 0, 0)
        words.addWidget(self.caution, 0, 1)
        words.setColumnStretch(0, 3)
        words.setColumnStretch(1, 2)
        outer.addLayout(words)

        self.next_label = plain_label("")
        self.next_label.setAccessibleName(_("What comes next"))
        outer.addWidget(self.next_label)

        self.progress_row = ProgressRow()
        self.progress, self.time_left = self.progress_row.bar, self.progress_row.time_left
        outer.addWidget(self.progress_row)

        buttons = QHBoxLayout()
        commands = (self.back, self.toggle, self.skip, self.done, self.hurts, self.ask_stop)
        row = self.control_buttons = control_buttons(self.isRightToLeft(), commands)
        self.back_button, self.play_button, self.skip_button = row[:3]
        self.done_button, self.hurts_button, self.stop_button = row[3:]
        for button in row:
            buttons.addWidget(button)
        outer.addLayout(buttons)
        for first, second in itertools.pairwise(row):
            QWidget.setTabOrder(first, second)
        return page

    def _connect_summary(self) -> None:
        summary = self.summary
        # The summary's parts, by the names the player has always given them.
        self.summary_title, self.summary_text = summary.title, summary.text
        self.pain_after, self.effort = summary.pain_after, summary.effort
        self.advice = summary.advice
        self.note, self.recorded = summary.note, summary.recorded
        self.library_button, self.again_button = summary.library_button, summary.again_button
        self.pain_after.rated.connect(self._rated_pain_after)
        self.effort.rated.connect(lambda value: self.log.rate(effort=value))
        self.note.editingFinished.connect(self.save_note)
        self.library_button.clicked.connect(self.leave)
        self.again_button.clicked.connect(self.restart)

    # -- commands ------------------------------------------------------------

    def toggle(self) -> None:
        self.session.toggle()
        self._after_command()

    def start(self) -> None:
        self.session.start()
        self._after_command()

    def skip(self) -> None:
        self.session.skip()
        self._after_command()

    def back(self) -> None:
        self.session.back()
        self._after_command()

    def hurts(self) -> None:
        """H or "It hurts": note it against this exercise, pause, and offer a way out."""
        period = self.session.current
        if not self.session.under_way or period is None:
            return
        exercise = period.exercise or self._last_exercise()
        if not exercise:
            return
        self.log.hurt(self.session)
        self.session.pause()
        self.hurt_box.text.setText(safety.hurt_advice(exercise))
        self.hurt_box.show()
        self.skip_exercise_button.setVisible(bool(period.exercise))
        self._after_command()

    def _last_exercise(self) -> str:
        done = self.session.work
        return done[-1].period.exercise if done else ""

    def skip_exercise(self) -> None:
        self.hurt_box.hide()
        self.session.skip_exercise()
        self.session.resume()
        self._after_command()

    def carry_on(self) -> None:
        self.hurt_box.hide()
        self.session.resume()
        self._after_command()

    def done(self) -> None:
        self.session.done()
        self._after_command()

    def under_way(self) -> bool:
        """A session started and not yet over: leaving it loses the rest of it."""
        return self.session.under_way

    def ask_stop(self) -> None:
        """Esc: stop, after asking; nothing under way: straight back to the library."""
        if not self.under_way():
            self.leave()  # nothing under way: straight back to the library
            return
        self.confirm_stop()

    def confirm_stop(self, quitting: bool = False) -> bool:
        """Ask before a session under way is stopped (Esc, or quitting the app); the
        session waits while the question is open. True when nothing is under way any
        more (it was not, or the answer was yes and it is stopped).

        Ctrl+Q in the question answers yes; asked by Esc, the app then quits too."""
        if not self.under_way():
            return True
        if self._confirming:
            return False  # the question is already open
        was_running = self.session.state is State.RUNNING
        self.session.pause()
        self.refresh()
        self._confirming = True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Stop the session?"),
            stop_question(self.log.recording, self.trying_out),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        # Ctrl+Q (held back from the window while the question is open) answers yes.
        quit_from(box, self.window(), answer=QMessageBox.StandardButton.Yes, then_quit=not quitting)
        try:
            answer = box.exec()
        finally:
            self._confirming = False
        if answer == QMessageBox.StandardButton.Yes:
            self.stop()
            return True
        if was_running:
            self.session.resume()
            self._after_command()
        return False

    def stop(self) -> None:
        self.session.stop()
        self._after_command()

    def restart(self) -> None:
        self.save_note()
        self.session = Session(self.timeline, self.clock)
        self.log = SessionLog(self.history, self.routine, self.history_problem)
        self.pain_before.set_value(None)
        self.summary.clear()
        self._saved_note = ""
        self.hurt_box.hide()
        self.add_notice("history", "")  # a new session: a new try at recording it
        self._trace.restart()
        self._handled_cues = 0
        self._told_complete = False
        self.pages.setCurrentIndex(0)
        self.setFocus()  # the keys are the player's again, not a button's
        self._after_command()

    def leave(self) -> None:
        """Back to the library, keeping the note."""
        self.save_note()
        self.closed.emit()

    def end(self) -> None:
        """The player is going away (back to the library, or the app quits): a session
        under way is stopped and kept as stopped, and the note is saved."""
        self._timer.stop()
        if self.under_way():
            self.session.stop()
        self._write_history()
        self.save_note()

    def save_note(self) -> None:
        text = self.note.text().strip()
        if text != self._saved_note and self.log.session_id is not None:
            self.log.rate(note=text)  # an emptied note is saved empty
            self._saved_note = text

    def _rated_pain_after(self, value: int) -> None:
        self.log.rate(pain_after=value)
        self.summary.show_advice(safety.pain_advice(self.pain_before.value, value))

    def _after_command(self) -> None:
        self.session.update()
        self._handle()

    def wake(self) -> None:
        """The timer fired: let the engine catch up with the clock."""
        self.session.update()
        self._handle()

    def _handle(self) -> None:
        # Commands (start, skip) raise cues as well as update(): take every new one.
        new = self.session.cues[self._handled_cues :]
        self._handled_cues = len(self.session.cues)
        self._write_trace()
        self._write_history()
        if self.session.completed and not self._told_complete:
            self._told_complete = True  # once a session, however often it is drawn
            self.completed.emit()
        self.refresh()
        if new:
            self.cues_due.emit(new)
        self._schedule()

    def _schedule(self) -> None:
        wake = self.session.next_wakeup()
        if wake is None:
            self._timer.stop()
            return
        delay = max(0, math.ceil((wake - self.clock()) * 1000))
        self._timer.start(delay)

    def _write_history(self) -> None:
        if self.session.started_at is None:
            return  # never started: nothing to keep
        if self.log.session_id is None and not self.log.failure:
            self.log.begin(self.session, pain_before=self.pain_before.value)
        self.log.sync(self.session)
        if self.log.failure:
            # Translators: {reason} is a whole sentence saying what went wrong.
            text = _("This session is not being recorded. {reason}")
            self.add_notice("history", text.format(reason=self.log.failure))

    def _write_trace(self) -> None:
        failure = self._trace.write(self.session.transitions)
        if failure:
            self.add_notice("trace", failure)

    # -- drawing -------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        self.add_notice("main", text)

    def add_notice(self, key: str, text: str) -> None:
        """Notices stay in view above the exercise, one paragraph each."""
        self.notice.add(key, text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        height = max(self.height(), 300)
        for label in (self.exercise, self.counters, self.phase, self.countdown):
            label.fit(height)
        self.summary_title.fit(height)
        self._draw_picture()

    def refresh(self) -> None:
        view = self.session.view()
        if view.state.over:
            self._render_summary(view)
            return
        self.pages.setCurrentIndex(0)
        period = view.period
        self.exercise.setText(period.exercise if period and period.exercise else rest_word())
        self.counters.setText(period_counters(period))
        self.phase.setText(period_title(period))
        if view.remaining is None:
            self.countdown.setText("—")
        else:
            self.countdown.setText(countdown_text(view.shown_seconds or 0))
        self.status.setText(status_text(view))
        step = self._step_for(period)
        if period is not None and period.kind is PeriodKind.REST and not period.exercise:
            self.instructions.setText(
                period.note or _("Rest, breathe, and get ready for what comes next.")
            )
        elif period is not None and period.kind is PeriodKind.SWITCH_SIDES:
            self.instructions.setText(switch_instructions(period.side))
        else:
            self.instructions.setText(step.instructions if step else "")
        self.caution.say(step.caution if step else "")
        self.next_label.setText(describe_next(view.next_period))
        total = self.timeline.total_seconds or 1.0
        done = max(0.0, self.timeline.total_seconds - view.remaining_total)
        self.progress_row.show_progress(done / total, time_left_text(view))
        action = play_action(view.state)
        if self.play_button.text() != action:
            self.play_button.setText(action)
            # Translators: {action} is Start, Pause or Resume; Space is the keyboard key.
            self.play_button.setAccessibleName(_("{action} (Space)").format(action=action))
        untimed = period is not None and period.kind is PeriodKind.UNTIMED_REP
        running = view.state.under_way
        focused = self.focusWidget()
        if (focused is self.done_button and not untimed) or (
            focused in (self.back_button, self.skip_button, self.hurts_button) and not running
        ):
            self.setFocus()  # Qt would hand the focus to the next button along: Stop
        self.done_button.setVisible(untimed)
        self.done_button.setEnabled(untimed and view.state is State.RUNNING)
        self.done_button.setDefault(untimed)
        self.back_button.setEnabled(running)
        self.skip_button.setEnabled(running)
        self.hurts_button.setEnabled(running)
        if view.state is State.RUNNING:
            self.hurt_box.hide()  # resumed (Space or Carry on): the question is answered
        self.pain_before.setVisible(self.ask_ratings and view.state is State.READY)
        self._draw_picture()

    def _step_for(self, period: Period | None) -> ExerciseStep | None:
        if period is None or not period.exercise:
            return None
        step = self.routine.steps[period.step_index]
        return step if isinstance(step, ExerciseStep) else None

    def _draw_picture(self) -> None:
        view_period = self.session.view().period
        step = self._step_for(view_period)
        path: Path | None = step.image if step else None
        if path is None and view_period is not None and view_period.kind is PeriodKind.REST:
            # A rest step of its own: a calm standing figure. Rests between reps keep
            # the exercise's picture, since the person stays in position.
            path = bundled_routines_dir() / REST_PICTURE
        self.picture.show_picture(path, picture_name(step.name) if step else "")

    def _render_summary(self, view: View) -> None:
        self._timer.stop()
        self.pages.setCurrentIndex(1)
        title, text = summary_words(self.session, self.routine.name)
        if self.trying_out:
            recorded = _(TRY_NOT_RECORDED)
        elif self.log.failure:
            # Translators: {reason} is a whole sentence saying what went wrong.
            recorded = _("Not recorded: {reason}").format(reason=self.log.failure)
        elif self.log.session_id is not None:
            recorded = _("Kept in your history on this computer.")
        else:
            recorded = ""
        self.summary.show_result(title, text, self.ask_ratings, recorded)
        self.note.setVisible(not self.trying_out)  # a note on a try would be kept nowhere
        # The player keeps the keys: Space out of habit must not start it all again.
        self.setFocus()

    # -- keys ----------------------------------------------------------------

    _PLAYER_KEYS = (
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_N,
        Qt.Key.Key_B,
        Qt.Key.Key_H,
        Qt.Key.Key_Escape,
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A button reached by Tab keeps Space and Enter for itself, as buttons do;
        # the player's other keys keep their meaning (arrows would move the focus).
        if (
            event.type() is QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in self._PLAYER_KEYS
            and not event.modifiers() & _COMMAND_MODIFIERS
        ):
            self.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space:
            if self.session.over:
                return
            self.toggle()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_N):
            self.skip()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_B):
            self.back()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.done()
        elif key == Qt.Key.Key_Escape:
            self.ask_stop()
        elif key == Qt.Key.Key_H:
            self.hurts()
        else:
            super().keyPressEvent(event)


# Arrows arrive with the keypad modifier on some systems; these make a different key.
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
