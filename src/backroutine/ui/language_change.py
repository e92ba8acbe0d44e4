"""A change of the language setting applies at the next start: the app offers to
restart at once, never while a session is under way, and loses nothing (the
settings are saved before it asks; an editor with unsaved edits asks as at Quit)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.i18n import _
from . import language
from .dialogs import quit_from

if TYPE_CHECKING:
    from .stage import Stage


def _asked(box: QMessageBox) -> object:
    box.exec()
    return box.clickedButton()


class RestartHost(Protocol):
    """The main window, as a restart needs it."""

    @property
    def is_built(self) -> bool: ...
    @property
    def pages(self) -> Stage: ...

    def quit(self) -> None: ...
    def isVisible(self) -> bool: ...


class LanguageChange(QtCore.QObject):
    """Asks to restart when the language setting changed (the settings are saved by then)."""

    def __init__(
        self,
        window: RestartHost,
        say: Callable[[str, int], None],
        saved: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__()
        self.window, self.say, self.saved = window, say, saved
        # tests: answers the question instead of the person (the button chosen)
        self.answer: Callable[[QMessageBox], object] = _asked

    def changed(self, keys: frozenset[str]) -> None:
        if "language" not in keys:
            return
        window = self.window
        next_time = _("The new language applies the next time BackRoutine starts.")
        if window.is_built and window.pages.under_way() is not None:
            self.say(next_time, 15000)
            return
        if not self.saved():
            # A restart would come back in the old language and lose the choice; the
            # failed save has said why (the status bar), and the choice holds meanwhile.
            return
        parent = window if isinstance(window, QWidget) else None
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Language"))
        box.setText(_("Restart now to use the new language?"))
        box.setInformativeText(_("Nothing is lost: your settings are already saved."))
        restart = box.addButton(_("&Restart"), QMessageBox.ButtonRole.AcceptRole)
        # Translators: a button: restart BackRoutine later, not now.
        later = box.addButton(_("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        if parent is not None:
            quit_from(box, parent)
        if self.answer(box) is not restart:
            self.say(next_time, 15000)
            return
        language.restart_requested = True
        window.quit()  # as Ctrl+Q: an editor with unsaved edits may keep the app open
        if window.isVisible():
            language.restart_requested = False
