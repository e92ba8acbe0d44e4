"""The editor's form for the routine's own keys and its home program."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ..core import i18n
from ..core.draft import FieldPath, RoutineDraft
from ..core.fields import SCHEDULE_FIELDS, by_key
from ..core.i18n import _, around_number, ngettext
from ..core.model import WEEKDAYS
from .editor_parts import form_page, labelled, line_edit, shown_count, text_edit

PER_DAY = by_key(SCHEDULE_FIELDS)["per_day"]


class RoutineForm(QWidget):
    """edited(path, text, what) when the person changes a value; program_toggled(on)
    for the home program box; refused(why) for a change the form did not take."""

    edited = Signal(object, str, str)
    program_toggled = Signal(bool)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[FieldPath, QWidget] = {}
        self.labels: dict[FieldPath, QLabel] = {}
        self.titles: dict[FieldPath, str] = {}  # what an edit of it is called (Undo)
        self.filling = False
        # Translators: the heading of the editor's form for the routine as a whole.
        page, form = form_page(_("Routine"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        # Translators: the routine's name; the field's hint is "What you call it".
        self._row(form, _("Name:"), self._line(("name",), _("What you call it")), ("name",))
        # Translators: the routine's summary, written on one line.
        self._row(form, _("Summary:"), self._line(("summary",), _("One line")), ("summary",))
        self._row(form, _("Description:"), self._text(("description",), 4), ("description",))
        # Translators: the hint in the empty Tags field: example tags, separated by commas.
        self._row(form, _("Tags:"), self._line(("tags",), _("physio, desk")), ("tags",))
        # Translators: the time to get into position before the first exercise. Its hint
        # "5s, the usual" shows how a time is written in a routine file: keep "5s".
        prepare = self._line(("prepare",), _("5s, the usual"))
        self._row(form, _("Get ready:"), prepare, ("prepare",))
        self._program(form)
        # Translators: a warning for the person doing the routine (medical caution).
        self._row(form, _("Caution:"), self._text(("caution",), 3), ("caution",))

    def _emit(self, path: FieldPath, text: str, what: str = "") -> None:
        if not self.filling:
            self.edited.emit(path, text, what or self.titles.get(path, ""))

    def _row(self, form: QFormLayout, title: str, widget: QWidget, path: FieldPath) -> None:
        self.labels[path] = labelled(form, title, widget)
        self.titles[path] = widget.accessibleName()  # the title without its colon

    def _line(self, path: FieldPath, placeholder: str) -> QLineEdit:
        edit = line_edit(placeholder, lambda text: self._emit(path, text))
        self.fields[path] = edit
        return edit

    def _text(self, path: FieldPath, lines: int) -> QPlainTextEdit:
        edit = text_edit(lines, lambda text: self._emit(path, text))
        self.fields[path] = edit
        return edit

    def _program(self, form: QFormLayout) -> None:
        self.program = QCheckBox()
        self.program.toggled.connect(self._program_toggled)
        self.per_day = QSpinBox()
        assert PER_DAY.low is not None and PER_DAY.high is not None
        self.per_day.setRange(int(PER_DAY.low), int(PER_DAY.high))
        self.per_day.setAccessibleName(_("Sessions a day"))
        self.per_day.valueChanged.connect(
            lambda v: self._emit(("schedule", "per_day"), str(v), _("Sessions a day"))
        )
        self.times_a_day = QLabel()
        self.per_day.valueChanged.connect(self._say_program)
        self._say_program(self.per_day.value())
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.program)
        row.addWidget(self.per_day)
        row.addWidget(self.times_a_day)
        row.addStretch(1)
        program = QWidget()
        program.setLayout(row)
        # Translators: a routine's home program: how many times a day, on which days.
        self._row(form, _("Schedule:"), program, ("schedule", "per_day"))
        days = QGridLayout()
        days.setContentsMargins(0, 0, 0, 0)
        self.days: dict[str, QCheckBox] = {}
        first = i18n.first_weekday()  # the week laid out as the person's calendar has it
        for number, day in enumerate(WEEKDAYS):
            box = QCheckBox(i18n.day_name(number, "abbreviated"))
            # Translators: a screen reader's name for a day's box: "Program on Monday".
            box.setAccessibleName(_("Program on {day}").format(day=i18n.day_name(number)))
            box.toggled.connect(self._days_toggled)
            self.days[day] = box
            place = (number - first) % len(WEEKDAYS)
            days.addWidget(box, place // 4, place % 4)
        holder = QWidget()
        holder.setLayout(days)
        # Translators: the days of the week a home program is done on.
        self._row(form, _("On:"), holder, ("schedule", "days"))

    def _say_program(self, count: int) -> None:
        """One sentence around the spin box: the words before it on the check box,
        those after it beside it, in the order the language puts them."""
        # Translators: {count} is where a box to choose the number stands; the words
        # before it label a check box, those after it follow the box.
        before, after = around_number(
            lambda n: ngettext(
                "A home program, done {count} time a day",
                "A home program, done {count} times a day",
                n,
            ),
            count,
        )
        self.program.setText(before.strip())
        self.times_a_day.setText(after.strip())

    def _program_toggled(self, on: bool) -> None:
        if not self.filling:
            self.program_toggled.emit(on)

    def _days_toggled(self) -> None:
        if self.filling:
            return
        chosen = [d for d, box in self.days.items() if box.isChecked()]
        if not chosen:  # no day at all is no program: keep the last one
            box = self.sender()
            if isinstance(box, QCheckBox):
                blocked = box.blockSignals(True)
                box.setChecked(True)
                box.blockSignals(blocked)
            self.refused.emit(_("A program needs at least one day."))
            return
        # The value written to the file (`days: mon, wed`): the routine format's words
        # and separator, in every language; the boxes show the translated day names.
        text = "" if len(chosen) == len(WEEKDAYS) else ", ".join(chosen)
        # Translators: what an undoable edit changed: "Edit Days".
        self._emit(("schedule", "days"), text, _("Days"))

    def fill(self, draft: RoutineDraft) -> None:
        was, self.filling = self.filling, True
        try:
            for path, widget in self.fields.items():
                value = draft.get(str(path[0]))
                if isinstance(widget, QLineEdit) and widget.text() != value:
                    widget.setText(value)
                    widget.setCursorPosition(0)  # long text shows its beginning
                elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                    widget.setPlainText(value)
            schedule = draft.schedule
            self.program.setChecked(schedule is not None)
            self.per_day.setEnabled(schedule is not None)
            self.per_day.setValue(shown_count((schedule or {}).get("per_day", "1"), self.per_day))
            chosen = [d.strip() for d in (schedule or {}).get("days", "").split(",") if d.strip()]
            for day, box in self.days.items():
                box.setEnabled(schedule is not None)
                box.setChecked(schedule is not None and (not chosen or day in chosen))
        finally:
            self.filling = was
