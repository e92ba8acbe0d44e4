"""The JSON Schema that editors use agrees with the app about what a routine file may hold."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from backroutine.core.schema import routine_schema, schema_text
from backroutine.core.validation import check_routine_bytes

REPO = Path(__file__).resolve().parents[2]
ROUTINES = REPO / "routines"
SCHEMA_FILE = ROUTINES / "routine.schema.json"
REGENERATE = "python -m backroutine.core.schema > routines/routine.schema.json"

VALIDATOR = jsonschema.Draft7Validator(routine_schema())


def test_the_schema_is_a_valid_draft_07_schema():
    schema = routine_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_schema_text_is_the_schema_as_json():
    text = schema_text()
    assert text.endswith("}\n")
    assert json.loads(text) == routine_schema()


def test_the_shipped_schema_file_is_up_to_date():
    assert SCHEMA_FILE.is_file(), f"{SCHEMA_FILE} is missing; create it with: {REGENERATE}"
    shipped = SCHEMA_FILE.read_text(encoding="utf-8")
    assert shipped == schema_text(), (
        f"{SCHEMA_FILE.name} is out of date with the field tables; regenerate it with: {REGENERATE}"
    )


BUNDLED = sorted(ROUTINES.glob("*.yaml"))


def test_there_are_bundled_routines_to_check():
    assert len(BUNDLED) >= 5


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_routine_passes_the_schema(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(data)]
    assert errors == []


# Small routines on which an editor using the schema and `backroutine validate`
# must give the same verdict. Each is a routine with one step unless it says otherwise.
ONE_STEP = "name: Check\nsteps:\n  - {}\n"


def case(label: str, text: str, valid: bool, *marks: pytest.MarkDecorator) -> object:
    return pytest.param(text, valid, id=label, marks=marks)


AGREED = [
    # -- valid ------------------------------------------------------------------
    case(
        "hold with reps and rest",
        ONE_STEP.format("{exercise: Bridge, hold: 10s, reps: 3, rest: 5s}"),
        True,
    ),
    case("hold as seconds", ONE_STEP.format("{exercise: Bridge, hold: 2.5}"), True),
    case("hold as clock time", ONE_STEP.format("{exercise: Plank, hold: '1:30'}"), True),
    case("duration step", ONE_STEP.format("{exercise: Marching, duration: 60s}"), True),
    case("timed reps", ONE_STEP.format("{exercise: Squat, reps: 10, tempo: 3s}"), True),
    case("untimed reps", ONE_STEP.format("{exercise: Cat-cow, reps: 8}"), True),
    case("rest step", ONE_STEP.format("{rest: 30s, note: Walk around the room.}"), True),
    case("zero rest step", ONE_STEP.format("{rest: 0}"), True),
    case(
        "sides, sets and rests between sets",
        ONE_STEP.format(
            "{exercise: Lunge, hold: 30s, sides: both, sets: 2, rest_between_sets: 20s}"
        ),
        True,
    ),
    case("reps 200", ONE_STEP.format("{exercise: Squat, reps: 200}"), True),
    case("sets 20", ONE_STEP.format("{exercise: Squat, reps: 1, sets: 20}"), True),
    case("two hours", ONE_STEP.format("{exercise: Walk, duration: 7200}"), True),
    case("prepare 0 on a step", ONE_STEP.format("{exercise: Bridge, hold: 5, prepare: 0}"), True),
    case(
        "every top-level key",
        "format: 1\nname: Full\nsummary: One line\ndescription: Text\ntags: [physio]\n"
        "prepare: 5s\nschedule: {per_day: 2, days: [mon, fri]}\ncaution: Careful\n"
        "steps:\n  - {exercise: Bridge, hold: 10s}\n",
        True,
    ),
    # -- invalid ----------------------------------------------------------------
    case("unknown key", ONE_STEP.format("{exercise: Bridge, hold: 10s, colour: red}"), False),
    case("unknown top-level key", "name: Check\ntitle: Check\nsteps:\n  - {rest: 5s}\n", False),
    case(
        "hold and duration", ONE_STEP.format("{exercise: Bridge, hold: 10s, duration: 60s}"), False
    ),
    case("duration and reps", ONE_STEP.format("{exercise: March, duration: 60s, reps: 3}"), False),
    case(
        "tempo with a hold",
        ONE_STEP.format("{exercise: Bridge, hold: 10s, reps: 3, tempo: 2s}"),
        False,
    ),
    case("tempo without reps", ONE_STEP.format("{exercise: Squat, tempo: 2s}"), False),
    case(
        "rest without hold in an exercise",
        ONE_STEP.format("{exercise: Squat, reps: 5, rest: 5s}"),
        False,
    ),
    case("no dose", ONE_STEP.format("{exercise: Bridge}"), False),
    case("rest step with a dose", ONE_STEP.format("{rest: 5s, hold: 5s}"), False),
    case("neither exercise nor rest", ONE_STEP.format("{hold: 10s}"), False),
    case("reps 0", ONE_STEP.format("{exercise: Squat, reps: 0}"), False),
    case("reps 201", ONE_STEP.format("{exercise: Squat, reps: 201}"), False),
    case("sets 21", ONE_STEP.format("{exercise: Squat, reps: 1, sets: 21}"), False),
    case("reps as text", ONE_STEP.format("{exercise: Squat, reps: many}"), False),
    case("sides up", ONE_STEP.format("{exercise: Lunge, hold: 30s, sides: up}"), False),
    case("hold 0", ONE_STEP.format("{exercise: Bridge, hold: 0}"), False),
    case("hold over two hours", ONE_STEP.format("{exercise: Bridge, hold: 7201}"), False),
    case("negative rest", ONE_STEP.format("{rest: -5}"), False),
    case("unreadable duration", ONE_STEP.format("{exercise: Bridge, hold: 10x}"), False),
    case("hold as a list", ONE_STEP.format("{exercise: Bridge, hold: [10s]}"), False),
    case(
        "empty duration",
        ONE_STEP.format("{exercise: Bridge, hold: ''}"),
        False,
    ),
    case(
        "image outside the folder",
        ONE_STEP.format("{exercise: Bridge, hold: 5, image: ../x.svg}"),
        False,
    ),
    case(
        "absolute image", ONE_STEP.format("{exercise: Bridge, hold: 5, image: /tmp/x.svg}"), False
    ),
    case(
        "days [funday]",
        "name: Check\nschedule: {per_day: 1, days: [funday]}\nsteps:\n  - {rest: 5s}\n",
        False,
    ),
    case(
        "days empty",
        "name: Check\nschedule: {per_day: 1, days: []}\nsteps:\n  - {rest: 5s}\n",
        False,
    ),
    case("per_day 13", "name: Check\nschedule: {per_day: 13}\nsteps:\n  - {rest: 5s}\n", False),
    case(
        "schedule without per_day",
        "name: Check\nschedule: {days: [mon]}\nsteps:\n  - {rest: 5s}\n",
        False,
    ),
    case("format 2", "format: 2\nname: Check\nsteps:\n  - {rest: 5s}\n", False),
    case("missing name", "steps:\n  - {rest: 5s}\n", False),
    case("empty name", "name:\nsteps:\n  - {rest: 5s}\n", False),
    case("name over 80 characters", f"name: {'x' * 81}\nsteps:\n  - {{rest: 5s}}\n", False),
    case("summary on two lines", 'name: Check\nsummary: "a\\nb"\nsteps:\n  - {rest: 5s}\n', False),
    case("missing steps", "name: Check\n", False),
    case("steps empty", "name: Check\nsteps: []\n", False),
    case("steps not a list", "name: Check\nsteps: {rest: 5s}\n", False),
    case("a list, not a routine", "- name: Check\n", False),
]


@pytest.mark.parametrize(("text", "valid"), AGREED)
def test_the_schema_and_the_app_agree(text, valid, tmp_path):
    schema_errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(text))]
    result = check_routine_bytes(text.encode(), tmp_path / "check.yaml", "check", "check.yaml")
    app_errors = [str(p) for p in result.problems if p.is_error]
    verdicts = {"schema": not schema_errors, "app": not app_errors}
    assert verdicts == {"schema": valid, "app": valid}, (schema_errors, app_errors)
