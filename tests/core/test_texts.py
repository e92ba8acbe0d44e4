"""Routine texts in several languages: which one a person reads, and what the
validator and the JSON Schema say of a text given per language."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from backroutine.core import i18n
from backroutine.core.model import ExerciseStep, RestStep
from backroutine.core.routine_files import export_routine
from backroutine.core.schema import routine_schema
from backroutine.core.texts import pick, pick_language
from backroutine.core.validation import load_routine

from ..conftest import WriteRoutine

REPO = Path(__file__).resolve().parents[2]

TEXTS = {"en": "Bridge", "pt": "Ponte", "pt_BR": "Ponte (BR)", "de": "Brücke"}


@pytest.mark.parametrize(
    ("preferred", "shown"),
    [
        (("pt_BR", "pt"), "Ponte (BR)"),  # the exact code
        (("pt_PT", "pt"), "Ponte"),  # then the language alone
        (("de_AT", "de"), "Brücke"),
        (("ja",), "Bridge"),  # then English
    ],
)
def test_the_text_shown_is_the_persons_language_then_its_base_then_english(preferred, shown):
    assert pick(TEXTS, preferred) == shown


def test_without_english_the_routines_first_language_is_shown():
    assert pick({"fr": "Pont", "de": "Brücke"}, ("ja",)) == "Pont"
    assert pick("Bridge", ("de",)) == "Bridge"  # a plain text is shown to everyone


def test_a_regional_text_serves_a_person_who_asked_for_the_language_alone():
    assert pick_language(["en", "pt_BR"], ["pt"]) == "pt_BR"
    assert pick_language(["en", "pt-BR"], ["pt_BR"]) == "pt-BR"


MULTILINGUAL = """\
    name:
      en: Morning stretch
      de: Morgendliches Dehnen
      pt_BR: Alongamento matinal
    summary: {en: Five minutes, de: Fünf Minuten}
    steps:
      - exercise: {en: Bridge, de: Brücke}
        instructions:
          en: Lie on your back.
          de: Legen Sie sich auf den Rücken.
        hold: 10s
      - rest: 10s
        note: {en: Breathe, de: Atmen}
"""


def test_a_routine_reads_in_the_persons_language(write_routine: WriteRoutine):
    i18n.set_language("de")
    routine = load_routine(write_routine(MULTILINGUAL)).routine
    assert routine is not None
    assert routine.name == "Morgendliches Dehnen"
    assert routine.summary == "Fünf Minuten"
    exercise, rest = routine.steps
    assert isinstance(exercise, ExerciseStep) and isinstance(rest, RestStep)
    assert (exercise.name, exercise.instructions, rest.note) == (
        "Brücke",
        "Legen Sie sich auf den Rücken.",
        "Atmen",
    )
    assert routine.language == "de"
    assert routine.languages == ("en", "de", "pt_BR")


def test_a_text_missing_in_the_persons_language_falls_back_to_english(
    write_routine: WriteRoutine,
):
    i18n.set_language("pt_BR")
    result = load_routine(write_routine(MULTILINGUAL))
    assert result.routine is not None and result.problems == ()
    assert result.routine.name == "Alongamento matinal"
    assert result.routine.summary == "Five minutes"
    assert result.routine.language == "pt_BR"


def test_plain_texts_have_no_language(write_routine: WriteRoutine):
    path = write_routine("name: Plain\nsteps:\n  - exercise: Bridge\n    hold: 5s\n")
    routine = load_routine(path).routine
    assert routine is not None
    assert (routine.name, routine.language, routine.languages) == ("Plain", "", ())


def _problems(write_routine: WriteRoutine, text: str) -> list[tuple[int, int, str, str]]:
    """The problems of a routine, less the warning that its exercise has no
    instructions (these small examples have none)."""
    result = load_routine(write_routine(text))
    found = [p for p in result.problems if p.code != "no-instructions"]
    return [(p.line, p.column, p.code, p.message) for p in found]


def test_a_bad_text_in_one_language_is_reported_at_its_line_and_column(
    write_routine: WriteRoutine,
):
    found = _problems(
        write_routine,
        """\
        name: Stretch
        steps:
          - exercise: Bridge
            instructions:
              en: Lie down.
              de: [Legen, Sie]
            hold: 10s
        """,
    )
    assert [(line, column, code) for line, column, code, _m in found] == [(6, 11, "not-text")]
    assert "instructions" in found[0][3]


def test_an_empty_mapping_of_texts_is_an_error(write_routine: WriteRoutine):
    found = _problems(write_routine, "name: {}\nsteps:\n  - exercise: Bridge\n    hold: 5s\n")
    assert [(line, code) for line, _c, code, _m in found] == [(1, "no-texts")]


def test_an_unknown_language_code_is_flagged_with_a_suggestion(write_routine: WriteRoutine):
    found = _problems(
        write_routine,
        """\
        name:
          en: Stretch
          english: Stretch
          xq: Dehnen
        steps:
          - exercise: Bridge
            hold: 5s
        """,
    )
    assert [(line, column, code) for line, column, code, _m in found] == [
        (3, 3, "unknown-language"),
        (4, 3, "unknown-language"),
    ]
    assert "'en'" in found[0][3]  # did you mean 'en'?
    assert "'xq'" in found[1][3]


@pytest.mark.parametrize("code", ["en", "pt_BR", "pt-BR", "zh_Hans", "es_419"])
def test_language_codes_babel_knows_are_accepted(write_routine: WriteRoutine, code: str):
    text = f"name: {{{code}: Stretch}}\nsteps:\n  - exercise: Bridge\n    hold: 5s\n"
    assert _problems(write_routine, text) == []


def test_any_character_in_a_language_code_gives_a_message_not_a_crash(
    write_routine: WriteRoutine,
):
    text = 'name: {"\\u202e\\x01de": Stretch}\nsteps:\n  - exercise: Bridge\n    hold: 5s\n'
    found = _problems(write_routine, text)
    assert [code for _l, _c, code, _m in found] == ["unknown-language"]


def test_messages_about_texts_go_through_the_translation_layer(write_routine: WriteRoutine):
    i18n.set_language(i18n.PSEUDO)
    found = _problems(write_routine, "name: {xq: A}\nsteps:\n  - exercise: B\n    hold: 5s\n")
    assert found and all(message.startswith(i18n.PSEUDO_OPEN) for *_rest, message in found)


def test_the_schema_accepts_a_plain_text_and_a_text_per_language():
    validator = jsonschema.Draft7Validator(routine_schema())
    document = yaml.safe_load("\n".join(line[4:] for line in MULTILINGUAL.splitlines()))
    assert list(validator.iter_errors(document)) == []
    document["name"] = "Plain"
    assert list(validator.iter_errors(document)) == []
    for bad in ({}, {"en": ["a"]}, {"not a code": "x"}):
        document["name"] = bad
        assert list(validator.iter_errors(document)), bad


def test_every_bundled_routine_still_loads_in_german():
    i18n.set_language("de")
    files = sorted((REPO / "routines").glob("*.yaml"))
    assert files
    for path in files:
        result = load_routine(path)
        assert result.ok, [str(p) for p in result.problems]


def test_an_exported_routine_carries_every_language(write_routine: WriteRoutine, tmp_path: Path):
    source = write_routine(MULTILINGUAL, "stretch.yaml")
    target = tmp_path / "out" / "stretch.yaml"
    target.parent.mkdir()
    export_routine(source, target)
    i18n.set_language("pt_BR")
    exported = load_routine(target).routine
    assert exported is not None
    assert exported.languages == ("en", "de", "pt_BR")
    assert exported.name == "Alongamento matinal"


def test_one_language_written_twice_is_reported_at_the_second(write_routine: WriteRoutine):
    found = _problems(
        write_routine,
        "name:\n  pt_BR: Um\n  pt-BR: Dois\nsteps:\n  - exercise: B\n    hold: 5s\n",
    )
    assert [(line, code) for line, _c, code, _m in found] == [(3, "duplicate-key")]
