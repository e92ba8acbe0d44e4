"""A routine's detail: what it is, how long it takes, its steps and doses, its cautions."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.discovery import Entry, Source
from ..core.durations import format_duration
from ..core.model import ExerciseStep, RestStep, Routine
from ..core.problems import counted
from .library import problem_color, time_text
from .pictures import picture

THUMB_W, THUMB_H = 120, 90


def plain_label(text: str, *, wrap: bool = True, selectable: bool = False) -> QLabel:
    """A label that never interprets its text: routine files are shown as plain text."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _scaled(label: QLabel, factor: float, bold: bool = False) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)
    return label


def schedule_text(routine: Routine) -> str:
    return routine.schedule.describe() if routine.schedule else ""


class CautionBox(QFrame):
    """Safety text, set apart so it is not missed."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.setObjectName("caution")
        self.setStyleSheet(
            "#caution { border-left: 4px solid #d08a00; background: rgba(208, 138, 0, 0.12);"
            " border-radius: 4px; }"
        )
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(12, 8, 12, 8)
        self.column.addWidget(_scaled(plain_label(title), 1.0, bold=True))
        self.text = plain_label(text)
        self.column.addWidget(self.text)
        self.setAccessibleName(f"{title} {text}")


class RoutineDetail(QScrollArea):
    """Shows one entry of the library, with a Start button when it can run."""

    start_requested = Signal(object)  # the Routine
    edit_requested = Signal(object)  # the Entry

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Text wraps to the width; nothing should ever hide off to the side.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Routine details")
        self.entry: Entry | None = None
        self.show_entry(None)

    def changeEvent(self, event: QEvent) -> None:
        """Large text switched on or off: the headings, sized from the text around
        them when drawn, are drawn again at the new size."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.show_entry(self.entry)

    def show_entry(self, entry: Entry | None) -> None:
        self.entry = entry
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 24)
        layout.setSpacing(10)
        if entry is None:
            hint = plain_label("Choose a routine on the left to see its steps.")
            hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addStretch()
            layout.addWidget(hint)
            layout.addStretch()
        else:
            self._fill(layout, entry)
            layout.addStretch()
        self.setWidget(page)

    def _fill(self, layout: QVBoxLayout, entry: Entry) -> None:
        routine = entry.result.routine
        title = _scaled(plain_label(entry.result.name), 1.6, bold=True)
        title.setObjectName("routineTitle")
        top = QHBoxLayout()
        top.addWidget(title, 1)
        if routine is not None:
            start = QPushButton("Start")
            start.setObjectName("startButton")
            start.setAccessibleName(f"Start {routine.name}")
            start.setMinimumSize(120, 44)
            start.setFont(_scaled(QLabel(), 1.2, bold=True).font())
            start.clicked.connect(lambda: self.start_requested.emit(routine))
            top.addWidget(start, 0, Qt.AlignmentFlag.AlignTop)
        edit = QPushButton("Edit")
        edit.setObjectName("editButton")
        edit.setAccessibleName(f"Edit {entry.result.name}")
        edit.setToolTip("Change this routine (Ctrl+E)")
        edit.setMinimumHeight(44)
        edit.clicked.connect(lambda: self.edit_requested.emit(entry))
        top.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if routine is not None and routine.summary:
            layout.addWidget(_scaled(plain_label(routine.summary), 1.1))
        layout.addWidget(plain_label(self._facts(entry)))
        if routine is None:
            self._problems(layout, entry, "This routine cannot run until these problems are fixed:")
            return
        if routine.caution:
            layout.addWidget(CautionBox("Before you start", routine.caution))
        if routine.description:
            layout.addWidget(plain_label(routine.description))
        heading = _scaled(plain_label("Steps"), 1.2, bold=True)
        layout.addSpacing(6)
        layout.addWidget(heading)
        for number, step in enumerate(routine.steps, start=1):
            layout.addWidget(self._step_row(number, step))
        if entry.problems:
            self._problems(layout, entry, "Notes on this file:")

    @staticmethod
    def _facts(entry: Entry) -> str:
        routine = entry.result.routine
        facts = []
        if routine is not None:
            facts.append(f"Total {time_text(entry)}")
            count = sum(isinstance(s, ExerciseStep) for s in routine.steps)
            facts.append(counted(count, "exercise"))
            if routine.schedule:
                facts.append(schedule_text(routine))
            if routine.tags:
                facts.append("Tags: " + ", ".join(routine.tags))
        if entry.source is Source.BUNDLED:
            facts.append("Comes with BackRoutine")
        elif entry.overrides_bundled:
            facts.append("Your own version of a bundled routine")
        else:
            facts.append("Your routine")
        return "  ·  ".join(facts)

    def _problems(self, layout: QVBoxLayout, entry: Entry, heading: str) -> None:
        layout.addSpacing(6)
        layout.addWidget(_scaled(plain_label(heading), 1.0, bold=True))
        for problem in entry.problems:
            where = f"Line {problem.line}, column {problem.column}"
            label = plain_label(
                f"{problem.severity.value.capitalize()} · {where}: {problem.message}",
                selectable=True,
            )
            if problem.is_error:
                label.setStyleSheet(f"color: {problem_color(label.palette()).name()};")
            layout.addWidget(label)
        layout.addWidget(plain_label(f"File: {entry.path}", selectable=True))

    def _step_row(self, number: int, step: ExerciseStep | RestStep) -> QWidget:
        row = QFrame()
        row.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(row)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(14)
        thumb = QLabel()
        thumb.setFixedSize(THUMB_W, THUMB_H)
        thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(thumb, 0, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        if isinstance(step, ExerciseStep):
            pixmap = picture(step.image, THUMB_W, THUMB_H)
            if not pixmap.isNull():
                thumb.setPixmap(pixmap)
                thumb.setAccessibleName(f"Picture: {step.name}")
            name = _scaled(plain_label(f"{number}. {step.name}"), 1.05, bold=True)
            grid.addWidget(name, 0, 1)
            grid.addWidget(plain_label(step.describe()), 1, 1)
            text = step.instructions
            if step.caution:
                text = f"{text}\n\nCaution: {step.caution}" if text else f"Caution: {step.caution}"
            body = plain_label(text)
            grid.addWidget(body, 2, 1)
            row.setAccessibleName(f"Step {number}: {step.name}, {step.describe()}")
        else:
            seconds, note = step.seconds, step.note
            grid.addWidget(_scaled(plain_label(f"{number}. Rest"), 1.05, bold=True), 0, 1)
            grid.addWidget(plain_label(format_duration(seconds)), 1, 1)
            if note:
                grid.addWidget(plain_label(note), 2, 1)
            row.setAccessibleName(f"Step {number}: rest {format_duration(seconds)}")
        grid.setColumnStretch(1, 1)
        return row
