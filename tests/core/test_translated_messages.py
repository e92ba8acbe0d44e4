"""What the files, importers and menu entry say reaches the person through the
translation layer: in the pseudo-language every message is marked, while the file's
name, line and column stay as they are; counts take their plural forms."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from backroutine.core import i18n
from backroutine.core.autostart import desktop_entry
from backroutine.core.files import ReadRefused, read_bounded
from backroutine.core.importers import ImportFailed, import_file
from backroutine.core.routine_files import trash_decision

TODAY = date(2026, 11, 23)


@pytest.fixture
def pseudo() -> None:
    i18n.set_language(i18n.PSEUDO)


def _json(tmp_path: Path, settings: object) -> Path:
    path = tmp_path / "safeeyes.json"
    path.write_text(json.dumps(settings))
    return path


def test_an_import_error_is_translated_and_keeps_the_file_line_and_column(tmp_path, pseudo):
    path = tmp_path / "config.json"
    path.write_text('{"breakIdeas": [1,\n')
    with pytest.raises(ImportFailed) as failed:
        import_file(path, today=TODAY)
    said = str(failed.value)
    assert said.startswith(f"{path}:2:1: ")
    assert said.split(": ", 2)[2].startswith(i18n.PSEUDO_OPEN)


def test_the_routines_made_by_an_import_are_in_the_persons_language(tmp_path, pseudo):
    path = _json(tmp_path, {"short_breaks": [{"name": "Blink"}], "short_break_interval": 20})
    (item,) = import_file(path, today=TODAY)
    for key in ("name", "summary", "description"):
        assert str(item.draft.get(key)).startswith(i18n.PSEUDO_OPEN), key
    assert "safeeyes.json" in str(item.draft.get("description"))


@pytest.mark.parametrize(("between", "said"), [(1, "1 short one."), (3, "3 short ones.")])
def test_how_often_a_long_break_comes_takes_the_counts_form(tmp_path, between, said):
    path = _json(
        tmp_path,
        {
            "short_breaks": [{"name": "Blink"}],
            "long_breaks": [{"name": "Walk"}],
            "short_break_interval": 20,
            "no_of_short_breaks_per_long_break": between,
        },
    )
    long = import_file(path, today=TODAY)[1]
    assert f"a long break comes after every {said}" in str(long.draft.get("description"))


def test_a_refused_file_says_why_in_the_persons_language(tmp_path, pseudo):
    with pytest.raises(ReadRefused) as refused:
        read_bounded(tmp_path, 100)
    assert str(refused.value).startswith(i18n.PSEUDO_OPEN)


def test_the_trash_question_is_one_translated_sentence_naming_the_file(tmp_path, pseudo):
    path = tmp_path / "neck.yaml"
    decision = trash_decision("Neck", path, bundled=False, overrides_bundled=True)
    question = decision.question
    assert question.startswith(i18n.PSEUDO_OPEN) and question.count(i18n.PSEUDO_OPEN) == 1
    assert "Neck" in question and "neck.yaml" in question


def test_the_menu_entry_carries_the_persons_language_beside_english(pseudo):
    entry = desktop_entry(["backroutine"], autostart=True).splitlines()
    assert "GenericName=Back exercises" in entry
    localised = [line for line in entry if line.startswith(f"GenericName[{i18n.PSEUDO}]=")]
    assert len(localised) == 1 and i18n.PSEUDO_OPEN in localised[0]


def test_the_menu_entry_in_english_has_no_localised_lines():
    assert "[" not in desktop_entry(["backroutine"], autostart=False).split("Name=", 1)[1]
