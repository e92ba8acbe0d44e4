"""The player: guides a person through a routine, readable from across the room.

It owns the timer and the widgets; the session engine decides everything else.
The timer is single-shot and aimed at the next moment the engine says something
is due (the next whole second shown, or the end of the period), so nothing runs
while nothing is due.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import safety
from ..core.clocks import session_clock
from ..core.durations import format_clock, format_duration
from ..core.engine import Clock, Outcome, PauseReason, Session, State, View
from ..core.history import History
from ..core.model import ExerciseStep, Routine
from ..core.paths import bundled_routines_dir
from ..core.phrases import BACK_TO_LIBRARY, IT_HURTS, SWITCH_SIDES, at_your_pace
from ..core.session_log import SessionLog
from ..core.timeline import Period, PeriodKind, expand_timeline
from .detail import CautionBox, plain_label
from .dialogs import quit_from
from .pictures import picture
from .ratings import effort_scale, pain_scale

PICTURE_W, PICTURE_H = 400, 300
# Rests and side switches show a calm standing figure instead of an empty frame.
REST_PICTURE = "images/standing-rest.svg"


def period_title(period: Period | None) -> str:
    """What the period is, in a few words: "Get ready", "Hold", "Rep 4 of 10 - press Done"."""
    if period is None:
        return ""
    kind = period.kind
    if kind is PeriodKind.PREPARE:
        return "Get ready"
    if kind is PeriodKind.HOLD:
        return "Hold"
    if kind is PeriodKind.DURATION:
        return "Keep going"
    if kind is PeriodKind.TIMED_REP:
        return f"Rep {period.rep} of {period.reps}"
    if kind is PeriodKind.UNTIMED_REP:
        return f"Rep {period.rep} of {period.reps} - press Done"
    if kind is PeriodKind.SWITCH_SIDES:
        return SWITCH_SIDES
    return "Rest"


def period_counters(period: Period | None) -> str:
    """Where in the exercise this is: set, side and rep."""
    if period is None or not period.exercise:
        return ""
    if period.kind is PeriodKind.REST:
        # A rest inside an exercise leads to its next rep, or to its next set.
        if period.rep > 1:
            return f"Rep {period.rep} of {period.reps} next"
        return f"Set {period.set} of {period.sets} next" if period.sets > 1 else ""
    parts = []
    if period.sets > 1:
        parts.append(f"Set {period.set} of {period.sets}")
    if period.side is not None:
        parts.append(f"{period.side.value.capitalize()} side")
    if period.kind is PeriodKind.HOLD and period.reps > 1:
        parts.append(f"Rep {period.rep} of {period.reps}")
    return "  ·  ".join(parts)


def describe_next(period: Period | None) -> str:
    if period is None:
        return "Next: the end"
    if period.kind is PeriodKind.PREPARE:
        return f"Next: {period.exercise}"
    if period.kind is PeriodKind.REST:
        return f"Next: rest {format_duration(period.seconds or 0)}"
    if period.kind is PeriodKind.SWITCH_SIDES:
        return f"Next: switch to the {period.side.value if period.side else 'other'} side"
    if period.kind is PeriodKind.HOLD:
        what = f"hold {format_duration(period.seconds or 0)}"
    elif period.kind is PeriodKind.DURATION:
        what = format_duration(period.seconds or 0)
    else:
        what = f"rep {period.rep} of {period.reps}"
    return f"Next: {period.exercise}, {what}"


def countdown_text(seconds: int) -> str:
    """Plain seconds under a minute ("45"), minutes and seconds above ("1:30")."""
    return str(seconds) if seconds < 60 else format_clock(seconds)


class _Big(QLabel):
    """A label whose font grows with the window, for reading from a distance, and
    shrinks to fit when its text is long (a long exercise name, say)."""

    def __init__(self, share: float, bold: bool = True) -> None:
        super().__init__()
        self._share = share
        self._bold = bold
        self._height = 300
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def fit(self, reference_height: int) -> None:
        self._height = reference_height
        self._refit()

    def setText(self, text: str) -> None:
        if text != self.text():
            super().setText(text)
            self._refit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._refit()

    def _refit(self) -> None:
        font = QFont(self.font())
        font.setBold(self._bold)
        size = max(14, int(self._height * self._share))
        font.setPixelSize(size)
        width = self.contentsRect().width()
        if width > 0 and self.text():
            wide = QFontMetrics(font).horizontalAdvance(self.text())
            if wide > width:
                font.setPixelSize(max(14, int(size * width / wide) - 1))
        if font != self.font():
            self.setFont(font)


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
        self.clock = clock if clock is not None else session_clock()
        self.session = Session(self.timeline, self.clock)
        self.history = history
        self.history_problem = history_problem
        self.ask_ratings = ask_ratings
        self.trying_out = trying_out  # a draft played from the editor: never recorded
        self.log = SessionLog(history, routine, history_problem)
        self._notices: dict[str, str] = {}
        self._saved_note = ""
        self._told_complete = False
        self._trace = trace
        self._traced = 0
        self._handled_cues = 0
        self._picture_shown: tuple[Path | None, int] | None = None
        self._confirming = False
        self.setAccessibleName(f"Player: {routine.name}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.wake)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_run_page())
        self.pages.addWidget(self._build_summary_page())
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

        self.notice = QFrame()
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet(
            "#notice { border-left: 4px solid #d08a00; background: rgba(208, 138, 0, 0.14);"
            " border-radius: 4px; }"
        )
        notice_layout = QVBoxLayout(self.notice)
        self.notice_text = plain_label("")
        self.notice_text.setAccessibleName("Notice")
        notice_layout.addWidget(self.notice_text)
        self.notice.hide()
        outer.addWidget(self.notice)

        # "It hurts": a calm word, and the choice to leave the exercise or carry on.
        self.hurt_box = CautionBox(IT_HURTS, "")
        hurt_buttons = QHBoxLayout()
        self.skip_exercise_button = QPushButton("Skip this exercise")
        self.skip_exercise_button.setAccessibleName("Skip the rest of this exercise")
        self.skip_exercise_button.clicked.connect(self.skip_exercise)
        self.carry_on_button = QPushButton("Carry on")
        self.carry_on_button.setAccessibleName("Carry on with this exercise")
        self.carry_on_button.clicked.connect(self.carry_on)
        hurt_buttons.addWidget(self.skip_exercise_button)
        hurt_buttons.addWidget(self.carry_on_button)
        hurt_buttons.addStretch(1)
        self.hurt_box.column.addLayout(hurt_buttons)
        self.hurt_box.hide()
        outer.addWidget(self.hurt_box)

        header = QHBoxLayout()
        self.exercise = _Big(0.07)
        self.exercise.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.exercise.setAccessibleName("Exercise")
        self.counters = _Big(0.04, bold=False)
        self.counters.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.counters.setAccessibleName("Set, side and rep")
        header.addWidget(self.exercise, 3)
        header.addWidget(self.counters, 2)
        outer.addLayout(header)

        self.pain_before = pain_scale("Before you start: how much pain do you have right now?")
        self.pain_before.rated.connect(lambda value: self.log.rate(pain_before=value))
        self.pain_before.setVisible(self.ask_ratings)
        outer.addWidget(self.pain_before)

        middle = QHBoxLayout()
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(200, 150)
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.picture.setAccessibleName("Picture of the exercise")
        middle.addWidget(self.picture, 5)

        clock_box = QVBoxLayout()
        self.phase = _Big(0.075)
        self.phase.setAccessibleName("What to do now")
        self.countdown = _Big(0.30)
        self.countdown.setAccessibleName("Seconds left")
        self.countdown.setObjectName("countdown")
        self.status = plain_label("")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAccessibleName("Status")
        clock_box.addStretch(1)
        clock_box.addWidget(self.phase)
        clock_box.addWidget(self.countdown)
        clock_box.addWidget(self.status)
        clock_box.addStretch(1)
        middle.addLayout(clock_box, 5)
        outer.addLayout(middle, 1)

        self.instructions = plain_label("")
        self.instructions.setAccessibleName("Instructions")
        # One box, its text changed as the steps change (it used to be rebuilt every
        # second, and a box on its way out was drawn loose at the window's corner).
        self.caution = CautionBox("Caution", "")
        self.caution.hide()
        words = QGridLayout()
        words.addWidget(self.instructions, 0, 0)
        words.addWidget(self.caution, 0, 1)
        words.setColumnStretch(0, 3)
        words.setColumnStretch(1, 2)
        outer.addLayout(words)

        self.next_label = plain_label("")
        self.next_label.setAccessibleName("What comes next")
        outer.addWidget(self.next_label)

        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Progress through the routine")
        self.time_left = plain_label("", wrap=False)
        self.time_left.setAccessibleName("Time left in the routine")
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.time_left)
        outer.addLayout(progress_row)

        buttons = QHBoxLayout()
        self.back_button = self._button(
            "◀ Back",
            "Back to the start of this period, again: the one before (Left arrow)",
            self.back,
        )
        self.play_button = self._button("Start", "Start, pause or resume (Space)", self.toggle)
        self.skip_button = self._button(
            "Skip ▶", "Skip to the next period (Right arrow)", self.skip
        )
        self.done_button = self._button("Done", "This rep is done (Enter)", self.done)
        self.hurts_button = self._button(
            IT_HURTS, "This exercise hurts: pause and note it (H)", self.hurts
        )
        self.stop_button = self._button("Stop", "Stop the session (Esc)", self.ask_stop)
        row = self.control_buttons = (
            self.back_button,
            self.play_button,
            self.skip_button,
            self.done_button,
            self.hurts_button,
            self.stop_button,
        )
        for button in row:
            buttons.addWidget(button)
        outer.addLayout(buttons)
        for first, second in itertools.pairwise(row):
            QWidget.setTabOrder(first, second)
        return page

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setMinimumHeight(44)
        # Tab reaches the buttons, but a click leaves the keyboard with the player, so
        # Space keeps meaning pause/resume after the mouse pressed Skip.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        font = QFont(button.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        button.setFont(font)
        button.clicked.connect(slot)
        return button

    def _build_summary_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        self.summary_title = _Big(0.08)
        self.summary_title.setAccessibleName("Session result")
        self.summary_text = plain_label("")
        self.summary_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary_text.setAccessibleName("Session summary")
        font = QFont(self.summary_text.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.summary_text.setFont(font)
        layout.addWidget(self.summary_title)
        layout.addWidget(self.summary_text)

        self.pain_after = pain_scale("How much pain do you have now?")
        self.pain_after.rated.connect(self._rated_pain_after)
        self.effort = effort_scale()
        self.effort.rated.connect(lambda value: self.log.rate(effort=value))
        self.advice = CautionBox("Take care", "")
        self.advice.hide()
        self.note = QLineEdit()
        self.note.setPlaceholderText("A note for yourself or your clinician (optional)")
        self.note.setAccessibleName("Note about this session")
        self.note.setMaxLength(2000)
        self.note.editingFinished.connect(self.save_note)
        self.recorded = plain_label("")
        self.recorded.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recorded.setAccessibleName("Whether the session was recorded")
        ratings = QVBoxLayout()
        ratings.setSpacing(14)
        for widget in (self.pain_after, self.effort, self.advice, self.note, self.recorded):
            ratings.addWidget(widget)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addLayout(ratings, 4)
        centred.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(centred)
        layout.addSpacing(12)
        self.library_button = QPushButton(BACK_TO_LIBRARY)
        self.library_button.setAccessibleName(BACK_TO_LIBRARY)
        self.library_button.setMinimumHeight(44)
        self.library_button.clicked.connect(self.leave)
        self.again_button = QPushButton("Do it again")
        self.again_button.setAccessibleName("Do the routine again")
        self.again_button.setMinimumHeight(44)
        self.again_button.clicked.connect(self.restart)
        for button in (self.again_button, self.library_button):
            button.setMinimumWidth(220)
            font = QFont(button.font())
            font.setPointSizeF(font.pointSizeF() * 1.25)
            button.setFont(font)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.again_button)
        row.addWidget(self.library_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

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
        if self.log.recording:
            kept = "What you have done so far is kept."
        else:  # a try from the editor, or a history that cannot be written
            kept = "This try is not recorded." if self.trying_out else "It is not recorded."
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Stop the session?",
            f"Stop this session now? {kept}",
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
        for scale in (self.pain_before, self.pain_after, self.effort):
            scale.set_value(None)
        self.note.clear()
        self._saved_note = ""
        self.advice.hide()
        self.hurt_box.hide()
        self.add_notice("history", "")  # a new session: a new try at recording it
        self._traced = 0
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
        advice = safety.pain_advice(self.pain_before.value, value)
        self.advice.text.setText(advice)
        self.advice.setVisible(bool(advice))

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
        if self.session.state is State.FINISHED and not self._told_complete:
            self._told_complete = True
            if self.session.completed:
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
            self.add_notice("history", f"This session is not being recorded. {self.log.failure}")

    def _write_trace(self) -> None:
        if self._trace is None:
            return
        for transition in self.session.transitions[self._traced :]:
            line = {
                "period": transition.period_index,
                "kind": transition.kind,
                "due": round(transition.due, 6),
                "handled": round(transition.handled, 6),
                "late_ms": round((transition.handled - transition.due) * 1000, 3),
            }
            try:
                self._trace.write(json.dumps(line) + "\n")
            except OSError as exc:
                self._trace = None
                self.add_notice("trace", f"The trace file could not be written ({exc}).")
                return
        try:
            self._trace.flush()
        except OSError as exc:
            self._trace = None
            self.add_notice("trace", f"The trace file could not be written ({exc}).")
        self._traced = len(self.session.transitions)

    # -- drawing -------------------------------------------------------------

    def show_notice(self, text: str) -> None:
        self.add_notice("main", text)

    def add_notice(self, key: str, text: str) -> None:
        """Notices stay in view above the exercise, one paragraph each."""
        if self._notices.get(key) == text:
            return
        self._notices[key] = text
        shown = "\n\n".join(t for t in self._notices.values() if t)
        self.notice_text.setText(shown)
        self.notice.setVisible(bool(shown))

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
        self.exercise.setText(period.exercise if period and period.exercise else "Rest")
        self.counters.setText(period_counters(period))
        self.phase.setText(period_title(period))
        if view.remaining is None:
            self.countdown.setText("—")
        else:
            self.countdown.setText(countdown_text(view.shown_seconds or 0))
        self.status.setText(self._status_text(view))
        step = self._step_for(period)
        if period is not None and period.kind is PeriodKind.REST and not period.exercise:
            self.instructions.setText(
                period.note or "Rest, breathe, and get ready for what comes next."
            )
        elif period is not None and period.kind is PeriodKind.SWITCH_SIDES:
            side = period.side.value if period.side else "other"
            self.instructions.setText(f"Change to the {side} side and get into position.")
        else:
            self.instructions.setText(step.instructions if step else "")
        self._show_caution(step.caution if step else "")
        self.next_label.setText(describe_next(view.next_period))
        total = self.timeline.total_seconds or 1.0
        done = max(0.0, self.timeline.total_seconds - view.remaining_total)
        self.progress.setMaximum(1000)
        self.progress.setValue(int(1000 * done / total))
        left = f"{format_clock(view.remaining_total)} left"
        if view.untimed_left:
            left = f"about {left}, plus {at_your_pace(view.untimed_left)}"
        self.time_left.setText(left)
        action = {State.READY: "Start", State.RUNNING: "Pause", State.PAUSED: "Resume"}.get(
            view.state, "Start"
        )
        if self.play_button.text() != action:
            self.play_button.setText(action)
            self.play_button.setAccessibleName(f"{action} (Space)")
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

    def _status_text(self, view: View) -> str:
        if view.state is State.READY:
            return "Press Start or Space when you are ready."
        if view.state is State.PAUSED:
            if view.pause_reason is PauseReason.SLEPT:
                return "Paused because the computer was asleep. Press Space to go on."
            return "Paused. Press Space to go on."
        return ""

    def _show_caution(self, text: str) -> None:
        if text != self.caution.text.text():
            self.caution.text.setText(text)
            self.caution.setAccessibleName(f"Caution {text}")
        self.caution.setVisible(bool(text))

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
        size = self.picture.size()
        width = max(120, min(size.width(), int(size.height() * 4 / 3)))
        # The countdown refreshes every second; the picture only when it changes.
        shown = (path, width)
        if shown == self._picture_shown:
            return
        self._picture_shown = shown
        pixmap = picture(path, width, int(width * 3 / 4))
        self.picture.setPixmap(pixmap)
        if pixmap.isNull():
            name = "No picture"
        else:
            name = f"Picture: {step.name}" if step else "Picture: standing at rest"
        self.picture.setAccessibleName(name)

    def _render_summary(self, view: View) -> None:
        self._timer.stop()
        self.pages.setCurrentIndex(1)
        done = {w.period_index for w in self.session.work if w.outcome is Outcome.DONE}
        if view.state is not State.FINISHED:
            title = "Session stopped"
        elif self.session.completed:
            title = "Well done!"
        else:
            title = "Everything was skipped"
        self.summary_title.setText(title)
        active = self.session.active_seconds()
        lines = [self.routine.name, ""]
        lines.append(f"Active time {format_clock(active)}")
        if self.session.paused_seconds >= 1:
            lines.append(f"Paused for {format_clock(self.session.paused_seconds)}")
        work = [p for p in self.timeline.periods if p.kind.is_work]
        lines.append(f"{len(done)} of {len(work)} holds, reps and timed parts done")
        if self.session.completed:
            lines += ["", "Notice how your back feels now. Stop an exercise that made it worse."]
        self.summary_text.setText("\n".join(lines))
        self.pain_after.setVisible(self.ask_ratings)
        self.effort.setVisible(self.ask_ratings)
        if self.log.failure:
            self.recorded.setText(f"Not recorded: {self.log.failure}")
        elif self.log.session_id is not None:
            self.recorded.setText("Kept in your history on this computer.")
        else:
            self.recorded.setText("")
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


def safety_banner() -> str:
    """The safety notice in one paragraph, for the top of the player."""
    return (
        f"{safety.INTRO} {safety.WHILE_EXERCISING} {safety.RED_FLAGS_HEADING} "
        + "; ".join(safety.RED_FLAGS)
        + "."
    )
