"""Break and program reminders, on a fake wall clock: working hours, weekends, midnight,
daylight-saving changes, sleep, snooze/skip/pause, natural breaks, program counting."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from backroutine.core.model import Schedule
from backroutine.core.reminders import (
    BreakSettings,
    BreakTimer,
    EventKind,
    next_program_reminder,
    program_times,
)

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 11, 23, tzinfo=BERLIN)  # a Monday


def at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return day.replace(hour=hour, minute=minute)


def timer(started: datetime, **settings) -> BreakTimer:
    return BreakTimer(BreakSettings(**settings), BERLIN, last_break=started)


def local(moment: datetime | None) -> str:
    assert moment is not None
    return moment.astimezone(BERLIN).strftime("%a %H:%M")


def test_the_first_break_is_an_interval_after_work_starts():
    early = at(MONDAY, 7, 30)
    assert local(timer(early).next_break(early)) == "Mon 10:00"
    started = at(MONDAY, 9, 15)
    assert local(timer(started).next_break(started)) == "Mon 10:15"


def test_no_break_after_working_hours_the_next_is_tomorrow():
    reminders = timer(at(MONDAY, 16, 45))
    assert local(reminders.next_break(at(MONDAY, 17, 0))) == "Tue 10:00"


def test_the_weekend_is_left_alone():
    friday = MONDAY + timedelta(days=4)
    reminders = timer(at(friday, 16, 45))
    assert local(reminders.next_break(at(friday, 17, 0))) == "Mon 10:00"
    saturday_noon = at(friday + timedelta(days=1), 12)
    assert local(reminders.next_break(saturday_noon)) == "Mon 10:00"


def test_a_night_shift_runs_past_midnight():
    reminders = timer(
        at(MONDAY, 22, 0),
        work_start=time(22, 0),
        work_end=time(6, 0),
        work_days=("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    )
    reminders.break_taken(at(MONDAY, 23, 30))
    assert local(reminders.next_break(at(MONDAY, 23, 45))) == "Tue 00:30"
    reminders.break_taken(at(MONDAY + timedelta(days=1), 5, 30))
    assert local(reminders.next_break(at(MONDAY + timedelta(days=1), 5, 40))) == "Tue 23:00"


@pytest.mark.parametrize(
    "last",
    [
        # Clocks go forward at 02:00: 01:30 + 60 real minutes is 03:30 on the wall.
        datetime(2026, 3, 29, 1, 30, tzinfo=BERLIN),
        # Clocks go back at 03:00: 02:30 (summer) + 60 minutes is 02:30 again (winter).
        datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN),
    ],
)
def test_an_interval_is_real_minutes_across_a_clock_change(last):
    every_day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    reminders = BreakTimer(
        BreakSettings(work_start=time(0, 0), work_end=time(23, 59), work_days=every_day),
        BERLIN,
        last_break=last,
    )
    due = reminders.next_break(last + timedelta(minutes=5))
    assert due is not None
    real = due.astimezone(timezone.utc) - last.astimezone(timezone.utc)
    assert real == timedelta(hours=1)  # not 0 or 2 hours, as wall-clock sums would give


def test_nine_oclock_stays_nine_oclock_after_the_clocks_change():
    sunday = datetime(2026, 10, 25, tzinfo=BERLIN)
    reminders = timer(at(sunday, 12))
    due = reminders.next_break(at(sunday, 12))
    assert local(due) == "Mon 10:00"
    assert due.astimezone(BERLIN).utcoffset() == timedelta(hours=1)  # winter time now


def test_after_a_long_sleep_one_break_is_due_not_a_burst():
    reminders = timer(at(MONDAY, 10, 0))
    woke = at(MONDAY, 13, 0)  # asleep from 10:20 to 13:00: two breaks missed
    assert reminders.next_break(woke) == woke
    # The sleep itself was a break: the computer's idle time says so.
    assert reminders.natural_break(idle_seconds=2.5 * 3600, at=woke, break_seconds=153)
    assert local(reminders.next_break(woke)) == "Mon 14:00"


def test_a_short_absence_is_not_a_break():
    reminders = timer(at(MONDAY, 10, 0))
    assert not reminders.natural_break(idle_seconds=60, at=at(MONDAY, 10, 30), break_seconds=153)
    assert local(reminders.next_break(at(MONDAY, 10, 30))) == "Mon 11:00"


def test_any_completed_session_restarts_the_interval():
    reminders = timer(at(MONDAY, 9, 0))
    reminders.break_taken(at(MONDAY, 9, 40))  # a program session, say
    assert local(reminders.next_break(at(MONDAY, 9, 41))) == "Mon 10:40"


def test_heads_up_then_the_break():
    reminders = timer(at(MONDAY, 9, 0), heads_up_minutes=1)
    first = reminders.next_event(at(MONDAY, 9, 30))
    assert (first.kind, local(first.at)) == (EventKind.HEADS_UP, "Mon 09:59")
    reminders.announced(first)
    second = reminders.next_event(first.at)
    assert (second.kind, local(second.at)) == (EventKind.BREAK, "Mon 10:00")


def test_snooze_skip_and_an_unanswered_reminder():
    reminders = timer(at(MONDAY, 9, 0), snooze_minutes=10)
    reminders.snooze(at(MONDAY, 10, 0))
    assert local(reminders.next_break(at(MONDAY, 10, 0))) == "Mon 10:10"
    reminders.reminded(at(MONDAY, 10, 10))  # shown, and left unanswered
    assert local(reminders.next_break(at(MONDAY, 10, 11))) == "Mon 10:20"
    reminders.skip(at(MONDAY, 10, 20))
    assert local(reminders.next_break(at(MONDAY, 10, 21))) == "Mon 11:20"


def test_pause_for_an_hour_or_until_tomorrow():
    reminders = timer(at(MONDAY, 9, 0))
    reminders.pause(at(MONDAY, 11, 30))
    assert local(reminders.next_break(at(MONDAY, 9, 55))) == "Mon 11:30"
    reminders.resume()
    reminders.pause_until_tomorrow(at(MONDAY, 9, 55))
    assert local(reminders.next_break(at(MONDAY, 9, 55))) == "Tue 10:00"


def test_reminders_turned_off_never_come():
    assert timer(at(MONDAY, 9), enabled=False).next_event(at(MONDAY, 10)) is None


def test_program_times_spread_over_the_waking_day():
    assert program_times(1) == (time(9, 0),)
    assert program_times(2) == (time(8, 0), time(20, 0))
    assert program_times(3) == (time(8, 0), time(14, 0), time(20, 0))


def test_program_reminders_count_the_sessions_done_today():
    twice = Schedule(per_day=2)
    times = program_times(2)

    def due(now, done, reminded=0):
        event = next_program_reminder("p", twice, times, done, now, BERLIN, reminded)
        return local(event.at) if event else None

    assert due(at(MONDAY, 7), done=0) == "Mon 08:00"
    assert due(at(MONDAY, 7), done=1) == "Mon 20:00"  # the morning one is done already
    assert due(at(MONDAY, 12), done=1, reminded=1) == "Mon 20:00"
    assert due(at(MONDAY, 21), done=2, reminded=1) == "Tue 08:00"
    # The app opened at 21:00 with nothing done: one reminder now, not two.
    assert due(at(MONDAY, 21), done=0, reminded=0) == "Mon 21:00"
    assert due(at(MONDAY, 21), done=0, reminded=2) == "Tue 08:00"


def test_program_reminders_skip_days_off_the_schedule():
    weekdays = Schedule(per_day=1, days=("mon", "tue", "wed", "thu", "fri"))
    friday_evening = at(MONDAY + timedelta(days=4), 18)
    event = next_program_reminder("p", weekdays, (time(9, 0),), 1, friday_evening, BERLIN)
    assert local(event.at) == "Mon 09:00"


def test_the_system_zone_keeps_daylight_saving_rules(monkeypatch):
    from backroutine.core.reminders import system_zone

    monkeypatch.setenv("TZ", "Europe/Berlin")
    zone = system_zone()
    summer = datetime(2026, 7, 1, 12, tzinfo=zone).utcoffset()
    winter = datetime(2026, 1, 1, 12, tzinfo=zone).utcoffset()
    assert (summer, winter) == (timedelta(hours=2), timedelta(hours=1))


@pytest.mark.parametrize("kind", ["pipe", "urandom", "folder", "huge", "garbage"])
def test_a_zone_file_that_is_not_one_gives_the_present_offset_without_waiting(
    monkeypatch, tmp_path, kind
):
    from backroutine.core.reminders import system_zone

    from ..special import make_special

    monkeypatch.delenv("TZ", raising=False)
    localtime = tmp_path / "localtime"
    if kind == "garbage":
        localtime.write_bytes(b"\x00" * 100)
    else:
        make_special(localtime, kind, head=b"TZif2")
    zone = system_zone(localtime)
    assert datetime(2026, 7, 1, 12, tzinfo=zone).utcoffset() is not None


def test_a_heads_up_is_still_given_when_the_timer_wakes_a_little_late():
    reminders = timer(at(MONDAY, 9, 0), heads_up_minutes=1)
    late = at(MONDAY, 9, 59).replace(second=2)
    event = reminders.next_event(late)
    assert event.kind is EventKind.HEADS_UP and event.at <= late
    reminders.announced(event)
    assert reminders.next_event(late).kind is EventKind.BREAK


def test_no_heads_up_before_a_snoozed_break():
    reminders = timer(at(MONDAY, 9, 0), heads_up_minutes=1)
    reminders.snooze(at(MONDAY, 10, 0))
    assert reminders.next_event(at(MONDAY, 10, 1)).kind is EventKind.BREAK


def test_a_snooze_past_the_end_of_the_day_moves_to_tomorrow_not_a_loop():
    reminders = timer(at(MONDAY, 9, 0), work_end=time(17, 30), snooze_minutes=10)
    reminders.break_taken(at(MONDAY, 16, 25))
    reminders.reminded(at(MONDAY, 17, 25))  # the 17:25 break, unanswered
    assert local(reminders.next_break(at(MONDAY, 17, 26))) == "Tue 10:00"


def test_snoozing_before_a_break_does_not_bring_it_forward():
    reminders = timer(at(MONDAY, 9, 0), snooze_minutes=10)
    reminders.snooze(at(MONDAY, 9, 30))
    assert local(reminders.next_break(at(MONDAY, 9, 30))) == "Mon 10:00"
