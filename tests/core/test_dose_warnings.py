"""Doses far beyond what a routine needs are allowed but warned about, at the key."""

from __future__ import annotations

import pytest

from backroutine.cli import main
from backroutine.core.fields import USUAL_DOSE_SECONDS, USUAL_ROUTINE_SECONDS
from backroutine.core.model import ExerciseStep
from backroutine.core.problems import Severity
from backroutine.core.timeline import expand_timeline
from backroutine.core.validation import load_routine


def step(dose: str) -> str:
    return f"name: Long\nsteps:\n  - exercise: Bridge\n    instructions: Lift.\n    {dose}\n"


def test_a_hold_in_minutes_warns_at_the_key_and_suggests_seconds(write_routine, capsys):
    path = write_routine(step("hold: 90m"), "long.yaml")
    result = load_routine(path)
    assert result.ok  # a warning: the routine still runs
    [problem] = result.problems
    assert (problem.line, problem.column, problem.severity) == (5, 5, Severity.WARNING)
    assert "hold" in problem.message and "90s" in problem.message
    step_ = result.routine.steps[0] if result.routine else None
    assert isinstance(step_, ExerciseStep) and step_.dose.seconds == 5400

    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 0
    assert f"{path}:5:5: warning:" in err and "90s" in err


@pytest.mark.parametrize(
    ("dose", "line", "key"),
    [
        ("duration: 6m", 5, "duration"),
        ("hold: 301", 5, "hold"),
        ("reps: 4\n    tempo: 5m1s", 6, "tempo"),
        ("hold: 10m\n    reps: 2", 5, "hold"),
    ],
)
def test_a_dose_over_five_minutes_warns(write_routine, dose, line, key):
    result = load_routine(write_routine(step(dose)))
    assert result.ok
    [problem] = result.problems
    assert (problem.line, problem.column, problem.severity) == (line, 5, Severity.WARNING)
    assert key in problem.message and "5 min" in problem.message


@pytest.mark.parametrize("dose", ["hold: 5m", "duration: 300s", "reps: 3\n    tempo: 5m"])
def test_five_minutes_exactly_is_fine(write_routine, dose):
    assert load_routine(write_routine(step(dose))).problems == ()


def long_routine(steps: int) -> str:
    body = "".join(
        f"  - exercise: Walk {n}\n    instructions: Walk.\n    duration: 5m\n" for n in range(steps)
    )
    return f"name: Walks\nprepare: 0\nsteps:\n{body}"


def test_a_routine_over_two_hours_warns_at_steps_but_still_runs(write_routine):
    per_step = USUAL_DOSE_SECONDS
    at_limit = load_routine(write_routine(long_routine(USUAL_ROUTINE_SECONDS // per_step)))
    assert at_limit.problems == ()

    result = load_routine(write_routine(long_routine(USUAL_ROUTINE_SECONDS // per_step + 1)))
    assert result.routine is not None
    assert expand_timeline(result.routine).total_seconds > USUAL_ROUTINE_SECONDS
    [problem] = result.problems
    assert (problem.line, problem.column, problem.severity) == (3, 1, Severity.WARNING)
    assert "2 h" in problem.message and "split" in problem.message


def test_a_routine_with_errors_gets_no_length_warning(write_routine):
    text = long_routine(30) + "  - exercise: Bad\n    instructions: X.\n    hold: ten\n"
    result = load_routine(write_routine(text))
    assert not result.ok
    assert [p.severity for p in result.problems] == [Severity.ERROR]
