"""A routine whose texts are given per language goes through the editor's draft
whole: read, written out and rewritten with its comments, no language lost."""

from __future__ import annotations

from pathlib import Path

import yaml

from backroutine.core.draft import check_draft, draft_from_text, write_yaml
from backroutine.core.draft_check import DraftChecker
from backroutine.core.draft_languages import in_language, languages, missing_count, with_language
from backroutine.core.keeping import keep_comments
from backroutine.core.routine_files import routine_text

COMMENTED = """\
# From my physio. Ask her before changing the holds.
name:
  en: Morning stretch   # her name for it
  de: Morgendliches Dehnen
steps:
  # the first one
  - exercise: {en: Bridge, de: Brücke}
    instructions:
      en: Lie on your back, knees bent.
    hold: 10s
  - rest: 30s
    note: Walk around.
"""


def test_every_language_of_a_text_is_read_into_the_draft():
    draft = draft_from_text(COMMENTED)
    assert draft.values == {"name@en": "Morning stretch", "name@de": "Morgendliches Dehnen"}
    assert draft.steps[0].values["exercise@de"] == "Brücke"
    assert draft.steps[1].values["note"] == "Walk around."  # a plain text stays plain


def test_a_draft_is_written_back_with_every_language(tmp_path: Path):
    written = write_yaml(draft_from_text(COMMENTED)).text
    data = yaml.safe_load(written)
    assert data["name"] == {"en": "Morning stretch", "de": "Morgendliches Dehnen"}
    assert data["steps"][0]["exercise"] == {"en": "Bridge", "de": "Brücke"}
    assert data["steps"][1]["note"] == "Walk around."
    checked = check_draft(draft_from_text(COMMENTED), tmp_path / "mine.yaml", "mine")
    assert checked.errors == ()


def test_adding_a_language_keeps_the_comments_and_the_other_texts():
    draft = draft_from_text(COMMENTED)
    draft.steps[0].values["instructions@de"] = "Legen Sie sich auf den Rücken."
    draft.values["name@de"] = "Dehnen am Morgen"
    text = keep_comments(COMMENTED, draft)
    assert "# From my physio." in text and "# her name for it" in text
    assert "# the first one" in text
    data = yaml.safe_load(text)
    assert data["name"] == {"en": "Morning stretch", "de": "Dehnen am Morgen"}
    assert data["steps"][0]["instructions"] == {
        "en": "Lie on your back, knees bent.",
        "de": "Legen Sie sich auf den Rücken.",
    }


def test_a_text_left_with_one_language_may_become_plain_again():
    draft = draft_from_text(COMMENTED)
    del draft.values["name@en"], draft.values["name@de"]
    draft.values["name"] = "Morning stretch"
    data = yaml.safe_load(keep_comments(COMMENTED, draft))
    assert data["name"] == "Morning stretch"


PLAIN = """\
# my own
name: Desk break   # short
steps:
  - exercise: Shoulder rolls
    instructions: Roll your shoulders back.
    reps: 10
"""


def test_adding_a_language_to_a_plain_routine_counts_its_missing_texts():
    draft = with_language(draft_from_text(PLAIN), "de")
    assert languages(draft) == ("en", "de")
    assert missing_count(draft, "de") == 3  # the name, the exercise, its instructions
    assert missing_count(draft, "en") == 0
    assert draft.get("name") == ""  # the form shows the German text: none yet
    assert in_language(draft, "en").get("name") == "Desk break"


def test_a_plain_routine_stays_plain_until_a_second_language_has_text():
    draft = with_language(draft_from_text(PLAIN), "de")
    text, kept = routine_text(draft, PLAIN)
    assert kept and text == PLAIN
    draft.steps[0].put("instructions", "Schultern nach hinten rollen.")
    text, kept = routine_text(draft, PLAIN)
    assert kept and "# my own" in text and "# short" in text
    data = yaml.safe_load(text)
    assert data["name"] == {"en": "Desk break"}
    assert data["steps"][0]["instructions"] == {
        "en": "Roll your shoulders back.",
        "de": "Schultern nach hinten rollen.",
    }
    assert data["steps"][0]["reps"] == 10


def test_a_plain_text_edited_in_another_language_keeps_its_text_as_english():
    draft = in_language(draft_from_text(COMMENTED), "de")
    draft.steps[1].put("note", "Gehen Sie umher.")
    assert draft.steps[1].values == {
        "rest": "30s",
        "note@en": "Walk around.",
        "note@de": "Gehen Sie umher.",
    }
    draft.steps[1].put("rest", "20s")  # not a text: never per language
    assert draft.steps[1].values["rest"] == "20s"


def test_the_editors_quick_check_finds_the_languages_of_the_steps_too(tmp_path: Path):
    draft = draft_from_text(
        "name: Plain\nsteps:\n  - exercise: {en: Bridge, fr: Pont}\n    hold: 5s\n"
    )
    quick = DraftChecker(tmp_path / "mine.yaml", "mine").check(draft)
    whole = check_draft(draft, tmp_path / "mine.yaml", "mine")
    assert quick.result.routine is not None
    assert quick.result.routine.languages == ("en", "fr")
    assert quick.result.routine == whole.result.routine
