"""The reminder planner against the clock: daylight-saving changes, midnight, a clock
set back, a pause until tomorrow asked for at 23:59, a computer asleep for an hour.
A shell is played out in full (the timer aimed at each Plan's moment, each break
taken as it comes): every program time is reminded of once, breaks keep their real
interval, and the timer never aims at the past or spins. Nothing sleeps."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta, timezone

import pytest

from backroutine.core.planner import Action, Facts, ReminderPlanner
from backroutine.core.settings import Settings

from ..clocks import BERLIN, hhmm
from .test_planner import ROUTINES, routine

EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
UTC = timezone.utc


def _drive(plans: ReminderPlanner, start: datetime, hours: float, done=None) -> list:
    """The shell's timer played out for hours of real time: [(action, moment)]."""
    now = start.astimezone(UTC)
    end = now + timedelta(hours=hours)
    seen = []
    for _ in range(2000):
        local = now.astimezone(BERLIN)
        plan = plans.fire(Facts(local, done_today=done or {}))
        if plan.action not in (Action.WAIT, Action.REPEATED):
            seen.append((plan.action, local))
            if plan.action is Action.BREAK:
                plans.session_completed(local)  # the break is taken at once
        assert plan.look_again is not None
        following = plan.look_again.astimezone(UTC)
        # Never at the past; at this very moment only for a second reminder due now.
        assert following > now or plan.action not in (Action.WAIT, Action.REPEATED), plan
        if following >= end:
            return seen
        now = following
    pytest.fail("the timer went off 2000 times: it spins")


def _planner(start: datetime, **settings) -> ReminderPlanner:
    values = {"work_hours": "00:00-23:59", "work_days": EVERY_DAY, "heads_up": 0}
    values.update(settings)
    return ReminderPlanner(Settings(**values), ROUTINES, BERLIN, start)


@pytest.mark.parametrize(
    "day",
    [datetime(2026, 3, 29, tzinfo=BERLIN), datetime(2026, 10, 25, tzinfo=BERLIN)],
    ids=["clocks go forward", "clocks go back"],
)
def test_across_a_daylight_saving_change_each_time_is_reminded_once(day):
    times = {"program": ("01:30", "02:30", "03:30", "12:00")}
    plans = _planner(day, breaks=False, program_times=times)
    programs = [hhmm(m) for a, m in _drive(plans, day, 23.5) if a is Action.PROGRAM]
    # 02:30 does not exist in spring: it comes at 03:30, and 03:30 then with it.
    expected = (
        ["01:30", "03:30", "12:00"] if day.month == 3 else ["01:30", "02:30", "03:30", "12:00"]
    )
    assert programs == expected


@pytest.mark.parametrize(
    "day",
    [datetime(2026, 3, 29, tzinfo=BERLIN), datetime(2026, 10, 25, tzinfo=BERLIN)],
    ids=["clocks go forward", "clocks go back"],
)
def test_across_a_daylight_saving_change_breaks_keep_their_real_interval(day):
    plans = _planner(day, program_reminders=False)
    breaks = [m.astimezone(UTC) for a, m in _drive(plans, day, 6) if a is Action.BREAK]
    gaps = {(b - a) for a, b in itertools.pairwise(breaks)}
    assert len(breaks) >= 5 and gaps == {timedelta(minutes=60)}


def test_pause_until_tomorrow_at_23_59_is_over_at_midnight_and_reminds_once():
    late = datetime(2026, 11, 23, 23, 59, tzinfo=BERLIN)
    plans = _planner(late, program_times={"program": ("00:00", "08:00")})
    plans.pause_until_tomorrow(late)
    assert hhmm(plans.paused_until(late)) == "00:00"
    seen = _drive(plans, late, 9)
    programs = [m.strftime("%a %H:%M") for a, m in seen if a is Action.PROGRAM]
    assert programs == ["Tue 00:00", "Tue 08:00"]
    assert seen[0][1] >= datetime(2026, 11, 24, tzinfo=BERLIN)  # nothing before midnight


def test_an_hour_asleep_brings_one_break_not_one_for_each_missed():
    start = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    plans = _planner(start, program_reminders=False, work_hours="09:00-17:00")
    assert plans.fire(Facts(start)).action is Action.WAIT
    woke = start + timedelta(hours=2, minutes=5)  # asleep through 10:00 and 11:00
    plan = plans.fire(Facts(woke))
    assert plan.action is Action.BREAK
    again = plans.fire(Facts(woke + timedelta(seconds=1)))
    assert again.action in (Action.WAIT, Action.REPEATED)
    assert hhmm(plans.plan(woke, {}).look_again) == "11:15"  # snoozed, not at once


def test_a_clock_set_back_an_hour_does_not_repeat_or_spin():
    start = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    plans = _planner(start, program_reminders=False, work_hours="09:00-17:00")
    seen = _drive(plans, start, 1.5)
    assert [hhmm(m) for a, m in seen] == ["10:00"]
    back = datetime(2026, 11, 23, 9, 30, tzinfo=BERLIN)  # set back from 10:30
    plan = plans.fire(Facts(back))
    assert plan.action is Action.WAIT and plan.look_again > back


def test_midnight_with_working_hours_past_it_is_one_shift():
    evening = datetime(2026, 11, 23, 22, 0, tzinfo=BERLIN)
    plans = _planner(evening, program_reminders=False, work_hours="22:00-06:00")
    breaks = [hhmm(m) for a, m in _drive(plans, evening, 8.5) if a is Action.BREAK]
    assert breaks == ["23:00", "00:00", "01:00", "02:00", "03:00", "04:00", "05:00"]


def test_an_unknown_break_routine_keeps_the_two_minute_break():
    start = datetime(2026, 11, 23, 9, 0, tzinfo=BERLIN)
    plans = ReminderPlanner(Settings(), {"other": routine("other")}, BERLIN, start)
    assert plans.break_seconds() == 120.0
