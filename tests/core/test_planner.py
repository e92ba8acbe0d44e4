"""The reminder planner, without Qt: what a reminder that falls due comes to while a
routine is under way, behind a full-screen window, after time away, for a program
already done today, and when the shell's one timer should look again. The wall
clock is a value the tests move; nothing sleeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from backroutine.core.model import RestStep, Routine, Schedule
from backroutine.core.planner import (
    DEFAULT_BREAK_SECONDS,
    Action,
    Facts,
    ReminderPlanner,
    decide,
)
from backroutine.core.reminders import Event, EventKind
from backroutine.core.settings import Settings

from ..clocks import BERLIN, WallClock, hhmm

MONDAY = datetime(2026, 11, 23, 9, 15, tzinfo=BERLIN)
BREAK_SECONDS = 150.0


def routine(routine_id: str, seconds: float = 60.0, per_day: int | None = None) -> Routine:
    schedule = Schedule(per_day) if per_day is not None else None
    return Routine(
        id=routine_id,
        path=Path(f"{routine_id}.yaml"),
        name=routine_id.title(),
        steps=(RestStep(seconds),),
        schedule=schedule,
    )


ROUTINES = {
    "desk-break": routine("desk-break", BREAK_SECONDS),
    "program": routine("program", per_day=2),  # reminded at 08:00 and 20:00
}


@pytest.fixture
def wall() -> WallClock:
    return WallClock(MONDAY)


def planner(wall: WallClock, routines=None, **settings) -> ReminderPlanner:
    made = ReminderPlanner(
        Settings(**settings), ROUTINES if routines is None else routines, BERLIN, wall()
    )
    return made


def breaks_only(wall: WallClock, **settings) -> ReminderPlanner:
    return planner(wall, program_reminders=False, heads_up=0, **settings)


def at(wall: WallClock, hour: int, minute: int = 0) -> datetime:
    wall.moment = wall.moment.replace(hour=hour, minute=minute)
    return wall.moment


# -- the rules, one by one -----------------------------------------------------


def due_break(now: datetime) -> Event:
    return Event(EventKind.BREAK, now)


@pytest.mark.parametrize(
    ("facts", "kind", "expected"),
    [
        (Facts(MONDAY), EventKind.BREAK, Action.BREAK),
        (Facts(MONDAY), EventKind.PROGRAM, Action.PROGRAM),
        (Facts(MONDAY), EventKind.HEADS_UP, Action.HEADS_UP),
        (Facts(MONDAY, idle_seconds=BREAK_SECONDS), EventKind.BREAK, Action.NATURAL_BREAK),
        (Facts(MONDAY, idle_seconds=BREAK_SECONDS), EventKind.HEADS_UP, Action.NATURAL_BREAK),
        (Facts(MONDAY, idle_seconds=9999.0), EventKind.PROGRAM, Action.PROGRAM),
        (Facts(MONDAY, idle_seconds=BREAK_SECONDS - 1), EventKind.BREAK, Action.BREAK),
        (Facts(MONDAY, exercising=True), EventKind.BREAK, Action.UNDER_WAY),
        (Facts(MONDAY, exercising=True), EventKind.PROGRAM, Action.UNDER_WAY),
        (Facts(MONDAY, exercising=True, full_screen=True), EventKind.BREAK, Action.UNDER_WAY),
        (Facts(MONDAY, full_screen=True), EventKind.BREAK, Action.HOLD_BREAK),
        (Facts(MONDAY, full_screen=True), EventKind.PROGRAM, Action.HOLD_PROGRAM),
        (Facts(MONDAY, full_screen=True), EventKind.HEADS_UP, Action.HEADS_UP_UNSAID),
        (Facts(MONDAY, full_screen=None), EventKind.BREAK, Action.BREAK),  # unknown: shown
        (Facts(MONDAY, full_screen=False), EventKind.BREAK, Action.BREAK),
    ],
)
def test_what_a_reminder_due_now_comes_to(facts, kind, expected):
    event = Event(kind, MONDAY, "program" if kind is EventKind.PROGRAM else "")
    assert decide(event, facts, None, BREAK_SECONDS) is expected


def test_nothing_is_due_before_its_moment_but_a_timer_a_second_early_counts():
    later = Event(EventKind.BREAK, MONDAY + timedelta(seconds=5))
    assert decide(later, Facts(MONDAY), None, BREAK_SECONDS) is Action.WAIT
    assert decide(None, Facts(MONDAY), None, BREAK_SECONDS) is Action.WAIT
    almost = Event(EventKind.BREAK, MONDAY + timedelta(seconds=0.6))
    assert decide(almost, Facts(MONDAY), None, BREAK_SECONDS) is Action.BREAK


def test_the_reminder_just_given_is_never_given_again():
    event = due_break(MONDAY)
    assert decide(event, Facts(MONDAY), event, BREAK_SECONDS) is Action.REPEATED


# -- the planner: each rule, and what it changes --------------------------------


def test_a_break_shown_and_left_unanswered_comes_back_after_a_snooze(wall):
    plans = breaks_only(wall)
    plan = plans.fire(Facts(at(wall, 10, 15)))
    assert plan.action is Action.BREAK and hhmm(plan.event.at) == "10:15"
    assert (plan.upcoming.kind, hhmm(plan.look_again)) == (EventKind.BREAK, "10:25")
    assert not plans.held_back


def test_the_heads_up_comes_a_minute_before_and_then_the_break(wall):
    plans = planner(wall, program_reminders=False)
    plan = plans.plan(wall(), {})
    assert (plan.action, plan.upcoming.kind, hhmm(plan.look_again)) == (
        Action.WAIT,
        EventKind.HEADS_UP,
        "10:14",
    )
    plan = plans.fire(Facts(at(wall, 10, 14)))
    assert plan.action is Action.HEADS_UP
    assert (plan.upcoming.kind, hhmm(plan.look_again)) == (EventKind.BREAK, "10:15")
    assert plans.fire(Facts(at(wall, 10, 15))).action is Action.BREAK


def test_a_heads_up_over_a_full_screen_window_is_not_said_and_not_said_later(wall):
    plans = planner(wall, program_reminders=False)
    plan = plans.fire(Facts(at(wall, 10, 14), full_screen=True))
    assert plan.action is Action.HEADS_UP_UNSAID
    assert (plan.upcoming.kind, hhmm(plan.look_again)) == (EventKind.BREAK, "10:15")


def test_a_timer_that_wakes_early_only_looks_again(wall):
    plans = breaks_only(wall)
    before = plans.breaks.snoozed_until, plans.breaks.last_break
    plan = plans.fire(Facts(at(wall, 10, 0)))  # the wall clock was moved back
    assert (plan.action, plan.event) == (Action.WAIT, None)
    assert hhmm(plan.look_again) == "10:15"
    assert (plans.breaks.snoozed_until, plans.breaks.last_break) == before


def test_the_same_reminder_due_again_is_looked_at_in_a_minute_not_in_a_loop(wall):
    # Filed under another name than its id, the reminder cannot be counted as given:
    # the same event comes round at once.
    plans = planner(wall, {"filed-as": routine("program", per_day=1)}, breaks=False)
    first = plans.fire(Facts(wall()))  # the 09:00 reminder, due now
    assert first.action is Action.PROGRAM
    again = plans.fire(Facts(wall()))
    assert again.action is Action.REPEATED and again.event == first.event
    assert again.look_again - wall() == timedelta(minutes=1)


def test_being_away_for_a_break_length_is_the_break(wall):
    plans = breaks_only(wall)
    plan = plans.fire(Facts(at(wall, 10, 15), idle_seconds=300.0))
    assert plan.action is Action.NATURAL_BREAK
    assert hhmm(plan.look_again) == "11:15"  # a whole interval from now
    plan = plans.fire(Facts(at(wall, 11, 15), idle_seconds=20.0))  # at the keyboard
    assert plan.action is Action.BREAK


def test_a_routine_under_way_is_the_break_asked_again_after_a_snooze(wall):
    plans = breaks_only(wall)
    plan = plans.fire(Facts(at(wall, 10, 15), exercising=True))
    assert plan.action is Action.UNDER_WAY
    assert hhmm(plan.look_again) == "10:25"
    plans.session_completed(at(wall, 10, 18))  # the routine ends: a break taken
    assert hhmm(plans.plan(wall(), {}).look_again) == "11:18"


def test_a_program_waits_for_the_routine_under_way_a_snooze_at_a_time(wall):
    plans = planner(wall, breaks=False)
    plan = plans.fire(Facts(wall(), exercising=True))
    assert plan.action is Action.UNDER_WAY
    assert (plan.upcoming.kind, hhmm(plan.look_again)) == (EventKind.PROGRAM, "09:25")
    wall.moment += timedelta(minutes=10)
    assert plans.fire(Facts(wall())).action is Action.PROGRAM


def test_a_break_behind_a_full_screen_window_is_looked_at_every_30_s_only_while_due(wall):
    plans = breaks_only(wall)
    plan = plans.fire(Facts(at(wall, 10, 15), full_screen=True))
    assert plan.action is Action.HOLD_BREAK and plans.held_back
    assert plan.look_again - wall() == timedelta(seconds=30)
    wall.moment += timedelta(seconds=30)
    plan = plans.fire(Facts(wall(), full_screen=True))  # still presenting
    assert plan.action is Action.HOLD_BREAK and plan.look_again - wall() == timedelta(seconds=30)
    wall.moment += timedelta(seconds=30)
    plan = plans.fire(Facts(wall(), full_screen=False))  # the talk is over
    assert plan.action is Action.BREAK and not plans.held_back
    # Shown: no more half-minute looks, the next is a snooze away.
    assert hhmm(plan.look_again) == "10:26"


def test_a_program_behind_a_full_screen_window_waits_30_s_without_the_tray_saying_so(wall):
    plans = planner(wall, breaks=False)
    plan = plans.fire(Facts(wall(), full_screen=True))
    assert plan.action is Action.HOLD_PROGRAM and not plans.held_back
    assert plan.look_again - wall() == timedelta(seconds=30)
    wall.moment += timedelta(seconds=30)
    assert plans.fire(Facts(wall(), full_screen=False)).action is Action.PROGRAM


def test_a_snooze_or_a_skip_ends_a_hold(wall):
    plans = breaks_only(wall)
    plans.fire(Facts(at(wall, 10, 15), full_screen=True))
    plans.snooze(wall())
    assert not plans.held_back and hhmm(plans.plan(wall(), {}).look_again) == "10:25"
    plans.fire(Facts(at(wall, 10, 25), full_screen=True))
    plans.skip(wall())
    assert not plans.held_back and hhmm(plans.plan(wall(), {}).look_again) == "11:25"


# -- program reminders per day ----------------------------------------------------


def test_missed_program_times_come_as_one_reminder_then_the_next_time(wall):
    plans = planner(wall, breaks=False)
    plan = plans.fire(Facts(at(wall, 21, 0)))  # 08:00 and 20:00 both passed
    assert plan.action is Action.PROGRAM and plan.event.routine_id == "program"
    assert plan.upcoming.at.astimezone(BERLIN).strftime("%a %H:%M") == "Tue 08:00"


def test_sessions_done_today_are_passed_in_and_silence_the_reminder(wall):
    plans = planner(wall, breaks=False)
    plan = plans.plan(wall(), {"program": 1})  # done once already this morning
    assert hhmm(plan.look_again) == "20:00"
    plan = plans.plan(wall(), {"program": 2})
    assert plan.upcoming.at.astimezone(BERLIN).strftime("%a %H:%M") == "Tue 08:00"
    assert plans.scheduled() == ("program",)  # the only counts the planner asks for


def test_program_reminders_given_yesterday_do_not_count_today(wall):
    plans = planner(wall, breaks=False)
    assert plans.fire(Facts(at(wall, 21, 0))).action is Action.PROGRAM
    wall.moment = wall.moment.replace(day=24, hour=8, minute=0)
    plan = plans.fire(Facts(wall()))
    assert plan.action is Action.PROGRAM and hhmm(plan.event.at) == "08:00"


def test_the_persons_own_times_are_used_and_unreadable_ones_ignored(wall):
    plans = planner(wall, breaks=False, program_times={"program": ("07:30", "\x00\u202e25:99")})
    assert plans.times_for(ROUTINES["program"]) == (datetime(1, 1, 1, 7, 30).time(),)
    plans.apply(Settings(breaks=False, program_times={"program": ("nonsense\n",)}))
    assert [t.strftime("%H:%M") for t in plans.times_for(ROUTINES["program"])] == [
        "08:00",
        "20:00",
    ]


def test_a_routine_id_with_any_character_reaches_the_plan_intact(wall):
    odd = "r\u202eev\x00\n\u0000\U0001f600"
    plans = planner(wall, {odd: routine(odd, per_day=1)}, breaks=False)
    plan = plans.fire(Facts(wall(), done_today={"unknown": 5}))
    assert plan.action is Action.PROGRAM and plan.event.routine_id == odd


def test_program_reminders_off_or_none_scheduled_ask_for_no_counts(wall):
    assert planner(wall, program_reminders=False).scheduled() == ()
    assert planner(wall, {"desk-break": ROUTINES["desk-break"]}).scheduled() == ()


# -- pauses, time away, the break's length, stopping ------------------------------


def test_pausing_holds_back_program_reminders_too(wall):
    plans = planner(wall, breaks=False)
    plans.pause_for(wall(), 60)
    plan = plans.plan(wall(), {})
    assert (plan.upcoming.kind, hhmm(plan.look_again)) == (EventKind.PROGRAM, "10:15")
    plans.resume()
    assert plans.plan(wall(), {}).look_again == wall()


def test_pause_until_tomorrow_holds_everything_until_midnight(wall):
    plans = planner(wall)
    plans.pause_until_tomorrow(wall())
    assert hhmm(plans.paused_until(wall())) == "00:00"
    plan = plans.plan(wall(), {})
    assert plan.upcoming.at.astimezone(BERLIN).strftime("%a %H:%M") == "Tue 00:00"
    assert plans.paused_until(wall().replace(day=24, hour=1)) is None  # over


def test_coming_back_after_a_break_length_away_was_a_break(wall):
    plans = breaks_only(wall)
    at(wall, 9, 50)
    assert not plans.came_back(wall(), 60.0)  # a minute at the coffee machine
    assert hhmm(plans.plan(wall(), {}).look_again) == "10:15"
    assert plans.came_back(wall(), 400.0)
    assert hhmm(plans.plan(wall(), {}).look_again) == "10:50"


def test_with_break_reminders_off_time_away_changes_nothing(wall):
    plans = planner(wall, breaks=False, program_reminders=False)
    assert not plans.came_back(wall(), 4000.0)
    assert plans.plan(wall(), {}).look_again is None


def test_the_break_lasts_as_long_as_the_break_routine_or_two_minutes(wall):
    plans = planner(wall)
    assert plans.break_seconds() == BREAK_SECONDS
    plans.apply(Settings(break_routine="no such routine"))
    assert plans.break_seconds() == DEFAULT_BREAK_SECONDS
    plans.apply(Settings(), {"desk-break": routine("desk-break", 400.0)})
    assert plans.break_seconds() == 400.0
    plan = plans.fire(Facts(at(wall, 10, 14), idle_seconds=300.0))  # not long enough now
    assert plan.action is Action.HEADS_UP


def test_stopped_there_is_nothing_to_look_again_for(wall):
    plans = planner(wall)
    plans.stop()
    assert plans.plan(wall(), {"program": 0}).look_again is None
    assert plans.fire(Facts(at(wall, 10, 15))).action is Action.WAIT
