"""A 0-10 rating: one row of eleven buttons, with words for both ends."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QPushButton, QWidget

from ..core.i18n import _
from .detail import plain_label


class RatingScale(QWidget):
    """Emits rated(value) when a number is chosen. Choosing is optional."""

    rated = Signal(int)

    def __init__(self, question: str, low: str, high: str, each: str) -> None:
        """each names one number for a screen reader: "Pain {value} out of 10"."""
        super().__init__()
        self.setAccessibleName(question)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        self.question = plain_label(question)
        font = QFont(self.question.font())
        font.setBold(True)
        self.question.setFont(font)
        grid.addWidget(self.question, 0, 0, 1, 11)
        # The chosen number must stand out at a glance, in any theme.
        self.setStyleSheet(
            "QPushButton:checked { background: palette(highlight);"
            " color: palette(highlighted-text); font-weight: bold;"
            " border: 1px solid palette(highlight); border-radius: 3px; }"
        )
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QPushButton] = []
        for value in range(11):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setMinimumSize(40, 36)
            # Reached by Tab; a click leaves the keyboard where it was (Space in the player).
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setAccessibleName(each.format(value=value))
            self.group.addButton(button, value)
            self.buttons.append(button)
            grid.addWidget(button, 1, value)
        self.group.idClicked.connect(self.rated.emit)
        low_label = plain_label(low, wrap=False)
        high_label = plain_label(high, wrap=False)
        high_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        grid.addWidget(low_label, 2, 0, 1, 5)
        grid.addWidget(high_label, 2, 6, 1, 5)
        for first, second in itertools.pairwise(self.buttons):
            QWidget.setTabOrder(first, second)

    @property
    def value(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def set_value(self, value: int | None) -> None:
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[value].setChecked(True)

    def choose(self, value: int) -> None:
        """As a click on a number would."""
        self.buttons[value].click()


def pain_scale(question: str) -> RatingScale:
    return RatingScale(
        question,
        # Translators: the ends of a 0-10 pain scale; keep the number first.
        _("0  no pain"),
        _("10  worst imaginable"),
        _("Pain {value} out of 10"),
    )


def effort_scale() -> RatingScale:
    return RatingScale(
        _("How hard did the session feel?"),
        # Translators: the ends of a 0-10 scale of how hard a session felt.
        _("0  nothing at all"),
        _("10  as hard as I could"),
        _("Effort {value} out of 10"),
    )
