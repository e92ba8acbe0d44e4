"""What can be done to routines from the library: new, edit, duplicate, move to the
trash, import (a routine file, by menu or by dropping it on the window; or another
break app's exercises) and export. The user's files are never deleted outright and
never written over without asking: a replaced file goes to the system trash."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..core.discovery import Entry, Source
from ..core.draft import DraftError, draft_from_text, new_draft
from ..core.engine import State
from ..core.files import atomic_text
from ..core.import_places import app_files
from ..core.import_plan import Decision, ImportPlan, ImportReport, Said, plan_import
from ..core.importers import Imported, ImportFailed, check_imported, import_path, write_imported
from ..core.paths import user_paths
from ..core.problems import counted
from ..core.routine_files import (
    copy_pictures,
    free_id,
    place_new,
    read_routine_text,
    routine_text,
    save_text,
)
from ..core.validation import ROUTINE_SUFFIXES, load_routine, routine_id_for
from ..platform import services
from .editor import EditorWindow
from .import_dialog import choose_app_files, open_files, show_report

if TYPE_CHECKING:
    from .main_window import MainWindow

APPS_FILTER = (
    "Break app files (exercises.xml config.json safeeyes.json *.xml *.json);;All files (*)"
)
ROUTINE_FILTER = "Routines (*.yaml *.yml)"


class RoutineActions(QObject):
    """The library's routine commands, for the main window's menus and buttons."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
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
        return user_paths().routines_dir

    # -- the person's answers ------------------------------------------------------

    def _ask(self, title: str, text: str, buttons: list[str]) -> str:
        box = QMessageBox(self.window)
        box.setWindowTitle(title)
        box.setText(text)
        made = [box.addButton(b, QMessageBox.ButtonRole.AcceptRole) for b in buttons[:-1]]
        cancel = box.addButton(buttons[-1], QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(made[0] if made else cancel)
        box.exec()
        clicked = box.clickedButton()
        for button, name in zip([*made, cancel], buttons, strict=True):
            if clicked is button:
                return name
        return buttons[-1]

    def _choose_open(self, title: str, kinds: str) -> list[str]:
        return open_files(self.window, title, kinds, Path.home())

    def _choose_save(self, title: str, suggested: str) -> str:
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, suggested, ROUTINE_FILTER)
        return chosen

    def _tell(self, title: str, text: str, warning: bool = False) -> None:
        if warning:
            QMessageBox.warning(self.window, title, text)
        else:
            self.window.statusBar().showMessage(text, 8000)

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
        self.window.reload()

    def _done(self, select: str | None = None) -> None:
        """After a change of ours: the library read again, the routine chosen."""
        self.watch()
        self.window.reload()
        if select:
            self.window.library_page._select(select)

    def shown_entry(self) -> Entry | None:
        """The routine the window shows: the one playing, else the library's choice."""
        window = self.window
        player = window.player
        if player is not None and window.pages.currentWidget() is player:
            return window.library.find(player.routine.id)
        if window.pages.currentWidget() is not window.library_page:
            return None  # the history: no routine is shown
        return window.current_entry()

    # -- new, edit, duplicate --------------------------------------------------------

    def taken(self) -> set[str]:
        return {e.id for e in self.window.library.entries}

    def names_besides(self, routine_id: str) -> set[str]:
        """The names of the other routines (two with one name look alike in the list)."""
        return {e.result.name for e in self.window.library.entries if e.id != routine_id}

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

    def _try(self, routine: object) -> None:
        player = self.window.player
        if (
            player is not None
            and player.session.state in (State.RUNNING, State.PAUSED)
            and self.ask(
                "Try It",
                f"{player.routine.name} is under way. Stop it to try this routine?",
                ["Stop and Try", "Cancel"],
            )
            != "Stop and Try"
        ):
            return
        self.window.play(routine, record=False)  # type: ignore[arg-type]
        self.window.raise_()
        self.window.activateWindow()

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
                note="A new routine: it is saved in your routines folder under its name.",
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
            self._tell("Edit", f"{entry.path} cannot be read: {exc}", warning=True)
            return None
        except DraftError as exc:
            answer = self.ask(
                "Edit in a text editor",
                f"{entry.path.name} has something the editor's form cannot show "
                f"(line {exc.line}: {exc.message}). Open it in your text editor to fix it?",
                ["Open in Text Editor", "Cancel"],
            )
            if answer == "Open in Text Editor":
                QDesktopServices.openUrl(file_url(entry.path))
            return None
        note = ""
        copied: set[Path] = set()
        if bundled:
            text = without_schema_line(text)  # the schema is not beside the user's copy
            draft = draft_from_text(text)
            note = (
                "This routine comes with BackRoutine. Saving makes it your own version, "
                "shown as customised; moving yours to the trash brings the original back."
            )
            before = _files_under(self.folder / "images")
            try:
                changed, _notes = copy_pictures(text, entry.path.parent, self.folder)
                copied = _files_under(self.folder / "images") - before
            except OSError as exc:
                self._tell("Edit", f"Its pictures could not be copied: {exc}", warning=True)
            else:
                if changed != text:  # a picture of the same name was there: renamed
                    text, draft = changed, draft_from_text(changed)
        editor = EditorWindow(
            draft,
            target,
            entry.id,
            target.parent,
            original_text=text,
            note=note,
        )
        if bundled:
            editor.leftovers = copied  # its pictures, if it is closed without saving
        return self._open_editor(editor)

    def duplicate(self, entry: Entry | None = None) -> Path | None:
        """A copy to change: a bundled routine becomes the person's own (customised);
        their own routine gets a copy beside it under a new name."""
        entry = entry or self.shown_entry()
        if entry is None:
            return None
        try:
            text = read_routine_text(entry.path)
        except (OSError, UnicodeDecodeError) as exc:
            self._tell("Duplicate", f"{entry.path} cannot be read: {exc}", warning=True)
            return None
        folder = self.folder
        notes_first: list[str] = []
        if entry.source is Source.BUNDLED:
            text = without_schema_line(text)
        if entry.source is Source.BUNDLED and not (folder / entry.path.name).exists():
            routine_id = entry.id
        else:
            routine_id = free_id(f"{entry.id}-copy", folder, self.taken())
            text, said = _renamed(text, f"{entry.result.name} (copy)"[:80])
            notes_first += said
        target = folder / f"{routine_id}.yaml"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            text, notes = copy_pictures(text, entry.path.parent, folder)
            with atomic_text(target) as out:
                out.write(text)
        except OSError as exc:
            self._tell("Duplicate", f"Cannot write {target}: {exc.strerror or exc}", True)
            return None
        self._done(routine_id)
        said = notes_first + notes
        self._tell("Duplicate", f"Copied to {target}" + (f" ({'; '.join(said)})" if said else ""))
        return target

    def move_to_trash(self, entry: Entry | None = None) -> bool:
        entry = entry or self.shown_entry()
        if entry is None:
            return False
        if entry.source is Source.BUNDLED:
            self._tell(
                "Move to Trash",
                f"{entry.result.name} comes with BackRoutine and cannot be removed. "
                "Duplicate it to make your own version.",
                warning=True,
            )
            return False
        restored = (
            " The version that comes with BackRoutine takes its place again."
            if entry.overrides_bundled
            else ""
        )
        answer = self.ask(
            "Move to Trash",
            f"Move {entry.result.name} ({entry.path.name}) to the trash? You can restore it "
            f"from there.{restored}",
            ["Move to Trash", "Cancel"],
        )
        if answer != "Move to Trash":
            return False
        open_editor = self.editor_for(entry.path)
        if open_editor is not None and not open_editor.close():
            return False  # its unsaved edits were kept: nothing moved
        if not self.trash(entry.path):
            return False
        self._done()
        self._tell("Move to Trash", f"Moved {entry.path.name} to the trash")
        return True

    def trash(self, path: Path) -> bool:
        """To the system trash, never deleted outright; says so when it cannot."""
        moved = services().trash(path)
        if not moved:
            self._tell(
                "Move to Trash",
                f"{path} could not be moved to the trash ({moved.reason}), so it "
                "was left where it is. Remove it from your routines folder yourself if you "
                "want it gone.",
                warning=True,
            )
        return bool(moved)

    # -- importing and exporting -----------------------------------------------------

    def import_files(self, paths: Iterable[Path] | None = None) -> list[Path]:
        """Routine files copied into the routines folder, checked, with their pictures;
        one already there (by id or by name) asks whether to replace it or keep both."""
        if paths is None:
            paths = [Path(p) for p in self.choose_open("Import Routines", ROUTINE_FILTER)]
        imported: list[Path] = []
        report = ImportReport()
        planned: dict[str, str] = {}  # id -> name, written by this import already
        folder = self.folder
        for source in paths:
            if source.suffix.lower() not in ROUTINE_SUFFIXES:
                report.add(Said.FAILED, f"{source.name}: not a routine file (.yaml); skipped")
                continue
            if source.resolve().parent == folder.resolve():
                report.add(Said.WARNING, f"{source.name}: already in your routines folder")
                continue
            try:
                text = read_routine_text(source)
            except (OSError, UnicodeDecodeError) as exc:
                report.add(Said.FAILED, f"{source.name}: cannot be read ({exc})")
                continue
            name = load_routine(source).name
            decision = self._decide(
                plan_import(
                    routine_id_for(source),
                    name,
                    source,
                    folder,
                    self.window.library.entries,
                    planned,
                )
            )
            if decision is None:
                continue
            target = folder / f"{decision.routine_id}.yaml"
            renamed: list[str] = []
            if decision.name:  # kept beside one of that name
                text, renamed = _renamed(text, decision.name)
                name = decision.name if not renamed else name
            try:
                text, notes = copy_pictures(text, source.parent, folder)
                notes = renamed + notes
                save_text(target, text)
            except OSError as exc:
                report.add(Said.FAILED, f"{source.name}: cannot be written ({exc.strerror or exc})")
                continue
            planned[decision.routine_id] = name
            result = load_routine(target)
            line = f"{source.name}: imported as {target.name}"
            if result.problems:
                errors = sum(p.is_error for p in result.problems)
                line += f", with {counted(len(result.problems), 'problem')}"
                if errors:
                    line += " (it will not run until they are fixed; select it to see them)"
            if notes:
                line += "; " + "; ".join(notes)
            report.add(Said.WARNING if result.problems or notes else Said.DONE, line)
            imported.append(target)
        self._done(routine_id_for(imported[0]) if imported else None)
        show_report(self.window, "Import", report, self._tell)
        return imported

    def _decide(self, plan: ImportPlan) -> Decision | None:
        """The plan's decision, asking the person when it has a question; None to skip.
        The routine it replaces is in the trash before anything is written over it."""
        answer = None
        if plan.question:
            title = "A routine with this name is there"
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
                return self.choose_open("Import from Another App", APPS_FILTER)

            try:
                found = app_files(Path.home(), os.environ)
            except RuntimeError:  # no home folder to look in
                found = []
            paths = [Path(p) for p in choose_app_files(self.window, found, other)]
        written: list[Path] = []
        report = ImportReport()
        planned: dict[str, str] = {}  # id -> name, chosen by this import already
        folder = self.folder
        for path in paths:
            try:
                skipped: list[str] = []
                items = import_path(path, skipped=skipped)
                check_imported(items, folder)  # before anything goes to the trash
                chosen: list[Imported] = []
                for item in items:
                    name = str(item.draft.get("name"))
                    plan = plan_import(
                        item.routine_id, name, path, folder, self.window.library.entries, planned
                    )
                    decision = self._decide(plan)
                    if decision is not None:
                        item.routine_id = decision.routine_id
                        if decision.name:  # kept beside one of that name
                            item.draft.values["name"] = name = decision.name
                        planned[item.routine_id] = name
                        chosen.append(item)
                written += write_imported(chosen, folder, self.taken() - set(planned))
                for item in chosen:
                    report.lines += [(Said.NOTE, n) for n in item.notes]
                    report.lines += [(Said.WARNING, w) for w in item.warnings]
                report.lines += [(Said.WARNING, f"Passed over: {r}") for r in skipped]
            except ImportFailed as exc:
                report.add(Said.FAILED, f"{exc}\n\nNothing was imported from it.")
            except OSError as exc:
                report.add(Said.FAILED, f"Cannot write to {folder}: {exc}")
        if written:
            self._done(written[0].stem)
            names = ", ".join(p.name for p in written)
            done = f"Imported {names}. Edit them to make them your own."
            done += "\n" if report.lines else ""  # a line between it and the notes
            report.lines.insert(0, (Said.DONE, done))
        show_report(self.window, "Import", report, self._tell)
        return written

    def export(self, entry: Entry | None = None, target: Path | None = None) -> Path | None:
        """A copy for sharing, with its pictures beside it."""
        entry = entry or self.shown_entry()
        if entry is None:
            return None
        if target is None:
            chosen = self.choose_save("Export Routine", str(Path.home() / entry.path.name))
            if not chosen:
                return None
            target = Path(chosen)
        if target.suffix.lower() not in ROUTINE_SUFFIXES:
            target = target.with_name(target.name + ".yaml")
            if (
                target.exists()
                and self.ask(
                    "Export Routine",
                    f"{target} is there already. Replace it?",
                    ["Replace", "Cancel"],
                )
                != "Replace"
            ):
                return None
        try:
            text = read_routine_text(entry.path)
            text, notes = copy_pictures(text, entry.path.parent, target.parent)
            with atomic_text(target) as out:
                out.write(text)
        except (OSError, UnicodeDecodeError) as exc:
            self._tell("Export", f"Cannot export to {target}: {exc}", warning=True)
            return None
        extra = f" ({'; '.join(notes)})" if notes else ""
        self._tell("Export", f"Exported to {target}{extra}")
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


def without_schema_line(text: str) -> str:
    """A bundled routine's first line points editors at the schema beside it; a copy
    elsewhere would point at nothing, so the line is left out of copies."""
    first, _, rest = text.partition("\n")
    return rest if first.startswith("# yaml-language-server: $schema=") else text


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def _renamed(text: str, name: str) -> tuple[str, list[str]]:
    """The routine's text under a new name, and what to tell when it could not be
    renamed (a file the form cannot read, or one whose rewriting would lose comments,
    is kept as it is: the name is for them to change)."""
    try:
        draft = draft_from_text(text)
        draft.values["name"] = name
        renamed, kept = routine_text(draft, text)
    except DraftError:
        kept = False
    if kept:
        return renamed, []
    return text, ["it has the same name: rename it in the editor"]
