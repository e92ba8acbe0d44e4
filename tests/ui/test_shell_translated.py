"""The shell in the person's language: in the pseudo-language every text a person
reads comes out bracketed (⟦...⟧), so a text that skipped the translation layer
shows; the calendar starts the week where the locale does."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QLabel,
    QMenu,
    QTabWidget,
    QWidget,
)

from backroutine.core import i18n
from backroutine.core.history import History
from backroutine.core.settings import Settings
from backroutine.platform import Probe
from backroutine.ui.history_page import HistoryPage
from backroutine.ui.main_window import MainWindow
from backroutine.ui.settings_dialog import SettingsDialog

from . import test_tray
from .pseudo import leftover

tray_window = test_tray.tray_window  # the window with its tray icon, on a Monday morning

# Qt's own words (its buttons, the tab bar's arrows): Qt's catalogue translates them.
QT_OWN = ("OK", "Cancel", "Scroll Left", "Scroll Right")


def untranslated(texts: list[str], also_exempt: tuple[str, ...] = ()) -> list[str]:
    """The texts with words that did not come through the layer."""
    return [text for text in texts if leftover(text, also_exempt)]


def action_texts(menu: QMenu) -> list[str]:
    texts = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        texts.append(action.text())
        if action.menu() is not None:
            texts += action_texts(action.menu())
    return texts


def widget_texts(root: QWidget) -> list[str]:
    """Every label, button, tab and accessible name under root (not inside a calendar:
    its month and day names are Qt's, from the locale)."""
    texts = []
    calendars = root.findChildren(QCalendarWidget)
    for widget in [root, *root.findChildren(QWidget)]:
        if any(c.isAncestorOf(widget) for c in calendars):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        texts += [widget.accessibleName(), widget.toolTip()]
    return texts


@pytest.fixture
def pseudo():
    i18n.set_language(i18n.PSEUDO)


def test_every_menu_item_of_the_window_goes_through_the_layer(pseudo, qtbot, clock, cues):
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    texts = []
    for action in window.menuBar().actions():
        texts.append(action.text())
        texts += action_texts(action.menu())
    assert len(texts) > 30
    assert untranslated(texts) == []
    assert window.windowTitle() == "BackRoutine"  # the app's name is its name


def test_every_label_of_the_settings_dialog_goes_through_the_layer(pseudo, qtbot):
    reasons = ("no idle time here", "no full-screen probe")
    idle, full_screen = (Probe(reason, None) for reason in reasons)
    dialog = SettingsDialog(Settings(), {}, idle, full_screen)
    qtbot.addWidget(dialog)
    # The reasons come from the platform (their own words), the language names are
    # each in its own language.
    names = tuple(i18n.language_name(code) for code in i18n.SHIPPED)
    texts = [dialog.windowTitle(), *widget_texts(dialog)]
    language = dialog.rows["language"]
    texts += [language.itemText(0)]
    assert [language.itemText(i) for i in range(1, language.count())] == list(names)
    assert untranslated(texts, (*names, *reasons, *QT_OWN)) == []


def _history(home) -> History:
    history, _notices = History.open(home / "history.sqlite")
    return history


def test_the_history_page_goes_through_the_layer(pseudo, qtbot, home):
    page = HistoryPage(_history(home), {}, today=lambda: date(2026, 11, 25))
    qtbot.addWidget(page)
    texts = widget_texts(page) + [
        page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(8)
    ]
    assert untranslated(texts, QT_OWN) == []
    assert page.day_detail.text().startswith(i18n.PSEUDO_OPEN)  # the date, in the locale


@pytest.mark.parametrize(
    ("language", "formats", "first"),
    [("de", "de_DE", Qt.DayOfWeek.Monday), ("en", "en_US", Qt.DayOfWeek.Sunday)],
)
def test_the_calendar_starts_the_week_where_the_locale_does(qtbot, home, language, formats, first):
    i18n.set_language(language, formats)
    page = HistoryPage(_history(home), {}, today=lambda: date(2026, 11, 25))
    qtbot.addWidget(page)
    assert page.calendar.firstDayOfWeek() is first


def test_the_tray_menu_and_a_reminder_go_through_the_layer(pseudo, tray_window):
    window = tray_window
    tray = window.reminding.tray
    shown: list[tuple[str, str]] = []
    tray.showMessage = lambda title, text, *rest: shown.append((title, text))
    tray.menu.aboutToShow.emit()
    texts = [*action_texts(tray.menu), tray.toolTip()]
    reminders = window.reminding.reminders
    reminders.heads_up.emit(None)
    reminders.break_due.emit(None)
    reminders.program_due.emit("low-back-basics", None)
    assert len(shown) == 3
    for title, text in shown:
        texts += [title, text]
    names = tuple(e.result.routine.name for e in window.library.entries if e.result.routine)
    assert untranslated(texts, names) == []
