"""The player's panels: labels sized for reading across the room, the notices above the
exercise, and the page at the end of a session (its ratings, note and way on)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.engine import State
from ..core.i18n import _, pgettext
from ..core.phrases import BACK_TO_LIBRARY, IT_HURTS, NO_PICTURE
from .detail import CautionBox, plain_label, striped
from .pictures import picture
from .player_words import play_action
from .ratings import effort_scale, pain_scale


class BigLabel(QLabel):
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


class NoticeBar(QFrame):
    """Notices stay in view above the exercise, one paragraph each, by what they are about."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("notice")
        self.setStyleSheet(striped(self, 0.14))
        layout = QVBoxLayout(self)
        self.text = plain_label("")
        self.text.setAccessibleName(_("Notice"))
        layout.addWidget(self.text)
        self._notices: dict[str, str] = {}
        self.hide()

    def add(self, key: str, text: str) -> None:
        """Show text as the notice for key ("" takes it away)."""
        if self._notices.get(key) == text:
            return
        self._notices[key] = text
        shown = "\n\n".join(t for t in self._notices.values() if t)
        self.text.setText(shown)
        self.setVisible(bool(shown))


def control_button(text: str, name: str, slot: Callable[[], None]) -> QPushButton:
    """One of the player's large buttons under the countdown."""
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


def control_buttons(
    right_to_left: bool, commands: tuple[Callable[[], None], ...]
) -> tuple[QPushButton, ...]:
    """The player's row: Back, Start/Pause/Resume, Skip, Done, It hurts and Stop, each
    calling its command in that order. The arrows point the way the person reads:
    back is to the right in Arabic, where the row mirrors too."""
    back, forward = ("▶", "◀") if right_to_left else ("◀", "▶")
    words = (
        (
            # Translators: the player's button that goes back; {arrow} is ◀ or ▶, chosen
            # by the writing direction: keep it on the side where your text starts.
            pgettext("player button", "{arrow} Back").format(arrow=back),
            # Translators: "Left arrow" is the keyboard key.
            _("Back to the start of this period, again: the one before (Left arrow)"),
        ),
        (play_action(State.READY), _("Start, pause or resume (Space)")),
        (
            # Translators: the player's button that skips ahead; {arrow} is ▶ or ◀, chosen
            # by the writing direction: keep it on the side where your text ends.
            pgettext("player button", "Skip {arrow}").format(arrow=forward),
            # Translators: a period is one part of the routine (a hold, a rep, a rest).
            _("Skip to the next period (Right arrow)"),
        ),
        # Translators: the player's button that ends an untimed rep.
        (pgettext("player button", "Done"), _("This rep is done (Enter)")),
        (_(IT_HURTS), _("This exercise hurts: pause and note it (H)")),
        (pgettext("player button", "Stop"), _("Stop the session (Esc)")),
    )
    return tuple(
        control_button(text, name, command)
        for (text, name), command in zip(words, commands, strict=True)
    )


class CautionSlot(CautionBox):
    """The step's caution beside its instructions. One box, its text changed as the
    steps change (it used to be rebuilt every second, and a box on its way out was
    drawn loose at the window's corner)."""

    def __init__(self) -> None:
        # Translators: the heading of an exercise's safety warning.
        super().__init__(_("Caution"), "")
        self.hide()

    def say(self, text: str) -> None:
        if text != self.text.text():
            self.set_text(text)
        self.setVisible(bool(text))


class ProgressRow(QWidget):
    """How far through the routine, and how long is left."""

    def __init__(self) -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(_("Progress through the routine"))
        self.bar.setMaximum(1000)
        self.time_left = plain_label("", wrap=False)
        self.time_left.setAccessibleName(_("Time left in the routine"))
        row.addWidget(self.bar, 1)
        row.addWidget(self.time_left)

    def show_progress(self, share: float, left: str) -> None:
        self.bar.setValue(int(1000 * share))
        self.time_left.setText(left)


class HurtBox(CautionBox):
    """ "It hurts": a calm word, and the choice to leave the exercise or carry on."""

    def __init__(self) -> None:
        super().__init__(_(IT_HURTS), "")
        buttons = QHBoxLayout()
        self.skip_exercise_button = QPushButton(_("Skip this exercise"))
        self.skip_exercise_button.setAccessibleName(_("Skip the rest of this exercise"))
        self.carry_on_button = QPushButton(_("Carry on"))
        self.carry_on_button.setAccessibleName(_("Carry on with this exercise"))
        buttons.addWidget(self.skip_exercise_button)
        buttons.addWidget(self.carry_on_button)
        buttons.addStretch(1)
        self.column.addLayout(buttons)
        self.hide()


class ExercisePicture(QLabel):
    """The exercise's picture, as large as its place allows at 4:3."""

    def __init__(self) -> None:
        super().__init__()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Picture of the exercise"))
        self._shown: tuple[Path | None, int] | None = None

    def show_picture(self, path: Path | None, name: str) -> None:
        """Show the picture at path (None: none), named for screen readers; "" as name
        means the standing figure of a rest."""
        size = self.size()
        width = max(120, min(size.width(), int(size.height() * 4 / 3)))
        # The countdown refreshes every second; the picture only when it changes.
        shown = (path, width)
        if shown == self._shown:
            return
        self._shown = shown
        pixmap = picture(path, width, int(width * 3 / 4))
        self.setPixmap(pixmap)
        if pixmap.isNull():
            self.setAccessibleName(_(NO_PICTURE))
        else:
            self.setAccessibleName(name or _("Picture: standing at rest"))


class SummaryPanel(QWidget):
    """The page at the end of a session: what was done, the ratings and the note, and
    the buttons to do it again or go back. The player connects what they do."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 40)
        layout.addStretch(1)
        self.title = BigLabel(0.08)
        self.title.setAccessibleName(_("Session result"))
        self.text = plain_label("")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setAccessibleName(_("Session summary"))
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.text.setFont(font)
        layout.addWidget(self.title)
        layout.addWidget(self.text)

        self.pain_after = pain_scale(_("How much pain do you have now?"))
        self.effort = effort_scale()
        # Translators: the heading of advice after a session in which the pain rose.
        self.advice = CautionBox(_("Take care"), "")
        self.advice.hide()
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("A note for yourself or your clinician (optional)"))
        self.note.setAccessibleName(_("Note about this session"))
        self.note.setMaxLength(2000)
        self.recorded = plain_label("")
        self.recorded.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recorded.setAccessibleName(_("Whether the session was recorded"))
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
        self.library_button = QPushButton(_(BACK_TO_LIBRARY))
        self.library_button.setAccessibleName(_(BACK_TO_LIBRARY))
        self.library_button.setMinimumHeight(44)
        self.again_button = QPushButton(pgettext("player button", "Do it again"))
        self.again_button.setAccessibleName(_("Do the routine again"))
        self.again_button.setMinimumHeight(44)
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

    def show_advice(self, advice: str) -> None:
        self.advice.set_text(advice)
        self.advice.setVisible(bool(advice))

    def clear(self) -> None:
        """Ready for a new session: no ratings, no note, no advice."""
        for scale in (self.pain_after, self.effort):
            scale.set_value(None)
        self.note.clear()
        self.advice.hide()

    def show_result(self, title: str, text: str, ask_ratings: bool, recorded: str) -> None:
        self.title.setText(title)
        self.text.setText(text)
        self.pain_after.setVisible(ask_ratings)
        self.effort.setVisible(ask_ratings)
        self.recorded.setText(recorded)
