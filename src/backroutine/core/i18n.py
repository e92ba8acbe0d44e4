"""The one translation layer: every word the app shows or says goes through here.

The core, the command line and the window all call these functions; the catalogues
are gettext's (.po written by translators, .mo compiled by `make translations`),
kept in backroutine/locale/<language>/LC_MESSAGES/backroutine.mo.

Rules for a message (docs/translating.md has them for translators):
- a whole sentence, never glued from pieces; values go in named placeholders:
  ``_("Saved {name}.").format(name=...)``;
- a count goes through ngettext, so that Polish and Arabic get their forms:
  ``ngettext("{count} rep", "{count} reps", n).format(count=n)``;
- a short word that could be read two ways has a context (``pgettext("dose",
  "Hold")``) or a ``# Translators:`` comment on the line before it;
- text written at import time is only marked (``N_("...")``) and translated where
  it is shown, so that the language chosen at start-up applies to it.

Dates, times and numbers follow the person's locale through Babel, imported only
when first needed so that start-up does not pay for it.
"""

from __future__ import annotations

import gettext
import os
import re
import struct
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

DOMAIN = "backroutine"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
ENGLISH = "en"
# A made-up language for testing: every translated message comes out accented,
# a third longer and in brackets, so that text which skipped this layer shows.
PSEUDO = "qps"
# The languages whose catalogues and bundled routines are complete, in the order
# the language choice lists them after English.
SHIPPED = ("en", "ar", "de", "es", "fr", "it", "ja", "nl", "pl", "pt_BR", "zh_CN")
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = ENGLISH
_format_locale = "en_GB"


# --- messages ----------------------------------------------------------------


def _(message: str) -> str:
    """The message in the person's language."""
    return _kept(_translations.gettext(message), message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message that fits ``count`` (format the count in yourself)."""
    return _kept(_translations.ngettext(singular, plural, count), singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message whose meaning depends on where it stands ("dose", "Hold")."""
    return _kept(_translations.pgettext(context, message), message)


def npgettext(context: str, singular: str, plural: str, count: int) -> str:
    """ngettext with a context."""
    translated = _translations.npgettext(context, singular, plural, count)
    return _kept(translated, singular, plural, count)


def _kept(translated: str, singular: str, plural: str = "", count: int = 1) -> str:
    """The translation, or the English message when the translation could not be
    filled in as the English one is: a placeholder the English has not ({nmae}), or a
    brace left open. The app calls ``.format`` on what it gets, where such a slip in a
    catalogue would stop it with a KeyError or ValueError."""
    if "{" not in translated and "}" not in translated:
        return translated  # nothing in it that .format could trip on
    if translated in (singular, plural) or _fills_as(translated, singular, plural):
        return translated
    return plural if plural and count != 1 else singular


@lru_cache(maxsize=4096)
def _fills_as(translated: str, singular: str, plural: str) -> bool:
    wanted = _fields(singular) | _fields(plural)
    if None in wanted:
        return True  # the English is not filled in with .format: nothing to keep
    found = _fields(translated)
    return None not in found and found <= wanted


def _fields(text: str) -> set[str | None]:
    """The fields a message's {placeholders} name ("" for {}); {None} when it is no
    format string at all (a brace that is not a placeholder, as in "'{' is open")."""
    try:
        parsed = list(_formatter().parse(text))
    except ValueError:
        return {None}
    names: set[str | None] = set()
    for _literal, field, _spec, _conversion in parsed:
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        # The whole field: a translation may not reach further into a value ({name.x}).
        names.add(field if name == "" or name.isdigit() or name.isidentifier() else None)
    return names


@lru_cache(maxsize=1)
def _formatter() -> Any:
    """str.format's own parser, imported when a translation with braces is first
    checked (not at start-up)."""
    import string

    return string.Formatter()


def around_number(form_of: Callable[[int], str], count: int) -> tuple[str, str]:
    """The words before and after a number shown in a box ("3 times", "in 10
    minutes"), in the form that fits the number. A language may say a small number
    in words (Arabic "one minute", "two minutes") where a box still shows the number:
    then the form of a count that has a place for it is used instead."""
    for number in (count, 100, 11, 5, 2):
        before, placed, after = form_of(number).partition("{count}")
        if placed:
            return before, after
    return "", ""


def N_(message: str) -> str:
    """Marks a message for the catalogue without translating it yet: for text
    written at import time, translated with ``_()`` where it is shown."""
    return message


# --- which language ----------------------------------------------------------


def language() -> str:
    """The language messages are in now: "en", "de", "pt_BR", or PSEUDO."""
    return _language


def format_locale() -> str:
    """The locale dates, times and numbers are written in ("de_AT", "en_GB")."""
    return _format_locale


def is_right_to_left() -> bool:
    return _language.split("_")[0] in RIGHT_TO_LEFT


def content_languages() -> tuple[str, ...]:
    """The language codes to look for in a routine's texts, best first: "pt_BR"
    then "pt"; English is the routine's own fallback (core.texts)."""
    if _language == PSEUDO:
        return (ENGLISH,)
    base = _language.split("_")[0]
    return (_language,) if base == _language else (_language, base)


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The person's languages from the environment, best first, as gettext reads
    them: LANGUAGE (a colon-separated list), then LC_ALL, LC_MESSAGES, LANG."""
    env = os.environ if environ is None else environ
    found: list[str] = []
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        found.extend(code for code in value.split(":") if code)
        if name != "LANGUAGE":
            break
    return found


def normalise(code: str) -> str:
    """ "de_DE.UTF-8" -> "de_DE", "pt-br" -> "pt_BR", "C" -> ""."""
    code = code.split(".")[0].split("@")[0].replace("-", "_").strip()
    if not code or code in ("C", "POSIX"):
        return ""
    parts = code.split("_")
    if len(parts) >= 2 and parts[1].lower() == "hans":  # zh-Hans, zh-Hans-CN: Simplified
        return "zh_CN" if parts[0].lower() == "zh" else parts[0].lower()
    if len(parts) >= 2 and len(parts[1]) == 2:
        return f"{parts[0].lower()}_{parts[1].upper()}"
    return parts[0].lower() if len(parts) == 1 else code


def shipped_match(code: str) -> str:
    """The shipped language that serves ``code`` ("de_AT" -> "de", "pt_PT" ->
    "pt_BR", "zh_SG" -> "zh_CN"), or "" when none does."""
    code = normalise(code)
    if code == PSEUDO:
        return PSEUDO
    if code in SHIPPED:
        return code
    base = code.split("_")[0]
    if base in SHIPPED:
        return base
    if base == "zh" and code in ("zh", "zh_CN", "zh_SG", "zh_Hans"):
        return "zh_CN"
    # Another region of the language ("pt_PT" -> "pt_BR"); Chinese only in the script
    # it is written in, so that Traditional readers get English rather than Simplified.
    regional = [shipped for shipped in SHIPPED if shipped.split("_")[0] == base]
    return regional[0] if regional and base != "zh" else ""


def choose_language(wanted: str, system: Iterable[str]) -> str:
    """The language to use: the one asked for (a setting or --language) if we ship
    it, else the first of the system's that we ship, else English."""
    traditional = False
    for code in [wanted, *system] if wanted else list(system):
        if _traditional_chinese(code):
            traditional = True  # a later bare "zh" means this, not Simplified
            continue
        if traditional and normalise(code) == "zh":
            continue
        match = shipped_match(code)
        if match:
            return match
    return ENGLISH


def _traditional_chinese(code: str) -> bool:
    """ "zh_TW", "zh-Hant", "zh-Hant-HK": Chinese as Taiwan, Hong Kong and Macau
    write it, which Simplified Chinese does not serve."""
    parts = code.split(".")[0].replace("-", "_").lower().split("_")
    return parts[0] == "zh" and any(p in ("tw", "hk", "mo", "hant") for p in parts[1:])


def system_format_locale(environ: Mapping[str, str] | None = None) -> str:
    """How the person's system writes dates: LC_ALL, else LC_TIME, else LANG."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_TIME", "LANG"):
        if env.get(name):
            return normalise(env[name])
    return ""


def set_language(code: str, format_locale: str = "") -> str:
    """Speak ``code`` from now on (a shipped language, PSEUDO or English) and
    return it. ``format_locale`` ("de_AT") sets how dates and numbers are written
    when it is of the same language; otherwise the language's own convention
    (English with no region writes a 24-hour clock and day-month-year, as the C
    locale's programs do)."""
    global _translations, _language, _format_locale
    code = shipped_match(code) or ENGLISH
    _translations = _catalogue(code)
    _language = code
    wanted = normalise(format_locale)
    base = "en" if code == PSEUDO else code
    if wanted.split("_")[0] == base.split("_")[0] and "_" in wanted:
        _format_locale = wanted
    else:
        _format_locale = "en_GB" if base == ENGLISH else base
    return code


def _catalogue(code: str) -> gettext.NullTranslations:
    """The messages of a shipped language (or PSEUDO, or English); English words
    when its catalogue is missing or damaged (a broken install must not stop the
    app from starting)."""
    if code == PSEUDO:
        return _PseudoTranslations()
    if code == ENGLISH:
        return gettext.NullTranslations()
    try:
        return _Catalogue(LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo")
    except (OSError, ValueError, UnicodeError, LookupError, struct.error, SyntaxError):
        return gettext.NullTranslations()


_MO_MAGIC = {b"\xde\x12\x04\x95": "<", b"\x95\x04\x12\xde": ">"}  # byte orders


class _Catalogue(gettext.NullTranslations):
    """A compiled catalogue (.mo), its index read in one pass and each text decoded
    when first asked for. gettext's own reader decodes all of them, some 2,300
    strings, before the window can show; the start-up bar has no room for that."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        data = path.read_bytes()
        order = _MO_MAGIC.get(data[:4])
        if order is None or len(data) < 20:
            raise OSError(f"{path} is not a compiled catalogue")
        _magic, version, count, originals, translations = struct.unpack_from(order + "5I", data)
        if version >> 16 > 1:
            raise OSError(f"{path} has an unknown catalogue version")
        # Two tables of (length, offset) pairs: the English messages, their translations.
        index = struct.unpack_from(f"{order}{2 * count}I", data, originals)
        index_t = struct.unpack_from(f"{order}{2 * count}I", data, translations)
        table: dict[bytes, bytes] = {}
        for entry in range(count):
            length, start = index[2 * entry], index[2 * entry + 1]
            t_length, t_start = index_t[2 * entry], index_t[2 * entry + 1]
            if start + length > len(data) or t_start + t_length > len(data):
                raise OSError(f"{path} is cut short")
            table[data[start : start + length]] = data[t_start : t_start + t_length]
        self._table = table
        self._plural: Callable[[int], int] = lambda n: int(n != 1)
        for line in table.get(b"", b"").decode("utf-8").splitlines():
            name, _colon, value = line.partition(":")
            name = name.strip().lower()
            if name == "plural-forms" and "plural=" in value:
                self._plural = gettext.c2py(value.split("plural=", 1)[1].strip().rstrip(";"))
            if name == "content-type" and "charset=" in value:
                charset = value.split("charset=", 1)[1].strip().lower()
                if charset not in ("utf-8", "utf8"):  # make translations writes UTF-8
                    raise OSError(f"{path} is in {charset}, not UTF-8")

    def _find(self, key: str) -> str | None:
        found = self._table.get(key.encode("utf-8", "surrogatepass"))
        try:
            return None if found is None else found.decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _form(self, key: str, singular: str, plural: str, count: int) -> str:
        found = self._find(key)
        forms = found.split("\x00") if found else []
        index = self._plural(count)
        if 0 <= index < len(forms) and forms[index]:
            return forms[index]
        return singular if count == 1 else plural

    def gettext(self, message: str) -> str:
        return self._find(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self._form(f"{msgid1}\x00{msgid2}", msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._find(f"{context}\x04{message}") or message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self._form(f"{context}\x04{msgid1}\x00{msgid2}", msgid1, msgid2, n)


class Translator:
    """The messages of one language, whatever language the app speaks now: for
    words said in another language than the window's (the voice speaks the
    routine's). The same calls as this module's: ``t._("...")``, ``t.ngettext``."""

    def __init__(self, code: str) -> None:
        self.language = shipped_match(code) or ENGLISH
        self._messages = _catalogue(self.language)

    def _(self, message: str) -> str:
        return _kept(self._messages.gettext(message), message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        translated = self._messages.ngettext(singular, plural, count)
        return _kept(translated, singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        return _kept(self._messages.pgettext(context, message), message)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        translated = self._messages.npgettext(context, singular, plural, count)
        return _kept(translated, singular, plural, count)


def translator(code: str) -> Translator:
    """The messages of ``code`` ("de", "pt-BR"; a language not shipped gets English)."""
    return Translator(code)


# Where the locale's own name says more than a person would: the script is the name.
_NAMED = {"zh_CN": "简体中文", "zh_TW": "繁體中文"}


@lru_cache(maxsize=2048)
def language_name(code: str) -> str:
    """A language named in itself: "Deutsch", "日本語", "العربية" (kept once asked:
    the editor names every language of a routine after each edit)."""
    if code == PSEUDO:
        return "Pseudo"
    if code in _NAMED:
        return _NAMED[code]
    babel = _babel_locale(code)
    name = babel.get_display_name(babel) if babel else None
    return (name[:1].upper() + name[1:]) if name else code


# --- dates, times and numbers --------------------------------------------------


def format_date(day: date, form: str = "medium") -> str:
    """A date as the person's locale writes it ("25 Nov 2026", "25.11.2026")."""
    from babel.dates import format_date as babel_format

    return _pseudo_data(babel_format(day, form, locale=_locale_for_formats()))


def format_time(moment: time | datetime, form: str = "short") -> str:
    """A time of day as the locale writes it ("09:15", "9:15 AM")."""
    from babel.dates import format_time as babel_format

    return _pseudo_data(babel_format(moment, form, locale=_locale_for_formats(), tzinfo=None))


def format_datetime(moment: datetime, form: str = "medium") -> str:
    from babel.dates import format_datetime as babel_format

    return _pseudo_data(babel_format(moment, form, locale=_locale_for_formats(), tzinfo=None))


def format_number(value: float, digits: int = 1) -> str:
    """A number with at most ``digits`` decimals, as the locale writes it ("2,5")."""
    from babel.numbers import format_decimal

    pattern = "#,##0." + "#" * digits if digits else "#,##0"
    return format_decimal(value, pattern, locale=_locale_for_formats())


def format_percent(fraction: float) -> str:
    from babel.numbers import format_percent as babel_format

    return babel_format(fraction, locale=_locale_for_formats())


def day_name(
    weekday: int, width: Literal["abbreviated", "narrow", "short", "wide"] = "wide"
) -> str:
    """Monday is 0, as datetime counts: "Montag", "月曜日"; width "abbreviated" for
    "Mo."."""
    from babel.dates import get_day_names

    names = get_day_names(width, "format", locale=_locale_for_formats())
    return _pseudo_data(str(names[weekday]))


def first_weekday() -> int:
    """The day a week starts on in the person's locale, Monday being 0."""
    babel = _babel_locale(_format_locale)
    return int(babel.first_week_day) if babel else 0


def _locale_for_formats() -> Any:
    return _babel_locale(_format_locale) or _babel_locale("en")


def _babel_locale(code: str) -> Any:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code or "en")
    except (UnknownLocaleError, ValueError):
        return None


# --- the pseudo-language -------------------------------------------------------

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# What must pass through unchanged: {placeholders}, %(old)s ones, <tags>, &entities;
# and a Qt mnemonic's letter (&File keeps its F so the shortcut still works).
_KEEP = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sdifr]|<[^<>]*>|&[a-zA-Z]+;|&&|&[A-Za-z]")
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def pseudo(message: str) -> str:
    """ "Save {name}" -> "⟦Šàṽé {name} ~~~⟧": accented, a third longer, bracketed."""
    core = message.strip()
    if not core:
        return message
    # Spaces and line breaks around the message stay outside the brackets, where
    # the caller relies on them ("error: ...\n").
    lead = message[: len(message) - len(message.lstrip())]
    trail = message[len(message.rstrip()) :]
    out: list[str] = []
    last = 0
    for match in _KEEP.finditer(core):
        out.append(core[last : match.start()].translate(_ACCENTED))
        out.append(match.group())
        last = match.end()
    out.append(core[last:].translate(_ACCENTED))
    padding = "~" * max(1, len(core) // 3)
    return f"{lead}{PSEUDO_OPEN}{''.join(out)} {padding}{PSEUDO_CLOSE}{trail}"


def _pseudo_data(text: str) -> str:
    """Dates and day names are localised data: in the pseudo-language they are
    marked too, so that a fixed English weekday shows up as untranslated."""
    return pseudo(text) if _language == PSEUDO else text


class _PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)
