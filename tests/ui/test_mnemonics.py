"""Alt+letter in every shipped language: each menu item has one, and no two items of
one menu (nor two menus of the bar) share it, or Alt+letter would pick the wrong one."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAction

from backroutine.core import i18n
from backroutine.core.settings import Settings
from backroutine.ui.main_window import MainWindow

MARKED = re.compile(r"&([^&])")


def clashes(actions: list[QAction], where: str) -> list[str]:
    found: dict[str, str] = {}
    problems = []
    for action in actions:
        if action.isSeparator():
            continue
        marks = MARKED.findall(action.text())
        if len(marks) != 1:
            problems.append(f"{where}: {action.text()!r} has {len(marks)} Alt+letters")
            continue
        letter = marks[0].lower()
        if letter in found:
            problems.append(f"{where}: {action.text()!r} and {found[letter]!r} share {letter!r}")
        found[letter] = action.text()
        if action.menu() is not None:
            problems += clashes(action.menu().actions(), f"{where} > {action.text()}")
    return problems


@pytest.mark.parametrize("language", i18n.SHIPPED)
def test_every_menu_item_has_its_own_alt_letter(qtbot, home, clock, cues, language):
    i18n.set_language(language)
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    assert clashes(window.menuBar().actions(), "menu bar") == []
