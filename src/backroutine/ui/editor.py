"""The routine editor: a form for a routine and its steps, checked as you type.

The form edits a draft (core/draft.py) that keeps every value as typed; after
each change the draft is checked by the same validator as `backroutine
validate`, and each problem is shown under the field it is about (by the
problem's field path, core/placing.py). Every change is one step on an undo
stack (merged while typing in one field). Saving and reading the file again
when it changes on disk are in editor_files.py; the step form in
editor_steps.py; the undo commands in editor_undo.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent, QKeySequence, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..core.draft import Checked, FieldPath, RoutineDraft, StepDraft, new_exercise
from ..core.draft_check import DraftChecker
from ..core.durations import format_clock
from ..core.i18n import N_, _, pgettext
from ..core.model import Routine
from ..core.phrases import about_total
from ..core.placing import Placement, name_clash, place, with_dose
from ..core.routine_files import copy_picture_in
from ..core.timeline import expand_timeline
from .detail import plain_label
from .editor_files import FileEditing
from .editor_languages import LanguageChooser
from .editor_parts import (
    TimelineStrip,
    cannot_save_yet,
    problem_elsewhere,
    scrolled,
    show_problems,
    step_title,
    with_exercises,
)
from .editor_routine import RoutineForm
from .editor_steps import StepForm
from .editor_undo import Change, edit_named, edited
from .library import problem_color

IMAGE_PATTERNS = "*.png *.jpg *.jpeg *.gif *.svg *.webp *.bmp"
CHECK_DELAY_MS = 150
MARK_ROLE = Qt.ItemDataRole.UserRole + 1  # a step row's title and mark as last shown
MARK_ICONS = {
    "marked": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "noted": QStyle.StandardPixmap.SP_MessageBoxInformation,
}
# What a step's row says to screen readers and in its tooltip, by its mark.
MARK_TIPS = {
    "marked": N_("This step has a problem: select it to see"),
    "noted": N_("There is a note on this step"),
}


class EditorWindow(FileEditing):
    """Edits one routine. saved(path) after a save; try_requested(Routine) for Try It."""

    try_requested = Signal(object)

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
        self.leftover_folders: set[Path] = set()  # made for them, gone with them if empty
        self.saved_once = False
        self.checked: Checked | None = None
        self.draft_checker: DraftChecker | None = None  # reuses what an edit left alone
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
        self.routine_form = RoutineForm()
        self.routine_form.edited.connect(self.edit)
        self.routine_form.program_toggled.connect(self._program_toggled)
        self.routine_form.refused.connect(lambda why: self.statusBar().showMessage(why, 5000))
        self.fields, self.problem_labels = self.routine_form.fields, self.routine_form.labels
        self.program, self.per_day = self.routine_form.program, self.routine_form.per_day
        self.days = self.routine_form.days
        routine = scrolled(self.routine_form)
        steps = self._steps_panel()
        self.step_form = self.step_pages = StepForm()
        self.step_form.edited.connect(self.edit_step)
        self.step_form.dose_chosen.connect(self._dose_chosen)
        self.step_form.picture_wanted.connect(self.pick_picture)
        self.step_fields, self.step_labels = self.step_form.fields, self.step_form.labels
        self.dose, self.sides = self.step_form.dose, self.step_form.sides
        self.picture_path = self.step_form.picture_path
        self.rest_length, self.rest_note = self.step_form.rest_length, self.step_form.rest_note
        step_scroll = scrolled(self.step_pages)
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
        self.total.setAccessibleName(_("Total time"))
        self.strip = TimelineStrip()
        self.problems = plain_label("", selectable=True)
        self.problems.setAccessibleName(_("Problems"))
        self.problems.setStyleSheet(f"color: {problem_color(self.palette()).name()};")
        body = QWidget()
        column = QVBoxLayout(body)
        column.addWidget(self.note)
        self.languages = LanguageChooser(self)
        column.addWidget(self.languages)
        column.addWidget(split, 1)
        column.addWidget(self.total)
        column.addWidget(self.strip)
        column.addWidget(self.problems)
        self.setCentralWidget(body)

    def _actions(self) -> None:
        # Translators: the name of the editor's toolbar (shown in its context menu).
        bar = self.addToolBar(pgettext("toolbar", "Edit"))
        bar.setObjectName("editorToolbar")
        bar.setMovable(False)
        menu = self.menuBar().addMenu(_("&Routine"))

        def action(text: str, slot: Callable[[], object], keys: object = None) -> QAction:
            made = QAction(text, self)
            made.triggered.connect(slot)
            if keys is not None:
                made.setShortcut(QKeySequence(keys))  # type: ignore[call-overload]
            menu.addAction(made)
            return made

        self.save_action = action(_("&Save"), self.save, QKeySequence.StandardKey.Save)
        # Translators: runs the routine being edited in the player, as it is now.
        self.try_action = action(_("&Try It"), self.try_it, "Ctrl+R")
        menu.addSeparator()
        self.undo_action = self.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self)
        self.undo_stack.undoTextChanged.connect(self._name_edits)
        self.undo_stack.redoTextChanged.connect(self._name_edits)
        self._name_edits()
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.addSeparator()
        self.add_exercise_action = action(_("Add &Exercise"), self.add_exercise, "Ctrl+Shift+E")
        # Translators: adds a rest step (a pause between exercises).
        self.add_rest_action = action(_("&Add Rest"), self.add_rest, "Ctrl+Shift+R")
        self.remove_action = action(_("Re&move Step"), self.remove_step, "Ctrl+Shift+Del")
        self.up_action = action(_("Move Step U&p"), lambda: self.move_step(-1), "Alt+Up")
        self.down_action = action(_("Move Step &Down"), lambda: self.move_step(1), "Alt+Down")
        menu.addSeparator()
        action(_("&Close"), self.close, QKeySequence.StandardKey.Close)
        # The toolbar's Undo and Redo keep short names; the menu's say what they undo.
        undo = QAction(_("Undo"), self)
        undo.triggered.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(undo.setEnabled)
        redo = QAction(_("Redo"), self)
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

    def _name_edits(self) -> None:
        """The menu's Undo and Redo say what they take back or do again."""
        self.undo_action.setText(edit_named("undo", self.undo_stack.undoText()))
        self.redo_action.setText(edit_named("redo", self.undo_stack.redoText()))

    def _steps_panel(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        # Translators: the heading of the list of a routine's steps (exercises and rests).
        heading = plain_label(_("Steps"))
        heading.setStyleSheet("font-weight: bold;")
        column.addWidget(heading)
        self.step_list = QListWidget()
        self.step_list.setAccessibleName(_("Steps"))
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
                (_("Add Exercise"), self.add_exercise),
                # Translators: a button adding a rest step (a pause between exercises).
                (_("Add Rest"), self.add_rest),
                (_("Move Up"), lambda: self.move_step(-1)),
                (_("Move Down"), lambda: self.move_step(1)),
                # Translators: a button removing the chosen step from the routine.
                (_("Remove"), self.remove_step),
            )
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button, number // 2, number % 2)
        column.addLayout(buttons)
        return panel

    # -- showing the draft ---------------------------------------------------------

    def show_draft(self, draft: RoutineDraft, current: int) -> None:
        """Fill every widget from the draft (after undo, redo, or a reload)."""
        self.draft = draft
        self._filling = True
        try:
            self.languages.refresh(draft)
            self.routine_form.fill(draft)
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
        has_step = 0 <= self.current < len(self.draft.steps)
        self.step_form.fill(self.draft.steps[self.current] if has_step else None)

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
        elif after.get(str(path[0])) == text:
            return
        else:
            after.put(str(path[0]), text)
        self._push(edited(what or str(path[-1])), after, path, self.current)

    def edit_step(self, key: str, text: str, what: str = "") -> None:
        if self._filling or self.current < 0:
            return
        after = self.draft.copy()
        step = after.steps[self.current]
        if step.get(key) == text:
            return
        step.put(key, text)
        self._push(edited(what or key), after, ("steps", self.current, key), self.current)
        item = self.step_list.item(self.current)
        if item is not None:
            item.setText(step_title(self.current + 1, step))

    def _program_toggled(self, on: bool) -> None:
        if self._filling:
            return
        after = self.draft.copy()
        after.schedule = {"per_day": str(self.per_day.value())} if on else None
        # Translators: edits, as the Undo menu names them.
        said = _("Home program") if on else _("No schedule")
        self._push(said, after, None, self.current)
        self.show_draft(self.draft, self.current)

    def _dose_chosen(self, kind: str) -> None:
        if self.current < 0:
            return
        after = self.draft.copy()
        step = after.steps[self.current]
        step.values = with_dose(step, kind)
        self._push(_("Change the dose"), after, None, self.current)
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

            reason = exc.strerror or str(exc)
            said = _("Cannot copy {file}: {reason}").format(file=readable(chosen), reason=reason)
            QMessageBox.warning(self, _("Picture"), said)
            return
        self.picture_path.setText(relative)
        self.edit_step("image", relative, _("Picture"))

    def _choose_picture(self) -> str:
        # Translators: a file dialog's list of file kinds; {patterns} are file names.
        kinds = _("Pictures ({patterns})").format(patterns=IMAGE_PATTERNS)
        chosen, _kinds = QFileDialog.getOpenFileName(self, _("Choose a picture"), "", kinds)
        return chosen

    def _insert(self, step: StepDraft, text: str) -> None:
        after = self.draft.copy()
        at = self.current + 1 if self.current >= 0 else len(after.steps)
        after.steps.insert(at, step)
        self._push(text, after, None, at)
        self.show_draft(self.draft, at)

    def add_exercise(self) -> None:
        self._insert(new_exercise(), _("Add exercise"))
        self.step_fields["exercise"].setFocus()
        field = self.step_fields["exercise"]
        if isinstance(field, QLineEdit):
            field.selectAll()

    def add_rest(self) -> None:
        # Translators: an edit, as the Undo menu names it: a rest step was added.
        self._insert(StepDraft(rest_step=True, values={"rest": "30s"}), _("Add rest"))
        self.rest_length.setFocus()

    def remove_step(self) -> None:
        if self.current < 0:
            return
        after = self.draft.copy()
        del after.steps[self.current]
        self._push(_("Remove step"), after, None, min(self.current, len(after.steps) - 1))
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
        self._push(_("Move step"), after, None, target)
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

    def check(self) -> Checked:
        target, checker = self.target_path(), self.draft_checker
        if checker is None or (checker.path, checker.routine_id) != (target, self.routine_id):
            checker = self.draft_checker = DraftChecker(target, self.routine_id)
        self.checked = checker.check(self.draft)
        self._show_problems()
        routine = self.checked.result.routine
        if routine is None:
            self.total.setText(_("Total: shown again once the problems are fixed"))
            self.strip.set_timeline(None)
        else:
            timeline = expand_timeline(routine)
            # Translators: a routine's length; {clock} is a time such as 2:30.
            text = _("Total {clock}").format(clock=format_clock(timeline.total_seconds))
            if not timeline.is_exact:
                text = about_total(
                    format_clock(timeline.total_seconds), timeline.untimed_reps, first=True
                )
            exercises = sum(not s.rest_step for s in self.draft.steps)
            self.total.setText(with_exercises(text, exercises))
            self.strip.set_timeline(timeline)
        errors = self.checked.errors
        self.save_action.setEnabled(not errors)
        self.try_action.setEnabled(not errors)
        reason = cannot_save_yet(len(errors)) if errors else ""
        keys = self.save_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        # Translators: the Save button's tooltip; {keys} is its shortcut, such as Ctrl+S.
        self.save_action.setToolTip(reason or _("Save ({keys})").format(keys=keys))
        self.statusBar().showMessage(reason)
        return self.checked

    def _show_problems(self) -> None:
        checked = self.checked
        if checked is None:
            return
        problems = list(checked.result.problems)
        clash = name_clash(self.draft, self.other_names())
        if clash is not None:
            problems.append(clash)
        placement = place(problems, self.draft)
        shown: set[FieldPath] = set()
        for path, label in self.problem_labels.items():
            show_problems(label, placement.at(path), self.palette())
            shown.add(path)
        has_step = 0 <= self.current < len(self.draft.steps)
        shown |= self.step_form.show_problems(placement, self.current if has_step else None)
        self._mark_steps(placement)
        elsewhere = []
        for path, found in placement.by_field.items():
            in_step = len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int)
            if path in shown:
                continue
            for p in found:
                if in_step and not p.is_error:
                    continue  # a note on another step: the step list marks it
                elsewhere.append(problem_elsewhere(p, int(str(path[1])) + 1 if in_step else 0))
        self.problems.setText("\n".join(elsewhere))
        self.problems.setVisible(bool(elsewhere))

    def _mark_steps(self, placement: Placement) -> None:
        """Each step with a problem: an icon, the colour of problems, and words for
        screen readers and the tooltip (rows whose mark is unchanged are left alone)."""
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            title = (
                step_title(row + 1, self.draft.steps[row]) if row < len(self.draft.steps) else ""
            )
            state = (
                "marked" if row in placement.marked else "noted" if row in placement.noted else ""
            )
            if item.data(MARK_ROLE) == (title, state):
                continue
            item.setData(MARK_ROLE, (title, state))
            tip = _(MARK_TIPS[state]) if state else ""
            icon = MARK_ICONS.get(state)
            item.setIcon(self.style().standardIcon(icon) if icon is not None else self._no_mark())
            marked = state == "marked"
            item.setForeground(problem_color(self.palette()) if marked else self.palette().text())
            item.setToolTip(f"{title}\n{tip}" if tip else title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{title}. {tip}" if tip else title)

    def _no_mark(self) -> QIcon:
        """A clear icon as large as a mark, so the names of all steps line up."""
        size = self.step_list.iconSize()
        if size.isEmpty():
            size = QSize(16, 16)
        blank = QPixmap(size)
        blank.fill(Qt.GlobalColor.transparent)
        return QIcon(blank)

    def try_it(self) -> None:
        checked = self.check()
        if checked.result.routine is not None:
            self.try_requested.emit(checked.result.routine)

    def routine(self) -> Routine | None:
        return self.check().result.routine
