"""The application state: settings changed in one place and followed by the window's
parts, the history opened once, the desktop's services built once, and the day's
counts on the person's clock (a fake one here: no test waits for midnight)."""

from __future__ import annotations

from datetime import datetime

from backroutine.core.discovery import known_routines
from backroutine.platform import services
from backroutine.ui.app_state import AppState

from ..clocks import BERLIN, WallClock


def test_a_change_is_told_to_the_parts_that_follow_it_and_kept(qtbot, home, window):
    heard: list[frozenset[str]] = []
    window.state.changed.connect(heard.append)
    window.state.change(sound=False, volume=50)
    assert heard == [frozenset({"sound", "volume"})]
    assert not window.menus.sound_action.isChecked()  # the menu follows
    assert window.cue_player.settings.volume == 50  # and so do the cues
    saved = (home / "settings.yaml").read_text()
    assert "sound: false" in saved and "volume: 50" in saved


def test_start_on_login_that_cannot_be_changed_is_said_and_not_kept_as_on(qtbot, home, monkeypatch):
    def refuse(on: bool, command: object = None) -> None:
        raise PermissionError(13, "Permission denied", "/home/x/.config/autostart")

    autostart = services().autostart
    monkeypatch.setattr(autostart, "set_enabled", refuse)
    monkeypatch.setattr(autostart, "is_enabled", lambda: False)
    state = AppState()
    warned: list[tuple[str, str]] = []
    heard: list[bool] = []
    state.warned.connect(lambda title, text: warned.append((title, text)))
    state.changed.connect(lambda _keys: heard.append(state.settings.start_on_login))
    state.change(start_on_login=True)
    assert warned and warned[0][0] == "Start on login" and "Permission denied" in warned[0][1]
    assert heard == [False]  # the parts after it see what holds
    assert not state.settings.start_on_login
    assert "start_on_login: true" not in (home / "settings.yaml").read_text()


def test_the_desktop_services_are_built_once(qtbot, home):
    state = AppState()
    first = state.platform_services()
    assert state.platform_services() == first
    assert all(a is b for a, b in zip(state.platform_services(), first, strict=True))


def test_the_days_counts_follow_the_persons_clock_and_start_again_at_midnight(qtbot, home):
    wall = WallClock(datetime(2026, 11, 23, 23, 59, 30, tzinfo=BERLIN))  # a Monday
    state = AppState(now=wall)
    opened: list[bool] = []
    state.history_opened.connect(lambda: opened.append(True))
    entries = known_routines().entries
    assert state.adherence(entries) is None  # no history opened yet: nothing to count
    assert state.history() is not None and opened == [True]
    assert state.history() is state.history() and opened == [True]  # opened once
    texts, wait = state.adherence(entries)
    assert texts["low-back-basics"] == "0 of 2 today  ·  0 of 14 this week"
    assert wait == 31  # seconds: just after midnight
    assert not state.new_day()
    wall.moment = datetime(2026, 11, 24, 7, 0, tzinfo=BERLIN)  # the computer slept
    assert state.new_day()
    state.close_history()


def test_the_open_player_follows_a_change_of_the_ratings_setting(window, qtbot):
    player = window.play(window.library.find("desk-break").result.routine)
    assert not player.pain_before.isVisible()  # a break: no ratings by default
    window.state.change(ratings="always")  # as the History menu's radio item does
    assert player.pain_before.isVisible()
    window.state.change(ratings="never")
    assert not player.pain_before.isVisible()
