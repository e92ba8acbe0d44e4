"""What can be done to routines from the library: new, edit, duplicate, move to the
trash, import (a routine file, by menu or by dropping it on the window; or another
break app's exercises) and export. The user's files are never deleted outright and
never written over without asking: a replaced file goes to the system trash."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.discovery import Entry, Library, Source
from ..core.draft import DraftError, draft_from_text, new_draft
from ..core.i18n import N_, _, ngettext
from ..core.import_places import app_files
from ..core.import_plan import (
    Decision,
    ImportPlan,
    ImportReport,
    Said,
    plan_import,
)
from ..core.importers import Imported, ImportFailed, check_imported, import_path, write_imported
from ..core.names import readable
from ..core.routine_files import (
    Copied,
    CopyFailed,
    copy_pictures,
    duplicate_routine,
    export_routine,
    export_target,
    own_version,
    place_new,
    read_routine_text,
    renamed_text,
    save_text,
    trash_decision,
)
from ..core.validation import ROUTINE_SUFFIXES, load_routine, routine_id_for
from ..platform import services
from .editor import EditorWindow
from .import_dialog import (
    app_kinds,
    choose_app_files,
    imported_line,
    open_files,
    routine_kinds,
    show_report,
)

if TYPE_CHECKING:
    from ..core.model import Routine
    from .app_state import AppState

# The answers of the questions asked here (the person's choice is compared with these;
# the buttons show them translated). The import's own come with its plan.
# Translators: a button: stop the routine under way and try the one being edited.
STOP_AND_TRY = N_("Stop and Try")
# Translators: a button: open a routine file in the person's own text editor.
OPEN_IN_TEXT_EDITOR = N_("Open in Text Editor")
MOVE_TO_TRASH = N_("Move to Trash")
# Translators: a button: write the exported routine over the file of that name.
REPLACE = N_("Replace")
CANCEL = N_("Cancel")


def said_copied(copied: Copied, plain: str, noted: str) -> str:
    """What a copy did, from a message with {path} and one with {path} and {notes}."""
    if not copied.notes:
        return plain.format(path=copied.path)
    return noted.format(path=copied.path, notes="; ".join(copied.notes))


class RoutineHost(Protocol):
    """What the routine commands need of the window that shows the library."""

    @property
    def library(self) -> Library: ...

    def reload(self) -> None: ...
    def select(self, routine_id: str) -> None: ...
    def shown_entry(self) -> Entry | None: ...
    def show_status(self, text: str, msecs: int = 0) -> None: ...
    def under_way(self) -> Routine | None: ...
    def try_out(self, routine: Routine) -> None: ...


class RoutineActions(QObject):
    """The library's routine commands, for the main window's menus and buttons."""

    def __init__(self, state: AppState, host: RoutineHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.state, self.host, self.parent_widget = state, host, parent
        self.editors: list[EditorWindow] = []
        # Tests answer for the person: (title, text, buttons) -> the button chosen.
        self.ask: Callable[[str, str, list[str]], str] = self._ask
        self.choose_open: Callable[[str, str], list[str]] = self._choose_open
        self.choose_save: Callable[[str, str], str] = self._choose_save
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed_on_disk)
        self.watcher.fileChanged.connect(self._changed_on_disk)
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(300)
        self._reload.timeout.connect(self._reload_library)

    @property
    def folder(self) -> Path:
        return self.state.routines_dir

    # -- the person's answers ------------------------------------------------------

    def _ask(self, title: str, text: str, buttons: list[str]) -> str:
        """buttons: the answers as marked for translation (N_), the last one cancelling;
        they are shown translated and the one chosen is returned as given."""
        box = QMessageBox(self.parent_widget)
        box.setWindowTitle(title)
        box.setText(text)
        made = [box.addButton(_(b), QMessageBox.ButtonRole.AcceptRole) for b in buttons[:-1]]
        cancel = box.addButton(_(buttons[-1]), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(made[0] if made else cancel)
        box.exec()
        clicked = box.clickedButton()
        for button, name in zip([*made, cancel], buttons, strict=True):
            if clicked is button:
                return name
        return buttons[-1]

    def _choose_open(self, title: str, kinds: str) -> list[str]:
        return open_files(self.parent_widget, title, kinds, Path.home())

    def _choose_save(self, title: str, suggested: str) -> str:
        chosen, _kind = QFileDialog.getSaveFileName(
            self.parent_widget, title, suggested, routine_kinds()
        )
        return chosen

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        if warning:
            QMessageBox.warning(self.parent_widget, title, text)
        else:
            self.host.show_status(text, 8000)

    # -- watching the folder -------------------------------------------------------

    def watch(self) -> None:
        """Watch the routines folder and its files: edits elsewhere show at once."""
        folder = self.folder
        watched = set(self.watcher.files()) | set(self.watcher.directories())
        if folder.is_dir():
            wanted = {str(folder)}
            wanted |= {str(p) for p in folder.iterdir() if p.suffix.lower() in ROUTINE_SUFFIXES}
        else:  # not made yet: watch the nearest folder above it (creating nothing)
            above = next((p for p in folder.parents if p.is_dir()), None)
            wanted = {str(above)} if above is not None else set()
        if watched - wanted:
            self.watcher.removePaths(list(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def _changed_on_disk(self, _path: str) -> None:
        self._reload.start()

    def _reload_library(self) -> None:
        self.watch()
        self.host.reload()

    def _done(self, select: str | None = None) -> None:
        """After a change of ours: the library read again, the routine chosen."""
        self.watch()
        self.host.reload()
        if select:
            self.host.select(select)

    def shown_entry(self) -> Entry | None:
        """The routine the window shows: the one playing, else the library's choice."""
        return self.host.shown_entry()

    # -- new, edit, duplicate --------------------------------------------------------

    def taken(self) -> set[str]:
        return {e.id for e in self.host.library.entries}

    def names_besides(self, routine_id: str) -> set[str]:
        """The names of the other routines (two with one name look alike in the list)."""
        return {e.result.name for e in self.host.library.entries if e.id != routine_id}

    def _open_editor(self, editor: EditorWindow) -> EditorWindow:
        editor.other_names = lambda: self.names_besides(editor.routine_id)
        editor.saved.connect(lambda path: self._done(routine_id_for(path)))
        editor.try_requested.connect(self._try)
        editor.closed.connect(lambda: self._forget(editor))
        self.editors.append(editor)
        editor.show()
        editor.raise_()
        return editor

    def _forget(self, editor: EditorWindow) -> None:
        if editor in self.editors:
            self.editors.remove(editor)

    def _try(self, routine: Routine) -> None:
        under_way = self.host.under_way()
        if (
            under_way is not None
            and self.ask(
                # Translators: the title of a question asked by the editor's Try It.
                _("Try It"),
                _("{name} is under way. Stop it to try this routine?").format(name=under_way.name),
                [STOP_AND_TRY, CANCEL],
            )
            != STOP_AND_TRY
        ):
            return
        self.host.try_out(routine)

    def new_routine(self) -> EditorWindow:
        folder = self.folder

        def place(name: str) -> tuple[str, Path]:
            placed = place_new(name, folder, self.taken())
            return placed.routine_id, placed.path

        return self._open_editor(
            EditorWindow(
                new_draft(),
                None,
                "my-routine",
                folder,
                place_new=place,
                note=_("A new routine: it is saved in your routines folder under its name."),
            )
        )

    def editor_for(self, path: Path) -> EditorWindow | None:
        for editor in self.editors:
            if editor.path is not None and editor.path == path:
                return editor
        return None

    def edit(self, entry: Entry | None = None) -> EditorWindow | None:
        entry = entry or self.shown_entry()
        if entry is None:
            return None
        bundled = entry.source is Source.BUNDLED
        target = self.folder / entry.path.name if bundled else entry.path
        open_already = self.editor_for(target)
        if open_already is not None:
            open_already.raise_()
            open_already.activateWindow()
            return open_already
        try:
            text = read_routine_text(entry.path)
            draft = draft_from_text(text)
        except (OSError, UnicodeDecodeError) as exc:
            said = _("{file} cannot be read: {reason}").format(file=entry.path, reason=exc)
            self._tell(_("Edit"), said, warning=True)
            return None
        except DraftError as exc:
            answer = self.ask(
                _("Edit in a text editor"),
                _(
                    "{file} has something the editor's form cannot show (line {line}: "
                    "{problem}). Open it in your text editor to fix it?"
                ).format(file=entry.path.name, line=exc.line, problem=exc.message),
                [OPEN_IN_TEXT_EDITOR, CANCEL],
            )
            if answer == OPEN_IN_TEXT_EDITOR:
                QDesktopServices.openUrl(file_url(entry.path))
            return None
        note = ""
        copied: frozenset[Path] = frozenset()
        made: frozenset[Path] = frozenset()
        if bundled:
            own = own_version(text, entry.path.parent, self.folder)
            text, draft, copied, made = own.text, draft_from_text(own.text), own.pictures, own.made
            if own.problem:
                self._tell(_("Edit"), own.problem, warning=True)
            note = _(
                "This routine comes with BackRoutine. Saving makes it your own version, "
                "shown as customised; moving yours to the trash brings the original back."
            )
        editor = EditorWindow(
            draft,
            target,
            entry.id,
            target.parent,
            original_text=text,
            note=note,
        )
        if bundled:
            editor.leftovers = set(copied)  # its pictures, if it is closed without saving
            editor.leftover_folders = set(made)
        return self._open_editor(editor)

    def duplicate(self, entry: Entry | None = None) -> Path | None:
        """A copy to change: a bundled routine becomes the person's own (customised);
        their own routine gets a copy beside it under a new name."""
        entry = entry or self.shown_entry()
        if entry is None:
            return None
        bundled = entry.source is Source.BUNDLED
        try:
            copied = duplicate_routine(
                entry.path, entry.id, entry.result.name, bundled, self.folder, self.taken()
            )
        except CopyFailed as exc:
            self._tell(_("Duplicate"), str(exc), warning=True)
            return None
        self._done(copied.routine_id)
        # Translators: a duplicate was written; {notes} says what else happened.
        said = said_copied(copied, _("Copied to {path}"), _("Copied to {path} ({notes})"))
        self._tell(_("Duplicate"), said)
        return copied.path

    def move_to_trash(self, entry: Entry | None = None) -> bool:
        entry = entry or self.shown_entry()
        if entry is None:
            return False
        bundled = entry.source is Source.BUNDLED
        decided = trash_decision(entry.result.name, entry.path, bundled, entry.overrides_bundled)
        if decided.refused:
            self._tell(_(MOVE_TO_TRASH), decided.refused, warning=True)
            return False
        answer = self.ask(_(MOVE_TO_TRASH), decided.question, [MOVE_TO_TRASH, CANCEL])
        if answer != MOVE_TO_TRASH:
            return False
        for path in decided.paths:
            open_editor = self.editor_for(path)
            if open_editor is not None and not open_editor.close():
                return False  # its unsaved edits were kept: nothing moved
        after = entry.id if entry.overrides_bundled else self._neighbour(entry.id)
        if not all(self.trash(path) for path in decided.paths):
            return False
        self._done(after)  # the original that comes back, or the routine beside it
        said = _("Moved {file} to the trash").format(file=entry.path.name)
        self._tell(_(MOVE_TO_TRASH), said)
        return True

    def _neighbour(self, routine_id: str) -> str | None:
        """The routine listed after this one (before it, if it is the last)."""
        ids = [e.id for e in self.host.library.entries]
        if routine_id not in ids or len(ids) < 2:
            return None
        at = ids.index(routine_id)
        return ids[at + 1] if at + 1 < len(ids) else ids[at - 1]

    def trash(self, path: Path) -> bool:
        """To the system trash, never deleted outright; says so when it cannot."""
        moved = services().trash(path)
        if not moved:
            self._tell(
                _(MOVE_TO_TRASH),
                _(
                    "{file} could not be moved to the trash ({reason}), so it was left where "
                    "it is. Remove it from your routines folder yourself if you want it gone."
                ).format(file=readable(path), reason=moved.reason),
                warning=True,
            )
        return bool(moved)

    # -- importing and exporting -----------------------------------------------------

    def import_files(self, paths: Iterable[Path] | None = None) -> list[Path]:
        """Routine files copied into the routines folder, checked, with their pictures;
        one already there (by id or by name) asks whether to replace it or keep both."""
        if paths is None:
            paths = [Path(p) for p in self.choose_open(_("Import Routines"), routine_kinds())]
        imported: list[Path] = []
        report = ImportReport()
        planned: dict[str, str] = {}  # id -> name, written by this import already
        folder = self.folder
        for source in paths:
            shown = readable(source.name)  # a name may hold control or direction marks
            if source.suffix.lower() not in ROUTINE_SUFFIXES:
                said = _("{file}: not a routine file (.yaml); skipped").format(file=shown)
                report.add(Said.FAILED, said)
                continue
            # realpath, not resolve(): a link that loops is refused below, not raised
            if Path(os.path.realpath(source)).parent == Path(os.path.realpath(folder)):
                said = _("{file}: already in your routines folder").format(file=shown)
                report.add(Said.WARNING, said)
                continue
            try:
                text = read_routine_text(source)
            except (OSError, UnicodeDecodeError) as exc:
                said = _("{file}: cannot be read ({reason})")
                report.add(Said.FAILED, said.format(file=shown, reason=readable(str(exc))))
                continue
            name = load_routine(source).name
            decision = self._decide(
                plan_import(
                    routine_id_for(source),
                    name,
                    source,
                    folder,
                    self.host.library.entries,
                    planned,
                )
            )
            if decision is None:
                continue
            target = folder / f"{decision.routine_id}.yaml"
            renamed: list[str] = []
            if decision.name:  # kept beside one of that name
                text, renamed = renamed_text(text, decision.name)
                name = decision.name if not renamed else name
            try:
                text, notes = copy_pictures(text, source.parent, folder)
                notes = renamed + notes
                save_text(target, text)
            except OSError as exc:
                said = (
                    _(
                        "{file}: cannot be written ({reason}); the routine it was to replace "
                        "is in the trash; restore it from there"
                    )
                    if decision.trash
                    else _("{file}: cannot be written ({reason})")
                )
                report.add(Said.FAILED, said.format(file=shown, reason=exc.strerror or exc))
                continue
            planned[decision.routine_id] = name
            result = load_routine(target)
            line = imported_line(shown, target.name, result.problems)
            if notes:
                line += "; " + "; ".join(notes)
            report.add(Said.WARNING if result.problems or notes else Said.DONE, line)
            imported.append(target)
        self._done(routine_id_for(imported[0]) if imported else None)
        show_report(self.parent_widget, _("Import"), report, self._tell)
        return imported

    def _decide(self, plan: ImportPlan) -> Decision | None:
        """The plan's decision, asking the person when it has a question; None to skip.
        The routine it replaces is in the trash before anything is written over it."""
        answer = None
        if plan.question:
            title = _("A routine with this name is there")
            answer = self.ask(title, plan.question, list(plan.choices))
        decision = plan.decide(answer)
        if decision is None or not all(self.trash(p) for p in decision.trash):
            return None  # the old one stays: nothing is lost
        return decision

    def import_from_app(self, paths: Iterable[Path] | None = None) -> list[Path]:
        """Another break app's exercises, made into routines: the files of the apps
        found on this computer are offered first."""
        if paths is None:

            def other() -> list[str]:
                return self.choose_open(_("Import from Another App"), app_kinds())

            try:
                found = app_files(Path.home(), os.environ)
            except RuntimeError:  # no home folder to look in
                found = []
            paths = [Path(p) for p in choose_app_files(self.parent_widget, found, other)]
        written: list[Path] = []
        report = ImportReport()
        planned: dict[str, str] = {}  # id -> name, chosen by this import already
        folder = self.folder
        for path in paths:
            trashed = False  # a routine this file replaces went to the trash
            try:
                skipped: list[str] = []
                items = import_path(path, skipped=skipped)
                check_imported(items, folder)  # before anything goes to the trash
                chosen: list[Imported] = []
                for item in items:
                    name = str(item.draft.get("name"))
                    plan = plan_import(
                        item.routine_id, name, path, folder, self.host.library.entries, planned
                    )
                    decision = self._decide(plan)
                    if decision is not None:
                        trashed |= bool(decision.trash)
                        item.routine_id = decision.routine_id
                        if decision.name:  # kept beside one of that name
                            item.draft.values["name"] = name = decision.name
                        planned[item.routine_id] = name
                        chosen.append(item)
                written += write_imported(chosen, folder, self.taken() - set(planned))
                for item in chosen:
                    report.lines += [(Said.NOTE, n) for n in item.notes]
                    report.lines += [(Said.WARNING, w) for w in item.warnings]
                # Translators: {what} is something of the other app's file left out of
                # the import, and why.
                passed = _("Passed over: {what}")
                report.lines += [(Said.WARNING, passed.format(what=r)) for r in skipped]
            except ImportFailed as exc:
                said = _("{problem}\n\nNothing was imported from it.").format(problem=exc)
                report.add(Said.FAILED, said)
            except OSError as exc:
                said = (
                    _(
                        "Cannot write to {folder}: {reason}; the routine it was to replace "
                        "is in the trash; restore it from there"
                    )
                    if trashed
                    else _("Cannot write to {folder}: {reason}")
                )
                report.add(Said.FAILED, said.format(folder=folder, reason=exc))
        if written:
            self._done(written[0].stem)
            names = ", ".join(p.name for p in written)
            done = ngettext(
                "Imported {files}. Edit it to make it your own.",
                "Imported {files}. Edit them to make them your own.",
                len(written),
            ).format(files=names)
            done += "\n" if report.lines else ""  # a line between it and the notes
            report.lines.insert(0, (Said.DONE, done))
        show_report(self.parent_widget, _("Import"), report, self._tell)
        return written

    def export(self, entry: Entry | None = None, target: Path | None = None) -> Path | None:
        """A copy for sharing, with its pictures beside it."""
        entry = entry or self.shown_entry()
        if entry is None:
            return None
        if target is None:
            suggested = str(Path.home() / entry.path.name)
            chosen = self.choose_save(_("Export Routine"), suggested)
            if not chosen:
                return None
            target = Path(chosen)
        target, ask = export_target(target, ROUTINE_SUFFIXES)
        question = _("{file} is there already. Replace it?").format(file=target)
        if ask and self.ask(_("Export Routine"), question, [REPLACE, CANCEL]) != REPLACE:
            return None
        try:
            copied = export_routine(entry.path, target)
        except CopyFailed as exc:
            self._tell(_("Export"), str(exc), warning=True)
            return None
        # Translators: a routine was exported; {notes} says what else happened.
        said = said_copied(copied, _("Exported to {path}"), _("Exported to {path} ({notes})"))
        self._tell(_("Export"), said)
        return target

    def open_in_text_editor(self, entry: Entry | None = None) -> None:
        entry = entry or self.shown_entry()
        if entry is not None:
            QDesktopServices.openUrl(file_url(entry.path))

    def close_editors(self) -> bool:
        """Every editor closed (each asks about unsaved edits); False if one stayed."""
        return all(editor.close() for editor in list(self.editors))


def file_url(path: Path) -> QUrl:
    """The file: address of path, its bytes percent-encoded as they are on disk. Qt's
    fromLocalFile takes text, and a name that is not UTF-8 (b"r\\xff.yaml") came out
    as the address of a file that is not there, which an editor then made, empty."""
    from urllib.parse import quote

    return QUrl.fromEncoded(b"file://" + quote(os.fsencode(path.absolute())).encode("ascii"))
