"""The session engine, driven by a fake clock: periods end on their deadlines, never by ticks."""

from __future__ import annotations

import pytest

from backroutine.core.discovery import routine_files
from backroutine.core.engine import CueKind, Outcome, PauseReason, Session, State
from backroutine.core.model import Side
from backroutine.core.paths import bundled_routines_dir
from backroutine.core.timeline import PeriodKind, Timeline, expand_timeline
from backroutine.core.validation import load_routine

from ..clocks import FakeClock


@pytest.fixture
def timeline_of(write_routine):
    def make(steps: str, prepare: str = "0") -> Timeline:
        result = load_routine(write_routine(f"name: T\nprepare: {prepare}\nsteps:\n{steps}"))
        assert result.routine is not None, [str(p) for p in result.problems]
        return expand_timeline(result.routine)

    return make


def run_like_the_shell(session: Session, clock: FakeClock, late: float = 0.0) -> list[tuple]:
    """Wake exactly when the engine asks (plus `late`), as the Qt timer does; record the display."""
    shown = []
    session.start()
    while session.state is State.RUNNING:
        wake = session.next_wakeup()
        assert wake is not None, "a timed period must always say when it is next due"
        clock.now = max(clock.now, wake + late)
        session.update()
        view = session.view()
        if view.state is State.RUNNING:
            shown.append((view.index, view.shown_seconds))
    return shown


def wait(session: Session, clock: FakeClock, seconds: float) -> None:
    """Let time pass with the shell waking the engine whenever it asks, as a real run does."""
    target = clock.now + seconds
    while (wake := session.next_wakeup()) is not None and wake <= target:
        clock.now = max(clock.now, wake)
        session.update()
    clock.now = target
    session.update()


def test_a_bundled_routine_runs_to_its_planned_total_with_no_drift(clock):
    path = next(p for p in routine_files(bundled_routines_dir()) if p.stem == "desk-break")
    routine = load_routine(path).routine
    assert routine is not None
    timeline = expand_timeline(routine)
    session = Session(timeline, clock)
    started = clock.now
    run_like_the_shell(session, clock, late=0.004)
    assert session.state is State.FINISHED
    assert session.ended_at == pytest.approx(started + timeline.total_seconds)
    assert session.active_seconds() == pytest.approx(timeline.total_seconds)
    # Each period began exactly when the one before it was due to end.
    expected, due = [], started
    for period in timeline.periods:
        expected.append(due)
        due += period.seconds or 0
    actual = [t.due for t in session.transitions[: len(timeline.periods)]]
    assert actual == pytest.approx(expected)
    assert all(t.handled - t.due == pytest.approx(0.004) for t in session.transitions[1:])


def test_the_countdown_never_skips_or_repeats_a_second(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 7s}\n"), clock)
    shown = run_like_the_shell(session, clock, late=0.001)
    hold = [s for i, s in shown if i == 0]
    assert hold == [6, 5, 4, 3, 2, 1]
    assert session.state is State.FINISHED


def test_ticks_count_down_the_last_three_seconds_of_work_and_prepare(clock, timeline_of):
    session = Session(
        timeline_of(
            "  - {exercise: A, instructions: x, hold: 10s, reps: 2, rest: 5s}\n"
            "  - {exercise: B, instructions: x, reps: 1, tempo: 2s}\n",
            prepare="4s",
        ),
        clock,
    )
    start = clock.now
    run_like_the_shell(session, clock)
    ticks = [
        (c.period_index, c.count, c.due - start) for c in session.cues if c.kind is CueKind.TICK
    ]
    assert ticks == [
        (0, 3, 1.0),  # prepare 4s
        (0, 2, 2.0),
        (0, 1, 3.0),
        (1, 3, 11.0),  # first hold: 4..14
        (1, 2, 12.0),
        (1, 1, 13.0),
        # no ticks in the 5s rest (index 2)
        (3, 3, 26.0),  # second hold: 19..29
        (3, 2, 27.0),
        (3, 1, 28.0),
        (4, 3, 30.0),  # prepare for B: 29..33
        (4, 2, 31.0),
        (4, 1, 32.0),
        (5, 2, 33.0),  # a 2s rep only has "2, 1"
        (5, 1, 34.0),
    ]
    kinds = [c.kind for c in session.cues]
    assert kinds[0] is CueKind.PERIOD_START and kinds[-1] is CueKind.COMPLETE


def test_pause_and_resume_shift_the_end_by_the_pause(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 10s}\n"), clock)
    start = clock.now
    session.start()
    clock.advance(4)
    session.update()
    session.pause()
    clock.advance(30)
    assert session.update() == []
    view = session.view()
    assert (view.state, view.remaining, view.pause_reason) == (State.PAUSED, 6.0, PauseReason.USER)
    assert session.next_wakeup() is None  # nothing is due while paused
    session.resume()
    assert session.next_wakeup() == pytest.approx(start + 35)  # the next whole second
    run_like_the_shell(session, clock)
    assert session.ended_at == pytest.approx(start + 40)
    assert session.paused_seconds == pytest.approx(30)
    assert session.active_seconds() == pytest.approx(10)


def test_space_starts_pauses_and_resumes(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 10s}\n"), clock)
    states = []
    for _ in range(3):
        session.toggle()
        states.append(session.state)
    assert states == [State.RUNNING, State.PAUSED, State.RUNNING]


def test_skip_moves_on_now_and_at_the_end_finishes(clock, timeline_of):
    session = Session(
        timeline_of("  - {exercise: A, instructions: x, hold: 10s}\n  - rest: 20s\n", "5s"),
        clock,
    )
    session.start()
    clock.advance(1.5)
    session.skip()  # out of prepare
    assert session.view().period.kind is PeriodKind.HOLD
    assert session.view().remaining == 10
    session.skip()
    assert session.view().period.kind is PeriodKind.REST
    clock.advance(3)
    session.skip()
    assert session.state is State.FINISHED
    assert session.active_seconds() == pytest.approx(4.5)
    assert session.cues[-1].kind is CueKind.COMPLETE


def test_skip_while_paused_stays_paused_at_the_start_of_the_next_period(clock, timeline_of):
    session = Session(
        timeline_of("  - {exercise: A, instructions: x, hold: 10s, reps: 2, rest: 5s}\n"), clock
    )
    session.start()
    clock.advance(3)
    session.pause()
    clock.advance(10)
    session.skip()
    view = session.view()
    assert (view.state, view.period.kind, view.remaining) == (State.PAUSED, PeriodKind.REST, 5)
    clock.advance(100)  # still paused: nothing moves
    assert session.view().remaining == 5
    session.resume()
    clock.advance(5)
    session.update()
    assert session.view().period.kind is PeriodKind.HOLD and session.view().period.rep == 2


def test_back_restarts_the_period_and_again_goes_to_the_previous(clock, timeline_of):
    session = Session(
        timeline_of("  - {exercise: A, instructions: x, hold: 10s, reps: 2, rest: 5s}\n"), clock
    )
    session.start()
    wait(session, clock, 12)  # into the rest, 2s in
    assert session.view().period.kind is PeriodKind.REST
    wait(session, clock, 1)  # 3s into the rest
    session.back()
    assert (session.view().index, session.view().remaining) == (1, 5)
    clock.advance(0.5)
    session.back()  # again, right at the start: the previous period
    assert (session.view().index, session.view().remaining) == (0, 10)
    session.back()  # the first period has nothing before it: start it again
    assert (session.view().index, session.view().remaining) == (0, 10)


def test_untimed_reps_wait_for_done_however_long_it_takes(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: Cat-cow, instructions: x, reps: 3}\n"), clock)
    session.start()
    for rep in (1, 2, 3):
        view = session.view()
        assert (view.period.kind, view.period.rep, view.remaining) == (
            PeriodKind.UNTIMED_REP,
            rep,
            None,
        )
        assert session.next_wakeup() is None
        clock.advance(45)  # far longer than the sleep gap: not a sleep, just a slow rep
        assert session.update() == []
        assert session.state is State.RUNNING
        session.done()
    assert session.state is State.FINISHED
    assert session.active_seconds() == pytest.approx(135)


def test_done_does_nothing_in_a_timed_period(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 10s}\n"), clock)
    session.start()
    session.done()
    assert session.view().index == 0 and session.state is State.RUNNING


def test_a_long_gap_means_the_computer_slept_and_pauses_where_it_was(clock, timeline_of):
    session = Session(
        timeline_of("  - {exercise: A, instructions: x, hold: 30s}\n  - rest: 10s\n"), clock
    )
    start = clock.now
    session.start()
    wait(session, clock, 10)
    clock.advance(3600)  # the lid was closed for an hour
    session.update()
    view = session.view()
    assert (view.state, view.pause_reason) == (State.PAUSED, PauseReason.SLEPT)
    assert (view.index, view.remaining) == (0, 20)
    session.resume()
    run_like_the_shell(session, clock)
    assert session.state is State.FINISHED
    assert session.active_seconds() == pytest.approx(40)
    assert session.paused_seconds == pytest.approx(3600)
    assert session.ended_at == pytest.approx(start + 3640)


def test_sides_and_sets_are_reported_as_they_come(clock, timeline_of):
    session = Session(
        timeline_of(
            "  - {exercise: Lunge, instructions: x, hold: 5s, sides: both, sets: 2,"
            " rest_between_sets: 10s}\n"
        ),
        clock,
    )
    seen = []
    session.start()
    while session.state is State.RUNNING:
        period = session.view().period
        seen.append((period.kind, period.set, period.side))
        wait(session, clock, session.view().remaining)
    assert seen == [
        (PeriodKind.HOLD, 1, Side.LEFT),
        (PeriodKind.SWITCH_SIDES, 1, Side.RIGHT),
        (PeriodKind.HOLD, 1, Side.RIGHT),
        (PeriodKind.REST, 2, Side.LEFT),
        (PeriodKind.HOLD, 2, Side.LEFT),
        (PeriodKind.SWITCH_SIDES, 2, Side.RIGHT),
        (PeriodKind.HOLD, 2, Side.RIGHT),
    ]


def test_progress_counts_down_the_whole_routine(clock, timeline_of):
    session = Session(
        timeline_of(
            "  - {exercise: A, instructions: x, hold: 10s}\n"
            "  - {exercise: B, instructions: x, reps: 2}\n"
            "  - rest: 20s\n"
        ),
        clock,
    )
    view = session.view()
    assert (view.state, view.remaining_total, view.untimed_left) == (State.READY, 30, 2)
    session.start()
    clock.advance(4)
    view = session.view()
    assert (view.remaining_total, view.untimed_left, view.elapsed_active) == (26, 2, 4)
    assert view.next_period is not None and view.next_period.kind is PeriodKind.UNTIMED_REP


def test_stop_ends_early_and_keeps_what_was_done(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 10s}\n"), clock)
    session.start()
    clock.advance(4)
    session.stop()
    clock.advance(50)
    session.update()
    assert session.state is State.STOPPED
    assert session.active_seconds() == pytest.approx(4)
    session.toggle()  # nothing restarts a stopped session
    assert session.state is State.STOPPED


def test_a_late_wake_up_is_handled_at_once_and_the_next_period_keeps_its_schedule(
    clock, timeline_of
):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 2s, reps: 3}\n"), clock)
    start = clock.now
    session.start()
    clock.now = start + 4.5  # woke late, past two deadlines at once
    session.update()
    view = session.view()
    assert (view.index, view.remaining) == (2, pytest.approx(1.5))
    assert [round(t.due - start, 6) for t in session.transitions] == [0, 2, 4]
    assert [round(t.handled - t.due, 6) for t in session.transitions[1:]] == [2.5, 0.5]


def test_each_work_period_is_kept_as_it_ends_with_the_time_spent(clock, timeline_of):
    timeline = timeline_of(
        "  - exercise: Bridge\n    hold: 10s\n    reps: 3\n    rest: 5s\n"
        "  - exercise: Squat\n    reps: 2\n",
        prepare="5",
    )
    session = Session(timeline, clock)
    session.start()
    wait(session, clock, 5 + 10)  # the get-ready, then the first hold to its end
    assert [(w.period.rep, w.outcome, w.active_seconds) for w in session.work] == [
        (1, Outcome.DONE, 10.0)
    ]
    wait(session, clock, 5 + 4)  # the rest, then 4 s into the second hold
    session.pause()
    clock.advance(60)  # a pause is not time spent in the hold
    session.back()  # back to the start of this hold: nothing is kept for it yet
    assert len(session.work) == 1
    session.resume()
    wait(session, clock, 2.5)
    session.skip()
    assert session.work[-1].outcome is Outcome.SKIPPED
    assert session.work[-1].active_seconds == pytest.approx(2.5)
    wait(session, clock, 5 + 10 + 5)  # rest, the third hold, the squat's get-ready
    clock.advance(7)
    session.done()  # the first untimed squat rep, after 7 s
    assert session.work[-1].period.exercise == "Squat"
    assert (session.work[-1].outcome, session.work[-1].active_seconds) == (Outcome.DONE, 7.0)
    clock.advance(3)
    session.pause()
    clock.advance(100)
    session.stop()  # during the second rep: kept as skipped, 3 s in
    assert [(w.period.exercise, w.period.rep, w.outcome.value) for w in session.work] == [
        ("Bridge", 1, "done"),
        ("Bridge", 2, "skipped"),
        ("Bridge", 3, "done"),
        ("Squat", 1, "done"),
        ("Squat", 2, "skipped"),
    ]
    assert session.work[-1].active_seconds == pytest.approx(3.0)


def test_skipping_a_get_ready_or_a_rest_keeps_nothing(clock, timeline_of):
    session = Session(timeline_of("  - rest: 10s\n  - exercise: A\n    hold: 5s\n", "3"), clock)
    session.start()
    session.skip()  # the rest step
    session.skip()  # the get-ready
    assert session.work == []
    wait(session, clock, 5)
    assert [w.outcome for w in session.work] == [Outcome.DONE]
    assert session.state is State.FINISHED


def test_skipping_an_exercise_goes_past_its_reps_sets_and_sides(clock, timeline_of):
    timeline = timeline_of(
        "  - exercise: Side plank\n    hold: 10s\n    reps: 2\n    sets: 2\n    sides: both\n"
        "  - exercise: Bridge\n    hold: 5s\n",
        prepare="3",
    )
    session = Session(timeline, clock)
    session.start()
    wait(session, clock, 3 + 4)
    session.pause()
    session.skip_exercise()
    assert session.current.exercise == "Bridge"
    assert session.current.kind is PeriodKind.PREPARE
    assert session.state is State.PAUSED  # a paused session stays paused
    # All eight holds (2 reps x 2 sides x 2 sets) kept as skipped: prescribed, not done.
    assert [(w.period.exercise, w.outcome) for w in session.work] == [
        ("Side plank", Outcome.SKIPPED)
    ] * 8
    assert [w.active_seconds for w in session.work] == [4.0] + [0.0] * 7
    session.resume()
    wait(session, clock, 3 + 5)
    assert session.state is State.FINISHED


def test_stopping_while_paused_keeps_the_time_spent_in_the_period(clock, timeline_of):
    session = Session(timeline_of("  - exercise: A\n    hold: 30s\n", "5"), clock)
    session.start()
    wait(session, clock, 5 + 20)
    session.pause()  # as Esc does before asking "Stop the session?"
    clock.advance(8)
    session.stop()
    assert session.active_seconds() == pytest.approx(25.0)
    assert session.paused_seconds == pytest.approx(8.0)


def test_under_way_and_over_follow_the_session_from_ready_to_stopped(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 10s}\n"), clock)
    facts = []
    for act in (lambda: None, session.start, session.pause, session.resume, session.stop):
        act()
        facts.append((session.under_way, session.over, session.completed))
    assert facts == [
        (False, False, False),  # ready
        (True, False, False),  # running
        (True, False, False),  # paused
        (True, False, False),  # running again
        (False, True, False),  # stopped early: not completed
    ]
    assert session.view().state.over and not session.view().state.under_way


def test_completed_means_the_end_was_reached_with_something_done(clock, timeline_of):
    steps = (
        "  - {exercise: A, instructions: x, hold: 10s}\n"
        "  - {exercise: B, instructions: y, hold: 5s}\n"
    )
    skipped_all = Session(timeline_of(steps), clock)
    skipped_all.start()
    skipped_all.skip()
    skipped_all.skip()
    assert skipped_all.state is State.FINISHED
    assert skipped_all.over and not skipped_all.completed  # the end, by skipping everything

    one_done = Session(timeline_of(steps), clock)
    one_done.start()
    wait(one_done, clock, 10)  # A held to its end
    one_done.skip()  # B skipped
    assert one_done.state is State.FINISHED
    assert one_done.did_some and one_done.completed


def test_a_session_done_to_the_end_then_stopped_stays_completed(clock, timeline_of):
    session = Session(timeline_of("  - {exercise: A, instructions: x, hold: 2s}\n"), clock)
    session.start()
    wait(session, clock, 2)
    session.stop()  # Esc or quit after the end changes nothing
    assert session.state is State.FINISHED and session.completed
