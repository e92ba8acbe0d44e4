"""The tray: the next break in the tooltip, the menu's choices, notifications that
start the break, and a window that closes to the tray (the reminder service itself
is tried in test_reminders.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from backroutine.core.engine import State
from backroutine.core.settings import Settings
from backroutine.ui.main_window import MainWindow

from ..clocks import BERLIN, hhmm


@pytest.fixture
def tray_window(qtbot, home, clock, cues, wall):
    win = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    win.reminding.force_tray, win.state.now, win.state.zone = True, wall, BERLIN
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.reminding.tray is not None)
    yield win
    win.quit()


def test_the_tray_says_when_the_next_break_is(tray_window):
    tray = tray_window.reminding.tray
    tray.menu.aboutToShow.emit()
    assert tray.next_item.text() == "Next break at 10:15"
    assert tray.toolTip() == "BackRoutine: Next break at 10:15"


def test_snooze_skip_pause_and_resume_from_the_tray(tray_window, wall):
    tray = tray_window.reminding.tray
    wall.moment = wall.moment.replace(hour=10, minute=15)
    tray.snooze_action.trigger()
    assert tray.next_item.text() == "Next break at 10:25"
    tray.skip_action.trigger()
    assert tray.next_item.text() == "Next break at 11:15"
    tray.pause_hour_action.trigger()
    assert tray.next_item.text() == "Reminders paused until 11:15"
    assert not tray.snooze_action.isEnabled() and tray.resume_action.isEnabled()
    tray.resume_action.trigger()
    tray.pause_day_action.trigger()
    assert tray.next_item.text() == "Reminders paused until tomorrow"


def test_a_break_on_another_day_says_which_day(tray_window, wall):
    tray = tray_window.reminding.tray
    wall.moment = wall.moment.replace(day=27, hour=18)  # Friday, after working hours
    tray_window.reminding.reminders.reschedule()
    assert tray.next_item.text() == "Next break on Monday at 10:00"
    assert tray.toolTip() == "BackRoutine: Next break on Monday at 10:00"
    wall.moment = wall.moment.replace(day=29, hour=23, minute=59, second=59)  # Sunday
    tray._midnight.timeout.emit()  # midnight: Monday is tomorrow no more, then today
    assert tray.next_item.text() == "Next break tomorrow at 10:00"
    wall.moment = wall.moment.replace(day=30, hour=0, minute=0, second=1)
    tray._midnight.timeout.emit()
    assert tray.next_item.text() == "Next break at 10:00"


def test_start_break_now_runs_the_break_routine(tray_window, qtbot):
    tray_window.reminding.tray.start_action.trigger()
    player = tray_window.player
    assert player is not None and player.routine.id == "desk-break"
    assert player.session.state is State.RUNNING


def test_clicking_a_break_notification_starts_the_break(tray_window):
    tray = tray_window.reminding.tray
    tray_window.reminding.reminders.break_due.emit(None)
    tray.messageClicked.emit()
    assert tray_window.player is not None and tray_window.player.routine.id == "desk-break"


def test_a_program_notification_opens_that_routine_ready_for_its_rating(tray_window):
    tray = tray_window.reminding.tray
    tray_window.reminding.reminders.program_due.emit("low-back-basics", None)
    tray.messageClicked.emit()
    player = tray_window.player
    assert player.routine.id == "low-back-basics"
    assert player.session.state is State.READY and player.pain_before.isVisible()


def test_closing_the_window_keeps_the_app_in_the_tray_and_says_so_once(
    tray_window, home, monkeypatch
):
    said = []
    monkeypatch.setattr(
        QSystemTrayIcon, "showMessage", lambda _self, title, *_rest: said.append(title)
    )
    tray_window.close()
    assert not tray_window.isVisible() and not tray_window._closed
    assert said == ["BackRoutine is still running"]
    assert "tray_notice_seen: true" in (home / "settings.yaml").read_text()
    tray_window.reminding.tray.open_action.trigger()
    assert tray_window.isVisible()
    tray_window.close()
    assert said == ["BackRoutine is still running"]  # once is enough


def test_quit_from_the_tray_quits(tray_window):
    tray_window.reminding.tray.quit_action.trigger()
    assert tray_window._closed and not tray_window.reminding.tray.isVisible()


def test_no_break_reminder_while_a_routine_is_under_way(tray_window, wall, qtbot):
    tray_window.reminding.tray.start_action.trigger()  # the desk break, running
    service = tray_window.reminding.reminders
    wall.moment = wall.moment.replace(hour=10, minute=15)
    with qtbot.assertNotEmitted(service.break_due), qtbot.assertNotEmitted(service.heads_up):
        service.fire()
    assert hhmm(service.next_break()) == "10:25"


def test_held_back_by_a_full_screen_window_the_tray_says_so(tray_window, wall, qtbot):
    tray_window.reminding.reminders.full_screen = lambda: True
    wall.moment = wall.moment.replace(hour=10, minute=15)
    tray_window.reminding.reminders.fire()
    assert tray_window.reminding.tray.next_item.text().startswith("A break is due, held back")


def test_with_reminders_off_closing_the_window_ends_the_app(tray_window):
    tray_window.state.change(breaks=False, program_reminders=False)
    tray_window.close()
    assert tray_window._closed and not tray_window.reminding.tray.isVisible()
