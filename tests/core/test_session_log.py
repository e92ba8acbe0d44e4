"""A session writes itself into the history as it goes, and goes on when it cannot."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backroutine.core import i18n
from backroutine.core.engine import Session, State
from backroutine.core.history import History
from backroutine.core.session_log import SessionLog
from backroutine.core.timeline import expand_timeline
from backroutine.core.validation import load_routine

from ..clocks import FakeClock
from .test_engine import wait


@pytest.fixture
def routine(write_routine):
    result = load_routine(
        write_routine(
            "name: Bridges\nprepare: 0\nsteps:\n"
            "  - exercise: Bridge\n    hold: 10s\n    reps: 3\n    rest: 5s\n"
        )
    )
    assert result.routine is not None
    return result.routine


def started(routine, history, failure: str = "") -> tuple[FakeClock, Session, SessionLog]:
    clock = FakeClock()
    session = Session(expand_timeline(routine), clock)
    log = SessionLog(history, routine, failure)
    session.start()
    log.begin(session)
    return clock, session, log


@pytest.fixture
def history(tmp_path):
    moment = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    opened, _ = History.open(tmp_path / "history.sqlite3", lambda: moment)
    yield opened
    opened.close()


def test_each_period_is_in_the_history_as_soon_as_it_ends(routine, history, tmp_path):
    clock = FakeClock()
    session = Session(expand_timeline(routine), clock)
    log = SessionLog(history, routine)
    session.start()
    log.begin(session, pain_before=3)
    wait(session, clock, 10)
    log.sync(session)
    # Another reader (a crash right now) already finds the first hold.
    reader = History.open_read_only(tmp_path / "history.sqlite3")
    kept = reader.session(log.session_id)
    assert [(p.rep, p.status) for p in kept.periods] == [(1, "done")]
    assert kept.pain_before == 3 and kept.status == "in_progress"
    reader.close()
    wait(session, clock, 5 + 10 + 5 + 10)
    log.sync(session)
    record = history.session(log.session_id)
    assert record.status == "completed"
    assert record.active_seconds == pytest.approx(40.0)
    assert [p.actual_seconds for p in record.periods] == [10.0, 10.0, 10.0]
    assert record.routine_hash == routine.content_hash


def test_this_hurts_flags_the_hold_under_way_or_the_one_just_done(routine, history):
    clock, session, log = started(routine, history)
    wait(session, clock, 4)
    log.hurt(session)  # during the first hold
    wait(session, clock, 7)  # into the rest after it
    log.sync(session)
    wait(session, clock, 4 + 10)  # the second hold, done
    log.sync(session)
    wait(session, clock, 1)  # in the rest: "it hurt" means the hold just done
    log.hurt(session)
    session.stop()
    log.sync(session)
    record = history.session(log.session_id)
    assert [p.hurt for p in record.periods] == [True, True]
    assert record.status == "stopped"


def test_a_history_that_cannot_be_written_does_not_stop_the_session(routine, history):
    clock, session, log = started(routine, history)
    history._db.execute("PRAGMA query_only = ON")  # from now on, as a read-only disk
    wait(session, clock, 10)
    log.sync(session)
    assert "Could not write to your history" in log.failure
    assert not log.recording
    wait(session, clock, 30)
    log.sync(session)  # quietly does nothing more
    assert session.state is State.FINISHED


def test_without_a_history_a_session_runs_and_says_why(routine):
    clock, session, log = started(routine, None, "Your history cannot be kept in /x: denied.")
    wait(session, clock, 40)
    log.sync(session)
    assert session.state is State.FINISHED
    assert log.failure.startswith("Your history cannot be kept")


@pytest.fixture
def two_exercises(write_routine):
    result = load_routine(
        write_routine(
            "name: Two\nprepare: 5\nsteps:\n"
            "  - exercise: Tilt\n    hold: 5s\n    reps: 2\n"
            "  - exercise: Stretch\n    hold: 10s\n    reps: 2\n"
        )
    )
    assert result.routine is not None
    return result.routine


def test_it_hurts_before_an_exercise_starts_is_kept_against_that_exercise(two_exercises, history):
    clock, session, log = started(two_exercises, history)
    wait(session, clock, 5 + 5 + 5 + 2)  # into the get-ready of the stretch
    log.sync(session)
    log.hurt(session)
    session.skip_exercise()  # "Skip this exercise", before it began
    log.sync(session)
    session.stop()
    log.sync(session)
    record = history.session(log.session_id)
    assert [(p.exercise, p.rep, p.status, p.hurt) for p in record.periods] == [
        ("Tilt", 1, "done", False),
        ("Tilt", 2, "done", False),
        ("Stretch", 1, "skipped", True),
        ("Stretch", 2, "skipped", False),
    ]


def test_reaching_the_end_by_skipping_everything_is_not_a_completed_session(two_exercises, history):
    _clock, session, log = started(two_exercises, history)
    while session.state is State.RUNNING:
        session.skip_exercise()
    log.sync(session)
    assert session.state is State.FINISHED
    assert history.session(log.session_id).status == "stopped"


def test_the_history_keeps_the_name_as_the_person_was_shown_it(write_routine, history):
    i18n.set_language("de")
    routine = load_routine(
        write_routine(
            "name: {en: Bridges, de: Brücken}\nprepare: 0\nsteps:\n"
            "  - exercise: {en: Bridge, de: Brücke}\n    instructions: x\n    hold: 10s\n"
        )
    ).routine
    assert routine is not None
    _clock, _session, log = started(routine, history)
    assert history.session(log.session_id).routine_name == "Brücken"
