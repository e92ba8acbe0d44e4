"""`run --trace FILE`: one JSON line per period change, and a trace that fails is given up
without stopping the session."""

from __future__ import annotations

import io
import json

from backroutine.core.engine import Session
from backroutine.core.session_trace import SessionTrace
from backroutine.core.timeline import expand_timeline
from backroutine.core.validation import load_routine

from ..clocks import FakeClock
from .test_engine import wait


def _session(write_routine) -> tuple[FakeClock, Session]:
    routine = load_routine(
        write_routine("name: T\nprepare: 0\nsteps:\n  - {exercise: A, hold: 2s}\n  - rest: 1s\n")
    ).routine
    assert routine is not None
    clock = FakeClock()
    return clock, Session(expand_timeline(routine), clock)


def test_each_period_change_is_one_line_with_its_lateness_written_once(write_routine):
    clock, session = _session(write_routine)
    out = io.StringIO()
    trace = SessionTrace(out)
    session.start()
    assert trace.write(session.transitions) == ""
    wait(session, clock, 5)
    assert trace.write(session.transitions) == ""
    assert trace.write(session.transitions) == ""  # nothing new: nothing written again
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["kind"] for line in lines] == ["hold", "rest", "complete"]
    assert all(line["late_ms"] == 0 for line in lines)


class _Full(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_a_trace_that_cannot_be_written_says_why_once_and_then_stays_quiet(write_routine):
    clock, session = _session(write_routine)
    trace = SessionTrace(_Full())
    session.start()
    said = trace.write(session.transitions)
    assert "trace file" in said and "No space left" in said
    wait(session, clock, 5)
    assert trace.write(session.transitions) == ""  # given up; the session went on
    assert session.over
