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

from ..core.draft import FieldPath, RoutineDraft
from ..core.fields import SCHEDULE_FIELDS, by_key
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
        self.filling = False
        page, form = form_page("Routine")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page)
        self._row(form, "Name:", self._line(("name",), "What you call it"), ("name",))
        self._row(form, "Summary:", self._line(("summary",), "One line"), ("summary",))
        self._row(form, "Description:", self._text(("description",), 4), ("description",))
        self._row(form, "Tags:", self._line(("tags",), "physio, desk"), ("tags",))
        self._row(form, "Get ready:", self._line(("prepare",), "5s, the usual"), ("prepare",))
        self._program(form)
        self._row(form, "Caution:", self._text(("caution",), 3), ("caution",))

    def _emit(self, path: FieldPath, text: str, what: str = "") -> None:
        if not self.filling:
            self.edited.emit(path, text, what)

    def _row(self, form: QFormLayout, title: str, widget: QWidget, path: FieldPath) -> None:
        self.labels[path] = labelled(form, title, widget)

    def _line(self, path: FieldPath, placeholder: str) -> QLineEdit:
        edit = line_edit(placeholder, lambda text: self._emit(path, text))
        self.fields[path] = edit
        return edit

    def _text(self, path: FieldPath, lines: int) -> QPlainTextEdit:
        edit = text_edit(lines, lambda text: self._emit(path, text))
        self.fields[path] = edit
        return edit

    def _program(self, form: QFormLayout) -> None:
        self.program = QCheckBox("A home program, done")
        self.program.toggled.connect(self._program_toggled)
        self.per_day = QSpinBox()
        assert PER_DAY.low is not None and PER_DAY.high is not None
        self.per_day.setRange(int(PER_DAY.low), int(PER_DAY.high))
        self.per_day.setAccessibleName("Sessions a day")
        self.per_day.valueChanged.connect(
            lambda v: self._emit(("schedule", "per_day"), str(v), "Sessions a day")
        )
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.program)
        row.addWidget(self.per_day)
        row.addWidget(QLabel("times a day"))
        row.addStretch(1)
        program = QWidget()
        program.setLayout(row)
        self._row(form, "Schedule:", program, ("schedule", "per_day"))
        days = QGridLayout()
        days.setContentsMargins(0, 0, 0, 0)
        self.days: dict[str, QCheckBox] = {}
        for number, day in enumerate(WEEKDAYS):
            box = QCheckBox(day.capitalize())
            box.setAccessibleName(f"Program on {day}")
            box.toggled.connect(self._days_toggled)
            self.days[day] = box
            days.addWidget(box, number // 4, number % 4)
        holder = QWidget()
        holder.setLayout(days)
        self._row(form, "On:", holder, ("schedule", "days"))

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
            self.refused.emit("A program needs at least one day.")
            return
        text = "" if len(chosen) == len(WEEKDAYS) else ", ".join(chosen)
        self._emit(("schedule", "days"), text, "days")

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
