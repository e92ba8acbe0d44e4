"""Common YAML slips are explained in plain words at their line, not in the parser's jargon."""

from __future__ import annotations

import pytest

from backroutine.core.validation import load_routine

STEP = "name: Back\nsteps:\n  - exercise: Bridge\n    instructions: Lift.\n"

# Each file, the line the message must point at, and words a reader can act on.
MISTAKES = [
    pytest.param(
        STEP + "    hold: 5s\n      reps: 3\n", 6, ("indented", "line up"), id="key-too-deep"
    ),
    pytest.param(
        STEP + "    hold: 5s\n   reps: 3\n", 6, ("list", "line it up"), id="key-too-shallow"
    ),
    pytest.param(
        STEP + "    hold: 5s\n - exercise: Cat\n    reps: 3\n",
        6,
        ("line up",),
        id="item-out-of-line",
    ),
    pytest.param("name: Back\nsteps:\n\t- exercise: Bridge\n", 3, ("tab", "spaces"), id="tab-item"),
    pytest.param(STEP + "\thold: 5s\n", 5, ("tab", "spaces"), id="tab-key"),
    pytest.param(
        "name: Back\nsummary: Note: go slowly\nsteps: []\n",
        2,
        ("quotes", '"Note'),
        id="colon-value",
    ),
    pytest.param(
        "name: Back\nsteps:\n  - exercise: Bridge\n    instructions: Do this: lift\n    hold: 5s\n",
        4,
        ("quotes",),
        id="colon-in-step",
    ),
    pytest.param('name: "Back\nsteps: []\n', 1, ("quote", "never closed"), id="open-double-quote"),
    pytest.param("name: Back\nsummary: 'Daily\n", 2, ("quote", "never closed"), id="open-quote"),
    pytest.param("name: Back\ntags: [desk, daily\nsteps: []\n", 2, ("[", "]"), id="open-bracket"),
    pytest.param("name: Back\nschedule: {per_day: 2\nsteps: []\n", 2, ("{", "}"), id="open-brace"),
    pytest.param("name: Back\nsteps\n  - rest: 5s\n", 2, ("':'", "key"), id="no-colon"),
    pytest.param("name: Back\nsteps: - rest: 5s\n", 2, ("list", "own"), id="list-on-key-line"),
    pytest.param("name: @Back\nsteps: []\n", 1, ("'@'", "quotes"), id="at-sign"),
    pytest.param('name: "D:\\docs"\nsteps: []\n', 1, ("backslash",), id="escape"),
]


@pytest.mark.parametrize(("text", "line", "words"), MISTAKES)
def test_a_yaml_slip_gets_a_plain_message_at_its_line(write_routine, text, line, words):
    path = write_routine(text, "back.yaml")
    result = load_routine(path)
    assert not result.ok
    [problem] = result.problems
    assert (problem.line, problem.is_error) == (line, True), str(problem)
    for word in words:
        assert word in problem.message, problem.message
    # The parser's own jargon is not what the person reads.
    for jargon in ("mapping values", "expected key", "indicator", "token", "scalar", "stream"):
        assert jargon not in problem.message, problem.message
    assert str(problem).startswith(f"{path}:{line}:")
    assert path.read_text(encoding="utf-8") == text  # checking never touches the file


def test_a_misplaced_key_is_pointed_at_not_its_colon(write_routine):
    result = load_routine(write_routine(STEP + "    hold: 5s\n      reps: 3\n"))
    assert [(p.line, p.column) for p in result.problems] == [(6, 7)]


def test_a_slip_without_plain_words_keeps_the_readers_text(write_routine):
    result = load_routine(write_routine("%YAML 1.1\n%YAML 1.1\n---\nname: Back\n"))
    [problem] = result.problems
    assert problem.line == 2
    assert "duplicate %YAML" in problem.message and "indentation" in problem.message


def test_a_control_character_is_located(write_routine):
    result = load_routine(write_routine("name: Back\nsummary: a\x07b\nsteps: []\n"))
    [problem] = result.problems
    assert (problem.line, problem.column) == (2, 11)
    assert "control character" in problem.message
