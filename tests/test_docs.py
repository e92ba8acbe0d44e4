"""The docs stay true: the key reference is generated, and the example in it is a valid routine."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from backroutine.core.settings import Settings, read_settings
from backroutine.core.validation import load_routine

from .conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import regenerate

DOC = REPO / "docs" / "routine-format.md"
SETTINGS_DOC = REPO / "docs" / "settings.md"


def first_example(doc: Path, path: Path) -> Path:
    """The first YAML block of a doc, written to path as a file of its own."""
    example = re.search(r"```yaml\n(.*?)```", doc.read_text(encoding="utf-8"), re.S)
    assert example is not None
    path.write_text(example.group(1), encoding="utf-8")
    return path


def test_the_key_reference_matches_the_field_tables():
    text = DOC.read_text(encoding="utf-8")
    assert regenerate.doc_with_reference(text) == text, (
        "docs/routine-format.md is out of date: run .venv/bin/python scripts/regenerate.py"
    )


def test_the_problem_codes_doc_matches_the_table():
    text = (REPO / "docs" / "problems.md").read_text(encoding="utf-8")
    assert regenerate.problems_doc() == text, (
        "docs/problems.md is out of date: run .venv/bin/python scripts/regenerate.py"
    )


def test_the_first_example_in_the_format_doc_is_a_valid_routine(tmp_path):
    result = load_routine(first_example(DOC, tmp_path / "morning-stretch.yaml"))
    assert result.routine is not None, [str(p) for p in result.problems]
    # Only the picture is missing here, since the example stands alone.
    assert [p.message for p in result.problems] == [
        "image 'images/bridge.svg' was not found; the exercise will show no picture"
    ]


def test_the_settings_reference_matches_the_settings_table():
    assert SETTINGS_DOC.read_text(encoding="utf-8") == regenerate.settings_doc(), (
        "docs/settings.md is out of date: run .venv/bin/python scripts/regenerate.py"
    )


def test_the_example_in_the_settings_doc_is_read_whole(tmp_path):
    read = read_settings(first_example(SETTINGS_DOC, tmp_path / "settings.yaml"))
    assert read.problems == []
    assert read.settings != Settings() and read.settings.work_hours == "08:30-16:00"


def test_the_readme_opens_with_the_two_set_up_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```\w*\n(.*?)```", readme, re.S)
    assert first_block is not None
    assert first_block.group(1).split("\n")[:2] == ["make run", "make test"]
