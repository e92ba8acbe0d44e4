"""Texts of a routine in several languages: what a text field may hold, and which
language's text a person is shown.

A text field (a routine's name, an exercise's instructions, a rest's note, ...) is
either a plain string, in no language in particular, or a mapping of language
code to text:

    instructions:
      en: Lie on your back...
      de: Legen Sie sich auf den Rücken...

The text shown is the one in the person's language: the exact code ("pt_BR"), then
its base language ("pt"), then English, then the first language the field has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

ENGLISH = "en"

# What a text field holds once read: one plain string, or language code -> text.
Texts = str | Mapping[str, str]


@lru_cache(maxsize=1024)
def normal_code(code: str) -> str:
    """A language code as the app writes it: "pt-br" -> "pt_BR", "zh-hans" ->
    "zh_Hans", "DE" -> "de". Babel checks that it names a language
    (core/text_checks.py)."""
    parts = [part for part in code.strip().replace("-", "_").split("_") if part]
    if not parts:
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.capitalize())  # a script: Hans, Latn
        elif len(part) in (2, 3):
            out.append(part.upper())  # a territory: BR, 419
        else:
            out.append(part)
    return "_".join(out)


def base_language(code: str) -> str:
    return normal_code(code).split("_")[0]


def fallbacks(preferred: Iterable[str]) -> tuple[str, ...]:
    """The codes to try, best first: each preferred code and its base language, then
    English."""
    order: list[str] = []
    for code in preferred:
        for candidate in (normal_code(code), base_language(code)):
            if candidate and candidate not in order:
                order.append(candidate)
    if ENGLISH not in order:
        order.append(ENGLISH)
    return tuple(order)


def pick_language(available: Iterable[str], preferred: Iterable[str]) -> str:
    """Which of the available languages to show ("" when there is none): the
    person's code, its base language, another region of it ("pt_BR" for a person
    who asked for "pt"), English, then the first available."""
    present = list(available)
    if not present:
        return ""
    wanted = [code for code in fallbacks(preferred) if code != ENGLISH]
    by_code = {normal_code(code): code for code in present}
    for code in wanted:
        if code in by_code:
            return by_code[code]
    bases = {base_language(code) for code in wanted}
    for code in present:
        if base_language(code) in bases:
            return code
    return by_code.get(ENGLISH, present[0])


def pick(value: Texts, preferred: Iterable[str]) -> str:
    """The text to show of one field's value."""
    if isinstance(value, str):
        return value
    chosen = pick_language(value, preferred)
    return value[chosen] if chosen else ""


def languages_of_routine(own: Iterable[str], steps: object) -> tuple[str, ...]:
    """The languages of a routine's own texts, then those its steps add, as first
    met (steps: the model's tuple of steps, each with its ``languages``)."""
    from .model import ExerciseStep, RestStep

    found = list(dict.fromkeys(own))
    for step in steps if isinstance(steps, tuple) else ():
        if isinstance(step, (ExerciseStep, RestStep)):
            found.extend(code for code in step.languages if code not in found)
    return tuple(found)


# A form holds each text as one string: a text given per language is held under
# "KEY@CODE" ("instructions@de"), a plain one under KEY (core/draft.py).
LANGUAGE_MARK = "@"


def language_key(key: str, code: str) -> str:
    return f"{key}{LANGUAGE_MARK}{code}"


def per_language(values: Mapping[str, str], key: str) -> dict[str, str]:
    """The texts a form holds for ``key`` by language code, in their order ({} when
    the text is plain or absent)."""
    prefix = key + LANGUAGE_MARK
    return {name[len(prefix) :]: text for name, text in values.items() if name.startswith(prefix)}


def text_in(values: Mapping[str, str], key: str, language: str) -> str:
    """What a form shows for ``key``: a plain text as it is; of a text per language,
    the one in ``language`` ("" when it has none yet), or with no language chosen
    the one the person would be shown."""
    texts = per_language(values, key)
    if not texts:
        return values.get(key, "")
    if language:
        return texts.get(language, "")
    from .i18n import content_languages

    return pick(texts, content_languages())


def put_text(values: dict[str, str], key: str, text: str, language: str) -> None:
    """Set what a form holds for ``key``: the text in ``language`` when the text is
    given per language (or a language is chosen), else the plain text."""
    texts = per_language(values, key)
    if not texts and not language:
        values[key] = text
        return
    if not language:
        from .i18n import content_languages

        language = pick_language(texts, content_languages())
    plain = values.pop(key, "")
    if plain.strip() and not texts and language != ENGLISH:
        # A plain text among texts per language: it stays, as the English one.
        values[language_key(key, ENGLISH)] = plain
    values[language_key(key, language)] = text
