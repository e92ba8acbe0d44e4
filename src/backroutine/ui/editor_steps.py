"""The editor's form for one step: an exercise (its dose rows built from the field
table in core/fields.py) or a rest, with each problem under the field it is about."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QWidget,
)

from ..core.draft import StepDraft
from ..core.fields import DOSE_FORMS, EXERCISE_FIELDS, REST_FIELDS, Field, Kind, by_key
from ..core.i18n import N_, _, around_number, ngettext, pgettext
from ..core.phrases import NO_PICTURE
from ..core.placing import DOSE_FIELDS, DOSE_ROW, FORMS, Placement, dose_of
from .detail import plain_label
from .editor_parts import form_page, labelled, line_edit, show_problems, shown_count, text_edit

EXERCISE = by_key(EXERCISE_FIELDS)
REST = by_key(REST_FIELDS)
# The exercise form's rows, in order; DOSE_ROW is the dose chooser.
ROWS = (
    "exercise",
    "instructions",
    "image",
    DOSE_ROW,
    *DOSE_FIELDS,
    "sets",
    "rest_between_sets",
    "sides",
    "prepare",
    "caution",
)
# The hints in empty fields: words (translated where shown) ...
PLACEHOLDERS = {
    # Translators: the hint in an exercise's empty name field: an example exercise.
    "exercise": N_("Bridge"),
    # Translators: the hint for the rest between sets; keep "15s" as it is written
    # (it is how a time is written in a routine file).
    "rest_between_sets": N_("15s, the usual"),
    # Translators: the hint for an exercise's get-ready time: the routine's is used.
    "prepare": N_("as the routine says"),
    "image": NO_PICTURE,
}
# ... and values as a routine file writes them, which are never translated.
EXAMPLES = {"hold": "10s", "duration": "1m", "tempo": "3s", "rest": "none"}
TEXT_LINES = {"instructions": 5, "caution": 3}
REST_STEP = "rest_step"  # the label of a rest step's length (a rest step's "rest")
EMPTY, EXERCISE_PAGE, REST_PAGE = range(3)


def title(field: Field) -> str:
    # Translators: a field's label in the editor's form: its name and a colon.
    return _("{field}:").format(field=field.title())


def hint(key: str) -> str:
    """The hint shown in an empty field: translated words, or a value as written."""
    return _(PLACEHOLDERS[key]) if key in PLACEHOLDERS else EXAMPLES.get(key, "")


class StepForm(QStackedWidget):
    """edited(key, text, what) when the person changes a value; dose_chosen(kind) when
    they choose another dose; picture_wanted() for the Choose… button."""

    edited = Signal(str, str, str)
    dose_chosen = Signal(str)
    picture_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.filling = False
        self.addWidget(plain_label(_("Add an exercise or a rest to begin.")))
        self.addWidget(self._exercise_form())
        self.addWidget(self._rest_form())

    def _edited(self, key: str, text: str, what: str = "") -> None:
        if not self.filling:
            field = EXERCISE.get(key) or REST.get(key)
            self.edited.emit(key, text, what or (field.title() if field else key))

    # -- building ----------------------------------------------------------------

    def _exercise_form(self) -> QWidget:
        # Translators: the heading of the editor's form for an exercise step.
        page, form = form_page(pgettext("step kind", "Exercise"))
        for key in ROWS:
            if key == DOSE_ROW:
                self.dose = QComboBox()
                for dose in DOSE_FORMS:
                    self.dose.addItem(dose.title(), dose.kind)
                self.dose.activated.connect(lambda i: self.dose_chosen.emit(self.dose.itemData(i)))
                # Translators: how much of an exercise: held for a time, a number of reps...
                self.labels[DOSE_ROW] = labelled(form, _("Dose:"), self.dose)
                continue
            field = EXERCISE[key]
            widget = self._widget(field)
            self.labels[key] = labelled(form, title(field), widget)
        self.dose_rows = form
        return page

    def _widget(self, field: Field) -> QWidget:
        key = field.key
        if field.kind is Kind.TEXT:
            edit = text_edit(TEXT_LINES.get(key, 3), lambda t: self._edited(key, t))
            self.fields[key] = edit
            return edit
        if field.kind is Kind.COUNT:
            return self._count(field)
        if field.kind is Kind.CHOICE:
            return self._choice(field)
        line = line_edit(hint(key), lambda t: self._edited(key, t))
        self.fields[key] = line
        if field.kind is not Kind.IMAGE:
            return line
        self.picture_path = line
        # Translators: a button that opens a file dialog to choose an exercise's picture.
        choose = QPushButton(_("Choose…"))
        choose.setAccessibleName(_("Choose a picture"))
        choose.clicked.connect(self.picture_wanted.emit)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(line, 1)
        row.addWidget(choose)
        holder = QWidget()
        holder.setLayout(row)
        return holder

    def _count(self, field: Field) -> QSpinBox:
        assert field.low is not None and field.high is not None
        spin = QSpinBox()
        spin.setRange(int(field.low), int(field.high))
        if field.key == "reps":  # "1 time", "3 times", the number where the language has it
            spin.valueChanged.connect(lambda v: say_times(spin, v))
            say_times(spin, spin.value())
        spin.valueChanged.connect(lambda v: self._edited(field.key, str(v)))
        self.fields[field.key] = spin
        return spin

    def _choice(self, field: Field) -> QComboBox:
        box = QComboBox()
        # Translators: the choice that leaves a step's "{key}" out ("No sides": the
        # exercise is not done one side at a time); {key} is a word of the routine
        # format and stays as it is.
        box.addItem(_("No {key}").format(key=field.key), "")
        for choice, text in zip(field.choices, field.choice_titles(), strict=True):
            box.addItem(text, choice)
        key, what = field.key, field.title()
        box.activated.connect(lambda i: self._edited(key, str(box.itemData(i)), what))
        self.sides = box
        return box

    def _rest_form(self) -> QWidget:
        # Translators: the heading of the editor's form for a rest step (a pause).
        page, form = form_page(pgettext("step kind", "Rest"))
        rest, note = REST["rest"], REST["note"]
        self.rest_length = line_edit("30s", lambda t: self._edited("rest", t, rest.title()))
        self.labels[REST_STEP] = labelled(form, title(rest), self.rest_length)
        self.rest_note = text_edit(3, lambda t: self._edited("note", t, note.title()))
        self.labels["note"] = labelled(form, title(note), self.rest_note)
        return page

    # -- showing a step ------------------------------------------------------------

    def fill(self, step: StepDraft | None) -> None:
        was, self.filling = self.filling, True
        try:
            if step is None:
                self.setCurrentIndex(EMPTY)
            elif step.rest_step:
                self.setCurrentIndex(REST_PAGE)
                if self.rest_length.text() != step.get("rest"):
                    self.rest_length.setText(step.get("rest"))
                if self.rest_note.toPlainText() != step.get("note"):
                    self.rest_note.setPlainText(step.get("note"))
            else:
                self.setCurrentIndex(EXERCISE_PAGE)
                self._fill_exercise(step)
        finally:
            self.filling = was

    def _fill_exercise(self, step: StepDraft) -> None:
        for key, widget in self.fields.items():
            value = step.get(key)
            if isinstance(widget, QLineEdit) and widget.text() != value:
                widget.setText(value)
            elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                widget.setPlainText(value)
            elif isinstance(widget, QSpinBox):
                widget.setValue(shown_count(value, widget))
        kind = dose_of(step)
        self.dose.setCurrentIndex(self.dose.findData(kind))
        self.sides.setCurrentIndex(max(0, self.sides.findData(step.get("sides"))))
        shown = FORMS[kind].shows
        for key in DOSE_FIELDS:
            holder = self.fields[key].parentWidget()
            if holder is not None:
                self.dose_rows.setRowVisible(holder, key in shown)

    def show_problems(self, placement: Placement, index: int | None) -> set[tuple[object, ...]]:
        """Each label shows the problems of its field in step index; the paths shown."""
        shown: set[tuple[object, ...]] = set()
        for key, label in self.labels.items():
            path = ("steps", index, "rest" if key == REST_STEP else key)
            show_problems(label, placement.at(path) if index is not None else [], self.palette())
            shown.add(path)
        return shown


def say_times(spin: QSpinBox, count: int) -> None:
    """The reps box reads "3 times": the words around the number, as the language
    puts them."""
    # Translators: how many times an exercise is done (its reps); {count} is the
    # number in a box that can be changed.
    before, after = around_number(lambda n: ngettext("{count} time", "{count} times", n), count)
    spin.setPrefix(before)
    spin.setSuffix(after)
