"""Adherence: prescribed sessions against those completed, on the person's calendar."""

from __future__ import annotations

from datetime import date

from backroutine.core.adherence import adherence, week_of
from backroutine.core.model import Schedule

TWICE_DAILY = Schedule(per_day=2)
WEEKDAYS_ONCE = Schedule(per_day=1, days=("mon", "tue", "wed", "thu", "fri"))
MONDAY = date(2026, 11, 23)


def test_today_and_this_week_against_a_twice_daily_program():
    done = {MONDAY: 1}
    result = adherence(TWICE_DAILY, done, MONDAY)
    assert (result.today_text, result.week_text) == ("1 of 2 today", "1 of 14 this week")


def test_extra_sessions_on_one_day_do_not_make_up_for_another():
    thursday = date(2026, 11, 26)
    done = {MONDAY: 3, date(2026, 11, 24): 2, date(2026, 11, 25): 2, thursday: 2}
    result = adherence(TWICE_DAILY, done, thursday)
    assert result.week_text == "8 of 14 this week"
    assert result.today_text == "2 of 2 today"


def test_days_off_the_schedule_are_not_counted_against_the_person():
    saturday = date(2026, 11, 28)
    result = adherence(WEEKDAYS_ONCE, {saturday: 1, MONDAY: 1}, saturday)
    assert result.today_text == "not scheduled today (1 done)"
    assert result.week_text == "1 of 5 this week"


def test_the_week_runs_monday_to_sunday_and_last_week_does_not_count():
    sunday_before = date(2026, 11, 22)
    assert week_of(MONDAY) == (MONDAY, date(2026, 11, 30))
    assert week_of(sunday_before) == (date(2026, 11, 16), MONDAY)
    result = adherence(TWICE_DAILY, {sunday_before: 2}, MONDAY)
    assert result.week_done == 0
