"""The routine editor: a form for a routine and its steps, checked as you type.

The form edits a draft (core/draft.py) that keeps every value as typed; after
each change the draft is written out and checked by the same validator as
`backroutine validate`, and each problem is shown under the field it belongs
to. Every change is one step on an undo stack (merged while typing in one
field). Save is refused while there are errors; it writes atomically, keeps
the previous version as NAME.yaml.bak and keeps a hand-written file's comments.
A file changed on disk by something else is read again (after asking, when
there are unsaved edits).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.draft import (
    Checked,
    DraftError,
    FieldPath,
    RoutineDraft,
    StepDraft,
    check_draft,
    draft_from_text,
    new_exercise,
    whole_number,
)
from ..core.durations import format_clock
from ..core.files import copy_regular
from ..core.model import WEEKDAYS, Routine
from ..core.phrases import about_total
from ..core.problems import Problem, Severity, counted
from ..core.routine_files import (
    copy_picture_in,
    pictures_named_in,
    read_routine_text,
    routine_text,
    save_text,
)
from ..core.timeline import PeriodKind, Timeline, expand_timeline
from .detail import plain_label
from .library import problem_color

DOSES = (
    ("hold", "Hold, a number of times"),
    ("duration", "One continuous time"),
    ("reps", "Reps at your own pace"),
    ("tempo", "Reps at a set time each"),
)
SIDES = (
    ("", "No sides"),
    ("both", "Both sides, left then right"),
    ("left", "Left side only"),
    ("right", "Right side only"),
)
DOSE_FIELDS = ("hold", "duration", "reps", "tempo", "rest")
SHOWN_FOR = {  # the dose fields each dose shows
    "hold": ("hold", "reps", "rest"),
    "duration": ("duration",),
    "reps": ("reps",),
    "tempo": ("reps", "tempo"),
}
IMAGE_FILTER = "Pictures (*.png *.jpg *.jpeg *.gif *.svg *.webp *.bmp)"
CHECK_DELAY_MS = 150


def beside_field(problem: Problem) -> str:
    """A problem's message as shown under its field: without "step 3 (Bridge)", which
    the form already makes plain; a warning marked as a note."""
    text = re.sub(r"^step \d+ (\([^)]*\) )?", "", problem.message)
    text = text[:1].upper() + text[1:]
    return text if problem.is_error else f"Note: {text}"


def dose_of(step: StepDraft) -> str:
    if step.get("duration"):
        return "duration"
    if step.get("hold"):
        return "hold"
    if step.get("reps") and step.get("tempo"):
        return "tempo"
    return "reps" if step.get("reps") else "hold"


def step_title(number: int, step: StepDraft) -> str:
    if step.rest_step:
        note = step.get("note").split("\n")[0]
        return f"{number}. Rest {step.get('rest')}" + (f" ({note})" if note else "")
    return f"{number}. {step.get('exercise') or '(no name yet)'}"


def _shown_count(text: str, spin: QSpinBox) -> int:
    """A count's text as its spin box can show it (the draft keeps the text as written;
    a value out of range is reported beside the box)."""
    if not whole_number(text):
        return spin.minimum()
    return max(spin.minimum(), min(spin.maximum(), int(text.strip().split(".")[0])))


def _line_edit(placeholder: str, edited: Callable[[str], None]) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    edit.textEdited.connect(edited)  # typed by the person, not filled in by the form
    return edit


def _text_edit(lines: int, edited: Callable[[str], None]) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    edit.textChanged.connect(lambda: edited(edit.toPlainText()))
    return edit


def _form_page() -> tuple[QWidget, QFormLayout]:
    """A form whose rows keep their natural height, with any spare room below."""
    page = QWidget()
    column = QVBoxLayout(page)
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    column.addLayout(form)
    column.addStretch(1)
    return page, form


class Change(QUndoCommand):
    """One edit: the whole draft before and after (routines are small). Typing in
    one field is merged into one change."""

    def __init__(
        self,
        editor: EditorWindow,
        text: str,
        before: RoutineDraft,
        after: RoutineDraft,
        merge_key: FieldPath | None,
        step_before: int,
        step_after: int,
        applied: bool,
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.before, self.after = before, after
        self.merge_key = merge_key
        self.step_before, self.step_after = step_before, step_after
        self._applied = applied  # the form already shows it (the person typed it)

    def id(self) -> int:
        return 1 if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, Change) or other.merge_key != self.merge_key:
            return False
        self.after, self.step_after = other.after, other.step_after
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.editor.show_draft(self.after.copy(), self.step_after)

    def undo(self) -> None:
        self.editor.show_draft(self.before.copy(), self.step_before)


class TimelineStrip(QWidget):
    """The routine at a glance: each period as a bar as wide as its time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.setMinimumHeight(18)
        self.setAccessibleName("Timeline")

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
            painter.fillRect(
                int(x), 2, max(1, int(x + span) - int(x) - 1), self.height() - 4, colour
            )
            x += span


class EditorWindow(QMainWindow):
    """Edits one routine. saved(path) after a save; try_requested(Routine) for Try It."""

    saved = Signal(object)
    try_requested = Signal(object)
    closed = Signal()

    def __init__(
        self,
        draft: RoutineDraft,
        path: Path | None,
        routine_id: str,
        folder: Path,
        *,
        original_text: str | None = None,
        place_new: Callable[[str], tuple[str, Path]] | None = None,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.draft = draft
        self.path = path  # None: a new routine, placed when first saved
        self.routine_id = routine_id
        self.folder = folder  # where its pictures go, and where a new one is saved
        # The file as read (its steps are what the draft's steps point into, and its
        # comments are kept), and the file as last read or written (to notice when
        # another program changes it).
        self.base_text = original_text
        self.disk_text = original_text
        self.first_note = note
        self.place_new = place_new
        self.ask: Callable[[str, str], bool] = self._ask  # tests answer for the person
        self.choose_picture: Callable[[], str] = self._choose_picture
        self.other_names: Callable[[], set[str]] = set  # the library's other routines
        self.leftovers: set[Path] = set()  # pictures copied for it, gone if never saved
        self.saved_once = False
        self.checked: Checked | None = None
        self.current = 0 if draft.steps else -1
        self._filling = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed)
        self._build(note)
        for field in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            field.installEventFilter(self)  # Ctrl+Z is the editor's undo, not the field's
        self.show_draft(self.draft, self.current)
        self.check()
        self._watch()
        self._update_title()
        first = self.fields[("name",)]
        first.setFocus()
        if isinstance(first, QLineEdit) and path is None:
            first.selectAll()  # a new routine: type its name straight away
        screen = self.screen().availableGeometry()
        wanted = max(1180, self.minimumSizeHint().width())
        self.resize(min(wanted, screen.width() - 40), min(760, screen.height() - 60))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            keys = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
            redo_y = QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Y")
            if any(event.matches(k) for k in keys) or redo_y:
                event.ignore()  # not the field's own undo: the window's, for every edit
                return True
        return super().eventFilter(watched, event)

    # -- building ----------------------------------------------------------------

    def _build(self, note: str) -> None:
        self._actions()
        routine = self._routine_form()
        steps = self._steps_panel()
        self.step_pages = QStackedWidget()
        self.step_pages.addWidget(plain_label("Add an exercise or a rest to begin."))
        self.step_pages.addWidget(self._exercise_form())
        self.step_pages.addWidget(self._rest_form())
        step_scroll = QScrollArea()
        step_scroll.setWidgetResizable(True)
        step_scroll.setWidget(self.step_pages)
        step_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = step_scroll.verticalScrollBar().sizeHint().width()
        step_scroll.setMinimumWidth(self.step_pages.minimumSizeHint().width() + bar + 4)
        steps.setMinimumWidth(steps.minimumSizeHint().width())
        split = QSplitter()
        split.addWidget(routine)
        split.addWidget(steps)
        split.addWidget(step_scroll)
        split.setSizes([routine.minimumWidth(), 240, step_scroll.minimumWidth()])
        split.setChildrenCollapsible(False)

        self.note = plain_label(note)
        self.note.setVisible(bool(note))
        self.note.setObjectName("editorNote")
        self.total = plain_label("")
        self.total.setAccessibleName("Total time")
        self.strip = TimelineStrip()
        self.problems = plain_label("", selectable=True)
        self.problems.setAccessibleName("Problems")
        self.problems.setStyleSheet(f"color: {problem_color(self.palette()).name()};")
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.note)
        column.addWidget(split, 1)
        column.addWidget(self.total)
        column.addWidget(self.strip)
        column.addWidget(self.problems)
        self.setCentralWidget(body)

    def _actions(self) -> None:
        bar = self.addToolBar("Edit")
        bar.setObjectName("editorToolbar")
        bar.setMovable(False)
        menu = self.menuBar().addMenu("&Routine")

        def action(text: str, slot: Callable[[], object], keys: object = None) -> QAction:
            made = QAction(text, self)
            made.triggered.connect(slot)
            if keys is not None:
                made.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
            menu.addAction(made)
            return made

        self.save_action = action("&Save", self.save, QKeySequence.StandardKey.Save)
        self.try_action = action("&Try It", self.try_it, "Ctrl+R")
        menu.addSeparator()
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        self.add_exercise_action = action("Add &Exercise", self.add_exercise, "Ctrl+Shift+E")
        self.add_rest_action = action("Add Re&st", self.add_rest, "Ctrl+Shift+R")
        self.remove_action = action("Re&move Step", self.remove_step, "Ctrl+Shift+Del")
        self.up_action = action("Move Step &Up", lambda: self.move_step(-1), "Alt+Up")
        self.down_action = action("Move Step &Down", lambda: self.move_step(1), "Alt+Down")
        menu.addSeparator()
        action("&Close", self.close, QKeySequence.StandardKey.Close)
        # The toolbar's Undo and Redo keep short names; the menu's say what they undo.
        undo = QAction("Undo", self)
        undo.triggered.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        redo = QAction("Redo", self)
        redo.triggered.connect(self.undo_stack.redo)
        self.undo_stack.canRedoChanged.connect(redo.setEnabled)
        undo.setEnabled(False)
        redo.setEnabled(False)
        for item in (
            self.save_action,
            undo,
            redo,
            None,
            self.add_exercise_action,
            self.add_rest_action,
            self.remove_action,
            self.up_action,
            self.down_action,
            None,
            self.try_action,
        ):
            if item is None:
                bar.addSeparator()
            else:
                bar.addAction(item)

    def _problem_label(self) -> QLabel:
        label = plain_label("")
        label.setStyleSheet(f"color: {problem_color(self.palette()).name()};")
        label.hide()
        return label

    def _labelled(self, form: QFormLayout, title: str, widget: QWidget) -> QLabel:
        """A form row: the field with a problem label under it (hidden until needed)."""
        label = self._problem_label()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(label)
        widget.setAccessibleName(title.rstrip(":"))
        form.addRow(title, holder)
        return label

    def _row(self, form: QFormLayout, title: str, widget: QWidget, path: FieldPath) -> None:
        self.problem_labels[path] = self._labelled(form, title, widget)

    def _line(self, path: FieldPath, placeholder: str = "") -> QLineEdit:
        edit = _line_edit(placeholder, lambda text: self.edit(path, text))
        self.fields[path] = edit
        return edit

    def _text(self, path: FieldPath, lines: int = 4) -> QPlainTextEdit:
        edit = _text_edit(lines, lambda text: self.edit(path, text))
        self.fields[path] = edit
        return edit

    def _routine_form(self) -> QWidget:
        self.fields: dict[FieldPath, QWidget] = {}
        self.problem_labels: dict[FieldPath, QLabel] = {}
        page, form = _form_page()
        heading = plain_label("Routine")
        heading.setStyleSheet("font-weight: bold;")
        form.addRow(heading)
        self._row(form, "Name:", self._line(("name",), "What you call it"), ("name",))
        self._row(form, "Summary:", self._line(("summary",), "One line"), ("summary",))
        self._row(form, "Description:", self._text(("description",)), ("description",))
        self._row(form, "Tags:", self._line(("tags",), "physio, desk"), ("tags",))
        self._row(form, "Get ready:", self._line(("prepare",), "5s, the usual"), ("prepare",))
        self.program = QCheckBox("A home program, done")
        self.program.toggled.connect(self._program_toggled)
        self.per_day = QSpinBox()
        self.per_day.setRange(1, 12)
        self.per_day.setAccessibleName("Sessions a day")
        self.per_day.valueChanged.connect(
            lambda v: self.edit(("schedule", "per_day"), str(v), "Sessions a day")
        )
        program_row = QHBoxLayout()
        program_row.setContentsMargins(0, 0, 0, 0)
        program_row.addWidget(self.program)
        program_row.addWidget(self.per_day)
        program_row.addWidget(QLabel("times a day"))
        program_row.addStretch(1)
        program = QWidget()
        program.setLayout(program_row)
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
        days_holder = QWidget()
        days_holder.setLayout(days)
        self._row(form, "On:", days_holder, ("schedule", "days"))
        self._row(form, "Caution:", self._text(("caution",), 3), ("caution",))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        # Wide enough for its form: nothing is cut off at the side.
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(page.minimumSizeHint().width() + bar + 4)
        return scroll

    def _steps_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        heading = plain_label("Steps")
        heading.setStyleSheet("font-weight: bold;")
        column.addWidget(heading)
        self.step_list = QListWidget()
        self.step_list.setAccessibleName("Steps")
        self.step_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.step_list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.currentRowChanged.connect(self._step_chosen)
        self.step_list.model().rowsMoved.connect(self._rows_moved)
        column.addWidget(self.step_list, 1)
        buttons = QGridLayout()
        for number, (text, slot) in enumerate(
            (
                ("Add Exercise", self.add_exercise),
                ("Add Rest", self.add_rest),
                ("Move Up", lambda: self.move_step(-1)),
                ("Move Down", lambda: self.move_step(1)),
                ("Remove", self.remove_step),
            )
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, number // 2, number % 2)
        column.addLayout(buttons)
        return panel

    def _step_line(self, key: str, placeholder: str = "") -> QLineEdit:
        edit = _line_edit(placeholder, lambda text: self.edit_step(key, text))
        self.step_fields[key] = edit
        return edit

    def _step_text(self, key: str, lines: int = 5) -> QPlainTextEdit:
        edit = _text_edit(lines, lambda text: self.edit_step(key, text))
        self.step_fields[key] = edit
        return edit

    def _step_row(self, form: QFormLayout, title: str, widget: QWidget, key: str) -> None:
        self.step_labels[key] = self._labelled(form, title, widget)

    def _count(self, key: str, low: int, high: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        if suffix == " times":  # "1 time", "3 times"
            spin.valueChanged.connect(lambda v: spin.setSuffix(" time" if v == 1 else " times"))
        spin.valueChanged.connect(lambda v: self.edit_step(key, str(v)))
        self.step_fields[key] = spin
        return spin

    def _exercise_form(self) -> QWidget:
        self.step_fields: dict[str, QWidget] = {}
        self.step_labels: dict[str, QLabel] = {}
        page, form = _form_page()
        heading = plain_label("Exercise")
        heading.setStyleSheet("font-weight: bold;")
        form.addRow(heading)
        self._step_row(form, "Name:", self._step_line("exercise", "Bridge"), "exercise")
        self._step_row(form, "Instructions:", self._step_text("instructions"), "instructions")
        picture = QHBoxLayout()
        picture.setContentsMargins(0, 0, 0, 0)
        self.picture_path = QLineEdit()
        self.picture_path.setPlaceholderText("No picture")
        self.picture_path.textEdited.connect(lambda text: self.edit_step("image", text))
        self.step_fields["image"] = self.picture_path
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose a picture")
        choose.clicked.connect(self.pick_picture)
        picture.addWidget(self.picture_path, 1)
        picture.addWidget(choose)
        holder = QWidget()
        holder.setLayout(picture)
        self._step_row(form, "Picture:", holder, "image")
        self.dose = QComboBox()
        for key, text in DOSES:
            self.dose.addItem(text, key)
        self.dose.activated.connect(self._dose_chosen)
        self._step_row(form, "Dose:", self.dose, "dose")
        self._step_row(form, "Hold for:", self._step_line("hold", "10s"), "hold")
        self._step_row(form, "Time:", self._step_line("duration", "1m"), "duration")
        self._step_row(form, "Reps:", self._count("reps", 1, 200, " times"), "reps")
        self._step_row(form, "Each rep:", self._step_line("tempo", "3s"), "tempo")
        self._step_row(form, "Rest between reps:", self._step_line("rest", "none"), "rest")
        self._step_row(form, "Sets:", self._count("sets", 1, 20, ""), "sets")
        self._step_row(
            form,
            "Rest between sets:",
            self._step_line("rest_between_sets", "15s, the usual"),
            "rest_between_sets",
        )
        self.sides = QComboBox()
        for key, text in SIDES:
            self.sides.addItem(text, key)
        self.sides.activated.connect(
            lambda i: self.edit_step("sides", str(self.sides.itemData(i)), "Sides")
        )
        self._step_row(form, "Sides:", self.sides, "sides")
        self._step_row(
            form, "Get ready:", self._step_line("prepare", "as the routine says"), "prepare"
        )
        self._step_row(form, "Caution:", self._step_text("caution", 3), "caution")
        self.dose_rows = form
        return page

    def _rest_form(self) -> QWidget:
        page, form = _form_page()
        heading = plain_label("Rest")
        heading.setStyleSheet("font-weight: bold;")
        form.addRow(heading)
        self.rest_length = _line_edit("30s", lambda text: self.edit_step("rest", text))
        self._step_row(form, "Rest for:", self.rest_length, "rest_step")
        self.rest_note = _text_edit(3, lambda text: self.edit_step("note", text))
        self._step_row(form, "Note:", self.rest_note, "note")
        return page

    # -- showing the draft ---------------------------------------------------------

    def show_draft(self, draft: RoutineDraft, current: int) -> None:
        """Fill every widget from the draft (after undo, redo, or a reload)."""
        self.draft = draft
        self._filling = True
        try:
            for path, widget in self.fields.items():
                value = self.draft.get(str(path[0]))
                if isinstance(widget, QLineEdit) and widget.text() != value:
                    widget.setText(value)
                    widget.setCursorPosition(0)  # long text shows its beginning
                elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                    widget.setPlainText(value)
            schedule = self.draft.schedule
            self.program.setChecked(schedule is not None)
            self.per_day.setEnabled(schedule is not None)
            per_day = (schedule or {}).get("per_day", "1")
            self.per_day.setValue(_shown_count(per_day, self.per_day))
            chosen = [d.strip() for d in (schedule or {}).get("days", "").split(",") if d.strip()]
            for day, box in self.days.items():
                box.setEnabled(schedule is not None)
                box.setChecked(schedule is not None and (not chosen or day in chosen))
            self.step_list.clear()
            for number, step in enumerate(self.draft.steps, start=1):
                item = QListWidgetItem(step_title(number, step), self.step_list)
                item.setToolTip(item.text())
            self.current = min(current, len(self.draft.steps) - 1)
            if self.current >= 0:
                self.step_list.setCurrentRow(self.current)
            self._fill_step()
        finally:
            self._filling = False
        self.check_timer.start()
        self._update_title()

    def _fill_step(self) -> None:
        was, self._filling = self._filling, True
        try:
            if self.current < 0 or self.current >= len(self.draft.steps):
                self.step_pages.setCurrentIndex(0)
                return
            step = self.draft.steps[self.current]
            if step.rest_step:
                self.step_pages.setCurrentIndex(2)
                if self.rest_length.text() != step.get("rest"):
                    self.rest_length.setText(step.get("rest"))
                if self.rest_note.toPlainText() != step.get("note"):
                    self.rest_note.setPlainText(step.get("note"))
                return
            self.step_pages.setCurrentIndex(1)
            for key, widget in self.step_fields.items():
                value = step.get(key)
                if isinstance(widget, QLineEdit) and widget.text() != value:
                    widget.setText(value)
                elif isinstance(widget, QPlainTextEdit) and widget.toPlainText() != value:
                    widget.setPlainText(value)
                elif isinstance(widget, QSpinBox):
                    widget.setValue(_shown_count(value, widget))
            kind = dose_of(step)
            self.dose.setCurrentIndex(self.dose.findData(kind))
            self.sides.setCurrentIndex(max(0, self.sides.findData(step.get("sides"))))
            self._show_dose_fields(kind)
        finally:
            self._filling = was

    def _show_dose_fields(self, kind: str) -> None:
        shown = SHOWN_FOR[kind]
        for key in DOSE_FIELDS:
            visible = key in shown
            holder = self.step_fields[key].parentWidget()
            if holder is not None:
                self.dose_rows.setRowVisible(holder, visible)

    # -- editing -------------------------------------------------------------------

    def _push(self, text: str, after: RoutineDraft, merge: FieldPath | None, step: int) -> None:
        before = self.draft
        command = Change(self, text, before, after.copy(), merge, self.current, step, True)
        self.draft = after
        self.current = step
        self.undo_stack.push(command)
        self.check_timer.start()
        self._update_title(self.undo_stack.isClean())

    def edit(self, path: FieldPath, text: str, what: str = "") -> None:
        """A routine field typed in: one undoable change (merged while typing)."""
        if self._filling:
            return
        after = self.draft.copy()
        if path[0] == "schedule":
            if after.schedule is None:
                return
            after.schedule[str(path[1])] = text
        elif after.values.get(str(path[0]), "") == text:
            return
        else:
            after.values[str(path[0])] = text
        self._push(f"Edit {what or path[-1]}", after, path, self.current)

    def edit_step(self, key: str, text: str, what: str = "") -> None:
        if self._filling or self.current < 0:
            return
        after = self.draft.copy()
        step = after.steps[self.current]
        if step.get(key) == text:
            return
        step.values[key] = text
        self._push(f"Edit {what or key}", after, ("steps", self.current, key), self.current)
        item = self.step_list.item(self.current)
        if item is not None:
            item.setText(step_title(self.current + 1, step))

    def _program_toggled(self, on: bool) -> None:
        if self._filling:
            return
        after = self.draft.copy()
        after.schedule = {"per_day": str(self.per_day.value())} if on else None
        self._push("Home program" if on else "No schedule", after, None, self.current)
        self.show_draft(self.draft, self.current)

    def _days_toggled(self) -> None:
        if self._filling or self.draft.schedule is None:
            return
        chosen = [d for d, box in self.days.items() if box.isChecked()]
        if not chosen:  # no day at all is no program: keep the last one
            box = self.sender()
            if isinstance(box, QCheckBox):
                blocked = box.blockSignals(True)
                box.setChecked(True)
                box.blockSignals(blocked)
            self.statusBar().showMessage("A program needs at least one day.", 5000)
            return
        text = "" if len(chosen) == len(WEEKDAYS) else ", ".join(chosen)
        self.edit(("schedule", "days"), text, "days")

    def _dose_chosen(self, index: int) -> None:
        kind = self.dose.itemData(index)
        if self.current < 0 or kind == dose_of(self.draft.steps[self.current]):
            return
        after = self.draft.copy()
        step = after.steps[self.current]
        keep = {
            "hold": {"hold": "10s", "reps": step.get("reps") or "3"},
            "duration": {"duration": step.get("hold") or "1m"},
            "reps": {"reps": step.get("reps") or "10"},
            "tempo": {"reps": step.get("reps") or "10", "tempo": "3s"},
        }[kind]
        for key in ("hold", "duration", "reps", "tempo", "rest"):
            step.values.pop(key, None)
        step.values.update(keep)
        self._push("Change the dose", after, None, self.current)
        self._fill_step()

    def pick_picture(self) -> None:
        if self.current < 0:
            return
        chosen = self.choose_picture()
        if not chosen:
            return
        try:
            relative = copy_picture_in(Path(chosen), self.folder)
        except OSError as exc:
            from ..core.names import readable

            reason = exc.strerror or exc
            QMessageBox.warning(self, "Picture", f"Cannot copy {readable(chosen)}: {reason}")
            return
        self.picture_path.setText(relative)
        self.edit_step("image", relative, "picture")

    def _choose_picture(self) -> str:
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose a picture", "", IMAGE_FILTER)
        return chosen

    def _insert(self, step: StepDraft, text: str) -> None:
        after = self.draft.copy()
        at = self.current + 1 if self.current >= 0 else len(after.steps)
        after.steps.insert(at, step)
        self._push(text, after, None, at)
        self.show_draft(self.draft, at)

    def add_exercise(self) -> None:
        self._insert(new_exercise(), "Add exercise")
        self.step_fields["exercise"].setFocus()
        field = self.step_fields["exercise"]
        if isinstance(field, QLineEdit):
            field.selectAll()

    def add_rest(self) -> None:
        self._insert(StepDraft(rest_step=True, values={"rest": "30s"}), "Add rest")
        self.rest_length.setFocus()

    def remove_step(self) -> None:
        if self.current < 0:
            return
        after = self.draft.copy()
        del after.steps[self.current]
        self._push("Remove step", after, None, min(self.current, len(after.steps) - 1))
        self.show_draft(self.draft, self.current)

    def move_step(self, shift: int) -> None:
        target = self.current + shift
        if self.current < 0 or not 0 <= target < len(self.draft.steps):
            return
        self._move(self.current, target)

    def _move(self, source: int, target: int) -> None:
        after = self.draft.copy()
        step = after.steps.pop(source)
        after.steps.insert(target, step)
        self._push("Move step", after, None, target)
        self.show_draft(self.draft, target)
        self.step_list.setFocus()

    def _rows_moved(self, _parent: object, start: int, _end: int, _dest: object, row: int) -> None:
        """Dragged in the list: the list has moved it; the draft follows, undoably."""
        if self._filling:
            return
        target = row if row < start else row - 1
        QTimer.singleShot(0, lambda: self._move(start, target))

    def _step_chosen(self, row: int) -> None:
        if self._filling:
            return
        self.current = row
        self._fill_step()
        self._show_problems()

    # -- checking ------------------------------------------------------------------

    def target_path(self) -> Path:
        return self.path if self.path is not None else self.folder / f"{self.routine_id}.yaml"

    def check(self) -> Checked:
        self.checked = check_draft(self.draft, self.target_path(), self.routine_id)
        self._show_problems()
        routine = self.checked.result.routine
        if routine is None:
            self.total.setText("Total: shown again once the problems are fixed")
            self.strip.set_timeline(None)
        else:
            timeline = expand_timeline(routine)
            text = f"Total {format_clock(timeline.total_seconds)}"
            if not timeline.is_exact:
                text = about_total(
                    format_clock(timeline.total_seconds), timeline.untimed_reps, first=True
                )
            exercises = sum(not s.rest_step for s in self.draft.steps)
            self.total.setText(f"{text}  ·  {counted(exercises, 'exercise')}")
            self.strip.set_timeline(timeline)
        errors = self.checked.errors
        self.save_action.setEnabled(not errors)
        self.try_action.setEnabled(not errors)
        reason = f"Cannot save yet: {counted(len(errors), 'problem')} to fix" if errors else ""
        self.save_action.setToolTip(reason or "Save (Ctrl+S)")
        self.statusBar().showMessage(reason)
        return self.checked

    def _set_label(self, label: QLabel, found: list[Problem]) -> None:
        label.setText("\n".join(beside_field(p) for p in found))
        error = any(p.is_error for p in found)
        colour = (
            problem_color(self.palette()) if error else self.palette().placeholderText().color()
        )
        label.setStyleSheet(f"color: {colour.name()};")
        label.setVisible(bool(found))

    def _step_field(self, path: FieldPath, message: str) -> FieldPath:
        """Where in the step form a problem shows: the field it names, or the dose
        chooser for a dose field the chosen dose does not show."""
        index = int(str(path[1]))
        step = self.draft.steps[index] if index < len(self.draft.steps) else None
        if "neither 'exercise' nor 'rest'" in message:
            return ("steps", index, "rest")
        if "has no 'exercise'" in message:
            return ("steps", index, "exercise")
        if len(path) != 3:
            return path
        if "no instructions" in message:
            return ("steps", index, "instructions")
        if "dose" in message:
            return ("steps", index, "dose")
        hidden = (
            step is not None
            and not step.rest_step
            and path[2] in DOSE_FIELDS
            and path[2] not in SHOWN_FOR[dose_of(step)]
        )
        if hidden:
            return ("steps", index, "dose")  # its row is hidden for this dose
        return path

    def _show_problems(self) -> None:
        checked = self.checked
        if checked is None:
            return
        by_field: dict[FieldPath, list[Problem]] = {}
        step_marked: set[int] = set()  # steps with an error
        step_noted: set[int] = set()  # steps with a note only
        for problem in checked.result.problems:
            path = checked.written.field_at(problem.line)
            missing = re.match(r"the routine has no '(\w+)'", problem.message)
            if missing and (missing.group(1),) in self.problem_labels:
                path = (missing.group(1),)  # a key left out: shown at its empty field
            if len(path) >= 2 and path[0] == "steps":
                (step_marked if problem.is_error else step_noted).add(int(str(path[1])))
                path = self._step_field(path, problem.message)
            by_field.setdefault(path, []).append(problem)
        name = self.draft.get("name").strip()
        if name and name in self.other_names():
            same = Problem("", 1, 1, Severity.WARNING, f"another routine is called {name} too")
            by_field.setdefault(("name",), []).append(same)
        shown: set[FieldPath] = set()
        for path, label in self.problem_labels.items():
            self._set_label(label, by_field.get(path, []))
            shown.add(path)
        has_step = 0 <= self.current < len(self.draft.steps)
        for key, label in self.step_labels.items():
            wanted = "rest" if key == "rest_step" else key
            self._set_label(
                label, by_field.get(("steps", self.current, wanted), []) if has_step else []
            )
            shown.add(("steps", self.current, wanted))
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            marked = row in step_marked
            title = (
                step_title(row + 1, self.draft.steps[row]) if row < len(self.draft.steps) else ""
            )
            item.setForeground(problem_color(self.palette()) if marked else self.palette().text())
            noted = row in step_noted
            tip = "\nThis step has a problem: select it to see" if marked else ""
            tip = tip or ("\nThere is a note on this step" if noted else "")
            item.setToolTip(title + tip)
        elsewhere = []
        for path, found in by_field.items():
            in_step = len(path) >= 2 and path[0] == "steps"
            if path in shown:
                continue
            for p in found:
                if not (p.is_error or not in_step):
                    continue
                where = f"Step {int(str(path[1])) + 1}: " if in_step else ""
                kind = "Error" if p.is_error else "Note"
                elsewhere.append(f"{kind}: {where}{beside_field(p).removeprefix('Note: ')}")
        self.problems.setText("\n".join(elsewhere))
        self.problems.setVisible(bool(elsewhere))

    # -- saving and trying -----------------------------------------------------------

    def save(self) -> bool:
        checked = self.check()
        if checked.errors:
            QMessageBox.information(
                self,
                "Not saved",
                "This routine cannot be saved until these are fixed:\n\n"
                + "\n".join(f"• {p.message}" for p in checked.errors),
            )
            return False
        if self.path is None and self.place_new is not None:
            self.routine_id, self.path = self.place_new(self.draft.get("name"))
        target = self.target_path()
        on_disk = self._read(target)
        # Changed by another program since read, or put back after being deleted.
        changed = on_disk is not None and on_disk != self.disk_text
        if changed and not self.ask(
            "Changed on disk",
            f"{target.name} was changed by another program since you opened it. "
            "Save your version over it? (The other version is kept as "
            f"{target.name}.bak.)",
        ):
            return False
        text, kept = routine_text(self.draft, self.base_text)
        keep_copy = None
        if not kept:
            keep_copy = target.with_name(f"{target.name}.{date.today().isoformat()}.bak")
            if not self.ask(
                "Comments",
                f"The comments in {target.name} cannot be kept with this change (the "
                "file's layout does not allow it). Save without them? The version with "
                f"them is kept as {keep_copy.name}.",
            ):
                return False
        try:
            if keep_copy is not None and target.exists() and not keep_copy.exists():
                # Not replaced by the next save's .bak; never through a link left there.
                copy_regular(target, keep_copy, exclusive=True)
            save_text(target, text)
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Not saved",
                f"{target} could not be written: {exc.strerror or exc}. "
                "Your edits are still here; the file on disk is as it was.",
            )
            return False
        self.disk_text = text
        self.saved_once = True
        if self.note.text() and (self.first_note or "").startswith("A new routine"):
            self.first_note = ""  # placed now: the banner has said its piece
            self.note.hide()
        if not kept:  # written afresh: the steps now point into the new text
            self._rebase(text)
        self.undo_stack.setClean()
        self._watch()
        self.statusBar().showMessage(f"Saved {target}", 5000)
        self.saved.emit(target)
        return True

    def try_it(self) -> None:
        checked = self.check()
        if checked.result.routine is not None:
            self.try_requested.emit(checked.result.routine)

    def routine(self) -> Routine | None:
        return self.check().result.routine

    # -- outside changes -------------------------------------------------------------

    @staticmethod
    def _read(path: Path) -> str | None:
        try:
            return read_routine_text(path)
        except (OSError, UnicodeDecodeError):
            return None

    def _watch(self) -> None:
        target = self.path
        if target is None:
            return
        for watched in self.watcher.files():
            self.watcher.removePath(watched)
        if target.exists():
            self.watcher.addPath(str(target))

    def _file_changed(self, name: str) -> None:
        # Editors often replace a file by renaming over it: watch the new one.
        QTimer.singleShot(100, self.reload_from_disk)

    def reload_from_disk(self) -> None:
        self._watch()
        target = self.path
        if target is None:
            return
        text = self._read(target)
        if text is None and not target.exists() and self.disk_text is not None:
            # Moved to the trash or deleted elsewhere: what is here is the only copy.
            self.disk_text = None
            self.undo_stack.resetClean()  # unsaved now: closing asks, Save writes it again
            self._update_title()
            self.note.setText(
                f"{target.name} was moved to the trash or deleted. What you see here is "
                "not saved anywhere now: Save writes it again, closing lets it go."
            )
            self.note.show()
            return
        if text is None or text == self.disk_text:
            return  # our own save
        if not self.undo_stack.isClean() and not self.ask(
            "Changed on disk",
            f"{target.name} was changed by another program. Replace your unsaved edits with it?",
        ):
            return
        try:
            draft = draft_from_text(text)
        except DraftError as exc:
            self.note.setText(
                f"{target.name} was changed on disk and now has something the form cannot "
                f"show (line {exc.line}: {exc.message}). Fix it in a text editor, or save "
                "here to replace it with what you see."
            )
            self.note.show()
            return
        self.base_text = self.disk_text = text
        self.undo_stack.clear()
        self.note.setText(self.first_note)
        self.note.setVisible(bool(self.first_note))
        self.show_draft(draft, self.current)
        self.check()
        self.statusBar().showMessage(f"Read again: {target.name} changed on disk", 5000)

    def _rebase(self, text: str) -> None:
        """The file was written afresh: what it holds now is the base of later saves.
        Undo past this point would refer to steps of the old file, so it starts here."""
        try:
            draft = draft_from_text(text)
        except DraftError:
            return
        self.base_text = text
        self.undo_stack.clear()
        self.show_draft(draft, self.current)

    # -- closing -------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _update_title(self, clean: bool | None = None) -> None:
        if clean is None:
            clean = self.undo_stack.isClean()
        name = self.draft.get("name") or "New routine"
        self.setWindowTitle(f"{'' if clean else '*'}Edit {name} - BackRoutine")

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.undo_stack.isClean():
            box = QMessageBox(self)
            box.setWindowTitle("BackRoutine")
            box.setText(f"Save your changes to {self.draft.get('name') or 'this routine'}?")
            box.setStandardButtons(
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel
            )
            answer = self.answer_unsaved(box)
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self._saved_safely()
            ):
                event.ignore()
                return
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        if not self.saved_once:
            named = pictures_named_in(self.folder)
            for picture in {p.resolve() for p in self.leftovers} - named:  # unused copies
                with contextlib.suppress(OSError):
                    picture.unlink()
        super().closeEvent(event)
        self.closed.emit()

    def _saved_safely(self) -> bool:
        """Save on closing; anything going wrong keeps the window (and the edits)."""
        try:
            return self.save()
        except Exception as exc:
            QMessageBox.warning(self, "Not saved", f"Saving failed ({exc}); the edits are kept.")
            return False

    def answer_unsaved(self, box: QMessageBox) -> QMessageBox.StandardButton:
        """Asks the person (tests replace this)."""
        return QMessageBox.StandardButton(box.exec())
