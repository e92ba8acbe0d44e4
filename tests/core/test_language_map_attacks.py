"""Attacks on routine texts given per language (``name: {en: ..., de: ...}``): every
odd shape of the mapping gets a message at its line and column naming what to do,
a file with thousands of languages is checked at once, and reading a file never
changes it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from backroutine.core import i18n
from backroutine.core.text_checks import known_language
from backroutine.core.validation import load_routine

STEPS = "steps:\n  - exercise: Bridge\n    instructions: Lie down\n    hold: 10s\n"


def _load(tmp_path: Path, text: str, name: str = "routine.yaml"):
    path = tmp_path / name
    data = text.encode("utf-8")
    path.write_bytes(data)
    result = load_routine(path)
    assert path.read_bytes() == data  # reading never rewrites the file
    return result


def _found(result) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.code, p.message) for p in result.problems]


@pytest.mark.parametrize(
    ("name", "where", "code", "says"),
    [
        ("{}", (1, 7), "no-texts", "one per language such as {en: ..., de: ...}"),
        ("{en: {de: x}}", (1, 12), "not-text", "the en text of name must be text"),
        ("{en: [a, b]}", (1, 12), "not-text", "name must be text, not a list"),
        ("{1: text}", (1, 8), "unknown-language", "'1' in name is not a language code"),
        ("{null: x}", (1, 8), "unknown-language", "'null' in name is not a language code"),
        ("{true: y}", (1, 8), "unknown-language", "'true' in name is not a language code"),
        ("{~: y, en: z}", (1, 8), "unknown-language", "'~' in name is not a language code"),
        ('{"e\\0n": x, en: y}', (1, 8), "unknown-language", "did you mean 'en'?"),
        ('{"\\u200fen": x, en: y}', (1, 8), "unknown-language", "did you mean 'en'?"),
        ('{"😀": x, en: y}', (1, 8), "unknown-language", "use one such as en, de or pt_BR"),
        ("{root: x, en: y}", (1, 8), "unknown-language", "'root' in name"),
        ("{pt-BR: a, pt_BR: b, en: c}", (1, 18), "duplicate-key", "a second text in pt_BR"),
        ("{en: a, EN: b}", (1, 15), "duplicate-key", "a second text in EN"),
        ("{en: null}", (1, 12), "empty-value", "name is empty"),
    ],
)
def test_each_odd_language_map_is_a_clear_error_at_its_place(tmp_path, name, where, code, says):
    result = _load(tmp_path, f"format: 1\nname: {name}\n{STEPS}")
    assert not result.ok
    found = _found(result)
    assert found, name
    line, column, problem, message = found[0]
    assert (line - 1, column) == where  # line 1 of the map is the file's line 2
    assert problem == code
    assert says in message


def test_a_very_long_language_code_is_shortened_in_the_message(tmp_path):
    code = "a" * 200_000
    result = _load(tmp_path, f"format: 1\nname:\n  ? {code}\n  : x\n  en: y\n{STEPS}")
    (problem,) = result.problems
    assert problem.code == "unknown-language" and (problem.line, problem.column) == (3, 5)
    assert len(problem.message) < 300


def test_ten_thousand_unknown_languages_are_checked_at_once(tmp_path):
    codes = "".join(f"  x{i:05d}q: t\n" for i in range(10_000))
    started = time.monotonic()
    result = _load(tmp_path, f"format: 1\nname:\n  en: ok\n{codes}{STEPS}")
    # Each code compared with every known one took some 5 ms: 50 s for this file.
    assert time.monotonic() - started < 10
    assert len(result.problems) == 10_000
    assert {p.code for p in result.problems} == {"unknown-language"}
    assert result.problems[-1].line == 10_003


def test_hundreds_of_fields_with_unknown_codes_are_checked_at_once(tmp_path):
    steps = "".join(
        f"  - exercise: {{en: B{i}, enx{i}a: x, enx{i}b: x, enx{i}c: x}}\n"
        f"    instructions: {{en: y, ena{i}: y, enb{i}: y, enc{i}: y, end{i}: y}}\n"
        f"    hold: 5s\n"
        for i in range(500)
    )
    started = time.monotonic()
    result = _load(tmp_path, f"format: 1\nname: x\nsteps:\n{steps}")
    assert time.monotonic() - started < 10
    assert len(result.problems) == 3500


def test_a_mistyped_code_is_still_guessed_among_many(tmp_path):
    codes = "".join(f"  x{i:03d}q: t\n" for i in range(20))
    result = _load(tmp_path, f"format: 1\nname:\n  english: a\n{codes}{STEPS}")
    assert "did you mean 'en'?" in result.problems[0].message


def test_every_language_babel_knows_in_one_field_loads(tmp_path):
    from babel.localedata import locale_identifiers

    codes = [code for code in locale_identifiers() if code not in ("root", "en")]
    lines = "".join(f"  {code}: text {code}\n" for code in codes)
    result = _load(tmp_path, f"format: 1\nname:\n  en: ok\n{lines}{STEPS}")
    assert result.ok, _found(result)[:3]
    assert result.routine is not None and len(result.routine.languages) == len(codes) + 1


def test_a_text_of_most_of_a_megabyte_in_one_language_loads(tmp_path):
    big = "ä" * 400_000
    text = STEPS.replace("instructions: Lie down", f"instructions:\n      de: {big}\n      en: hi")
    i18n.set_language("de")
    result = _load(tmp_path, f"format: 1\nname: x\n{text}")
    assert result.ok
    assert result.routine is not None
    assert result.routine.steps[0].instructions == big  # type: ignore[union-attr]


def test_a_file_over_a_megabyte_of_one_language_is_refused_by_size(tmp_path):
    text = f"format: 1\nname:\n  en: {'a' * 1_100_000}\n{STEPS}"
    result = _load(tmp_path, text)
    assert [p.code for p in result.problems] == ["file-too-large"]


@pytest.mark.parametrize(
    ("key_line", "code"),
    [
        ("    hold: {en: 10s}\n", "not-a-duration"),
        ("    reps: {en: 3}\n", "not-a-number"),
    ],
)
def test_a_language_map_where_no_text_belongs_says_what_the_value_must_be(tmp_path, key_line, code):
    steps = STEPS.replace("    hold: 10s\n", key_line)
    result = _load(tmp_path, f"format: 1\nname: x\n{steps}")
    assert code in [p.code for p in result.problems]
    assert all("Traceback" not in p.message for p in result.problems)


@pytest.mark.parametrize(
    ("tags", "code"), [("tags: {en: x}", "not-a-list"), ("tags: [{en: x}]", "bad-tag")]
)
def test_a_language_map_in_tags_is_an_error_not_a_crash(tmp_path, tags, code):
    result = _load(tmp_path, f"format: 1\nname: x\n{tags}\n{STEPS}")
    assert code in [p.code for p in result.problems]


def test_an_anchor_reused_across_languages_and_fields_loads(tmp_path):
    text = (
        "format: 1\nname: &n {en: A, de: B}\nsummary: *n\n"
        "steps:\n  - exercise: {en: &t Hello, de: *t, fr: *t}\n    hold: 10s\n"
    )
    i18n.set_language("de")
    result = _load(tmp_path, text)
    assert result.ok
    assert result.routine is not None
    assert (result.routine.name, result.routine.summary) == ("B", "B")
    assert result.routine.steps[0].name == "Hello"  # type: ignore[union-attr]


def test_mixed_arabic_and_latin_texts_load_as_written(tmp_path):
    arabic = "تمرين الجسر \u200fBridge\u200e 10 مرات"
    i18n.set_language("ar")
    result = _load(tmp_path, f"format: 1\nname: {{ar: '{arabic}', en: Bridge}}\n{STEPS}")
    assert result.ok
    assert result.routine is not None and result.routine.name == arabic


@pytest.mark.parametrize(
    ("typed", "code"),
    [("zh_CN", "zh_CN"), ("zh-cn", "zh_CN"), ("zh_TW", "zh_TW"), ("sr_RS", "sr_RS")],
)
def test_the_editor_knows_every_code_a_routine_file_may_use(typed, code):
    # The editor's "Add a language" said the shipped zh_CN was no language it knew.
    assert known_language(typed) == code


@pytest.mark.parametrize("typed", ["root", "qps", "", "\u200fen", "e\0n", "x" * 10_000])
def test_the_editor_refuses_what_is_no_language(typed):
    assert known_language(typed) == ""


def test_workrave_titles_in_thousands_of_unknown_languages_import_at_once(tmp_path):
    from datetime import date

    from backroutine.core.importers import import_file

    titles = "".join(f'<title xml:lang="en{i}q">T{i}</title>' for i in range(3000))
    source = tmp_path / "exercises.xml"
    source.write_text(
        "<exercises><exercise><title>Arm circles</title>"
        f'{titles}<title xml:lang="de">Armkreisen</title>'
        '<sequence duration="20"><image src="none" duration="20"/></sequence>'
        "</exercise></exercises>",
        encoding="utf-8",
    )
    started = time.monotonic()
    (item,) = import_file(source, "de", date(2026, 11, 25))
    assert time.monotonic() - started < 10
    assert item.draft.steps[0].get("exercise") == "Armkreisen"


def test_a_code_the_editor_cannot_show_is_said_in_the_persons_language():
    from backroutine.core.draft import DraftError, draft_from_text

    i18n.set_language(i18n.PSEUDO)
    with pytest.raises(DraftError) as raised:
        draft_from_text("format: 1\nname: {? [a] : x, en: y}\nsteps:\n  - exercise: B\n")
    assert (raised.value.line, raised.value.column) == (2, 10)
    assert raised.value.message.startswith(i18n.PSEUDO_OPEN)  # it was English
    assert "'name'" in raised.value.message


@pytest.mark.parametrize(
    ("language", "stored"),
    [("ar", "تمرين الجسر \u200fBridge\u200e \u0661\u0660"), ("de", "Brücken"), ("ja", "Bridges")],
)
def test_the_history_keeps_the_name_as_shown_in_any_script(tmp_path, language, stored):
    from backroutine.core.engine import Session
    from backroutine.core.history import History
    from backroutine.core.session_log import SessionLog
    from backroutine.core.timeline import expand_timeline

    from ..clocks import FakeClock

    i18n.set_language(language)
    text = (
        "format: 1\nname: {en: Bridges, de: Brücken,"
        " ar: 'تمرين الجسر \u200fBridge\u200e \u0661\u0660'}\n"
        "prepare: 0\nsteps:\n  - exercise: Bridge\n    hold: 10s\n"
    )
    result = _load(tmp_path, text)
    assert result.routine is not None
    history, _notices = History.open(tmp_path / "history.sqlite3")
    session = Session(expand_timeline(result.routine), FakeClock())
    log = SessionLog(history, result.routine)
    session.start()
    log.begin(session)
    (kept,) = history.newest(0, 10)
    assert kept.routine_name == stored  # every character, marks and digits as written
    history.close()
