"""Fixtures for the UI tests: stand-in cues, the person's clock on a Monday morning in
Berlin, and a shown main window."""

from __future__ import annotations

from datetime import datetime

import pytest

from backroutine.core.settings import Settings
from backroutine.ui.main_window import MainWindow

from ..clocks import BERLIN, WallClock


class FakeCues:
    """Stands in for sound and voice: records what would be heard."""

    sound_available = voice_available = True
    sound_reason = voice_reason = ""
    notices: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.heard: list = []

    def apply(self, settings: Settings) -> None:
        self.settings = settings

    def prepare(self, routine=None, tell=None) -> None:
        pass

    def play(self, cues, timeline) -> None:
        self.heard.extend(cues)


@pytest.fixture
def cues() -> FakeCues:
    return FakeCues()


@pytest.fixture
def wall() -> WallClock:
    return WallClock(datetime(2026, 11, 23, 9, 15, tzinfo=BERLIN))  # a Monday


@pytest.fixture
def window(qtbot, home, clock, cues):
    win = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def own_window(qtbot, home, clock, cues):
    """Opens a main window that reads the settings in the test's home folder itself."""

    def opened() -> MainWindow:
        win = MainWindow(clock=clock, cue_player=cues)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    return opened
