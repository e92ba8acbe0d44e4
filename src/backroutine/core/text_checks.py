"""Checking a text field written in several languages (``name: {en: ..., de: ...}``):
each language code must name a language, each text must be text, and the mapping
must hold at least one. Every problem points at the line and column of the code or
text it is about."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from . import yamldoc
from .i18n import SHIPPED, _
from .problems import shorten
from .texts import normal_code
from .yamldoc import Mapping, Node, Scalar

# Reads one language's text as a plain text field is read (None when it failed).
ReadText = Callable[[Node], "str | None"]
Report = Callable[[Node, str, str], None]  # (where, code, message): an error


def read_languages(node: Mapping, key: str, read: ReadText, error: Report) -> dict[str, str] | None:
    """The field's texts by language code, or None when none is usable."""
    try:
        pairs = yamldoc.merged_pairs(node)
    except yamldoc.DocumentError:
        pairs = node.pairs  # the bad merge key is reported by the mapping's own check
    if not pairs:
        error(
            node,
            "no-texts",
            # Translators: {key} is a key of the routine format; "en" and "de" are
            # language codes written in the file: keep them as they are.
            _(
                "{key} has no text: give a text, or one per language such as {{en: ..., de: ...}}"
            ).format(key=key),
        )
        return None
    texts: dict[str, str] = {}
    guesses = MOST_GUESSES
    for code_node, value_node in pairs:
        code = code_node.text.strip() if isinstance(code_node, Scalar) else ""
        problem = language_problem(code, key, with_guess=guesses > 0)
        if problem:
            guesses -= 1
            error(code_node, "unknown-language", problem)
            continue
        normal = normal_code(code)
        if normal in texts:
            error(
                code_node,
                "duplicate-key",
                _("{key} has a second text in {code}; keep only one").format(key=key, code=code),
            )
            continue
        if isinstance(value_node, Mapping):
            error(
                value_node,
                "not-text",
                _("the {code} text of {key} must be text, not a list or mapping").format(
                    code=code, key=key
                ),
            )
            continue
        text = read(value_node)
        if text is not None:
            texts[normal] = text
    return texts or None


# Of one field's unknown codes, the first few get a guess ("did you mean 'en'?"): a
# field with thousands of them is checked at once, not guessed at one by one.
MOST_GUESSES = 3


def language_problem(code: str, key: str, with_guess: bool = True) -> str:
    """What is wrong with a language code in field ``key`` ("" when Babel knows it)."""
    if _known_code(normal_code(code)):
        return ""
    shown = repr(shorten(code))
    guess = suggest_language(code) if with_guess else ""
    if guess:
        # Translators: {code} is what the file has where a language code such
        # as "de" or "pt_BR" belongs; {guess} is a real code; {key} is a key of
        # the routine format: keep it as it is.
        message = _("{code} in {key} is not a language code; did you mean {guess}?")
        return message.format(code=shown, key=key, guess=repr(guess))
    # Translators: {key} is a key of the routine format; "en", "de" and "pt_BR"
    # are language codes: keep them as they are.
    message = _("{code} in {key} is not a language code; use one such as en, de or pt_BR")
    return message.format(code=shown, key=key)


@lru_cache(maxsize=512)
def _known_code(code: str) -> bool:
    """Whether ``code`` names a language: the ones we ship without asking Babel (so
    that loading the bundled routines does not load Babel's locale data), once per
    code for the rest (a file repeats its codes in every text)."""
    if code in SHIPPED:
        return True
    if code.lower() == "root":  # Babel's data shared by all locales, not a language
        return False
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code or "?")
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    """Lower-cased known codes and English language names -> the code to suggest."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    known = {code.lower(): code for code in locale_identifiers() if code != "root"}
    for code, name in Locale("en").languages.items():
        known.setdefault(name.lower(), code)
    return known


def known_language(text: str) -> str:
    """The code a person typed or named in English ("sv", "pt-br", "Swedish"), or ""."""
    code = normal_code(text)
    return _known().get(code.lower(), "") or (code if _known_code(code) else "")


@lru_cache(maxsize=512)
def suggest_language(code: str) -> str:
    """The known code closest to a mistyped one ("english" -> "en", "pt_br_" ->
    "pt_BR"), or ""."""
    # Invisible characters (a NUL, a right-to-left mark copied along) are left out.
    visible = "".join(c for c in code if not unicodedata.category(c).startswith("C"))
    wanted = normal_code(visible).lower()
    if not wanted:
        return ""
    known = _known()
    if wanted in known:
        return known[wanted]
    if len(wanted) > _LONGEST_GUESS:
        return ""
    # Only the known codes and names with two letters in a row in common: comparing
    # with every one of them takes some 5 ms, too long for a file's hundreds of codes.
    by_pair = _known_by_pair()
    close_by = {text: None for pair in _pairs(wanted) for text in by_pair.get(pair, ())}
    close = difflib.get_close_matches(wanted, list(close_by), n=1, cutoff=0.75)
    return known[close[0]] if close else ""


# No code or language name is near this long: longer text gets no guess.
_LONGEST_GUESS = 64


def _pairs(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)] or [text]


@lru_cache(maxsize=1)
def _known_by_pair() -> dict[str, list[str]]:
    """The known codes and names by each two letters in a row they hold."""
    found: dict[str, list[str]] = {}
    for text in _known():
        for pair in dict.fromkeys(_pairs(text)):
            found.setdefault(pair, []).append(text)
    return found
