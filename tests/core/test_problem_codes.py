"""Every problem names its kind by a stable code and the field it is about, so that no
program has to read (or be broken by rewording) the message."""

from __future__ import annotations

import ast
import json

import pytest

from backroutine.core.problem_codes import CODES, DOSE_CODES
from backroutine.core.problems import field_parts, field_path
from backroutine.core.validation import load_routine

from ..conftest import REPO

NAME = "name: Test\n"

# The bytes of a routine file; the code and the field each problem must carry.
CASES = [
    (b"name: [a, b]\nsteps: [{rest: 5s}]\n", "not-text", "name"),
    (b"name: ''\nsteps: [{rest: 5s}]\n", "empty-value", "name"),
    (b"steps: [{rest: 5s}]\n", "missing-key", "name"),
    (NAME.encode() + b"steps: []\n", "no-steps", "steps"),
    (NAME.encode() + b"steps: 3\n", "not-a-list", "steps"),
    (NAME.encode(), "missing-key", "steps"),
    (NAME.encode() + b"format: 9\nsteps: [{rest: 5s}]\n", "format-too-new", "format"),
    (NAME.encode() + b"prepare: soon\nsteps: [{rest: 5s}]\n", "not-a-duration", "prepare"),
    (NAME.encode() + b"tags: physio\nsteps: [{rest: 5s}]\n", "not-a-list", "tags"),
    (NAME.encode() + b"titel: x\nsteps: [{rest: 5s}]\n", "unknown-key", ""),
    (NAME.encode() + b"name: again\nsteps: [{rest: 5s}]\n", "duplicate-key", "name"),
    (NAME.encode() + b"schedule: 2\nsteps: [{rest: 5s}]\n", "schedule-not-a-mapping", "schedule"),
    (
        NAME.encode() + b"schedule: {per_day: 40}\nsteps: [{rest: 5s}]\n",
        "out-of-range",
        "schedule.per_day",
    ),
    (
        NAME.encode() + b"schedule: {days: [mon]}\nsteps: [{rest: 5s}]\n",
        "missing-key",
        "schedule.per_day",
    ),
    (
        NAME.encode() + b"schedule: {per_day: 1, days: [mon, mun]}\nsteps: [{rest: 5s}]\n",
        "not-a-day",
        "schedule.days",
    ),
    (NAME.encode() + b"steps:\n  - rest: 5s\n  - rest: 1x\n", "not-a-duration", "steps[1].rest"),
    (NAME.encode() + b"steps:\n  - rest: 5s\n  - 7\n", "step-not-a-mapping", "steps[1]"),
    (NAME.encode() + b"steps:\n  - note: hi\n", "step-without-kind", "steps[0]"),
    (NAME.encode() + b"steps:\n  - hold: 5s\n", "missing-key", "steps[0].exercise"),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, hold: 90x}\n",
        "not-a-duration",
        "steps[0].hold",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, reps: '3'}\n",
        "number-in-quotes",
        "steps[0].reps",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, reps: 999}\n",
        "out-of-range",
        "steps[0].reps",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, reps: 3, sides: up}\n",
        "not-a-choice",
        "steps[0].sides",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, hold: 5s}\n",
        "no-instructions",
        "steps[0].instructions",
    ),
    (NAME.encode() + b"steps:\n  - {exercise: A, instructions: x}\n", "no-dose", "steps[0]"),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, hold: 5s, duration: 5s}\n",
        "two-doses",
        "steps[0].duration",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, reps: 5, rest: 5s}\n",
        "rest-without-hold",
        "steps[0].rest",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, hold: 5s, tempo: 2s}\n",
        "tempo-without-reps",
        "steps[0].tempo",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, hold: 90m}\n",
        "dose-unusually-long",
        "steps[0].hold",
    ),
    (
        NAME.encode()
        + b"steps:\n  - {exercise: A, instructions: x, hold: 1s, image: /etc/x.png}\n",
        "image-not-relative",
        "steps[0].image",
    ),
    (
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, hold: 1s, image: x.png}\n",
        "image-not-found",
        "steps[0].image",
    ),
    (NAME.encode() + b"steps:\n  - rest: 2h\n  - rest: 2h\n", "routine-unusually-long", "steps"),
    (b"", "empty-file", ""),
    (b"name: a\n\x00", "binary-data", ""),
    (b"\xff\xfe", "not-utf8", ""),
    (b"name: a\n  steps: b: c\n", "yaml-syntax", ""),
    (b"name: !!python/object x\n", "tag-not-allowed", ""),
    (b"name: a\n---\nname: b\n", "second-document", ""),
    (b"name: *nowhere\n", "alias-without-anchor", ""),
    (b"- a\n- b\n", "not-a-routine", ""),
]


@pytest.mark.parametrize(("data", "code", "field"), CASES, ids=[c[1] for c in CASES])
def test_each_problem_carries_its_code_and_field(tmp_path, data, code, field):
    path = tmp_path / "mine.yaml"
    path.write_bytes(data)
    problems = load_routine(path).problems
    assert (code, field) in [(p.code, p.field) for p in problems], [str(p) for p in problems]
    assert path.read_bytes() == data  # checking never touches the file
    for p in problems:  # every other problem is as well placed
        assert p.code in CODES, p
        assert field_path(*field_parts(p.field)) == p.field


def test_the_file_itself_has_codes_too(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    (problem,) = load_routine(folder).problems
    assert (problem.code, problem.field) == ("not-a-regular-file", "")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (2 << 20))
    (problem,) = load_routine(big).problems
    assert problem.code == "file-too-large"
    assert big.stat().st_size == 2 << 20


def test_a_file_name_that_is_not_an_id_is_a_whole_file_warning(tmp_path):
    path = tmp_path / "My Routine!.yaml"
    path.write_bytes(NAME.encode() + b"steps: [{rest: 5s}]\n")
    (problem,) = load_routine(path).problems
    assert (problem.code, problem.field, problem.is_error) == ("file-name-not-an-id", "", False)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("", ()),
        ("name", ("name",)),
        ("schedule.per_day", ("schedule", "per_day")),
        ("steps[12].hold", ("steps", 12, "hold")),
        ("steps[0]", ("steps", 0)),
    ],
)
def test_field_paths_read_back(text, parts):
    assert field_parts(text) == parts
    assert field_path(*parts) == text


def test_every_code_is_kebab_case_and_documented():
    for code, meaning in CODES.items():
        assert code == code.lower() and " " not in code and "_" not in code
        assert meaning.endswith(".")
    assert set(CODES) >= DOSE_CODES
    doc = (REPO / "docs" / "problems.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc, f"docs/problems.md lacks {code}: run scripts/regenerate.py"


def test_list_json_gives_each_problem_its_code_and_field(home, capsys):
    from backroutine.cli import main

    (home / "routines").mkdir()
    (home / "routines" / "mine.yaml").write_bytes(
        NAME.encode() + b"steps:\n  - {exercise: A, instructions: x, hold: 5 parsecs}\n"
    )
    main(["list", "--json"])
    entries = json.loads(capsys.readouterr().out)
    (mine,) = [e for e in entries if e["id"] == "mine"]
    (problem,) = mine["problems"]
    assert (problem["code"], problem["field"]) == ("not-a-duration", "steps[0].hold")
    assert "mine.yaml" in problem["path"]


def _literals() -> tuple[set[str], set[str]]:
    """Every string in the modules that report problems, and those given as a code to
    error() or warning()."""
    strings: set[str] = set()
    given: set[str] = set()
    core = REPO / "src" / "backroutine" / "core"
    modules = (
        "validation",
        "value_checks",
        "yamldoc",
        "pictures",
        "discovery",
        "fields",
        "placing",
        "text_checks",
    )
    for name in modules:
        tree = ast.parse((core / f"{name}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("error", "warning")
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
            ):
                given.add(node.args[1].value)
    return strings, given


def test_every_documented_code_is_reported_somewhere_and_none_is_undocumented():
    strings, given = _literals()
    assert set(CODES) - strings == set()  # no code documented that nothing reports
    assert given - set(CODES) == set()  # no code reported that is not documented
    assert len(given) > 20
