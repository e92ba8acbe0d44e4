"""The player's words come from the engine's facts, with no window needed."""

from __future__ import annotations

from backroutine.core.engine import Session
from backroutine.core.timeline import expand_timeline
from backroutine.core.validation import load_routine
from backroutine.ui.player_words import status_text, summary_words, time_left_text

from ..clocks import FakeClock
from ..core.test_engine import wait


def _session(write_routine, steps: str) -> tuple[FakeClock, Session]:
    routine = load_routine(write_routine(f"name: T\nprepare: 0\nsteps:\n{steps}")).routine
    assert routine is not None
    clock = FakeClock()
    return clock, Session(expand_timeline(routine), clock)


def test_the_summary_says_well_done_only_when_something_was_done(write_routine):
    clock, done = _session(write_routine, "  - {exercise: A, hold: 2s}\n")
    done.start()
    wait(done, clock, 3)
    title, text = summary_words(done, "Desk \u202ebreak")
    assert title == "Well done!" and "1 of 1 holds" in text and "Desk \u202ebreak" in text
    clock, skipped = _session(write_routine, "  - {exercise: A, hold: 2s}\n")
    skipped.start()
    skipped.skip()
    assert summary_words(skipped, "T")[0] == "Everything was skipped"
    clock, stopped = _session(write_routine, "  - {exercise: A, hold: 2s}\n")
    stopped.start()
    stopped.stop()
    title, text = summary_words(stopped, "T")
    assert title == "Session stopped" and "Notice how your back" not in text


def test_time_left_counts_untimed_reps_in_words(write_routine):
    _clock, session = _session(write_routine, "  - {exercise: A, reps: 1}\n")
    session.start()
    assert time_left_text(session.view()) == "about 0:00 left, plus 1 rep at your pace"
    session.pause()
    assert "Press Space" in status_text(session.view())
