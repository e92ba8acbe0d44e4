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
from ..core.durations import say_duration
from ..core.i18n import _, ngettext, pgettext
from ..core.model import ExerciseStep, RestStep, Routine
from ..core.phrases import tags_text
from ..core.problems import Severity
from .library import problem_color, time_text
from .pictures import picture
from .player_words import picture_name, rest_word

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


def striped(frame: QFrame, shade: float) -> str:
    """A frame set apart by an amber stripe on the side where lines start (style
    sheets do not mirror, so the stripe is on the right in Arabic)."""
    side = "right" if frame.isRightToLeft() else "left"
    return (
        f"#{frame.objectName()} {{ border-{side}: 4px solid #d08a00;"
        f" background: rgba(208, 138, 0, {shade}); border-radius: 4px; }}"
    )


class CautionBox(QFrame):
    """Safety text, set apart so it is not missed."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.setObjectName("caution")
        self.setStyleSheet(striped(self, 0.12))
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(12, 8, 12, 8)
        self.column.addWidget(_scaled(plain_label(title), 1.0, bold=True))
        self.title = title
        self.text = plain_label("")
        self.column.addWidget(self.text)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        """The box's words, and its name for screen readers (the heading, then the words)."""
        self.text.setText(text)
        # Translators: read by screen readers: a safety heading, then its text.
        self.setAccessibleName(_("{title}: {text}").format(title=self.title, text=text))


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
        self.setAccessibleName(_("Routine details"))
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
            hint = plain_label(_("Choose a routine in the list to see its steps."))
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
            # Translators: the button that starts the chosen routine in the player.
            start = QPushButton(pgettext("routine", "Start"))
            start.setObjectName("startButton")
            start.setAccessibleName(_("Start {routine}").format(routine=routine.name))
            start.setMinimumSize(120, 44)
            start.setFont(_scaled(QLabel(), 1.2, bold=True).font())
            start.clicked.connect(lambda: self.start_requested.emit(routine))
            top.addWidget(start, 0, Qt.AlignmentFlag.AlignTop)
        edit = QPushButton(pgettext("routine", "Edit"))
        edit.setObjectName("editButton")
        edit.setAccessibleName(_("Edit {routine}").format(routine=entry.result.name))
        edit.setToolTip(_("Change this routine (Ctrl+E)"))
        edit.setMinimumHeight(44)
        edit.clicked.connect(lambda: self.edit_requested.emit(entry))
        top.addWidget(edit, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        if routine is not None and routine.summary:
            layout.addWidget(_scaled(plain_label(routine.summary), 1.1))
        layout.addWidget(plain_label(self._facts(entry)))
        if routine is None:
            blocked = _("This routine cannot run until these problems are fixed:")
            self._problems(layout, entry, blocked)
            return
        if routine.caution:
            layout.addWidget(CautionBox(_("Before you start"), routine.caution))
        if routine.description:
            layout.addWidget(plain_label(routine.description))
        # Translators: the heading above the list of a routine's steps (its exercises and rests).
        heading = _scaled(plain_label(_("Steps")), 1.2, bold=True)
        layout.addSpacing(6)
        layout.addWidget(heading)
        for number, step in enumerate(routine.steps, start=1):
            layout.addWidget(self._step_row(number, step))
        if entry.problems:
            self._problems(layout, entry, _("Notes on this file:"))

    @staticmethod
    def _facts(entry: Entry) -> str:
        routine = entry.result.routine
        facts = []
        if routine is not None:
            # Translators: how long the routine takes; {time} is such as 2:30.
            facts.append(_("Total {time}").format(time=time_text(entry)))
            count = sum(isinstance(s, ExerciseStep) for s in routine.steps)
            facts.append(
                ngettext("{count} exercise", "{count} exercises", count).format(count=count)
            )
            if routine.schedule:
                facts.append(schedule_text(routine))
            if routine.tags:
                # Translators: {tags} is the routine's tags, separated by commas.
                facts.append(_("Tags: {tags}").format(tags=tags_text(routine.tags)))
        if entry.source is Source.BUNDLED:
            facts.append(_("Comes with BackRoutine"))
        elif entry.overrides_bundled:
            facts.append(_("Your own version of a bundled routine"))
        else:
            facts.append(_("Your routine"))
        return "  ·  ".join(facts)

    def _problems(self, layout: QVBoxLayout, entry: Entry, heading: str) -> None:
        layout.addSpacing(6)
        layout.addWidget(_scaled(plain_label(heading), 1.0, bold=True))
        for problem in entry.problems:
            if problem.severity is Severity.ERROR:
                # Translators: a problem in a routine file, where it is, and what it is.
                text = _("Error · Line {line}, column {column}: {message}")
            else:
                text = _("Warning · Line {line}, column {column}: {message}")
            label = plain_label(
                text.format(line=problem.line, column=problem.column, message=problem.message),
                selectable=True,
            )
            if problem.is_error:
                label.setStyleSheet(f"color: {problem_color(label.palette()).name()};")
            layout.addWidget(label)
        layout.addWidget(plain_label(_("File: {path}").format(path=entry.path), selectable=True))

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
                thumb.setAccessibleName(picture_name(step.name))
            # Translators: a step's number and its exercise's name: "1. Cat-camel".
            numbered = _("{number}. {exercise}").format(number=number, exercise=step.name)
            name = _scaled(plain_label(numbered), 1.05, bold=True)
            grid.addWidget(name, 0, 1)
            grid.addWidget(plain_label(step.describe()), 1, 1)
            text = step.instructions
            if step.caution:
                # Translators: an exercise's safety warning, under its instructions.
                caution = _("Caution: {text}").format(text=step.caution)
                text = f"{text}\n\n{caution}" if text else caution
            body = plain_label(text)
            grid.addWidget(body, 2, 1)
            # Translators: read by screen readers; {dose} is such as "3 x hold 10s".
            named = _("Step {number}: {exercise}, {dose}")
            row.setAccessibleName(
                named.format(number=number, exercise=step.name, dose=step.describe())
            )
        else:
            seconds, note = step.seconds, step.note
            numbered = _("{number}. {exercise}").format(number=number, exercise=rest_word())
            grid.addWidget(_scaled(plain_label(numbered), 1.05, bold=True), 0, 1)
            grid.addWidget(plain_label(say_duration(seconds)), 1, 1)
            if note:
                grid.addWidget(plain_label(note), 2, 1)
            # Translators: read by screen readers; a rest is a pause of {duration}.
            named = _("Step {number}: rest {duration}")
            row.setAccessibleName(named.format(number=number, duration=say_duration(seconds)))
        grid.setColumnStretch(1, 1)
        return row
