"""The editor's undo: each edit one command holding the draft before and after, and
the menu's Undo and Redo naming the edit they take back or do again."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from ..core.draft import FieldPath, RoutineDraft
from ..core.i18n import _


class ShowsDraft(Protocol):
    """The editor, as an undo command needs it."""

    def show_draft(self, draft: RoutineDraft, current: int) -> None: ...


class Change(QUndoCommand):
    """One edit: the whole draft before and after (routines are small). Typing in
    one field is merged into one change."""

    def __init__(
        self,
        editor: ShowsDraft,
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


def edited(what: str) -> str:
    """An edit of a field, as the Undo menu names it: "Edit Name"."""
    # Translators: an edit, as the Undo menu names it; {field} is the field's name.
    return _("Edit {field}").format(field=what)


def edit_named(action: str, edit: str) -> str:
    """The menu's Undo or Redo ("undo" or "redo") saying what it takes back or does
    again: "Undo Add rest"."""
    if action == "undo":
        # Translators: {edit} is what the edit did, such as "Add rest" or "Edit Name".
        return _("&Undo {edit}").format(edit=edit) if edit else _("&Undo")
    # Translators: {edit} is what the edit did, such as "Add rest" or "Edit Name".
    return _("&Redo {edit}").format(edit=edit) if edit else _("&Redo")
