"""Reminders and the tray icon, for the main window: the reminder timer follows the
settings, a break or a program's reminder opens its routine, and the window may
close to the tray while reminders are on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.i18n import _, pgettext

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..core.discovery import Library
    from ..core.model import Routine
    from .app_state import AppState
    from .player import PlayerPage
    from .reminders import ReminderService
    from .tray import Tray


class ReminderPages(Protocol):
    """What reminders need of the pages they open routines in."""

    @property
    def library(self) -> Library: ...

    def play(self, routine: Routine, start: bool = False) -> PlayerPage: ...
    def under_way(self) -> Routine | None: ...
    def may_replace_player(self) -> bool: ...
    def show_status(self, text: str, msecs: int = 0) -> None: ...
    def routines_by_id(self) -> dict[str, Routine]: ...


class ReminderWindow(Protocol):
    """What reminders need of the window itself."""

    def bring_back(self) -> None: ...
    def when_built(self, action: Callable[[], object]) -> None: ...
    def quit(self) -> None: ...


def _keep_running_without_window() -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(False)


class Reminding(QObject):
    """The reminder service and the tray icon (where the desktop has a tray)."""

    def __init__(self, state: AppState, window: ReminderWindow, parent: QWidget) -> None:
        super().__init__(parent)
        self.state, self.window, self.parent_widget = state, window, parent
        self.pages: ReminderPages | None = None  # given when the window is built
        self.reminders: ReminderService | None = None
        self.tray: Tray | None = None
        self.force_tray = False  # tests: a tray icon even where no tray is shown

    def on(self) -> bool:
        return self.state.settings.breaks or self.state.settings.program_reminders

    def start(self, pages: ReminderPages, icon: QIcon) -> None:
        """The reminder timer, and the tray icon where the desktop has a tray."""
        from PySide6.QtWidgets import QSystemTrayIcon

        from .reminders import ReminderService
        from .tray import Tray

        if self.reminders is not None:
            return
        state, self.pages = self.state, pages
        idle, full_screen, away = state.platform_services()
        reminders = self.reminders = ReminderService(
            state.settings,
            pages.routines_by_id(),
            state.history(),
            now=state.now,
            zone=state.zone,
            idle=idle.ask,
            full_screen=full_screen.ask,
            away=None if isinstance(away, str) else away,
        )
        reminders.exercising = lambda: pages.under_way() is not None
        state.changed.connect(lambda _keys: reminders.apply(state.settings))
        if QSystemTrayIcon.isSystemTrayAvailable() or self.force_tray:
            tray = self.tray = Tray(icon, reminders, self.parent_widget)
            tray.start_break.connect(self.start_break)
            tray.start_program.connect(self.start_program)
            tray.open_window.connect(self.window.bring_back)
            tray.quit_app.connect(self.window.quit)
            tray.show()
            _keep_running_without_window()  # it can close to the tray while reminders are on

    def session_completed(self) -> None:
        if self.reminders is not None:
            self.reminders.session_completed()  # a break taken: the interval starts again

    def start_break(self) -> None:
        """The break routine, started at once (from the tray or its reminder)."""
        self.window.bring_back()
        self.window.when_built(self._play_break)

    def _play_break(self) -> None:
        assert self.pages is not None  # built
        settings, library = self.state.settings, self.pages.library
        entry = library.find(settings.break_routine) or library.find("desk-break")
        if entry is None or entry.result.routine is None:
            QMessageBox.warning(
                self.parent_widget,
                # Translators: a window title: a pause from work to exercise.
                pgettext("title", "Break"),
                _(
                    "The break routine “{routine}” is not in the library or cannot "
                    "run; choose another in the settings."
                ).format(routine=settings.break_routine),
            )
            return
        if self.pages.may_replace_player():
            self.pages.play(entry.result.routine, start=True)

    def start_program(self, routine_id: str) -> None:
        """A program's reminder was clicked: its player, ready (for the pain rating)."""
        self.window.bring_back()
        pages = self.pages
        if pages is None:
            return
        if pages.under_way() is not None:
            pages.show_status(_("Finish or stop the routine under way first."), 10000)
            return
        entry = pages.library.find(routine_id)
        if entry is not None and entry.result.routine is not None:
            pages.play(entry.result.routine)

    def keeps_running(self) -> bool:
        """Whether closing the window leaves the app in the tray (reminders are on)."""
        return self.tray is not None and self.on()

    def said_still_running(self) -> None:
        """Said once, the first time the window closes to the tray."""
        if self.tray is not None and not self.state.settings.tray_notice_seen:
            self.tray.showMessage(
                _("BackRoutine is still running"),
                _(
                    "It will remind you of your breaks from here. Quit from this icon's "
                    "menu, or with Ctrl+Q in the window."
                ),
            )
            self.state.change(tray_notice_seen=True)

    def stop(self) -> None:
        """The window closes for real: reminders stop, and the tray icon goes too, and
        the app ends, although it no longer quits on its own when its window closes."""
        if self.reminders is not None:
            self.reminders.stop()
        if self.tray is not None:
            self.tray.hide()
            app = QApplication.instance()
            if app is not None:
                QTimer.singleShot(0, app.quit)
