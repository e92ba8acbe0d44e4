"""A routine expands into the periods the spec describes, and its total is their sum."""

from __future__ import annotations

import pytest

from backroutine.core.discovery import routine_files
from backroutine.core.model import Side
from backroutine.core.paths import bundled_routines_dir
from backroutine.core.timeline import PeriodKind, expand_timeline
from backroutine.core.validation import load_routine

P, H, D, T, U, R, S = (
    PeriodKind.PREPARE,
    PeriodKind.HOLD,
    PeriodKind.DURATION,
    PeriodKind.TIMED_REP,
    PeriodKind.UNTIMED_REP,
    PeriodKind.REST,
    PeriodKind.SWITCH_SIDES,
)


@pytest.fixture
def timeline_of(write_routine):
    def expand(steps: str, prepare: str = "5s"):
        text = f"name: T\nprepare: {prepare}\nsteps:\n{steps}"
        result = load_routine(write_routine(text))
        assert result.routine is not None, [str(p) for p in result.problems]
        return expand_timeline(result.routine)

    return expand


def shape(timeline):
    return [(p.kind, p.seconds) for p in timeline.periods]


def test_hold_with_reps_and_rest_between_them(timeline_of):
    timeline = timeline_of(
        "  - {exercise: Bridge, instructions: x, hold: 10s, reps: 3, rest: 5s}\n"
    )
    assert shape(timeline) == [(P, 5), (H, 10), (R, 5), (H, 10), (R, 5), (H, 10)]
    assert timeline.total_seconds == 45
    assert [p.rep for p in timeline.periods if p.kind is H] == [1, 2, 3]


def test_sides_switch_within_each_set_and_sets_rest_between(timeline_of):
    timeline = timeline_of(
        "  - {exercise: Lunge, instructions: x, hold: 30s, sides: both, sets: 2,"
        " rest_between_sets: 20s}\n"
    )
    assert shape(timeline) == [
        (P, 5),
        (H, 30),
        (S, 3),
        (H, 30),
        (R, 20),
        (H, 30),
        (S, 3),
        (H, 30),
    ]
    work = [(p.set, p.side) for p in timeline.periods if p.kind is H]
    assert work == [(1, Side.LEFT), (1, Side.RIGHT), (2, Side.LEFT), (2, Side.RIGHT)]
    assert timeline.total_seconds == 5 + 4 * 30 + 2 * 3 + 20


def test_one_side_only_never_switches(timeline_of):
    timeline = timeline_of("  - {exercise: A, instructions: x, hold: 10s, sides: right, sets: 2}\n")
    assert shape(timeline) == [(P, 5), (H, 10), (R, 15), (H, 10)]
    assert {p.side for p in timeline.periods} == {Side.RIGHT}


def test_duration_is_one_period_and_timed_reps_one_each(timeline_of):
    timeline = timeline_of(
        "  - {exercise: March, instructions: x, duration: 1m}\n"
        "  - {exercise: Squat, instructions: x, reps: 4, tempo: 3s}\n"
    )
    assert shape(timeline) == [(P, 5), (D, 60), (P, 5), (T, 3), (T, 3), (T, 3), (T, 3)]
    assert timeline.total_seconds == 82
    assert timeline.is_exact


def test_untimed_reps_are_counted_not_guessed(timeline_of):
    timeline = timeline_of(
        "  - {exercise: Cat-cow, instructions: x, reps: 8}\n  - rest: 30s\n", prepare="0"
    )
    assert shape(timeline) == [(U, None)] * 8 + [(R, 30)]
    assert timeline.total_seconds == 30
    assert timeline.untimed_reps == 8
    assert not timeline.is_exact


def test_step_prepare_overrides_the_routine_and_zero_disables(timeline_of):
    timeline = timeline_of(
        "  - {exercise: A, instructions: x, hold: 5s, prepare: 10s}\n"
        "  - {exercise: B, instructions: x, hold: 5s, prepare: 0}\n"
        "  - {exercise: C, instructions: x, hold: 5s}\n",
        prepare="3s",
    )
    assert shape(timeline) == [(P, 10), (H, 5), (H, 5), (P, 3), (H, 5)]


def test_zero_rests_make_no_periods(timeline_of):
    timeline = timeline_of(
        "  - {exercise: A, instructions: x, hold: 5s, reps: 2, rest: 0, sets: 2,"
        " rest_between_sets: 0}\n  - rest: 0\n",
        prepare="0",
    )
    assert shape(timeline) == [(H, 5)] * 4


def test_periods_know_their_exercise_and_step(timeline_of):
    timeline = timeline_of(
        "  - {exercise: A, instructions: x, hold: 5s}\n  - rest: 10s\n    note: Breathe.\n"
    )
    assert [(p.step_index, p.exercise) for p in timeline.periods] == [(0, "A"), (0, "A"), (1, "")]
    assert timeline.periods[-1].note == "Breathe."


def test_bundled_totals_match_what_the_library_promises():
    totals = {}
    for path in routine_files(bundled_routines_dir()):
        routine = load_routine(path).routine
        assert routine is not None
        timeline = expand_timeline(routine)
        assert timeline.total_seconds == sum(p.seconds or 0 for p in timeline.periods)
        totals[routine.id] = timeline.total_seconds
    # The hourly break must stay a break: two to three minutes, all timed.
    assert 120 <= totals["desk-break"] <= 180


def test_a_step_expanded_before_is_expanded_afresh_whatever_changed_in_it(timeline_of):
    step = "  - {exercise: A, instructions: x, hold: 10s, reps: 2%s}\n"
    plain = shape(timeline_of(step % ""))
    assert shape(timeline_of(step % "")) == plain  # kept from the first time
    assert shape(timeline_of(step % ", sets: 2")) != plain
    assert shape(timeline_of(step % ", sides: both")) != plain
    assert shape(timeline_of(step % ", prepare: 0s")) == plain[1:]
    assert shape(timeline_of(step % "", prepare="9s"))[0] == (P, 9.0)
    moved = timeline_of("  - rest: 0s\n" + step % "")  # the same step, one place on
    assert {p.step_index for p in moved.periods} == {1}
    renamed = timeline_of((step % "").replace("A,", "B,"))
    assert {p.exercise for p in renamed.periods} == {"B"}
