"""Attacks on the editor's text languages: a routine with a thousand languages, or
thousands of codes that are no language, opens and answers an edit at once; a file
whose languages are spelt oddly is saved with every language and comment kept."""

from __future__ import annotations

import time

import pytest
import yaml
from babel.localedata import locale_identifiers
from PySide6.QtWidgets import QMessageBox

from backroutine.ui.editor import EditorWindow

from .test_editor import _typed
from .test_player import write_user_routine


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )
    for name in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **kw: None)


def _open(window, home, text: str) -> tuple[EditorWindow, object]:
    path = write_user_routine(home, "many.yaml", text)
    window.reload()
    return window.routine_actions.edit(window.library.find("many")), path


def _many(codes: list[str]) -> str:
    names = "".join(f"  {code}: Name {code}\n" for code in codes)
    texts = "".join(f"      {code}: Text {code}\n" for code in codes[: len(codes) // 2])
    return (
        "# mine\nformat: 1\nname:\n  en: Many\n"
        + names
        + "steps:\n  - exercise: Bridge\n    instructions:\n      en: Lift.\n"
        + texts
        + "    hold: 10s\n"
    )


@pytest.mark.parametrize(
    "codes",
    [
        [code for code in locale_identifiers() if code not in ("root", "en")],
        [f"x{i:05d}q" for i in range(5_000)],  # no language: the file has errors
    ],
    ids=["every language Babel knows", "5,000 codes that are none"],
)
def test_hundreds_of_languages_open_and_an_edit_is_answered_at_once(window, qtbot, home, codes):
    started = time.monotonic()
    editor, _path = _open(window, home, _many(codes))
    try:
        choice = editor.languages.choice
        assert choice.count() == len(codes) + 2  # English, the rest, "Add language…"
        _typed(qtbot, editor.step_fields["instructions"], " More.")
        edited = time.monotonic()
        editor.check_timer.timeout.emit()  # as the check after typing does
        # Counted one language at a time, this took minutes (languages x texts x codes).
        assert time.monotonic() - edited < 10
        assert time.monotonic() - started < 60
        missing = choice.itemText(choice.findData(codes[-1]))
        assert missing.endswith("1 text missing")  # the exercise's instructions
    finally:
        editor.close()


ODD = """\
# my routine
format: 1
name:  # the name
  en: Morning  # english
  de: Morgen
  ar: 'صباح Morning \u200fتمرين'
  pt-BR: Manhã
steps:
  # first
  - exercise: {en: Bridge, de: Brücke}
    instructions:
      en: Lie down
      de: Hinlegen
    hold: 10s
"""


def test_an_edit_keeps_every_language_however_spelt_and_the_comments(window, qtbot, home):
    editor, path = _open(window, home, ODD)
    try:
        _typed(qtbot, editor.step_fields["instructions"], " slowly")
        assert editor.save()
    finally:
        editor.close()
    text = path.read_text(encoding="utf-8")
    assert "# my routine" in text and "# english" in text and "# first" in text
    data = yaml.safe_load(text)
    assert data["name"] == {
        "en": "Morning",
        "de": "Morgen",
        "ar": "صباح Morning \u200fتمرين",
        "pt-BR": "Manhã",
    }
    assert data["steps"][0]["exercise"] == {"en": "Bridge", "de": "Brücke"}
    assert set(data["steps"][0]["instructions"]) == {"en", "de"}


def test_a_file_with_one_language_spelt_twice_is_not_saved_and_kept(window, qtbot, home):
    twice = ODD.replace("  pt-BR: Manhã\n", "  pt-BR: Manhã\n  pt_BR: Manhã também\n")
    editor, path = _open(window, home, twice)
    try:
        _typed(qtbot, editor.step_fields["instructions"], " slowly")
        assert not editor.save()  # "name has a second text in pt_BR; keep only one"
        assert "pt_BR" in "".join(p.message for p in editor.check().errors)
    finally:
        editor.close()
    assert path.read_text(encoding="utf-8") == twice


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("zh_CN", "zh_CN"),  # shipped, but typed: it was "no language BackRoutine knows"
        ("zh-tw", "zh_TW"),
        ("Swedish", "sv"),
        ("x" * 10_000, ""),
        ("de\0", ""),
        ("\u202ede", ""),
        ("root", ""),
    ],
)
def test_a_language_typed_into_add_language(window, home, monkeypatch, typed, code):
    from PySide6.QtWidgets import QInputDialog

    editor, _path = _open(window, home, ODD)
    warned: list[str] = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kw: (typed, True))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    try:
        assert editor.languages._ask(("en", "de")) == code
        if code:
            assert warned == []
        else:
            (said,) = warned
            assert "is not a language code BackRoutine knows" in said
            assert len(said) < 300  # a 10,000-character answer is not echoed whole
    finally:
        editor.close()


def test_adding_a_language_the_file_spells_otherwise_edits_that_one(window, qtbot, home):
    # The file has pt-BR: adding pt_BR made a second Portuguese text, never savable.
    editor, path = _open(window, home, ODD)
    try:
        chooser = editor.languages
        chooser.ask = lambda present: "pt_BR"
        chooser.choice.setCurrentIndex(chooser.choice.count() - 1)  # "Add language…"
        chooser.choice.activated.emit(chooser.choice.count() - 1)
        assert editor.draft.language == "pt-BR"
        assert editor.fields[("name",)].text() == "Manhã"
        assert not any(key.endswith("@pt_BR") for key in editor.draft.values)
        _typed(qtbot, editor.step_fields["instructions"], "Deite-se")
        assert editor.save()
    finally:
        editor.close()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["steps"][0]["instructions"]["pt-BR"] == "Deite-se"
    assert "pt_BR" not in data["name"]
