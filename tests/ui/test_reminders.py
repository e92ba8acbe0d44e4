"""The reminder service, what stays of reminders in the Qt shell: one timer aimed at the
planner's next moment, the desktop's probes and the history asked for what the planner
needs, its decisions reaching the signals, the tray's choices wired to the planner, and
the system bus's wake signal. The rules themselves are tried without Qt in
tests/core/test_planner.py."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backroutine.core.discovery import known_routines
from backroutine.core.reminders import EventKind
from backroutine.core.settings import Settings
from backroutine.platform.watches import AwayWatch
from backroutine.ui.reminders import MAX_WAIT_MS, ReminderService

from ..clocks import BERLIN, hhmm


@pytest.fixture
def routines():
    return {e.id: e.result.routine for e in known_routines().entries if e.result.routine}


@pytest.fixture
def service(qapp, wall, routines):
    made = ReminderService(Settings(), routines, None, now=wall, zone=BERLIN)
    yield made
    made.stop()


def test_the_service_aims_its_one_timer_at_the_next_reminder(qapp, wall, routines, qtbot):
    service = ReminderService(Settings(), routines, None, now=wall, zone=BERLIN)
    assert service.upcoming.kind is EventKind.PROGRAM  # low back basics, 08:00 missed
    assert service._timer.isActive() and service._timer.remainingTime() <= 2000  # due now
    with qtbot.waitSignal(service.program_due) as due:
        service.fire()
    assert due.args[0] == "low-back-basics"
    assert (service.upcoming.kind, hhmm(service.upcoming.at)) == (EventKind.HEADS_UP, "10:14")
    wall.moment += timedelta(minutes=59)  # 10:14
    with qtbot.waitSignal(service.heads_up):
        service.fire()
    wall.moment += timedelta(minutes=1)
    with qtbot.waitSignal(service.break_due):
        service.fire()
    # Unanswered, the break comes back after a snooze's length; nothing else runs.
    assert hhmm(service.next_break()) == "10:25"
    remaining = service._timer.remainingTime()
    assert 9 * 60_000 <= remaining <= 10 * 60_000 + 2000
    service.stop()


def test_a_completed_session_restarts_the_break_interval(service, wall):
    wall.moment += timedelta(minutes=30)  # 09:45
    service.session_completed()
    assert hhmm(service.next_break()) == "10:45"


def test_program_reminders_can_be_turned_off(service):
    service.apply(Settings(program_reminders=False))
    assert service.upcoming.kind is EventKind.HEADS_UP


def make_service(wall, routines, **probes) -> ReminderService:
    return ReminderService(
        Settings(program_reminders=False, heads_up=0), routines, None, wall, BERLIN, **probes
    )


def test_being_away_for_a_break_length_counts_as_the_break(qapp, wall, routines, qtbot):
    idle = [0.0]
    service = make_service(wall, routines, idle=lambda: idle[0])
    wall.moment = wall.moment.replace(hour=10, minute=15)
    idle[0] = 300.0  # away for five minutes; the desk break is 2:33
    with qtbot.assertNotEmitted(service.break_due):
        service.fire()
    assert hhmm(service.next_break()) == "11:15"
    wall.moment = wall.moment.replace(hour=11, minute=15)
    idle[0] = 20.0  # at the keyboard: the break is due
    with qtbot.waitSignal(service.break_due):
        service.fire()
    service.stop()


def test_no_pop_up_over_a_full_screen_window_until_it_is_gone(qapp, wall, routines, qtbot):
    in_front = [True]
    service = make_service(wall, routines, full_screen=lambda: in_front[0])
    wall.moment = wall.moment.replace(hour=10, minute=15)
    with qtbot.assertNotEmitted(service.break_due), qtbot.waitSignal(service.quiet):
        service.fire()
    assert service.held_back
    # Looked at again in half a minute, not a snooze's length: a talk may end any time.
    assert service.upcoming.at - wall() == timedelta(seconds=30)
    wall.moment += timedelta(seconds=30)
    with qtbot.assertNotEmitted(service.break_due):
        service.fire()  # still presenting
    in_front[0] = False  # the talk is over
    wall.moment += timedelta(seconds=30)
    with qtbot.waitSignal(service.break_due):
        service.fire()
    assert not service.held_back
    assert hhmm(service.next_break()) == "10:26"  # unanswered: back after a snooze
    service.stop()


def test_a_program_reminder_waits_for_a_full_screen_window_too(qapp, wall, routines, qtbot):
    in_front = [True]
    service = ReminderService(
        Settings(breaks=False), routines, None, wall, BERLIN, full_screen=lambda: in_front[0]
    )
    with qtbot.assertNotEmitted(service.program_due):
        service.fire()  # the 08:00 reminder for low back basics, missed, due now
    assert service.upcoming.at - wall() == timedelta(seconds=30)
    in_front[0] = False
    wall.moment += timedelta(seconds=30)
    with qtbot.waitSignal(service.program_due):
        service.fire()
    service.stop()


class FakeAwayWatch(AwayWatch):
    def __init__(self) -> None:
        super().__init__("a stand-in")
        self.closed = False

    def watch(self, seconds: float) -> None:
        self.seconds = seconds

    def close(self) -> None:
        self.closed = True


def test_coming_back_after_a_break_length_away_restarts_the_interval(qapp, wall, routines):
    away = FakeAwayWatch()
    service = ReminderService(
        Settings(program_reminders=False), routines, None, wall, BERLIN, away=away
    )
    assert away.seconds == service.break_seconds() == 153  # told how long a break is
    wall.moment = wall.moment.replace(hour=9, minute=50)
    away.returned.emit(60.0)  # a minute at the coffee machine: not a break
    assert hhmm(service.next_break()) == "10:15"
    away.returned.emit(400.0)  # away for almost seven minutes
    assert hhmm(service.next_break()) == "10:50"
    # A different break routine, a different length to watch for.
    service.apply(Settings(program_reminders=False, break_routine="camel-pose"))
    assert away.seconds == service.break_seconds() != 153
    service.stop()
    assert away.closed


def test_pausing_holds_back_program_reminders_too(qapp, wall, routines):
    service = ReminderService(Settings(breaks=False), routines, None, now=wall, zone=BERLIN)
    assert service.upcoming.kind is EventKind.PROGRAM and service.upcoming.at == wall()
    service.pause_for(60)
    assert service.upcoming.kind is EventKind.PROGRAM
    assert hhmm(service.upcoming.at) == "10:15"  # when the pause ends
    service.stop()


@pytest.mark.integration
def test_the_wake_signal_is_subscribed_where_there_is_a_system_bus(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is needed (make test installs it; else see scripts/system-packages)"
    bus = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        address = bus.stdout.readline().strip()
        probe = (
            "import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication(sys.argv)\n"
            "from backroutine.core.settings import Settings\n"
            "from backroutine.ui.reminders import ReminderService\n"
            "service = ReminderService(Settings(), {}, None)\n"
            "print(service.listening_for_wake)\n"
        )
        env = {**os.environ, "DBUS_SYSTEM_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.split()[-1] == "True"
    finally:
        bus.terminate()
        bus.wait(timeout=10)


def test_a_sleep_as_long_as_a_break_counts_as_one(service, wall):
    wall.moment = wall.moment.replace(hour=9, minute=50)
    service.slept(True)
    wall.moment = wall.moment.replace(hour=12, minute=5)  # lunch, lid closed
    service.slept(False)
    assert hhmm(service.next_break()) == "13:05"


def test_a_program_reminder_comes_once_even_when_the_timer_wakes_early(qapp, wall, routines, qtbot):
    wall.moment = wall.moment.replace(hour=7, minute=0)
    service = ReminderService(Settings(breaks=False), routines, None, now=wall, zone=BERLIN)
    assert hhmm(service.upcoming.at) == "08:00"
    wall.moment = service.upcoming.at - timedelta(seconds=0.6)  # a coarse timer, early
    heard = []
    service.program_due.connect(lambda routine, event: heard.append(routine))
    for _ in range(5):
        service.fire()
    assert heard == ["low-back-basics"]
    assert hhmm(service.upcoming.at) == "20:00"  # the day's later reminder still comes
    service.stop()


# -- the shell's own part: the timer, the probes, the history, the signals ------------


def aimed_at(service: ReminderService, seconds: float) -> bool:
    """The timer goes off about a second after `seconds` from now (a very coarse timer
    keeps to whole seconds, either way)."""
    remaining = service._timer.remainingTime() / 1000
    return service._timer.isActive() and seconds - 0.5 <= remaining <= seconds + 2.5


def test_the_timer_is_aimed_a_second_after_the_planners_moment(service, wall):
    assert service.upcoming.kind is EventKind.PROGRAM and service.upcoming.at == wall()
    assert aimed_at(service, 0.0)  # due now; a second late rather than early
    service.apply(Settings(program_reminders=False))  # next: the heads-up at 10:14
    assert aimed_at(service, 59 * 60)


def test_the_timer_looks_at_the_wall_clock_again_within_six_hours(service, wall):
    wall.moment = wall.moment.replace(hour=18)  # the next break is tomorrow morning
    service.apply(Settings(program_reminders=False))
    assert hhmm(service.upcoming.at) == "09:59"  # the heads-up, 15 hours away
    assert aimed_at(service, MAX_WAIT_MS / 1000)


def test_with_nothing_to_remind_of_no_timer_runs(service, qtbot):
    with qtbot.waitSignal(service.changed):  # the tray's words change too
        service.apply(Settings(breaks=False, program_reminders=False))
    assert service.upcoming is None and not service._timer.isActive()


def test_the_timer_going_off_is_what_fires(service, qtbot):
    with qtbot.waitSignal(service.program_due) as due:
        service._timer.timeout.emit()  # the wiring, without waiting for the clock
    assert due.args[0] == "low-back-basics" and due.args[1].kind is EventKind.PROGRAM


@pytest.mark.parametrize(
    ("choose", "expected"),
    [
        (lambda service: service.snooze(), "10:25"),
        (lambda service: service.skip(), "11:15"),
        (lambda service: service.pause_for(60), "11:15"),
        (lambda service: service.session_completed(), "11:15"),
    ],
)
def test_the_persons_choices_reach_the_planner_and_aim_the_timer_again(
    qapp, wall, routines, qtbot, choose, expected
):
    service = make_service(wall, routines)
    wall.moment = wall.moment.replace(hour=10, minute=15)
    with qtbot.waitSignal(service.break_due):
        service.fire()
    with qtbot.waitSignal(service.changed):
        choose(service)
    assert hhmm(service.upcoming.at) == expected
    assert aimed_at(service, (service.upcoming.at - wall()).total_seconds())
    service.stop()


def test_pause_until_tomorrow_and_resume_are_wired(service, wall):
    service.pause_until_tomorrow()
    assert hhmm(service.paused_until) == "00:00"
    assert aimed_at(service, MAX_WAIT_MS / 1000)  # midnight is more than six hours away
    service.resume()
    assert service.paused_until is None and service.upcoming.at == wall()


def test_the_probes_are_asked_when_the_timer_goes_off(qapp, wall, routines, qtbot):
    asked = []
    service = make_service(
        wall,
        routines,
        idle=lambda: asked.append("idle") or 5.0,
        full_screen=lambda: asked.append("full screen") or False,
    )
    service.exercising = lambda: asked.append("exercising") or False
    assert asked == []  # only when a reminder may be due, never on a timer of their own
    wall.moment = wall.moment.replace(hour=10, minute=15)
    with qtbot.waitSignal(service.break_due):
        service.fire()
    assert sorted(asked) == ["exercising", "full screen", "idle"]
    service.stop()


def test_a_probe_that_does_not_know_lets_the_reminder_through(qapp, wall, routines, qtbot):
    service = make_service(wall, routines, idle=lambda: None, full_screen=lambda: None)
    wall.moment = wall.moment.replace(hour=10, minute=15)
    with qtbot.waitSignal(service.break_due):
        service.fire()
    service.stop()


def test_a_heads_up_reaches_its_signal_unless_a_full_screen_window_is_in_front(
    qapp, wall, routines, qtbot
):
    in_front = [True]
    service = ReminderService(
        Settings(program_reminders=False),
        routines,
        None,
        wall,
        BERLIN,
        full_screen=lambda: in_front[0],
    )
    wall.moment = wall.moment.replace(hour=10, minute=14)
    with qtbot.assertNotEmitted(service.heads_up), qtbot.assertNotEmitted(service.quiet):
        service.fire()
    assert service.upcoming.kind is EventKind.BREAK  # announced, if silently
    service.stop()


class CountingHistory:
    """Stands in for the history: sessions completed today, and who asked."""

    def __init__(self, done: dict[str, int]) -> None:
        self.done = done
        self.asked: list[tuple[str, object, object]] = []

    def completed_per_day(self, routine_id, since, until):
        self.asked.append((routine_id, since, until))
        return {since: self.done.get(routine_id, 0)}


def test_sessions_done_today_come_from_the_history(qapp, wall, routines):
    history = CountingHistory({"low-back-basics": 1})
    service = ReminderService(Settings(breaks=False), routines, history, wall, BERLIN)
    assert hhmm(service.upcoming.at) == "20:00"  # done once this morning
    routine_id, since, until = history.asked[-1]
    assert routine_id == "low-back-basics" and since == wall().date()
    assert (until - since).days == 1
    history.done["low-back-basics"] = 2
    service.reschedule()
    assert service.upcoming.at.astimezone(BERLIN).strftime("%a %H:%M") == "Tue 08:00"
    service.stop()
    assert service.history is None  # let go as the app closes


def test_with_program_reminders_off_the_history_is_not_asked(qapp, wall, routines):
    history = CountingHistory({})
    service = ReminderService(Settings(program_reminders=False), routines, history, wall, BERLIN)
    service.fire()
    assert history.asked == []
    service.stop()


def test_a_listener_that_skips_at_once_is_where_the_timer_ends_up(qapp, wall, routines, qtbot):
    service = make_service(wall, routines)
    service.break_due.connect(lambda event: service.skip())
    wall.moment = wall.moment.replace(hour=10, minute=15)
    with qtbot.waitSignal(service.break_due):
        service.fire()
    assert hhmm(service.upcoming.at) == "11:15"
    assert aimed_at(service, 60 * 60)
    service.stop()
