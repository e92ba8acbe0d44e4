"""The main window: the routine library beside the chosen routine's detail, and the player."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QWidget

from ..core.paths import assets_dir
from ..core.settings import Settings, SettingsFile
from ..platform import services
from .app_state import AppState
from .banner import window_body
from .reminding import Reminding
from .theme import apply_changed_appearance

# Qt's own namespace (QtCore.Qt) is reached through QtCore where it is used:
# importing it by name builds all of its enums, some 12 ms the window need not wait for.

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QPaintEvent

    from ..core.discovery import Library
    from ..core.engine import Clock
    from ..core.model import Routine
    from .cues import CuePlayer
    from .history_view import HistoryView
    from .menus import Menus
    from .player import PlayerPage
    from .routine_actions import RoutineActions


def dropped_routines(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The routine files dropped on the window (they are imported)."""
    mime = event.mimeData()
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in (".yaml", ".yml")]


class _FirstPaint(QWidget):
    """An empty central widget that says when the window has first been painted."""

    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class MainWindow(QMainWindow):
    """The library beside a routine's detail, and the player in its place while a routine runs.

    With deferred=True the window shows itself empty first, in the user's size,
    place and colours, and builds its contents once it has been painted: the
    window is on screen in about the time of a bare Qt window, and the routines
    fill it a moment later. `when_built` runs code once the contents exist.
    """

    built = Signal()

    def __init__(
        self,
        library: Library | None = None,
        settings: Settings | None = None,
        clock: Clock | None = None,
        cue_player: CuePlayer | None = None,
        deferred: bool = False,
        settings_file: SettingsFile | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("BackRoutine")
        icon = assets_dir() / "icon.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.resize(1100, 740)
        self.clock = clock if clock is not None else services().session_clock
        self.state = AppState(settings, settings_file, parent=self)
        self.state.said.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        self.state.warned.connect(lambda title, text: QMessageBox.warning(self, title, text))
        self.state.changed.connect(lambda keys: apply_changed_appearance(keys, self.state))
        self.settings_notice: QLabel | None = None  # said in the window when the file is bad
        self.reminding = Reminding(self.state, self, self)
        self.listen_for_others = False  # the app's own window answers later starts
        self._quitting = self._start_hidden = self.is_built = self._closed = False
        self._routine_actions: RoutineActions | None = None
        self._pending: list[Callable[[], object]] = []
        if self.state.settings.window_geometry:
            self.restoreGeometry(
                QByteArray.fromBase64(self.state.settings.window_geometry.encode())
            )
        if deferred:
            blank = _FirstPaint()
            blank.painted.connect(self._build_soon)
            self.setCentralWidget(blank)
            # A window that is never painted (started minimised) is built anyway.
            QTimer.singleShot(250, self._build_soon)
        else:
            self._build(library, cue_player)

    def _build_soon(self) -> None:
        if not self.is_built:
            QTimer.singleShot(0, self._build)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.is_built and dropped_routines(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = dropped_routines(event)
        if self.is_built and paths:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.routine_actions.import_files(paths))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Until the menu's shortcut is live (a moment after the window shows),
        # Ctrl+Q arrives here; a shortcut set up any earlier would delay the window.
        if QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Q"):
            self.quit()
            return
        super().keyPressEvent(event)

    def when_built(self, action: Callable[[], object]) -> None:
        """Run action now if the contents exist, or as soon as they do."""
        if self.is_built:
            action()
        else:
            self._pending.append(action)

    def _build(self, library: Library | None = None, cue_player: CuePlayer | None = None) -> None:
        if self.is_built or self._closed:
            return
        # Imported here, not at the top: they are most of the start-up time, and
        # the window is already on screen while they load.
        from ..core.discovery import known_routines
        from .cues import CuePlayer
        from .history_view import HistoryView
        from .language_change import LanguageChange
        from .menus import Menus
        from .stage import Stage

        self.is_built = True
        state = self.state
        self.cue_player = cue_player if cue_player is not None else CuePlayer(state.settings)
        state.changed.connect(lambda _keys: self.cue_player.apply(state.settings))
        self.pages: Stage = Stage(self, state, self.clock, self.cue_player)
        self.pages.session_completed.connect(self.reminding.session_completed)
        page = self.library_page = self.pages.library_page
        page.edit_requested.connect(lambda entry: self.routine_actions.edit(entry))
        # What the menus reach (MenuHost): the search box and the list.
        self.search, self.list = page.search, page.list
        body, self.settings_notice = window_body(self.pages, state)
        self.setCentralWidget(body)
        self.setAcceptDrops(True)  # routine files dropped on the window are imported
        self.history_view: HistoryView = HistoryView(state, self.pages, self)
        self.menus: Menus = Menus(self, self, state, self.cue_player)
        self.language_change = LanguageChange(
            self, self.statusBar().showMessage, lambda: state.saved
        )
        state.changed.connect(self.language_change.changed)
        self.pages.set_library(library if library is not None else known_routines())
        if self.isVisible():
            self.list.setFocus()
        pending, self._pending = self._pending, []
        for action in pending:
            action()
        # After the window is filled: sessions a crash left unfinished are settled
        # and reported, a damaged history file is moved aside and reported.
        QTimer.singleShot(0, self._after_build)
        self.built.emit()

    @property
    def routine_actions(self) -> RoutineActions:
        """New, edit, duplicate, trash, import, export (made when first needed)."""
        if self._routine_actions is None:
            from .routine_actions import RoutineActions

            self._routine_actions = RoutineActions(self.state, self.pages, self)
        return self._routine_actions

    def _after_build(self) -> None:
        self.state.history()
        self.reminding.start(self.pages, self.windowIcon())
        if self._start_hidden and not self.reminding.keeps_running():
            self.show()  # nowhere else to wait
        if self.listen_for_others:
            from .single_instance import Listener

            self.listener = Listener(self)
            self.listener.request.connect(self.handle_request)
        self.routine_actions.watch()  # routines changed on disk show at once

    def handle_request(self, request: dict[str, object]) -> None:
        """Another start of the app asked for something: show the window, or a routine."""
        self.bring_back()
        path = request.get("path")
        if request.get("command") != "run" or not isinstance(path, str):
            return
        routine = self.pages.routine_at(path)
        if routine is not None and self.pages.may_replace_player():
            self.play(routine, start=bool(request.get("start")))

    def start_hidden(self) -> None:
        """At login: build without showing; the window appears only if there is no
        tray to wait in (or reminders are off)."""
        self._start_hidden = True
        QTimer.singleShot(0, self._build)

    def bring_back(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit(self) -> None:
        """Ctrl+Q and Quit: close for real, tray or not (a session under way asks first,
        as Esc does, and so do editors with unsaved edits; either may keep the app open)."""
        if self._closed or not self._session_may_end():
            return
        if not self._editors_closed():
            return
        self._quitting = True
        self.close()
        if self.reminding.tray is not None:
            self.reminding.tray.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _session_may_end(self) -> bool:
        """Quitting during a session asks the player's stop question; only yes quits."""
        return self.player is None or self.player.confirm_stop(quitting=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        to_tray = not self._quitting and self.reminding.keeps_running()
        # A person's click on the title bar's close asks about a session under way, as
        # Ctrl+Q does; a close from code (tests, the app quitting) does not.
        asks = event.spontaneous() and not self._quitting
        if (asks and not self._session_may_end()) or not (
            self._quitting or to_tray or self._editors_closed()
        ):
            event.ignore()  # the session goes on, or an editor with unsaved edits stayed open
            return
        if to_tray:  # reminders keep running in the tray; Ctrl+Q quits
            if self.is_built:
                self.pages.close_player()
            self.hide()
            event.ignore()
            self.reminding.said_still_running()
            return
        self._closed = True
        geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.state.settings = self.state.settings.changed(window_geometry=geometry)
        self.state.save()
        if self.player is not None:
            self.player.end()
        self.reminding.stop()
        self.state.close_history()
        super().closeEvent(event)

    def _editors_closed(self) -> bool:
        actions = self._routine_actions
        return actions is None or actions.close_editors()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        super().changeEvent(event)
        # The midnight timer does not count time asleep: a computer woken the next
        # morning would still show yesterday's "today" without this.
        if event.type() is QtCore.QEvent.Type.ActivationChange and self.isActiveWindow():
            if self.is_built and self.state.new_day():
                self.pages.update_adherence()
            if self.reminding.reminders is not None:
                self.reminding.reminders.reschedule()  # the computer may have slept: ask the clock

    # -- the pages, by the names the window's parts and tests use ----------------

    @property
    def player(self) -> PlayerPage | None:
        return self.pages.player if self.is_built else None

    @property
    def library(self) -> Library:
        return self.pages.library

    def reload(self) -> None:
        self.pages.reload()

    def play(
        self, routine: Routine, *, start: bool = False, trace: TextIO | None = None
    ) -> PlayerPage:
        """The player on a routine, in the library's place (see Stage.play)."""
        return self.pages.play(routine, start=start, trace=trace)
