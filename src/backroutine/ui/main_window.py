"""The main window: the routine library beside the chosen routine's detail, and the player."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import safety
from ..core.discovery import Entry, Library, known_routines
from ..core.engine import Clock
from ..core.model import Routine
from ..core.paths import assets_dir, user_paths
from ..core.problems import counted
from ..core.settings import TEXT_SIZES, THEMES, Settings, load_settings, save_settings
from .cues import CuePlayer
from .detail import RoutineDetail
from .library import EntryRole, LibraryDelegate, LibraryFilter, LibraryModel
from .player import PlayerPage, safety_banner
from .theme import apply_appearance


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library | None = None,
        settings: Settings | None = None,
        clock: Clock = time.monotonic,
        cue_player: CuePlayer | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle("BackRoutine")
        icon = assets_dir() / "icon.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.resize(1100, 740)
        self.clock = clock
        self.settings_path = user_paths().settings_file
        if settings is None:
            settings, problems = load_settings(self.settings_path)
            self._settings_problems = problems
        else:
            self._settings_problems = []
        self.settings = settings
        self.cue_player = cue_player if cue_player is not None else CuePlayer(settings)
        self.player: PlayerPage | None = None

        self.model = LibraryModel(self)
        self.filter = LibraryFilter(self)
        self.filter.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search routines, exercises, tags")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search routines")
        self.search.textChanged.connect(self._search)

        self.list = QListView()
        self.list.setModel(self.filter)
        self.list.setItemDelegate(LibraryDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Routines")
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.list.activated.connect(self._activated)

        self.empty = QLabel("No routine matches your search.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(10, 10, 0, 10)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty)

        self.detail = RoutineDetail()
        self.detail.start_requested.connect(self.play)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 740])
        self.pages = QStackedWidget()
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        self.setTabOrder(self.search, self.list)
        self.setTabOrder(self.list, self.detail)

        self._build_menus()
        self.set_library(library if library is not None else known_routines())
        self._restore_geometry()
        if self.cue_player.notices:
            # Said once, and left in view: the status message itself keeps changing.
            notice = QLabel(" ".join(self.cue_player.notices))
            notice.setAccessibleName("Sound notice")
            self.statusBar().addPermanentWidget(notice)

    # -- menus ---------------------------------------------------------------

    def _action(
        self,
        menu_text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | str | None = None,
        checked: bool | None = None,
    ) -> QAction:
        action = QAction(menu_text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&Open My Routines Folder", self.open_routines_folder))
        file_menu.addAction(
            self._action(
                "&Reload Routines", self.reload, QKeySequence(QKeySequence.StandardKey.Refresh)
            )
        )
        file_menu.addSeparator()
        quit_action = self._action("&Quit", self.close, "Ctrl+Q")
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(quit_action)
        find = self._action(
            "&Find",
            lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason),
            QKeySequence(QKeySequence.StandardKey.Find),
        )
        self.addAction(find)

        view_menu = bar.addMenu("&View")
        self.fullscreen_action = self._action(
            "&Full Screen", self.set_full_screen, "F11", checked=False
        )
        view_menu.addAction(self.fullscreen_action)
        view_menu.addSeparator()
        themes = QActionGroup(self)
        for theme in THEMES:
            label = {"system": "&System Colours", "light": "&Light", "dark": "&Dark"}[theme]
            action = self._action(
                label,
                lambda on, t=theme: self._chosen(on, theme=t),
                checked=self.settings.theme == theme,
            )
            themes.addAction(action)
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(
            self._action(
                "Lar&ge Text",
                lambda on: self.change(text_size=TEXT_SIZES[1] if on else TEXT_SIZES[0]),
                checked=self.settings.text_size == "large",
            )
        )

        sound_menu = bar.addMenu("&Sound")
        self.sound_action = self._action(
            "&Cue Sounds", lambda on: self.change(sound=on), checked=self.settings.sound
        )
        sound_menu.addAction(self.sound_action)
        volumes = QActionGroup(self)
        volume_menu = sound_menu.addMenu("&Volume")
        for percent in (25, 50, 80, 100):
            action = self._action(
                f"{percent}%",
                lambda on, p=percent: self._chosen(on, volume=p),
                checked=self.settings.volume == percent,
            )
            volumes.addAction(action)
            volume_menu.addAction(action)
        self.voice_action = self._action(
            "Spoken &Announcements", lambda on: self.change(voice=on), checked=self.settings.voice
        )
        sound_menu.addAction(self.voice_action)
        for action, available, reason in (
            (self.sound_action, self.cue_player.sound_available, self.cue_player.sound_reason),
            (self.voice_action, self.cue_player.voice_available, self.cue_player.voice_reason),
        ):
            if not available:
                action.setEnabled(False)
                action.setText(f"{action.text()} (unavailable: {reason})")

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Safety Notice", self.show_safety_notice))
        help_menu.addAction(self._action("&About BackRoutine", self.show_about))

    # -- settings --------------------------------------------------------------

    def change(self, **values: object) -> None:
        """Change settings, apply them now, and keep them."""
        self.settings = self.settings.changed(**values)
        if "theme" in values or "text_size" in values:
            apply_appearance(self.settings)
        self.cue_player.apply(self.settings)
        self.save_settings()

    def _chosen(self, on: bool, **values: object) -> None:
        """A radio item in a menu: act only on the one switched on."""
        if on:
            self.change(**values)

    def save_settings(self) -> None:
        try:
            save_settings(self.settings, self.settings_path)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save your settings: {exc}", 10000)

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings = self.settings.changed(window_geometry=geometry)
        self.save_settings()
        if self.player is not None:
            self.player.session.stop()
        super().closeEvent(event)

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    # -- library -------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        current = self.current_entry()
        self.library = library
        self.model.set_library(library)
        broken = sum(not e.runnable for e in library.entries)
        message = counted(len(library.entries), "routine")
        if broken:
            message += f" · {broken} with problems (select one to see what to fix)"
        self.statusBar().showMessage(message)
        self._select(current.id if current else None)

    def reload(self) -> None:
        self.set_library(known_routines())

    def _select(self, routine_id: str | None) -> None:
        target = 0
        for row in range(self.filter.rowCount()):
            entry = self.filter.index(row, 0).data(EntryRole)
            if isinstance(entry, Entry) and entry.id == routine_id:
                target = row
                break
        if self.filter.rowCount():
            self.list.setCurrentIndex(self.filter.index(target, 0))
        else:
            self.detail.show_entry(None)

    def current_entry(self) -> Entry | None:
        if not hasattr(self, "library"):
            return None
        entry = self.list.currentIndex().data(EntryRole)
        return entry if isinstance(entry, Entry) else None

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        entry = indexes[0].data(EntryRole) if indexes else None
        self.detail.show_entry(entry if isinstance(entry, Entry) else None)

    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(EntryRole)
        if isinstance(entry, Entry) and entry.result.routine is not None:
            self.play(entry.result.routine)

    def _search(self, text: str) -> None:
        current = self.current_entry()
        self.filter.set_query(text)
        self.empty.setVisible(self.filter.rowCount() == 0)
        self._select(current.id if current else None)

    # -- the player ------------------------------------------------------------

    def play(
        self, routine: Routine, start: bool = False, trace: TextIO | None = None
    ) -> PlayerPage:
        """Open the player on a routine; with start, begin at once."""
        self.close_player()
        player = PlayerPage(routine, clock=self.clock, trace=trace)
        player.closed.connect(self.close_player)
        player.cues_due.connect(lambda cues: self.cue_player.play(cues, player.timeline))
        self.cue_player.prepare()
        self.pages.addWidget(player)
        self.pages.setCurrentWidget(player)
        self.player = player
        self.setWindowTitle(f"{routine.name} - BackRoutine")
        if not self.settings.safety_notice_seen and start:
            # Starting straight away: the notice shows inside the player, not as a
            # dialog that would block the start.
            player.show_notice(safety_banner())
            self.change(safety_notice_seen=True)
        player.setFocus()
        if start:
            player.start()
        return player

    def close_player(self) -> None:
        if self.player is None:
            return
        player, self.player = self.player, None
        player.session.stop()
        self.pages.setCurrentWidget(self.splitter)
        self.pages.removeWidget(player)
        player.deleteLater()
        self.setWindowTitle("BackRoutine")
        self.list.setFocus()

    # -- help ------------------------------------------------------------------

    def show_safety_notice(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(safety.TITLE)
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(safety.TITLE)
        box.setInformativeText(safety.notice_text())
        box.exec()
        if not self.settings.safety_notice_seen:
            self.change(safety_notice_seen=True)

    def open_routines_folder(self) -> None:
        folder = user_paths().routines_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(
                self, "BackRoutine", f"Cannot create your routines folder {folder}:\n{exc}"
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_about(self) -> None:
        folder = user_paths().routines_dir
        box = QMessageBox(self)
        box.setWindowTitle("About BackRoutine")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"BackRoutine {__version__}")
        box.setInformativeText(
            "Guided back-care exercise routines, with a private log kept on this computer.\n\n"
            f"Your own routines go in:\n{folder}\n\n"
            "BackRoutine is not medical advice. Stop an exercise that makes your pain worse, "
            "and ask a clinician about pain that persists."
        )
        box.exec()
