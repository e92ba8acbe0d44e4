"""The main window's menus and the commands that live only in them (settings, the
safety notice, about, the routines folder). A menu item that shows a setting
follows it, wherever it is changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMenu, QMessageBox, QWidget

from .. import __version__
from ..core import safety
from ..core.i18n import _, pgettext
from ..core.settings import TEXT_SIZES, Settings
from ..core.settings_table import declared
from .dialogs import quit_from

if TYPE_CHECKING:
    from ..core.model import Routine
    from .app_state import AppState
    from .cues import CuePlayer
    from .history_view import HistoryView
    from .routine_actions import RoutineActions
    from .settings_dialog import SettingsDialog


def mnemonic(label: str) -> str:
    """A menu item's text from a declared label, which has no Alt+letter of its own
    (give_mnemonics gives it one); a literal & is doubled."""
    return label.replace("&", "&&")


_MARKED = re.compile(r"&([^&])")


def give_mnemonics(menu: QMenu) -> None:
    """Each item of the menu without an Alt+letter gets one no other item there has:
    the first free letter that starts a word of it, else any free letter. Declared
    labels come from the settings table in the person's language, so the letters
    cannot be chosen beforehand ("System colours" and "Light" are "Couleurs du
    système" and "Clair" in French)."""
    items = [action for action in menu.actions() if not action.isSeparator()]
    taken = {m.group(1).lower() for a in items if (m := _MARKED.search(a.text()))}
    for action in items:
        text = action.text()
        if _MARKED.search(text):
            continue
        starts = [
            i for i, c in enumerate(text) if c.isalnum() and (i == 0 or not text[i - 1].isalnum())
        ]
        others = [i for i, c in enumerate(text) if c.isalnum() and i not in starts]
        for at in starts + others:
            if text[at].lower() not in taken:
                taken.add(text[at].lower())
                action.setText(text[:at] + "&" + text[at:])
                break


def _format_percent(percent: int) -> str:
    # Translators: a volume in percent; write the sign as your language does ("80 %").
    return _("{percent}%").format(percent=percent)


class MenuPages(Protocol):
    def reload(self) -> None: ...
    def routines_by_id(self) -> dict[str, Routine]: ...


class MenuHost(Protocol):
    """What the menus command in the window."""

    @property
    def routine_actions(self) -> RoutineActions: ...
    @property
    def history_view(self) -> HistoryView: ...
    @property
    def pages(self) -> MenuPages: ...
    @property
    def search(self) -> QWidget: ...
    @property
    def list(self) -> QWidget: ...

    def quit(self) -> None: ...


def _is(name: str, value: object) -> Callable[[Settings], bool]:
    """Whether a setting has a value: a menu item's checked state."""
    return lambda settings: getattr(settings, name) == value


class Menus(QtCore.QObject):
    """The menu bar of the window, built at once."""

    def __init__(
        self, window: QMainWindow, host: MenuHost, state: AppState, cue_player: CuePlayer
    ) -> None:
        super().__init__(window)
        self.window, self.host, self.state, self.cue_player = window, host, state, cue_player
        # tests: called with the settings dialog before it runs (to fill it in)
        self.settings_dialog_opened: Callable[[SettingsDialog], None] | None = None
        self._menu_state: list[tuple[QAction, Callable[[Settings], bool]]] = []
        self._build()
        state.changed.connect(self._sync)

    @property
    def settings(self) -> Settings:
        return self.state.settings

    def _action(
        self,
        menu_text: str,
        slot: Callable[..., object],
        shortcut: QKeySequence | str | None = None,
        checked: bool | None = None,
    ) -> QAction:
        action = QAction(menu_text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        host, change = self.host, self.state.change
        bar = self.window.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self._action(_("&Open My Routines Folder"), self.open_routines_folder))
        file_menu.addAction(
            self._action(
                _("&Reload Routines"),
                host.pages.reload,
                QKeySequence(QKeySequence.StandardKey.Refresh),
            )
        )
        settings_action = self._action(_("&Settings…"), self.show_settings, "Ctrl+,")
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        quit_action = self._action(_("&Quit"), host.quit, "Ctrl+Q")
        quit_action.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(quit_action)

        routine_menu = bar.addMenu(_("&Routine"))
        actions = self._routine_action
        for text, name, keys in (
            (_("&New Routine"), "new_routine", QKeySequence(QKeySequence.StandardKey.New)),
            (_("&Edit Routine"), "edit", "Ctrl+E"),
            (_("&Duplicate Routine"), "duplicate", "Ctrl+D"),
            (_("E&xport Routine…"), "export", "Ctrl+Shift+S"),
            (_("&Open in Text Editor"), "open_in_text_editor", None),
            ("", "", None),
            (_("&Import Routine Files…"), "import_files", "Ctrl+I"),
            (_("Import from &Workrave, Stretchly or Safe Eyes…"), "import_from_app", None),
            ("", "", None),
        ):
            if not text:
                routine_menu.addSeparator()
            else:
                routine_menu.addAction(self._action(text, actions(name), keys))
        trash = self._action(_("Move Routine to &Trash"), actions("move_to_trash"), "Del")
        trash.setShortcutContext(QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut)
        host.list.addAction(trash)  # Delete in the list, not while typing a search
        routine_menu.addAction(trash)
        find = self._action(
            _("&Find"),
            lambda: host.search.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason),
            QKeySequence(QKeySequence.StandardKey.Find),
        )
        self.window.addAction(find)

        view_menu = bar.addMenu(_("&View"))
        self.fullscreen_action = self._action(
            _("&Full Screen"), self.set_full_screen, "F11", checked=False
        )
        view_menu.addAction(self.fullscreen_action)
        view_menu.addSeparator()
        themes = declared("theme").choices  # labelled as in the settings dialog
        self._radio(view_menu, "theme", [(mnemonic(c.shown_label()), c.value) for c in themes])
        view_menu.addSeparator()
        large = self._action(
            mnemonic(declared("text_size").shown_label_of("large")),
            lambda on: change(text_size=TEXT_SIZES[1] if on else TEXT_SIZES[0]),
            checked=self.settings.text_size == "large",
        )
        view_menu.addAction(large)
        self._follows(large, lambda s: s.text_size == "large")
        give_mnemonics(view_menu)

        sound_menu = bar.addMenu(_("&Sound"))
        self.sound_action = self._action(
            mnemonic(declared("sound").shown_label()),
            lambda on: change(sound=on),
            checked=self.settings.sound,
        )
        sound_menu.addAction(self.sound_action)
        self._follows(self.sound_action, lambda s: s.sound)
        volume_menu = sound_menu.addMenu(_("&Volume"))
        self._radio(volume_menu, "volume", [(_format_percent(p), p) for p in (25, 50, 80, 100)])
        give_mnemonics(volume_menu)
        self.voice_action = self._action(
            mnemonic(declared("voice").shown_label()),
            lambda on: change(voice=on),
            checked=self.settings.voice,
        )
        sound_menu.addAction(self.voice_action)
        self._follows(self.voice_action, lambda s: s.voice)
        give_mnemonics(sound_menu)
        cues = self.cue_player
        for action, available, reason in (
            (self.sound_action, cues.sound_available, cues.sound_reason),
            (self.voice_action, cues.voice_available, cues.voice_reason),
        ):
            if not available:
                action.setEnabled(False)
                # Translators: a menu item that cannot be used; {reason} says why.
                unavailable = _("{item} (unavailable: {reason})")
                action.setText(unavailable.format(item=action.text(), reason=reason))
        if cues.notices:
            # Left in view, short, so that it does not crowd out the status bar's own
            # messages (in German or Japanese the whole reason fills the bar); the
            # reason and what to install are in its tooltip and the Sound menu.
            said = " ".join(cues.notices)
            notice = QLabel(_("Sound cues are off"))
            notice.setToolTip(said)
            notice.setAccessibleName(_("Sound notice"))
            notice.setAccessibleDescription(said)
            self.window.statusBar().addPermanentWidget(notice)

        history_menu = bar.addMenu(_("His&tory"))
        view = host.history_view
        history_menu.addAction(self._action(_("&Show History"), view.show, "Ctrl+H"))
        history_menu.addAction(
            self._action(_("&Report for My Clinician (PDF)…"), lambda: view.export("pdf"))
        )
        history_menu.addAction(self._action(_("Export as &CSV…"), lambda: view.export("csv")))
        history_menu.addAction(self._action(_("Export as &JSON…"), lambda: view.export("json")))
        history_menu.addSeparator()
        ratings_menu = history_menu.addMenu(_("Ask for &Pain Ratings"))
        self._radio(
            ratings_menu,
            "ratings",
            [
                (_("For &Home Programs"), "auto"),
                (_("&After Every Routine"), "always"),
                (pgettext("pain ratings", "&Never"), "never"),
            ],
        )

        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self._action(_("&Safety Notice"), self.show_safety_notice))
        help_menu.addAction(self._action(_("&About BackRoutine"), self.show_about))

    def set_full_screen(self, on: bool) -> None:
        if on:
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    def _routine_action(self, name: str) -> Callable[[], object]:
        """A menu item's slot that reaches the routine actions when chosen."""
        return lambda: getattr(self.host.routine_actions, name)()

    def _radio(self, menu: QMenu, name: str, choices: list[tuple[str, object]]) -> None:
        """Menu items for the values of one setting, one of them checked."""
        group = QActionGroup(self.window)
        for label, value in choices:
            action = self._action(
                label,
                lambda on, v=value: self._chosen(on, **{name: v}),
                checked=getattr(self.settings, name) == value,
            )
            group.addAction(action)
            menu.addAction(action)
            self._follows(action, _is(name, value))

    def _chosen(self, on: bool, **values: object) -> None:
        """A radio item in a menu: act only on the one switched on."""
        if on:
            self.state.change(**values)

    def _follows(self, action: QAction, state: Callable[[Settings], bool]) -> None:
        """The menu item shows this setting, also when it is changed elsewhere."""
        self._menu_state.append((action, state))

    def _sync(self, _keys: object = None) -> None:
        for action, state in self._menu_state:
            blocked = action.blockSignals(True)
            action.setChecked(state(self.settings))
            action.blockSignals(blocked)

    # -- commands found only in the menus -------------------------------------------

    def show_settings(self) -> SettingsDialog:
        from .settings_dialog import SettingsDialog

        idle, full_screen, away_watch = self.state.platform_services()
        away = "" if isinstance(away_watch, str) else away_watch.how
        note = "" if self.cue_player.sound_available else self.cue_player.sound_reason
        dialog = SettingsDialog(
            self.settings,
            self.host.pages.routines_by_id(),
            idle,
            full_screen,
            note,
            self.window,
            away,
        )
        quit_from(dialog, self.window)
        if self.settings_dialog_opened is not None:
            self.settings_dialog_opened(dialog)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changed = {
                key: value
                for key, value in dialog.values().items()
                if getattr(self.settings, key) != value
            }
            if changed:
                self.state.change(**changed)
        return dialog

    def show_safety_notice(self) -> None:
        box = QMessageBox(self.window)
        box.setWindowTitle(safety.title())
        box.setIcon(QMessageBox.Icon.Information)
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(safety.title())
        box.setInformativeText(safety.notice_text())
        quit_from(box, self.window)
        box.exec()
        if not self.settings.safety_notice_seen:
            self.state.change(safety_notice_seen=True)

    def open_routines_folder(self) -> None:
        folder = self.state.routines_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(
                self.window,
                "BackRoutine",
                _("Cannot create your routines folder {folder}:\n{reason}").format(
                    folder=folder, reason=exc
                ),
            )
            return
        from PySide6.QtGui import QDesktopServices

        self.host.routine_actions.watch()  # the folder may be new: files put there show at once
        from .routine_actions import file_url

        QDesktopServices.openUrl(file_url(folder))

    def show_about(self) -> None:
        box = QMessageBox(self.window)
        box.setWindowTitle(_("About BackRoutine"))
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(_("BackRoutine {version}").format(version=__version__))
        box.setInformativeText(
            _(
                "Guided back-care exercise routines, with a private log kept on this computer."
                "\n\nYour own routines go in:\n{folder}\n\n"
                "BackRoutine is not medical advice. Stop an exercise that makes your pain "
                "worse, and ask a clinician about pain that persists."
            ).format(folder=self.state.routines_dir)
        )
        box.exec()
