"""Every way the format lets a person write a duration, and what they are told when it is wrong."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from backroutine.core.durations import (
    DurationError,
    format_clock,
    format_duration,
    parse_duration,
)
from backroutine.core.fields import USUAL_DOSE_SECONDS
from backroutine.core.model import DoseKind, ExerciseStep, RestStep
from backroutine.core.problems import Severity
from backroutine.core.validation import check_routine_bytes

HINT = 'write seconds (30), or a time such as "30s", "1m30s", "1:30" or "2 min"'


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        # Bare numbers of seconds, as YAML reads them.
        (10, 10.0),
        (2.5, 2.5),
        (0, 0.0),
        # The same numbers when they arrive in quotes.
        ("10", 10.0),
        ("2.5", 2.5),
        # Units.
        ("10s", 10.0),
        ("1m", 60.0),
        ("1h", 3600.0),
        ("1m30s", 90.0),
        ("1m 30s", 90.0),
        ("1h30m", 5400.0),
        ("90 s", 90.0),
        ("2 min", 120.0),
        ("1.5m", 90.0),
        ("10 seconds", 10.0),
        ("1 minute", 60.0),
        ("  10s  ", 10.0),
        # Clock forms: M:SS and H:MM:SS.
        ("1:30", 90.0),
        ("0:05", 5.0),
        ("1:02:03", 3723.0),
        # The limits: 0 and exactly two hours are allowed.
        ("0s", 0.0),
        (7200, 7200.0),
        ("2h", 7200.0),
        ("120 min", 7200.0),
        ("2:00:00", 7200.0),
    ],
)
def test_every_written_form_gives_its_seconds(written, seconds):
    assert parse_duration(written) == seconds


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (-1, "a duration cannot be negative"),
        (-0.5, "a duration cannot be negative"),
        ("-5", "a duration cannot be negative"),
        ("-5s", "a duration cannot be negative"),
        (" -1m", "a duration cannot be negative"),
        (7201, "2 h 1 s is too long; the most is 2 hours"),
        (7200.5, "7,200.5 s is too long; the most is 2 hours"),
        ("2h1s", "2 h 1 s is too long; the most is 2 hours"),
        ("3h", "3 h is too long; the most is 2 hours"),
        ("2:00:01", "2 h 1 s is too long; the most is 2 hours"),
        ("121 min", "2 h 1 min is too long; the most is 2 hours"),
    ],
)
def test_negative_and_over_two_hours_say_so(written, message):
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "written",
    ["abc", "10x", "1:75", "1:5", "1:02:60", "", "   ", "s", "10 s s", "1e3", "ten seconds"],
)
def test_garbage_is_refused_and_the_message_shows_what_to_write(written):
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"cannot read {written!r} as a duration; {HINT}"


@pytest.mark.parametrize("written", [True, False, None])
def test_yes_no_and_empty_are_not_durations(written):
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"expected a duration; {HINT}"


@pytest.mark.parametrize("written", [[10], ["10s", "5s"], {"s": 10}])
def test_lists_and_mappings_are_not_durations(written):
    with pytest.raises(DurationError) as caught:
        parse_duration(written)
    assert str(caught.value) == f"expected a duration, not a list or mapping; {HINT}"


def test_not_a_number_is_refused():
    with pytest.raises(DurationError):
        parse_duration(math.nan)


def test_infinity_is_too_long_not_a_crash():
    with pytest.raises(DurationError) as caught:
        parse_duration(math.inf)
    assert "the most is 2 hours" in str(caught.value)


def test_not_a_number_says_so_rather_than_negative():
    with pytest.raises(DurationError) as caught:
        parse_duration(math.nan)
    assert "negative" not in str(caught.value)


def test_a_duration_error_is_a_value_error():
    # Callers that only know about ValueError still catch it.
    with pytest.raises(ValueError):
        parse_duration("soon")


@pytest.mark.parametrize(
    ("seconds", "written"),
    [
        (0, "0s"),
        (5, "5s"),
        (45, "45s"),
        (60, "1m"),
        (90, "1m30s"),
        (120, "2m"),
        (3600, "1h"),
        (3661, "1h1m1s"),
        (3900, "1h5m"),
        (7200, "2h"),
        (2.5, "2.5s"),
    ],
)
def test_format_duration_writes_what_a_person_would_and_reads_back(seconds, written):
    assert format_duration(seconds) == written
    assert parse_duration(written) == seconds


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0:00"),
        (5, "0:05"),
        (59, "0:59"),
        (90, "1:30"),
        (600, "10:00"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3723, "1:02:03"),
        (7200, "2:00:00"),
    ],
)
def test_format_clock_shows_totals_that_read_back(seconds, shown):
    assert format_clock(seconds) == shown
    assert parse_duration(shown) == seconds


@pytest.mark.parametrize(("seconds", "shown"), [(89.4, "1:29"), (89.6, "1:30"), (0.4, "0:00")])
def test_format_clock_rounds_to_whole_seconds(seconds, shown):
    assert format_clock(seconds) == shown


# A duration form is only useful if it works in a routine file. Each of these is
# written as a hold and must give a runnable exercise holding that long.
ROUTINE = "name: Forms\nsteps:\n  - exercise: Plank\n    instructions: Hold still.\n    hold: {}\n"


@pytest.mark.parametrize(
    ("written", "seconds"),
    [
        ("10", 10.0),
        ("2.5", 2.5),
        ('"10"', 10.0),
        ("10s", 10.0),
        ("1m", 60.0),
        ("1m30s", 90.0),
        ("1m 30s", 90.0),
        ("90 s", 90.0),
        ("2 min", 120.0),
        ("1h", 3600.0),
        ("1:30", 90.0),  # unquoted, YAML itself reads this as 90
        ('"1:30"', 90.0),
        ('"1:02:03"', 3723.0),
    ],
)
def test_each_form_works_as_a_hold_in_a_routine(written, seconds):
    data = ROUTINE.format(written).encode()
    result = check_routine_bytes(data, Path("forms.yaml"), "forms", "forms.yaml")
    # Read in every form; only a hold beyond what a routine needs earns a warning.
    expected = [Severity.WARNING] if seconds > USUAL_DOSE_SECONDS else []
    assert [p.severity for p in result.problems] == expected
    assert result.routine is not None
    (step,) = result.routine.steps
    assert isinstance(step, ExerciseStep)
    assert (step.dose.kind, step.dose.seconds) == (DoseKind.HOLD, seconds)


def test_clock_forms_work_for_every_duration_key_not_only_holds():
    text = (
        "name: Clock forms\n"
        "prepare: '0:10'\n"
        "steps:\n"
        "  - exercise: Lunge\n"
        "    instructions: Step forward.\n"
        "    hold: '0:30'\n"
        "    rest: '0:05'\n"
        "    sets: 2\n"
        "    rest_between_sets: '1:00'\n"
        "    prepare: '0:03'\n"
        "  - exercise: Squat\n"
        "    instructions: Sit back.\n"
        "    reps: 10\n"
        "    tempo: '0:04'\n"
        "  - exercise: March\n"
        "    instructions: Lift your knees.\n"
        "    duration: '2:00'\n"
        "  - rest: '0:45'\n"
    )
    result = check_routine_bytes(text.encode(), Path("clock.yaml"), "clock", "clock.yaml")
    assert result.problems == ()
    routine = result.routine
    assert routine is not None
    assert routine.prepare == 10.0
    lunge, squat, march, rest = routine.steps
    assert isinstance(lunge, ExerciseStep)
    assert (lunge.dose.seconds, lunge.dose.rest) == (30.0, 5.0)
    assert (lunge.rest_between_sets, lunge.prepare) == (60.0, 3.0)
    assert isinstance(squat, ExerciseStep)
    assert (squat.dose.kind, squat.dose.seconds, squat.dose.reps) == (DoseKind.TIMED_REPS, 4.0, 10)
    assert isinstance(march, ExerciseStep)
    assert (march.dose.kind, march.dose.seconds) == (DoseKind.DURATION, 120.0)
    assert isinstance(rest, RestStep)
    assert rest.seconds == 45.0
