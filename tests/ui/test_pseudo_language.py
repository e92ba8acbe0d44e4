"""The whole window in the pseudo-language: every menu item is chosen once, and every
page, dialog, message box, file dialog and editor it opens is read. Any text a person
could see that is not pseudo-translated (⟦...⟧), nor the routine's own words, a file
name or a number, skipped the translation layer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

from backroutine.core import i18n
from backroutine.core.model import ExerciseStep, RestStep, Routine
from backroutine.core.settings import Settings
from backroutine.platform import services
from backroutine.ui.main_window import MainWindow

from ..pseudo_text import FILE_PATTERNS, FORMAT_WORDS, QT_KEYS
from . import test_tray
from .pseudo import leftover, widget_texts
from .test_player import wait

tray_window = test_tray.tray_window  # the window with its tray icon, on a Monday morning

# Words that stay as they are in every language: the app's name, each language named
# in itself, keys of the routine format a message names on purpose, Qt's own key
# names and file patterns, and the name of the Qt platform a reason names.
FIXED = [
    "BackRoutine",
    *(i18n.language_name(code) for code in i18n.SHIPPED),
    *FORMAT_WORDS,
    *QT_KEYS,
    *FILE_PATTERNS,
    "offscreen",
]


def routine_words(routine: Routine) -> list[str]:
    words = [routine.name, routine.summary, routine.description, routine.caution]
    for step in routine.steps:
        if isinstance(step, ExerciseStep):
            words += [step.name, step.instructions, step.caution]
        elif isinstance(step, RestStep):
            words.append(step.note)
    return [word.strip() for word in words if word and word.strip()]


class Seen:
    """Everything read so far: (where, text), from windows and from the boxes and file
    dialogs that were asked (and answered No or Cancel at once)."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def read(self, widget: QWidget, where: str) -> None:
        if isinstance(widget, QFileDialog):
            return  # Qt's own dialog, in Qt's words (its catalogues translate them)
        self.texts += [(f"{where}: {place}", text) for place, text in widget_texts(widget)]

    def said(self, where: str, *texts: object) -> None:
        self.texts += [(where, str(text)) for text in texts if isinstance(text, str) and text]


@pytest.fixture
def seen(monkeypatch, tmp_path: Path) -> Iterator[Seen]:
    seen = Seen()

    def dialog_exec(self: QDialog) -> int:
        seen.read(self, type(self).__name__)
        return int(QDialog.DialogCode.Rejected)

    def box_exec(self: QMessageBox) -> int:
        seen.read(self, "QMessageBox")
        seen.said("QMessageBox", self.informativeText(), self.detailedText())
        return int(QMessageBox.StandardButton.Cancel)

    def asked(kind: str, answer: object):
        def ask(*args: object, **kwargs: object) -> object:
            seen.said(kind, *args[1:], *kwargs.values())
            return answer

        return staticmethod(ask)

    monkeypatch.setattr(QDialog, "exec", dialog_exec)
    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, asked(name, QMessageBox.StandardButton.Cancel))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", asked("open", ("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", asked("open", ([], "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", asked("save", ("", "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", asked("folder", ""))
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    # The system's services say why a probe is missing in the language the app started
    # in: built anew, as at a start in this language, not kept from an earlier test.
    services.cache_clear()
    i18n.set_language(i18n.PSEUDO)
    yield seen
    services.cache_clear()


def leaf_actions(window: MainWindow) -> list[tuple[str, QAction]]:
    found: list[tuple[str, QAction]] = []

    def walk(actions: list[QAction], path: str) -> None:
        for action in actions:
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu().actions(), f"{path} > {action.text()}")
            else:
                found.append((f"{path} > {action.text()}", action))

    walk(window.menuBar().actions(), "menu")
    return found


def test_every_menu_item_and_what_it_opens_speaks_the_persons_language(
    qtbot, home, clock, cues, seen
):
    window = MainWindow(settings=Settings(), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    data = [*FIXED, str(home)]
    for entry in window.library.entries:
        if entry.result.routine is not None:
            data += [*routine_words(entry.result.routine), entry.path.name, entry.id]
    seen.read(window, "window")
    window.library_page.select("desk-break")  # a routine chosen, so that its commands act
    seen.read(window, "window with a routine chosen")
    quit_keys = {"Ctrl+Q"}
    chosen = 0
    for where, action in leaf_actions(window):
        seen.said(where, action.text(), action.toolTip(), action.statusTip())
        if action.shortcut().toString() in quit_keys or not action.isEnabled():
            continue
        before = set(QApplication.topLevelWidgets())
        action.trigger()
        chosen += 1
        seen.read(window, f"window after {where}")
        for widget in set(QApplication.topLevelWidgets()) - before:
            if widget.isVisible():
                seen.read(widget, f"{type(widget).__name__} from {where}")
                widget.close()
        if action.isCheckable() and action.isChecked() and action.actionGroup() is None:
            action.trigger()  # full screen, large text and the like back off again
    assert chosen > 15  # the menus were really walked
    left = [
        (where, text, leftover(text, data)) for where, text in seen.texts if leftover(text, data)
    ]
    assert left == []


def test_a_break_from_its_notification_to_its_summary_speaks_the_persons_language(
    seen, tray_window, clock
):
    window = tray_window
    tray = window.reminding.tray
    shown: list[tuple[str, str]] = []
    tray.showMessage = lambda title, text, *rest: shown.append((title, text))
    window.reminding.reminders.break_due.emit(None)
    assert len(shown) == 1
    tray.messageClicked.emit()  # the notification starts the break
    tray.menu.aboutToShow.emit()
    seen.read(tray.menu, "tray menu")
    seen.said("tray", tray.toolTip(), *shown[0])
    player = window.player
    assert player is not None
    data = [*FIXED, *routine_words(player.routine)]
    periods = set()
    for _moment in range(int(player.timeline.total_seconds) + 10):
        current = player.session.current
        if current not in periods:  # each page of the break, once
            periods.add(current)
            seen.read(player, f"player at {current}")
        if player.pages.currentIndex() == 1:
            break
        wait(player, clock, 1.0)
    assert player.pages.currentIndex() == 1 and len(periods) > 3  # its summary, read
    seen.read(window, "window after the break")
    left = [(where, text, leftover(text, data)) for where, text in seen.texts]
    assert [item for item in left if item[2]] == []
