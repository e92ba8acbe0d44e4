"""Small pieces of the routine editor: its fields, problem labels and timeline strip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.draft import StepDraft, whole_number
from ..core.i18n import _, ngettext
from ..core.problems import Problem
from ..core.timeline import PeriodKind, Timeline
from .detail import plain_label
from .library import problem_color


def as_sentence(problem: Problem) -> str:
    """A problem's message with a capital letter, as the editor shows it."""
    return problem.message[:1].upper() + problem.message[1:]


def beside_field(problem: Problem) -> str:
    """A problem's message as shown under its field; a warning marked as a note."""
    text = as_sentence(problem)
    # Translators: a warning shown under a field of the editor; {message} says what it is.
    return text if problem.is_error else _("Note: {message}").format(message=text)


def step_title(number: int, step: StepDraft) -> str:
    """A row of the editor's step list: "2. Bridge", "3. Rest 30s (breathe out)"."""
    if step.rest_step:
        note, length = step.get("note").split("\n")[0], step.get("rest")
        if note:
            # Translators: a rest step in the editor's list: its number, its length as
            # written in the routine file ("30s") and the first line of its note.
            return _("{number}. Rest {length} ({note})").format(
                number=number, length=length, note=note
            )
        # Translators: a rest step in the editor's list: its number and its length.
        return _("{number}. Rest {length}").format(number=number, length=length)
    name = step.get("exercise") or _("(no name yet)")
    # Translators: an exercise in the editor's list: its number and its name.
    return _("{number}. {name}").format(number=number, name=name)


def problem_elsewhere(problem: Problem, step: int) -> str:
    """A problem shown below the form, not beside a field; step is its step's number,
    0 when it is about the routine as a whole."""
    message = as_sentence(problem)
    if step and problem.is_error:
        # Translators: a problem with a step of the routine; {number} is the step's.
        return _("Error: Step {number}: {message}").format(number=step, message=message)
    if step:
        return _("Note: Step {number}: {message}").format(number=step, message=message)
    if problem.is_error:
        return _("Error: {message}").format(message=message)
    return _("Note: {message}").format(message=message)


def with_exercises(total: str, exercises: int) -> str:
    """The editor's line under the form: "Total 3:28  ·  2 exercises"."""
    # Translators: {total} is the routine's length ("Total 3:28"), then how many
    # exercises it has.
    counts = ngettext("{total}  ·  {count} exercise", "{total}  ·  {count} exercises", exercises)
    return counts.format(total=total, count=exercises)


def cannot_save_yet(errors: int) -> str:
    """Why Save is off, in its tooltip and the status bar."""
    return ngettext(
        "Cannot save yet: {count} problem to fix",
        "Cannot save yet: {count} problems to fix",
        errors,
    ).format(count=errors)


def shown_count(text: str, spin: QSpinBox) -> int:
    """A count's text as its spin box can show it (the draft keeps the text as written;
    a value out of range is reported beside the box)."""
    if not whole_number(text):
        return spin.minimum()
    return max(spin.minimum(), min(spin.maximum(), int(text.strip().split(".")[0])))


def line_edit(placeholder: str, edited: Callable[[str], None]) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.textEdited.connect(edited)  # typed by the person, not filled in by the form
    return edit


def text_edit(lines: int, edited: Callable[[str], None]) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    edit.textChanged.connect(lambda: edited(edit.toPlainText()))
    return edit


def form_page(title: str = "") -> tuple[QWidget, QFormLayout]:
    """A form whose rows keep their natural height, with any spare room below."""
    page = QWidget()
    column = QVBoxLayout(page)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    # A field goes under its label where both would not fit side by side: a long
    # label ("Odpoczynek między seriami") must not make the window wider than a screen.
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    column.addLayout(form)
    column.addStretch(1)
    if title:
        heading = plain_label(title)
        heading.setStyleSheet("font-weight: bold;")
        form.addRow(heading)
    return page, form


FIELD_WIDTH = 24  # characters: the narrowest a field beside its label may be

# What a form's label may end with: "Name:", "Nom :" (a no-break space), a full-width
# colon in Chinese and Japanese; a screen reader's name leaves it out.
COLONS = ":\uff1a\u00a0\u202f "


def labelled(form: QFormLayout, title: str, widget: QWidget) -> QLabel:
    """A form row: the field with a problem label under it (hidden until needed)."""
    label = plain_label("")
    label.setStyleSheet(f"color: {problem_color(widget.palette()).name()};")
    label.hide()
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(label)
    widget.setAccessibleName(title.rstrip(COLONS))
    # Never squeezed narrower than a few words beside a long label: the form puts it
    # under its label instead (WrapLongRows).
    holder.setMinimumWidth(
        max(holder.minimumSizeHint().width(), FIELD_WIDTH * holder.fontMetrics().averageCharWidth())
    )
    form.addRow(title, holder)
    return label


def show_problems(label: QLabel, found: list[Problem], palette: QPalette) -> None:
    """The problems about one field, under it: red for an error, grey for a note."""
    label.setText("\n".join(beside_field(p) for p in found))
    error = any(p.is_error for p in found)
    colour = problem_color(palette) if error else palette.placeholderText().color()
    label.setStyleSheet(f"color: {colour.name()};")
    label.setVisible(bool(found))


class TimelineStrip(QWidget):
    """The routine at a glance: each period as a bar as wide as its time, the first
    at the side where reading starts (the right, in a right-to-left language)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.setMinimumHeight(18)
        self.setAccessibleName(_("Timeline"))

    def sizeHint(self) -> QSize:
        return QSize(400, 18)

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self.setVisible(timeline is not None)  # kept hidden while it would be out of date
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(palette.ColorRole.Base))
        timeline = self.timeline
        if timeline is None or not timeline.periods:
            return
        seconds = [p.seconds if p.seconds is not None else 5.0 for p in timeline.periods]
        total = sum(seconds) or 1.0
        x = 0.0
        width = self.width()
        colours = {
            "work": palette.color(palette.ColorRole.Highlight),
            "rest": QColor("#7fb0a4"),
            "other": palette.color(palette.ColorRole.Mid),
        }
        for period, length in zip(timeline.periods, seconds, strict=True):
            span = width * length / total
            if period.kind.is_work:
                colour = colours["work"]
            elif period.kind is PeriodKind.REST:
                colour = colours["rest"]
            else:
                colour = colours["other"]
            start, end = int(x), int(x + span)
            if self.isRightToLeft():  # time runs the way the text does
                start, end = width - end, width - start
            painter.fillRect(start, 2, max(1, end - start - 1), self.height() - 4, colour)
            x += span


def scrolled(widget: QWidget) -> QScrollArea:
    """widget in a scroll area wide enough for it: nothing is cut off at the side."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    bar = scroll.verticalScrollBar().sizeHint().width()
    scroll.setMinimumWidth(widget.minimumSizeHint().width() + bar + 4)
    return scroll
