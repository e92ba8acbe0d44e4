"""The shipped catalogues: complete, consistent with the source, compiled.

A language we ship is complete: every message of the template translated, every
plural form filled, nothing fuzzy, each translation keeping the placeholders of
its source (a translation that drops {name} would show a sentence with a hole;
one that invents {nmae} would crash). The compiled .mo the app loads says what
the .po says, and the template holds what the source asks for.
"""

from __future__ import annotations

import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from backroutine.core import i18n

from .conftest import REPO

LOCALE = REPO / "src" / "backroutine" / "locale"
TEMPLATE = LOCALE / "backroutine.pot"
LANGUAGES = [code for code in i18n.SHIPPED if code != i18n.ENGLISH]
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
_BRACES = re.compile(r"\{([A-Za-z_]\w*)(?:[:!][^{}]*)?\}")
_PERCENT = re.compile(r"%(?:\([^)]*\))?[sdif%]")


def placeholders(text: str) -> tuple[set[str], list[str]]:
    return set(_BRACES.findall(text)), sorted(_PERCENT.findall(text))


def catalogue(language: str) -> Catalog:
    path = LOCALE / language / "LC_MESSAGES" / "backroutine.po"
    with path.open("rb") as file:
        return read_po(file, locale=language)


def template() -> Catalog:
    with TEMPLATE.open("rb") as file:
        return read_po(file)


def key(message: object) -> tuple[object, object]:
    msgid = message.id  # type: ignore[attr-defined]
    return (msgid if isinstance(msgid, str) else msgid[0], message.context)  # type: ignore[attr-defined]


def test_the_template_holds_every_message_the_source_asks_for():
    source_dir = REPO / "src" / "backroutine"
    found = set()
    for _filename, _line, message, _comments, context in extract_from_dir(
        str(source_dir),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
    ):
        found.add((message if isinstance(message, str) else message[0], context))
    shipped = {key(m) for m in template() if m.id}
    assert found - shipped == set(), "run `make translations`: the template is behind the source"
    assert shipped - found == set(), "run `make translations`: the template has stale messages"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_shipped_language_translates_every_message_with_its_placeholders(language: str):
    po = catalogue(language)
    assert not po.fuzzy, f"{language}: the catalogue's header is marked fuzzy"
    wanted = {key(m) for m in template() if m.id}
    have = {key(m): m for m in po if m.id}
    assert wanted - set(have) == set(), f"{language}: run `make translations`"
    forms = po.num_plurals
    # The plural forms that stand for one number only ("one" in English; zero, one
    # and two in Arabic): only those may say it in words and leave {count} out.
    rule = gettext.c2py(po.plural_expr)
    numbers_of: dict[int, int] = {}
    for number in range(1000):
        numbers_of[rule(number)] = numbers_of.get(rule(number), 0) + 1
    problems = []
    for message in have.values():
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        sources = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if isinstance(message.id, tuple) and len(strings) != forms:
            problems.append(f"{len(strings)} of {forms} plural forms: {message.id!r}")
        wanted_braces = set().union(*(placeholders(s)[0] for s in sources))
        wanted_percent = placeholders(sources[-1])[1]
        for form, string in enumerate(strings):
            if not string.strip():
                problems.append(f"empty: {message.id!r}")
                continue
            braces, percent = placeholders(string)
            # A form for one number only may leave the count out ("one file"); every
            # other placeholder must be kept, and none invented.
            # So may the form for 1 where English's own singular has no count.
            spoken = "count" not in placeholders(sources[0])[0] and form == rule(1)
            single = isinstance(message.id, tuple) and (numbers_of.get(form) == 1 or spoken)
            needed = wanted_braces - {"count"} if single else wanted_braces
            if not needed <= braces <= wanted_braces or percent != wanted_percent:
                problems.append(f"placeholders differ: {message.id!r} -> {string!r}")
    assert problems == [], f"{language}: " + "\n".join(problems[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_translation_says(language: str):
    compiled = LOCALE / language / "LC_MESSAGES" / "backroutine.mo"
    fresh = io.BytesIO()
    write_mo(fresh, catalogue(language))
    fresh.seek(0)
    with compiled.open("rb") as file:
        shipped = gettext.GNUTranslations(file)
    expected = gettext.GNUTranslations(fresh)
    assert shipped._catalog == expected._catalog, (  # type: ignore[attr-defined]
        f"{language}: run `make translations` to compile the catalogue"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_app_speaks_each_shipped_language(language: str):
    i18n.set_language(language)
    assert i18n.language() == language
    # Every catalogue translates the words the library shows first.
    assert i18n._("Back to the library") != "Back to the library"


def test_every_language_is_named_in_itself():
    names = {code: i18n.language_name(code) for code in i18n.SHIPPED}
    assert names["de"] == "Deutsch"
    assert names["ja"] == "日本語"
    assert names["ar"] == "العربية"
    assert len(set(names.values())) == len(names)


def test_pseudo_text_keeps_placeholders_markup_and_mnemonics():
    text = i18n.pseudo("&Save {name} as <b>%(kind)s</b>")
    assert "{name}" in text and "<b>" in text and "%(kind)s" in text and "&S" in text
    assert "Save" not in text and text.startswith(i18n.PSEUDO_OPEN)
    assert len(text) > len("&Save {name} as <b>%(kind)s</b>")


def test_a_language_is_chosen_from_what_we_ship():
    assert i18n.choose_language("", ["de_AT.UTF-8", "en"]) == "de"
    assert i18n.choose_language("", ["pt_PT"]) == "pt_BR"
    assert i18n.choose_language("", ["zh_TW", "fr_CA"]) == "fr"
    assert i18n.choose_language("", ["sv_SE", "C"]) == "en"
    assert i18n.choose_language("ja", ["de_DE"]) == "ja"
    assert i18n.system_languages({"LANGUAGE": "nl:de", "LANG": "fr_FR.UTF-8"}) == [
        "nl",
        "de",
        "fr_FR.UTF-8",
    ]


def test_an_unreadable_catalogue_leaves_the_app_in_english(tmp_path: Path, monkeypatch):
    broken = tmp_path / "de" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "backroutine.mo").write_bytes(b"\x00not a catalogue")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    assert i18n.set_language("de") == "de"
    assert i18n._("Back to the library") == "Back to the library"


ROUTINE_TEXTS = ("name", "summary", "description", "caution")
STEP_TEXTS = ("exercise", "instructions", "caution", "note")


def bundled_texts() -> list[tuple[str, str, object]]:
    import yaml

    found = []
    for path in sorted((REPO / "routines").glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ROUTINE_TEXTS:
            if key in document:
                found.append((path.name, key, document[key]))
        for index, step in enumerate(document["steps"]):
            for key in STEP_TEXTS:
                if key in step:
                    found.append((path.name, f"steps[{index}].{key}", step[key]))
    return found


@pytest.mark.parametrize("language", i18n.SHIPPED)
def test_every_text_of_the_bundled_routines_is_in_every_shipped_language(language: str):
    texts = bundled_texts()
    assert len(texts) > 50
    missing = [
        (name, where)
        for name, where, value in texts
        if not (isinstance(value, dict) and str(value.get(language, "")).strip())
    ]
    assert missing == [], f"{language}: {len(missing)} of {len(texts)} texts missing"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_app_reads_each_catalogue_as_gettext_does(language: str):
    """The app reads its catalogues itself (decoding each text when first asked for,
    for start-up); every message and plural form comes out as gettext's reader gives it."""
    compiled = LOCALE / language / "LC_MESSAGES" / "backroutine.mo"
    ours = i18n._Catalogue(compiled)
    with compiled.open("rb") as file:
        theirs = gettext.GNUTranslations(file)
    differ = []
    for message in catalogue(language):
        if not message.id:
            continue
        ctx = message.context
        if isinstance(message.id, tuple):
            one, many = message.id
            for count in (0, 1, 2, 3, 5, 11, 22, 100, 101):
                if ctx:
                    got = ours.npgettext(ctx, one, many, count)
                    want = theirs.npgettext(ctx, one, many, count)
                else:
                    got, want = ours.ngettext(one, many, count), theirs.ngettext(one, many, count)
                if got != want:
                    differ.append((one, count, got, want))
        else:
            got = ours.pgettext(ctx, message.id) if ctx else ours.gettext(message.id)
            want = theirs.pgettext(ctx, message.id) if ctx else theirs.gettext(message.id)
            if got != want:
                differ.append((message.id, got, want))
    assert differ == []


def test_traditional_chinese_readers_are_not_given_simplified_chinese():
    # What Qt and Ubuntu give for a Taiwanese system: the bare "zh" at the end means
    # the same Traditional Chinese, which we do not ship.
    assert i18n.choose_language("", ["zh-Hant-TW", "zh-TW", "zh-Hant", "zh"]) == "en"
    assert i18n.choose_language("", ["zh_TW", "zh", "de"]) == "de"
    assert i18n.choose_language("", ["zh_HK.UTF-8"]) == "en"
    assert i18n.choose_language("", ["zh-Hans-CN", "zh"]) == "zh_CN"
    assert i18n.choose_language("", ["zh"]) == "zh_CN"
