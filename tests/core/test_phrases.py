"""Phrases said in more than one place are written once, in core/phrases.py."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

import backroutine
from backroutine.core import phrases
from backroutine.core.history_records import PeriodStatus, SessionStatus

SOURCE = Path(backroutine.__file__).parent

# Words that once were spelled out in several modules (and worded differently).
FOLDED = (
    "at your pace",
    "Switch sides",
    "Back to the library",
    "not recorded until",
    "Nothing was written to",
)


@functools.cache
def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


@pytest.mark.parametrize("words", FOLDED)
def test_a_folded_phrase_is_spelled_only_in_phrases(words):
    found = [
        f"{path.relative_to(SOURCE)}:{line}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "phrases.py"
        for line, text in _literals(path)
        if words.lower() in text.lower()
    ]
    assert found == [], f"{words!r} spelled again outside core/phrases.py: {found}"


def test_one_untimed_rep_is_a_rep_not_reps():
    assert phrases.at_your_pace(1) == "1 rep at your pace"
    assert phrases.about_total("2:30", 4) == "about 2:30 + 4 reps at your pace"
    assert phrases.about_total("2:30", 4, first=True).startswith("About 2:30 + 4 reps")


def test_every_status_has_words_for_a_person():
    for status in (*SessionStatus, *PeriodStatus):
        words = status.label
        assert words and "_" not in words and words == phrases.status_word(status.value)
    assert SessionStatus.IN_PROGRESS.label == "in progress"
