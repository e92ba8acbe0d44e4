"""The main window: the routine library beside the chosen routine's detail, and the player."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import safety
from ..core.paths import assets_dir, user_paths
from ..core.settings import (
    TEXT_SIZES,
    Settings,
    SettingsFile,
    read_settings,
    write_settings,
)
from ..core.settings_table import declared
from ..platform import services
from .dialogs import quit_from
from .theme import apply_appearance

# Qt's own namespace (QtCore.Qt) is reached through QtCore where it is used:
# importing it by name builds all of its enums, some 12 ms the window need not
# wait for.

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from ..core.discovery import Entry, Library
    from ..core.engine import Clock
    from ..core.history import History
    from ..core.model import Routine
    from ..platform import Probe
    from ..platform.watches import AwayWatch
    from .cues import CuePlayer
    from .history_page import HistoryPage
    from .player import PlayerPage
    from .reminders import ReminderService
    from .routine_actions import RoutineActions
    from .settings_dialog import SettingsDialog
    from .tray import Tray


def _is(name: str, value: object) -> Callable[[Settings], bool]:
    """Whether a setting has a value: a menu item's checked state."""
    return lambda settings: getattr(settings, name) == value


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
        self.settings_path = user_paths().settings_file
        # The file as read: what it said, and what a save must keep of it first.
        if settings_file is None:
            settings_file = read_settings(self.settings_path)
        self.settings_file = settings_file
        self.settings = settings if settings is not None else settings_file.settings
        self.settings_notice: QLabel | None = None  # said in the window when the file is bad
        self.player: PlayerPage | None = None
        self._history: History | None = None
        self.history_problem = ""  # why no history is kept, when none can be
        self._history_tried = False
        self._history_read_only = False  # readable, not writable: sessions go unrecorded
        self.reminders: ReminderService | None = None
        self.tray: Tray | None = None
        self.force_tray = False  # tests: a tray icon even where no tray is shown
        self.listen_for_others = False  # the app's own window answers later starts
        # tests: called with the settings dialog before it runs (to fill it in)
        self.settings_dialog_opened: Callable[[SettingsDialog], None] | None = None
        self.wall_clock: Callable[[], datetime] | None = None  # tests: a fake wall clock
        self.zone: tzinfo | None = None  # tests: a fixed time zone
        self.idle_probe: Probe | None = None  # how idle time is learnt (tests: a fake)
        self.full_screen_probe: Probe | None = None
        self.away_watch: AwayWatch | str | None = None  # or why there is none
        self._quitting = False
        self._routine_actions: RoutineActions | None = None
        self._start_hidden = False
        self.history_page: HistoryPage | None = None
        self._midnight = QTimer(self)  # the day's counts start again at midnight
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.update_adherence)
        self._adherence_day = date.today()
        self.is_built = False
        self._closed = False
        self._pending: list[Callable[[], object]] = []
        self._restore_geometry()
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

    @staticmethod
    def dropped_routines(event: QDropEvent | QDragEnterEvent) -> list[Path]:
        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in (".yaml", ".yml")]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.is_built and self.dropped_routines(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self.dropped_routines(event)
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
        from .library_page import LibraryPage

        self.is_built = True
        self.cue_player = cue_player if cue_player is not None else CuePlayer(self.settings)
        page = LibraryPage()
        page.play_requested.connect(self.play)
        page.edit_requested.connect(lambda entry: self.routine_actions.edit(entry))
        self._library_status = ""
        page.status.connect(self._show_library_status)
        self.library_page = self.splitter = page
        # The page's parts, by the names the rest of the window (and its tests) use.
        self.search, self.list, self.detail = page.search, page.list, page.detail
        self.model, self.filter, self.empty = page.model, page.filter, page.empty
        self.pages = QStackedWidget()
        self.pages.addWidget(page)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if self.settings_file.notice():
            column.addWidget(self._settings_banner(self.settings_file.notice()))
        column.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self.setAcceptDrops(True)  # routine files dropped on the window are imported

        self._build_menus()
        self.set_library(library if library is not None else known_routines())
        if self.cue_player.notices:
            # Said once, and left in view: the status message itself keeps changing.
            notice = QLabel(" ".join(self.cue_player.notices))
            notice.setAccessibleName("Sound notice")
            self.statusBar().addPermanentWidget(notice)
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

            self._routine_actions = RoutineActions(self)
        return self._routine_actions

    def _after_build(self) -> None:
        self.history()
        self.start_reminders()
        if self._start_hidden and (self.tray is None or not self._reminders_on()):
            self.show()  # nowhere else to wait
        if self.listen_for_others:
            from .single_instance import Listener

            self.listener = Listener(self)
            self.listener.request.connect(self.handle_request)
        self.routine_actions.watch()  # routines changed on disk show at once

    def handle_request(self, request: dict[str, object]) -> None:
        """Another start of the app asked for something: show the window, or a routine."""
        self.bring_back()
        if request.get("command") != "run" or not isinstance(request.get("path"), str):
            return
        from ..core.discovery import discover

        entries = discover(bundled_dir=None, user_dir=None, paths=[Path(str(request["path"]))])
        routine = entries.entries[0].result.routine if entries.entries else None
        if routine is None:
            from ..core.names import readable

            shown = readable(str(request["path"]))
            QMessageBox.warning(self, "BackRoutine", f"Cannot run {shown}.")
            return
        self.play(routine, start=bool(request.get("start")))

    # -- reminders and the tray --------------------------------------------------

    def start_reminders(self) -> None:
        """The reminder timer, and the tray icon where the desktop has a tray."""
        from PySide6.QtWidgets import QSystemTrayIcon

        from ..core.history import local_now
        from .reminders import ReminderService
        from .tray import Tray

        if self.reminders is not None:
            return
        if self.idle_probe is None or self.full_screen_probe is None or self.away_watch is None:
            desktop = services(QApplication.platformName())
            self.idle_probe = self.idle_probe or desktop.idle
            self.full_screen_probe = self.full_screen_probe or desktop.full_screen
            if self.away_watch is None:
                self.away_watch = desktop.away_watch(self.idle_probe)
        self.reminders = ReminderService(
            self.settings,
            self.routines_by_id(),
            self._history,
            now=self.wall_clock or local_now,
            zone=self.zone,
            idle=self.idle_probe.ask,
            full_screen=self.full_screen_probe.ask,
            away=None if isinstance(self.away_watch, str) else self.away_watch,
        )
        self.reminders.exercising = self._exercising
        if QSystemTrayIcon.isSystemTrayAvailable() or self.force_tray:
            tray = self.tray = Tray(self.windowIcon(), self.reminders, self)
            tray.start_break.connect(self.start_break)
            tray.start_program.connect(self.start_program)
            tray.open_window.connect(self.bring_back)
            tray.quit_app.connect(self.quit)
            tray.show()
            # The window can close to the tray while reminders are on.
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(False)

    def _exercising(self) -> bool:
        player = self.player
        return player is not None and player.session.under_way

    def _session_completed(self) -> None:
        if self.reminders is not None:
            self.reminders.session_completed()  # a break taken: the interval starts again

    def start_hidden(self) -> None:
        """At login: build without showing; the window appears only if there is no
        tray to wait in (or reminders are off)."""
        self._start_hidden = True
        QTimer.singleShot(0, self._build)

    def bring_back(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def start_break(self) -> None:
        """The break routine, started at once (from the tray or its reminder)."""
        self.bring_back()
        self.when_built(self._play_break)

    def _play_break(self) -> None:
        entry = self.library.find(self.settings.break_routine) or self.library.find("desk-break")
        if entry is None or entry.result.routine is None:
            QMessageBox.warning(
                self,
                "Break",
                f"The break routine {self.settings.break_routine!r} is not in the library "
                "or cannot run; choose another in the settings.",
            )
            return
        self.play(entry.result.routine, start=True)

    def start_program(self, routine_id: str) -> None:
        """A program's reminder was clicked: its player, ready (for the pain rating)."""
        self.bring_back()
        if self._exercising():
            self.statusBar().showMessage("Finish or stop the routine under way first.", 10000)
            return
        entry = self.library.find(routine_id)
        if entry is not None and entry.result.routine is not None:
            self.play(entry.result.routine)

    def quit(self) -> None:
        """Ctrl+Q and Quit: close for real, tray or not (a session under way asks first,
        as Esc does, and so do editors with unsaved edits; either may keep the app open)."""
        if self._closed:
            return
        if not self._session_may_end():
            return
        if self._routine_actions is not None and not self._routine_actions.close_editors():
            return
        self._quitting = True
        self.close()
        if self.tray is not None:
            self.tray.hide()
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def _session_may_end(self) -> bool:
        """Quitting during a session asks the player's stop question; only yes quits."""
        return self.player is None or self.player.confirm_stop(quitting=True)

    def history(self) -> History | None:
        """The history, opened on first use; None (and history_problem) if it cannot be."""
        if self._history_tried:
            return self._history
        self._history_tried = True
        from ..core.history import History, HistoryError, Notice, notice_texts

        path = user_paths().history_file
        try:
            self._history, notices = History.open(path)
        except HistoryError as exc:
            self.history_problem = str(exc)
            # What is there can still be shown and exported (a read-only disk, say).
            with contextlib.suppress(HistoryError):
                salvaged: list[Notice] = []  # a damaged file: how much of it could be read
                self._history = History.open_read_only(path, notices=salvaged)
                self._history_read_only = True
                self.history_problem = " ".join([self.history_problem, *notice_texts(salvaged)])
            self.statusBar().showMessage(self.history_problem, 15000)
            self.update_adherence()
            return self._history
        for notice in notices:
            if notice.kind.needs_attention:
                QMessageBox.warning(self, "Your history", notice.text)
            else:
                self.statusBar().showMessage(notice.text, 15000)
        self.update_adherence()
        return self._history

    def update_adherence(self) -> None:
        """Today's and this week's count for each scheduled routine, in the library;
        again after each session, and at midnight."""
        from datetime import datetime

        from ..core.adherence import adherence, week_of

        if self._history is None or not self.is_built:
            return
        today = self._adherence_day = date.today()
        monday, next_monday = week_of(today)
        texts = {}
        for entry in self.library.entries:
            routine = entry.result.routine
            if routine is None or routine.schedule is None:
                continue
            done = self._history.completed_per_day(routine.id, monday, next_monday)
            counts = adherence(routine.schedule, done, today)
            texts[entry.id] = f"{counts.today_text}  ·  {counts.week_text}"
        self.model.set_adherence(texts)
        midnight = datetime.combine(today + timedelta(days=1), datetime.min.time())
        wait = (midnight - datetime.now()).total_seconds()
        self._midnight.start(int(max(1.0, wait + 1) * 1000))

    # -- menus ---------------------------------------------------------------

    def _action(
        self,
        menu_text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | str | None = None,
        checked: bool | None = None,
    ) -> QAction:
        from PySide6.QtGui import QAction

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
        from PySide6.QtGui import QAction  # with the menus, after the window shows

        self._menu_state: list[tuple[QAction, Callable[[Settings], bool]]] = []

        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&Open My Routines Folder", self.open_routines_folder))
        file_menu.addAction(
            self._action(
                "&Reload Routines", self.reload, QKeySequence(QKeySequence.StandardKey.Refresh)
            )
        )
        settings_action = self._action("&Settings…", self.show_settings, "Ctrl+,")
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = self._action("&Quit", self.quit, "Ctrl+Q")
        quit_action.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(quit_action)

        routine_menu = bar.addMenu("&Routine")
        actions = self._routine_action
        for text, name, keys in (
            ("&New Routine", "new_routine", QKeySequence(QKeySequence.StandardKey.New)),
            ("&Edit Routine", "edit", "Ctrl+E"),
            ("&Duplicate Routine", "duplicate", "Ctrl+D"),
            ("E&xport Routine…", "export", "Ctrl+Shift+S"),
            ("Open in &Text Editor", "open_in_text_editor", None),
            ("", "", None),
            ("&Import Routine Files…", "import_files", "Ctrl+I"),
            ("Import from &Workrave, Stretchly or Safe Eyes…", "import_from_app", None),
            ("", "", None),
        ):
            if not text:
                routine_menu.addSeparator()
            else:
                routine_menu.addAction(self._action(text, actions(name), keys))
        trash = self._action("Move Routine to &Trash", actions("move_to_trash"), "Del")
        trash.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.list.addAction(trash)  # Delete in the list, not while typing a search
        routine_menu.addAction(trash)
        find = self._action(
            "&Find",
            lambda: self.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason),
            QKeySequence(QKeySequence.StandardKey.Find),
        )
        self.addAction(find)

        view_menu = bar.addMenu("&View")
        self.fullscreen_action = self._action(
            "&Full Screen", self.set_full_screen, "F11", checked=False
        )
        view_menu.addAction(self.fullscreen_action)
        view_menu.addSeparator()
        themes = declared("theme").choices  # labelled as in the settings dialog
        self._radio(
            view_menu, "theme", [("&" + c.label.replace("&", "&&"), c.value) for c in themes]
        )
        view_menu.addSeparator()
        large = self._action(
            "Lar&ge Text",
            lambda on: self.change(text_size=TEXT_SIZES[1] if on else TEXT_SIZES[0]),
            checked=self.settings.text_size == "large",
        )
        view_menu.addAction(large)
        self._follows(large, lambda s: s.text_size == "large")

        sound_menu = bar.addMenu("&Sound")
        self.sound_action = self._action(
            "&Cue Sounds", lambda on: self.change(sound=on), checked=self.settings.sound
        )
        sound_menu.addAction(self.sound_action)
        self._follows(self.sound_action, lambda s: s.sound)
        volume_menu = sound_menu.addMenu("&Volume")
        self._radio(volume_menu, "volume", [(f"{p}%", p) for p in (25, 50, 80, 100)])
        self.voice_action = self._action(
            "Spoken &Announcements", lambda on: self.change(voice=on), checked=self.settings.voice
        )
        sound_menu.addAction(self.voice_action)
        self._follows(self.voice_action, lambda s: s.voice)
        for action, available, reason in (
            (self.sound_action, self.cue_player.sound_available, self.cue_player.sound_reason),
            (self.voice_action, self.cue_player.voice_available, self.cue_player.voice_reason),
        ):
            if not available:
                action.setEnabled(False)
                action.setText(f"{action.text()} (unavailable: {reason})")

        history_menu = bar.addMenu("Hi&story")
        history_menu.addAction(self._action("&Show History", self.show_history, "Ctrl+H"))
        history_menu.addAction(
            self._action("&Report for My Clinician (PDF)…", lambda: self.export("pdf"))
        )
        history_menu.addAction(self._action("Export as &CSV…", lambda: self.export("csv")))
        history_menu.addAction(self._action("Export as &JSON…", lambda: self.export("json")))
        history_menu.addSeparator()
        ratings_menu = history_menu.addMenu("Ask for Pain &Ratings")
        self._radio(
            ratings_menu,
            "ratings",
            [
                ("For &Home Programs", "auto"),
                ("&After Every Routine", "always"),
                ("&Never", "never"),
            ],
        )

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Safety Notice", self.show_safety_notice))
        help_menu.addAction(self._action("&About BackRoutine", self.show_about))

    def _routine_action(self, name: str) -> Callable[[], object]:
        """A menu item's slot that reaches the routine actions when chosen."""
        return lambda: getattr(self.routine_actions, name)()

    def _radio(self, menu: QMenu, name: str, choices: list[tuple[str, object]]) -> None:
        """Menu items for the values of one setting, one of them checked."""
        from PySide6.QtGui import QActionGroup

        group = QActionGroup(self)
        for label, value in choices:
            action = self._action(
                label,
                lambda on, v=value: self._chosen(on, **{name: v}),
                checked=getattr(self.settings, name) == value,
            )
            group.addAction(action)
            menu.addAction(action)
            self._follows(action, _is(name, value))

    def _follows(self, action: QAction, state: Callable[[Settings], bool]) -> None:
        """The menu item shows this setting, also when it is changed elsewhere."""
        self._menu_state.append((action, state))

    def _sync_menus(self) -> None:
        for action, state in self._menu_state:
            blocked = action.blockSignals(True)
            action.setChecked(state(self.settings))
            action.blockSignals(blocked)

    def show_settings(self) -> SettingsDialog:
        from .settings_dialog import SettingsDialog

        desktop = services(QApplication.platformName())
        idle = self.idle_probe = self.idle_probe or desktop.idle
        full_screen = self.full_screen_probe or desktop.full_screen
        if self.away_watch is None:
            self.away_watch = desktop.away_watch(idle)
        away = "" if isinstance(self.away_watch, str) else self.away_watch.how
        note = "" if self.cue_player.sound_available else self.cue_player.sound_reason
        dialog = SettingsDialog(
            self.settings, self.routines_by_id(), idle, full_screen, note, self, away
        )
        quit_from(dialog, self)
        if self.settings_dialog_opened is not None:
            self.settings_dialog_opened(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changed = {
                key: value
                for key, value in dialog.values().items()
                if getattr(self.settings, key) != value
            }
            if changed:
                self.change(**changed)
                self._sync_menus()
        return dialog

    # -- settings --------------------------------------------------------------

    def change(self, **values: object) -> None:
        """Change settings, apply them now, and keep them."""
        self.settings = self.settings.changed(**values)
        if "theme" in values or "text_size" in values:
            apply_appearance(self.settings)
        self.cue_player.apply(self.settings)
        if self.reminders is not None:
            self.reminders.apply(self.settings)
        if "start_on_login" in values:
            autostart = services().autostart
            try:
                autostart.set_enabled(self.settings.start_on_login)
            except OSError as exc:
                self.settings = self.settings.changed(start_on_login=autostart.is_enabled())
                QMessageBox.warning(
                    self, "Start on login", f"Could not change the start-up entry: {exc}"
                )
        self.save_settings()

    def _chosen(self, on: bool, **values: object) -> None:
        """A radio item in a menu: act only on the one switched on."""
        if on:
            self.change(**values)

    def save_settings(self) -> None:
        kept_before = self.settings_file.kept_as
        try:
            write_settings(self.settings_file, self.settings)
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save your settings: {exc}", 10000)
        kept = self.settings_file.kept_as
        if kept is not None and kept != kept_before and self.settings_notice is None:
            # Text of the person's that a save does not keep (comments, a change
            # made by hand while the app ran): said, since no band said it before.
            self.statusBar().showMessage(
                f"Your settings file held text that saving does not keep (such as "
                f"comments); your version is kept as {kept}.",
                15000,
            )
        if self.settings_notice is not None:  # it may now name the copy kept
            self.settings_notice.setText(self.settings_file.notice())

    def _settings_banner(self, text: str) -> QFrame:
        """A band across the top of the window saying what was wrong with the settings
        file and where the person's own file is; it stays until they close it."""
        banner = QFrame()
        banner.setObjectName("settingsNotice")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet(
            "#settingsNotice { background: #fff4ce; border: 1px solid #c8a600; }"
            " #settingsNotice QLabel { color: #3b2f00; }"
        )
        row = QHBoxLayout(banner)
        row.setContentsMargins(12, 8, 8, 8)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName("Settings notice")
        row.addWidget(label, 1)
        close = QPushButton("Close")
        close.setAccessibleName("Close the settings notice")
        close.clicked.connect(banner.hide)
        row.addWidget(close, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        self.settings_notice = label
        return banner

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            not self._quitting
            and self._routine_actions is not None
            and not (self.tray is not None and self._reminders_on())
            and not self._routine_actions.close_editors()
        ):
            event.ignore()  # an editor with unsaved edits stayed open
            return
        if self.tray is not None and not self._quitting and self._reminders_on():
            # Reminders keep running in the tray; Ctrl+Q quits.
            if self.player is not None:
                self.close_player()
            self.hide()
            event.ignore()
            if not self.settings.tray_notice_seen:
                self.tray.showMessage(
                    "BackRoutine is still running",
                    "It will remind you of your breaks from here. Quit from this icon's "
                    "menu, or with Ctrl+Q in the window.",
                )
                self.change(tray_notice_seen=True)
            return
        self._closed = True
        geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings = self.settings.changed(window_geometry=geometry)
        self.save_settings()
        if self.player is not None:
            self.player.end()
        if self.reminders is not None:
            self.reminders.stop()
        if self._history is not None:
            self._history.close()
            self._history = None
        super().closeEvent(event)
        if self.tray is not None:
            # Closing for real (reminders off, or Quit): the tray icon goes too, and the
            # app ends, although it no longer quits on its own when its window closes.
            self.tray.hide()
            app = QApplication.instance()
            if app is not None:
                QTimer.singleShot(0, app.quit)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        super().changeEvent(event)
        # The midnight timer does not count time asleep: a computer woken the next
        # morning would still show yesterday's "today" without this.
        if event.type() is QtCore.QEvent.Type.ActivationChange and self.isActiveWindow():
            if date.today() != self._adherence_day:
                self.update_adherence()
            if self.reminders is not None:
                self.reminders.reschedule()  # the computer may have slept: ask the clock

    def _reminders_on(self) -> bool:
        return self.settings.breaks or self.settings.program_reminders

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    # -- library -------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self.library_page.library

    def set_library(self, library: Library) -> None:
        self.library_page.set_library(library)
        self.update_adherence()

    def current_entry(self) -> Entry | None:
        return self.library_page.current_entry()

    def _show_library_status(self, text: str) -> None:
        self._library_status = text
        if self.player is None:
            self.statusBar().showMessage(text)

    def reload(self) -> None:
        from ..core.discovery import known_routines

        self.set_library(known_routines())

    # -- the player ------------------------------------------------------------

    def play(
        self,
        routine: Routine,
        start: bool = False,
        trace: TextIO | None = None,
        record: bool = True,
    ) -> PlayerPage:
        """Open the player on a routine; with start, begin at once. A routine tried out
        from the editor (record False) is not kept in the history."""
        from ..core.settings import asks_for_ratings
        from .player import PlayerPage, safety_banner

        self.close_player()
        history = self.history()
        player = PlayerPage(
            routine,
            clock=self.clock,
            trace=trace,
            history=None if self._history_read_only or not record else history,
            history_problem=self.history_problem if record else "It is being tried out.",
            ask_ratings=asks_for_ratings(self.settings, routine.schedule, routine.tags),
            trying_out=not record,
        )
        player.closed.connect(self.close_player)
        player.completed.connect(self._session_completed)
        player.cues_due.connect(lambda cues: self.cue_player.play(cues, player.timeline))
        self.cue_player.prepare()
        self.pages.addWidget(player)
        self.pages.setCurrentWidget(player)
        self.player = player
        self.statusBar().clearMessage()  # the library's count means nothing here
        self.setWindowTitle(f"{routine.name} - BackRoutine")
        if not self.settings.safety_notice_seen and start:
            # Starting straight away: the notice shows inside the player, not as a
            # dialog that would block the start.
            player.show_notice(safety_banner())
            self.change(safety_notice_seen=True)
        if not record:
            player.add_notice(
                "history", "You are trying out a routine from the editor: it is not recorded."
            )
        player.setFocus()
        if start:
            player.start()
        return player

    def close_player(self) -> None:
        if self.player is None:
            return
        player, self.player = self.player, None
        player.end()
        self.pages.setCurrentWidget(self.splitter)
        self.pages.removeWidget(player)
        player.deleteLater()
        self.update_adherence()
        self.setWindowTitle("BackRoutine")
        self.statusBar().showMessage(self._library_status)
        self.list.setFocus()

    # -- history ---------------------------------------------------------------

    def routines_by_id(self) -> dict[str, Routine]:
        return {e.id: e.result.routine for e in self.library.entries if e.result.routine}

    def show_history(self) -> HistoryPage | None:
        import sqlite3

        from .history_page import HistoryPage

        history = self.history()
        if history is None:
            QMessageBox.warning(self, "History", self.history_problem)
            return None
        if self.player is not None:
            self.close_player()
        try:
            if self.history_page is None:
                self.history_page = HistoryPage(history, self.routines_by_id())
                self.history_page.closed.connect(self.close_history)
                self.history_page.export_requested.connect(self.export)
                self.pages.addWidget(self.history_page)
            else:
                self.history_page.routines = self.routines_by_id()
                self.history_page.refresh()
        except sqlite3.DatabaseError:  # damage further in than opening looks
            QMessageBox.warning(self, "History", history.mark_damaged())
            return None
        self.pages.setCurrentWidget(self.history_page)
        self.statusBar().clearMessage()  # the library's count means nothing here
        self.setWindowTitle("History - BackRoutine")
        self.history_page.table.setFocus()
        return self.history_page

    def close_history(self) -> None:
        self.pages.setCurrentWidget(self.splitter)
        self.statusBar().showMessage(self._library_status)
        self.setWindowTitle("BackRoutine")
        self.list.setFocus()

    def export(self, form: str) -> None:
        """Ask where, then write the history as CSV, JSON or a PDF report."""
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        if self.history() is None:
            QMessageBox.warning(self, "Export", self.history_problem)
            return
        names = {
            "pdf": ("backroutine-report", "PDF report (*.pdf)"),
            "csv": ("backroutine-sessions", "CSV (*.csv)"),
            "json": ("backroutine-sessions", "JSON (*.json)"),
        }
        stem, kinds = names[form]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = f"{folder}/{stem}-{date.today().isoformat()}.{form}"
        chosen, _filter = QFileDialog.getSaveFileName(self, "Export your history", suggested, kinds)
        if chosen:
            self.write_export(form, Path(chosen))

    def write_export(self, form: str, target: Path) -> None:
        import sqlite3

        from ..core import export
        from ..core.history import HistoryError

        history = self.history()
        assert history is not None
        written = [target]
        QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            if form == "pdf":
                from .report_pdf import report_from_history

                report_from_history(history, self.routines_by_id(), target)
            else:
                # Read and written a batch at a time: memory stays flat at any length.
                written = export.write_files(form, history.iter_sessions(), target)
        except OSError as exc:
            QMessageBox.warning(self, "Export", f"Could not write {target}:\n{exc}")
            return
        except (HistoryError, sqlite3.DatabaseError) as exc:
            # Damage further in than opening looks (a large file): recovered at the
            # next start, as when the history page meets it.
            damaged = isinstance(exc, sqlite3.DatabaseError) or isinstance(
                exc.__cause__, sqlite3.DatabaseError
            )
            said = history.mark_damaged() if damaged else str(exc)
            QMessageBox.warning(self, "Export", f"Nothing was written to {target}:\n{said}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.statusBar().showMessage("Written: " + ", ".join(str(p) for p in written), 15000)

    # -- help ------------------------------------------------------------------

    def show_safety_notice(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(safety.TITLE)
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(safety.TITLE)
        box.setInformativeText(safety.notice_text())
        quit_from(box, self)
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
        from PySide6.QtGui import QDesktopServices

        self.routine_actions.watch()  # the folder may be new: files put there show at once
        from .routine_actions import file_url

        QDesktopServices.openUrl(file_url(folder))

    def show_about(self) -> None:
        folder = user_paths().routines_dir
        box = QMessageBox(self)
        box.setWindowTitle("About BackRoutine")
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(f"BackRoutine {__version__}")
        box.setInformativeText(
            "Guided back-care exercise routines, with a private log kept on this computer.\n\n"
            f"Your own routines go in:\n{folder}\n\n"
            "BackRoutine is not medical advice. Stop an exercise that makes your pain worse, "
            "and ask a clinician about pain that persists."
        )
        box.exec()
