"""Importers: Workrave, Stretchly and Safe Eyes files (small fixtures written for these
tests in each format) become routines that validate; bad input is refused, clearly,
and nothing is written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from backroutine.core import i18n
from backroutine.core.importers import ImportFailed, import_file, import_path, write_imported
from backroutine.core.validation import load_routine

FIXTURES = Path(__file__).parents[1] / "fixtures" / "importers"
TODAY = date(2026, 11, 23)


def _written(items, folder: Path):
    paths = write_imported(items, folder)
    results = [load_routine(p) for p in paths]
    assert all(r.ok for r in results), [r.problems for r in results]
    return [r.routine for r in results]


def test_workrave_exercises_become_one_routine(tmp_path):
    items = import_file(FIXTURES / "workrave" / "exercises.xml", "en", TODAY)
    (routine,) = _written(items, tmp_path)
    assert routine.name == "Workrave exercises"
    assert "Workrave (workrave.org)" in routine.description  # attribution kept
    # Dated as the person's locale writes dates.
    assert f"exercises.xml on {i18n.format_date(TODAY)}" in routine.description
    side_bend, shrug, look = routine.steps
    # Mirrored pictures are a switch of side: left then right, half the time each.
    assert (side_bend.name, side_bend.sides.value, side_bend.dose.seconds) == (
        "Side bend",
        "both",
        15.0,
    )
    assert side_bend.instructions.startswith("Stand tall and slide one hand")
    assert "\n" not in side_bend.instructions  # the XML's line breaks are not the text's
    assert shrug.sides is None and shrug.dose.seconds == 20.0
    assert look.dose.seconds == 15.0  # no total given: the pictures' times added up
    # The first picture is copied beside the routine; a missing one is not invented.
    assert (tmp_path / "images" / "workrave" / "side-bend.png").is_file()
    assert side_bend.image == tmp_path / "images" / "workrave" / "side-bend.png"
    assert look.image is None
    assert any("2 pictures in turn" in note for note in items[0].notes)


def test_workrave_titles_and_descriptions_in_the_chosen_language(tmp_path):
    (item,) = import_file(FIXTURES / "workrave" / "exercises.xml", "de", TODAY)
    first = item.draft.steps[0]
    assert first.get("exercise") == "Seitbeuge"
    assert first.get("instructions").startswith("Stell dich aufrecht hin")
    # Not translated: the untranslated text stays.
    assert item.draft.steps[1].get("exercise") == "Shoulder shrug"


def test_stretchly_mini_and_long_break_ideas(tmp_path):
    items = import_file(FIXTURES / "stretchly" / "config.json", today=TODAY)
    mini, long = _written(items, tmp_path)
    assert [s.name for s in mini.steps] == [
        "Roll your shoulders backwards five times, slowly",
        "Stand up, reach for the ceiling and breathe in...",
    ]  # the switched-off idea is left out; a long idea is named by its first words
    assert mini.steps[1].instructions.endswith("stretch as tall as you can.")
    assert {s.dose.seconds for s in mini.steps} == {20.0}
    assert [s.name for s in long.steps] == ["Walk", "Water"]
    assert {s.dose.seconds for s in long.steps} == {300.0}
    assert "Stretchly" in long.description and "BSD" in long.description


def test_safe_eyes_short_and_long_breaks(tmp_path):
    items = import_path(FIXTURES / "safeeyes")
    short, long = _written(items, tmp_path)
    assert [(s.name, s.dose.seconds) for s in short.steps] == [
        ("Close your eyes tightly", 15.0),
        ("Look left and right a few times", 10.0),  # its own duration
    ]
    assert long.steps[0].image == tmp_path / "images" / "safe-eyes" / "walk.png"
    assert len(long.steps[1].name) <= 80 and long.steps[1].name.endswith("...")
    assert long.steps[1].instructions.endswith("out slowly through your mouth")


def test_an_id_already_taken_gets_a_new_one_and_nothing_is_replaced(tmp_path):
    mine = tmp_path / "workrave-exercises.yaml"
    mine.write_text("name: Mine\nsteps:\n  - rest: 10s\n")
    items = import_file(FIXTURES / "workrave" / "exercises.xml", "en", TODAY)
    (path,) = write_imported(items, tmp_path)
    assert path.name == "workrave-exercises-2.yaml"
    assert mine.read_text() == "name: Mine\nsteps:\n  - rest: 10s\n"
    assert load_routine(path).ok


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "exercises.xml",
            "<exercises>\n  <exercise>\n    <title>Cut",
            "exercises.xml:3:",
        ),
        ("exercises.xml", "<settings/>", "not Workrave's <exercises>"),
        (
            "exercises.xml",
            '<!DOCTYPE x [<!ENTITY a "aaaa">]><exercises/>',
            "declares a DOCTYPE or entities",
        ),
        ("exercises.xml", "<exercises></exercises>", "holds no <exercise>"),
        (
            "exercises.xml",
            "<exercises><exercise><description>x</description></exercise></exercises>",
            "exercise 1 has no <title>",
        ),
        (
            "exercises.xml",
            '<exercises><exercise><title>A</title><sequence duration="0"/></exercise></exercises>',
            "a break lasts 1 s to 2 h",
        ),
        ("config.json", '{"breakIdeas": [{"data": ["Walk", "Go"]}', "config.json:1:"),
        ("config.json", '{"breakIdeas": "walk"}', "'breakIdeas' is not a list"),
        ("config.json", '{"breakIdeas": [{"enabled": true}]}', "idea 1 in 'breakIdeas' has no"),
        (
            "config.json",
            '{"microbreakIdeas": [{"data": "x", "enabled": false}]}',
            "has no break ideas that are turned on",
        ),
        (
            "config.json",
            '{"microbreakIdeas": [{"data": "x"}], "microbreakDuration": "soon"}',
            "'microbreakDuration' is not a number",
        ),
        ("safeeyes.json", '{"short_breaks": [{"title": "x"}]}', "break 1 in 'short_breaks'"),
        ("settings.json", '{"theme": "dark"}', "has no break ideas"),
        ("settings.json", "[1, 2]", "not the app's settings"),
        ("notes.txt", "just some words", "not a file BackRoutine can import"),
        ("config.json", b"\xff\xfe{", "not UTF-8 text"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_written(tmp_path, name, text, said):
    source = tmp_path / "in" / name
    source.parent.mkdir()
    if isinstance(text, bytes):
        source.write_bytes(text)
    else:
        source.write_text(text)
    out = tmp_path / "routines"
    with pytest.raises(ImportFailed) as failed:
        write_imported(import_path(source), out)
    message = str(failed.value)
    assert message.startswith(str(source) + ":") and ": error: " in message
    assert said in message
    assert not out.exists()


def test_a_folder_with_nothing_to_import_says_so(tmp_path):
    (tmp_path / "readme.json").write_text('{"name": "x"}')
    with pytest.raises(ImportFailed, match="found nothing to import in this folder"):
        import_path(tmp_path)


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "exercises.xml"
    big.write_bytes(b"<exercises>" + b" " * (5 * 1024 * 1024))
    with pytest.raises(ImportFailed, match="larger than 4 MiB"):
        import_file(big)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            '<exercises><exercise><title>A</title><sequence><image src="a.png" duration="abc"/>'
            "</sequence></exercise></exercises>",
            "a picture's time in 'A' is not a number",
        ),
        ("[" * 100_000, "not a settings file BackRoutine can read"),
        ('{"breakDuration": ' + "9" * 5000 + "}", "not a settings file BackRoutine can read"),
    ],
)
def test_hostile_or_odd_input_is_an_error_not_a_crash(tmp_path, text, said):
    source = tmp_path / ("exercises.xml" if text.startswith("<") else "config.json")
    source.write_text(text)
    with pytest.raises(ImportFailed, match=said):
        import_file(source)


def test_a_language_given_with_its_country_is_understood():
    (item,) = import_file(FIXTURES / "workrave" / "exercises.xml", "de_DE", TODAY)
    assert item.draft.steps[0].get("exercise") == "Seitbeuge"


def test_workrave_texts_in_every_language_are_kept(tmp_path):
    (item,) = import_file(FIXTURES / "workrave-languages" / "exercises.xml", "en", TODAY)
    (path,) = write_imported([item], tmp_path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    arms, neck = data["steps"]
    assert arms["exercise"] == {
        "en": "Arm circles",
        "de": "Armkreisen",
        "fr": "Cercles des bras",
        "pt_BR": "Círculos com os braços",
        "sr_Latn": "Kruženje rukama",  # gettext's sr@latin
    }  # a language BackRoutine cannot name ("tlh") is left out
    assert set(arms["instructions"]) == {"en", "de", "fr", "pt_BR"}
    assert neck["instructions"] == "Turn your head slowly to one side, then to the other."
    result = load_routine(path)
    assert result.ok and result.problems == ()
    assert result.routine.languages == ("en", "de", "fr", "pt_BR", "sr_Latn")
    i18n.set_language("pt_BR")
    shown = load_routine(path).routine
    assert [s.name for s in shown.steps] == ["Círculos com os braços", "Neck turn"]
    assert shown.steps[0].instructions.startswith("Estique os braços")
    assert shown.language == "pt_BR"


def test_a_refused_file_is_said_as_validate_says_a_problem(tmp_path):
    i18n.set_language("de")
    missing = tmp_path / "exercises.xml"
    with pytest.raises(ImportFailed) as failed:
        import_file(missing)
    message = str(failed.value)
    # The place stays as editors read it; the rest, "error" too, is in German.
    assert message.startswith(f"{missing}:1:1: ") and "error" not in message
