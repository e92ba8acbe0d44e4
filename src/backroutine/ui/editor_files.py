"""The editor's file: saved safely (refused while there are errors, atomically, the
previous version kept as NAME.yaml.bak, a hand-written file's comments kept), read
again when another program changes it, and closing asks about unsaved edits."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from ..core.draft import Checked, DraftError, RoutineDraft, draft_from_text
from ..core.files import copy_regular
from ..core.i18n import _, content_languages, ngettext
from ..core.routine_files import pictures_named_in, read_routine_text, routine_text, save_text
from ..core.texts import per_language, pick


class FileEditing(QMainWindow):
    """The file side of EditorWindow, which sets up what is declared here."""

    saved = Signal(object)
    closed = Signal()

    draft: RoutineDraft
    path: Path | None  # None: a new routine, placed when first saved
    routine_id: str
    folder: Path  # where its pictures go, and where a new one is saved
    # The file as read (its steps are what the draft's steps point into, and its
    # comments are kept), and the file as last read or written (to notice when
    # another program changes it).
    base_text: str | None
    disk_text: str | None
    first_note: str
    place_new: Callable[[str], tuple[str, Path]] | None
    ask: Callable[[str, str], bool]  # tests answer for the person
    leftovers: set[Path]  # pictures copied for it, gone if never saved
    leftover_folders: set[Path]  # made for those pictures, gone with them if left empty
    saved_once: bool
    current: int
    undo_stack: QUndoStack
    watcher: QFileSystemWatcher
    note: QLabel

    def check(self) -> Checked:
        raise NotImplementedError

    def show_draft(self, draft: RoutineDraft, current: int) -> None:
        raise NotImplementedError

    def target_path(self) -> Path:
        return self.path if self.path is not None else self.folder / f"{self.routine_id}.yaml"

    def save(self) -> bool:
        checked = self.check()
        if checked.errors:
            count = len(checked.errors)
            said = ngettext(
                "This routine cannot be saved until this is fixed:\n\n{problems}",
                "This routine cannot be saved until these are fixed:\n\n{problems}",
                count,
            )
            problems = "\n".join(f"• {p.message}" for p in checked.errors)
            QMessageBox.information(self, _("Not saved"), said.format(problems=problems))
            return False
        if self.path is None and self.place_new is not None:
            self.routine_id, self.path = self.place_new(self.draft.get("name"))
        target = self.target_path()
        on_disk = self._read(target)
        # Changed by another program since read, or put back after being deleted.
        changed = on_disk is not None and on_disk != self.disk_text
        if changed and not self.ask(
            _("Changed on disk"),
            _(
                "{file} was changed by another program since you opened it. Save your "
                "version over it? (The other version is kept as {backup}.)"
            ).format(file=target.name, backup=f"{target.name}.bak"),
        ):
            return False
        text, kept = routine_text(self.draft, self.base_text)
        keep_copy = None
        if not kept:
            keep_copy = target.with_name(f"{target.name}.{date.today().isoformat()}.bak")
            if not self.ask(
                # Translators: the comments (# lines) written in a routine file.
                _("Comments"),
                _(
                    "The comments in {file} cannot be kept with this change (the file's "
                    "layout does not allow it). Save without them? The version with them "
                    "is kept as {backup}."
                ).format(file=target.name, backup=keep_copy.name),
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
                _("Not saved"),
                _(
                    "{file} could not be written: {reason}. Your edits are still here; "
                    "the file on disk is as it was."
                ).format(file=target, reason=exc.strerror or exc),
            )
            return False
        self.disk_text = text
        self.saved_once = True
        if self.first_note:  # what saving would do (place it, make it yours) is done
            if self.note.text() == self.first_note:
                self.note.hide()
            self.first_note = ""
        if not kept:  # written afresh: the steps now point into the new text
            self._rebase(text)
        self.undo_stack.setClean()
        self._watch()
        self.statusBar().showMessage(_("Saved {file}").format(file=target), 5000)
        self.saved.emit(target)
        return True

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
                _(
                    "{file} was moved to the trash or deleted. What you see here is not "
                    "saved anywhere now: Save writes it again, closing lets it go."
                ).format(file=target.name)
            )
            self.note.show()
            return
        if text is None or text == self.disk_text:
            return  # our own save
        if not self.undo_stack.isClean() and not self.ask(
            _("Changed on disk"),
            _("{file} was changed by another program. Replace your unsaved edits with it?").format(
                file=target.name
            ),
        ):
            return
        try:
            draft = draft_from_text(text)
        except DraftError as exc:
            self.note.setText(
                _(
                    "{file} was changed on disk and now has something the form cannot show "
                    "(line {line}: {problem}). Fix it in a text editor, or save here to "
                    "replace it with what you see."
                ).format(file=target.name, line=exc.line, problem=exc.message)
            )
            self.note.show()
            return
        self.base_text = self.disk_text = text
        self.undo_stack.clear()
        self.note.setText(self.first_note)
        self.note.setVisible(bool(self.first_note))
        self.show_draft(draft, self.current)
        self.check()
        said = _("Read again: {file} changed on disk").format(file=target.name)
        self.statusBar().showMessage(said, 5000)

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
        name = shown_name(self.draft) or _("New routine")
        # Translators: the editor's window title; {name} is the routine's name.
        title = _("Edit {name} - BackRoutine").format(name=name)
        self.setWindowTitle(title if clean else f"*{title}")  # * marks unsaved edits

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.undo_stack.isClean():
            box = QMessageBox(self)
            box.setWindowTitle("BackRoutine")
            name = self.draft.get("name")
            box.setText(
                _("Save your changes to {name}?").format(name=name)
                if name
                else _("Save your changes to this routine?")
            )
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
            for folder in self.leftover_folders:
                with contextlib.suppress(OSError):  # not empty: something else is in it
                    folder.rmdir()
        super().closeEvent(event)
        self.closed.emit()

    def _saved_safely(self) -> bool:
        """Save on closing; anything going wrong keeps the window (and the edits)."""
        try:
            return self.save()
        except Exception as exc:
            said = _("Saving failed ({reason}); the edits are kept.").format(reason=exc)
            QMessageBox.warning(self, _("Not saved"), said)
            return False

    def answer_unsaved(self, box: QMessageBox) -> QMessageBox.StandardButton:
        """Asks the person (tests replace this)."""
        return QMessageBox.StandardButton(box.exec())


def shown_name(draft: RoutineDraft) -> str:
    """The routine's name in the language the form edits; in a language just added,
    which has none yet, the name the person would be shown of those written."""
    name = draft.get("name").strip()
    if name:
        return name
    written = {
        code: text for code, text in per_language(draft.values, "name").items() if text.strip()
    }
    return pick(written, content_languages()).strip() if written else ""
