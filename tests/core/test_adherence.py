"""Adherence: prescribed sessions against those completed, on the person's calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backroutine.core import i18n
from backroutine.core.adherence import adherence, adherence_texts, week_of
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


def test_each_scheduled_routine_gets_its_line_from_the_days_asked_of_the_history():
    from backroutine.core.adherence import adherence_texts

    asked = []

    def completed(routine_id, since, until):
        asked.append((routine_id, since, until))
        return {MONDAY: 1} if routine_id == "back" else {}

    texts = adherence_texts([("back", TWICE_DAILY), ("desk", WEEKDAYS_ONCE)], completed, MONDAY)
    assert texts == {
        "back": "1 of 2 today  ·  1 of 14 this week",
        "desk": "0 of 1 today  ·  0 of 5 this week",
    }
    assert asked[0] == ("back", MONDAY, date(2026, 11, 30))  # Monday to the next Monday


def test_the_counts_start_again_just_after_midnight_also_when_the_clocks_change():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from backroutine.core.adherence import until_next_day

    berlin = ZoneInfo("Europe/Berlin")
    assert until_next_day(datetime(2026, 11, 23, 23, 59, 30, tzinfo=berlin)) == 31
    assert until_next_day(datetime(2026, 11, 23, 0, 0, tzinfo=berlin)) == 86401
    # 29 March 2026: the clocks go forward an hour at 02:00, so the day is 23 hours.
    assert until_next_day(datetime(2026, 3, 29, 0, 30, tzinfo=berlin)) == 22.5 * 3600 + 1
    assert until_next_day(datetime(2026, 11, 23, 23, 59, 59)) == 2  # a naive clock: as read


# Sessions from Saturday 21 to Wednesday 25 November 2026, asked on Wednesday: which of
# them are "this week" depends on the day the person's locale starts the week on.
SATURDAY, SUNDAY, WEDNESDAY = date(2026, 11, 21), date(2026, 11, 22), date(2026, 11, 25)
DONE_EACH_DAY = {SATURDAY: 1, SUNDAY: 1, MONDAY: 1, date(2026, 11, 24): 1, WEDNESDAY: 1}


@pytest.mark.parametrize(
    ("language", "formats", "first_day", "counted"),
    [
        ("en", "en_US", SUNDAY, 4),  # Sunday to Wednesday
        ("de", "de_DE", MONDAY, 3),  # Monday to Wednesday
        ("ar", "ar_EG", SATURDAY, 5),  # Saturday to Wednesday
    ],
)
def test_this_week_starts_on_the_first_day_of_the_persons_locale(
    language, formats, first_day, counted
):
    i18n.set_language(language, formats)
    assert week_of(WEDNESDAY) == (first_day, first_day + timedelta(days=7))
    result = adherence(Schedule(per_day=1), DONE_EACH_DAY, WEDNESDAY)
    assert (result.week_done, result.week_target) == (counted, 7)
    asked = []

    def completed(routine_id, since, until):
        asked.append((since, until))
        return DONE_EACH_DAY

    adherence_texts([("back", Schedule(per_day=1))], completed, WEDNESDAY)
    assert asked == [(first_day, first_day + timedelta(days=7))]


def test_a_caller_may_name_the_first_day_of_the_week():
    assert week_of(WEDNESDAY, first_weekday=6) == (SUNDAY, date(2026, 11, 29))
    assert week_of(SUNDAY, first_weekday=6)[0] == SUNDAY
    assert week_of(SATURDAY, first_weekday=5)[0] == SATURDAY
    assert adherence(Schedule(per_day=1), DONE_EACH_DAY, WEDNESDAY, 5).week_done == 5


def test_the_counts_are_said_in_the_persons_language_with_their_numbers():
    i18n.set_language(i18n.PSEUDO)
    result = adherence(TWICE_DAILY, {MONDAY: 1}, MONDAY)
    for text in (result.today_text, result.week_text):
        assert text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    assert "1" in result.today_text and "2" in result.today_text
    assert "14" in result.week_text
    free = adherence(WEEKDAYS_ONCE, {date(2026, 11, 28): 3}, date(2026, 11, 28))
    assert free.today_text.startswith(i18n.PSEUDO_OPEN) and "3" in free.today_text
