"""Attacks on the translation layer: a catalogue damaged or missing, a translation
whose placeholders do not fit its English, junk in the environment and in the
codes asked for. The layer always answers with words (English when it must) and
never raises."""

from __future__ import annotations

import gettext
import struct
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from backroutine.core import i18n

REAL_GERMAN = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"


def _mo(header: bytes, messages: dict[bytes, bytes]) -> bytes:
    """A .mo written by hand, so that it may say what no compiler would write."""
    table = {b"": header, **messages}
    keys = sorted(table)
    ids = strs = b""
    places = []
    for key in keys:
        places.append((len(ids), len(key), len(strs), len(table[key])))
        ids += key + b"\0"
        strs += table[key] + b"\0"
    count = len(keys)
    ids_at = 28 + count * 16
    strs_at = ids_at + len(ids)
    out = struct.pack("<Iiiiiii", 0x950412DE, 0, count, 28, 28 + count * 8, 0, 0)
    out += b"".join(struct.pack("<ii", length, ids_at + at) for at, length, _s, _l in places)
    out += b"".join(struct.pack("<ii", length, strs_at + at) for _i, _l, at, length in places)
    return out + ids + strs


UTF8 = b"Content-Type: text/plain; charset=UTF-8\n"


def _damage(mo: Path, how: str) -> None:
    data = REAL_GERMAN.read_bytes()
    if how == "truncated":
        mo.write_bytes(data[: len(data) // 2])
    elif how == "header only":
        mo.write_bytes(data[:20])
    elif how == "zero bytes":
        mo.write_bytes(b"")
    elif how == "a folder":
        mo.mkdir()
    elif how == "missing":
        pass
    elif how == "noise":
        mo.write_bytes(b"\xde\x12\x04\x95" + bytes(range(256)) * 8)
    elif how == "unknown charset":
        mo.write_bytes(_mo(b"Content-Type: text/plain; charset=no-such-xx\n", {b"Save": b"x"}))
    elif how == "bad plural rule":
        header = UTF8 + b"Plural-Forms: nplurals=2; plural=import os;\n"
        mo.write_bytes(_mo(header, {b"Save": b"Speichern"}))
    elif how == "not UTF-8":
        mo.write_bytes(_mo(UTF8, {b"Save": b"Spei\xff\xfechern"}))
    elif how == "a link in a loop":
        mo.symlink_to(mo)


@pytest.fixture
def german_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the German catalogue is read from in this test (empty until written)."""
    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(gettext, "_translations", {})  # gettext keeps what it read
    return folder / f"{i18n.DOMAIN}.mo"


DAMAGE = [
    "truncated",
    "header only",
    "zero bytes",
    "a folder",
    "missing",
    "noise",
    "unknown charset",
    "bad plural rule",
    "not UTF-8",
    "a link in a loop",
]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_catalogue_leaves_the_words_english(german_at: Path, how: str):
    _damage(german_at, how)
    assert i18n.set_language("de") == "de"
    assert i18n._("Save") in ("Save", "Speichern")
    assert i18n.ngettext("{count} rep", "{count} reps", 3).format(count=3) in (
        "3 reps",
        "3 Wiederholungen",
    )
    assert i18n.translator("de")._("Save") in ("Save", "Speichern")
    assert i18n.format_date(date(2026, 11, 25))  # dates still follow the language


@pytest.mark.parametrize("how", ["truncated", "zero bytes", "a folder", "noise"])
def test_the_command_line_starts_in_english_on_a_damaged_catalogue(german_at, how, capsys):
    from backroutine.cli import main

    _damage(german_at, how)
    try:
        code = main(["--language", "de", "list"])
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    assert "camel-pose" in out and "ID" in out


def _catalogue_with(german_at: Path, *messages: tuple[object, object]) -> None:
    catalog = Catalog(locale="de", domain=i18n.DOMAIN)
    for source, translated in messages:
        catalog.add(source, translated)
    with german_at.open("wb") as compiled:
        write_mo(compiled, catalog)


@pytest.mark.parametrize(
    ("source", "translated"),
    [
        ("Saved {name}.", "{nmae} gespeichert."),  # a misspelt placeholder: KeyError
        ("Saved {name}.", "{name gespeichert."),  # a brace left open: ValueError
        ("Saved {name}.", "{0} gespeichert."),  # a number for a name: IndexError
        ("Saved {name}.", "{name.upper} gespeichert."),  # reaches into the value
        ("Saved {name}.", "{} gespeichert."),
    ],
)
def test_a_translation_that_cannot_be_filled_in_gives_the_english(german_at, source, translated):
    _catalogue_with(german_at, (source, translated))
    i18n.set_language("de")
    assert i18n._(source).format(name="Bridge") == "Saved Bridge."
    assert i18n.pgettext("nothing", source).format(name="Bridge") == "Saved Bridge."
    assert i18n.translator("de")._(source).format(name="Bridge") == "Saved Bridge."


def test_a_plural_form_that_cannot_be_filled_in_gives_the_english(german_at):
    _catalogue_with(
        german_at, (("{count} rep", "{count} reps"), ("{count} Wiederholung", "{cuont} Wdh."))
    )
    i18n.set_language("de")
    forms = [i18n.ngettext("{count} rep", "{count} reps", n).format(count=n) for n in (1, 3)]
    assert forms == ["1 Wiederholung", "3 reps"]
    words = i18n.translator("de")
    assert words.ngettext("{count} rep", "{count} reps", 3).format(count=3) == "3 reps"


def test_translations_that_fit_are_used_as_they_are(german_at):
    _catalogue_with(
        german_at,
        ("Saved {name}.", "{name} gespeichert."),
        ("'{' here is not closed", "'{' hier ist nicht geschlossen"),  # no format string
        ("Saved {name} in {folder}.", "Gespeichert."),  # a placeholder left out: no crash
        (("one rep", "{count} reps"), ("eine Wiederholung", "{count} Wiederholungen")),
    )
    i18n.set_language("de")
    assert i18n._("Saved {name}.").format(name="A") == "A gespeichert."
    assert i18n._("'{' here is not closed") == "'{' hier ist nicht geschlossen"
    assert i18n._("Saved {name} in {folder}.").format(name="A", folder="B") == "Gespeichert."
    assert i18n.ngettext("one rep", "{count} reps", 4).format(count=4) == "4 Wiederholungen"


JUNK = [
    "",
    "C",
    "POSIX",
    ":::",
    "de_DE.UTF-8",
    "pt-br",
    "qps",
    "a" * 10_240,
    "x\x01y",
    "\u202ear",
    "_",
    "-",
    "_DE",
    "de_",
    "😀",
    "sr@latin",
    "../../etc",
    "root",
    "i-klingon",
]


@pytest.mark.parametrize("code", JUNK)
def test_any_language_and_date_locale_give_words_and_dates(code: str):
    for formats in JUNK:
        chosen = i18n.set_language(code, formats)
        assert chosen in (*i18n.SHIPPED, i18n.PSEUDO)
        assert i18n._("Save")
        assert i18n.format_date(date(2026, 1, 2))
        assert i18n.format_time(datetime(2026, 1, 2, 3, 4))
        assert i18n.format_number(2.5)
        assert i18n.day_name(0)
        assert 0 <= i18n.first_weekday() <= 6
    assert i18n.language_name(code) is not None
    assert i18n.translator(code)._("Save")


@pytest.mark.parametrize(
    "environ",
    [
        {"LANGUAGE": ":::", "LANG": "C"},
        {"LANGUAGE": "", "LC_ALL": "POSIX"},
        {"LANG": "de_DE.UTF-8@euro"},
        {"LANGUAGE": "zz:..:de", "LANG": "C.UTF-8"},
        {"LANG": "a" * 10_000},
        {"LANGUAGE": "\u202e:x\x01"},
    ],
)
def test_junk_in_the_environment_chooses_a_language_we_ship(environ):
    chosen = i18n.choose_language("", i18n.system_languages(environ))
    assert chosen in i18n.SHIPPED
    i18n.set_language(chosen, i18n.system_format_locale(environ))
    assert i18n.format_date(date(2026, 1, 2))
