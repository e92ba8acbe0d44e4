"""A draft's texts in several languages, as the editor's language choice sees them:
which languages it has, how many texts each still misses, adding one, and writing
plain texts again while only one language has any."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .draft import KINDS, RoutineDraft
from .fields import Kind
from .texts import ENGLISH, LANGUAGE_MARK, language_key, per_language

TEXT_KEYS = frozenset(key for key, kind in KINDS.items() if kind in (Kind.LINE, Kind.TEXT))


def _value_sets(draft: RoutineDraft) -> Iterator[dict[str, str]]:
    yield draft.values
    for step in draft.steps:
        yield step.values


def _text_keys(values: dict[str, str]) -> list[str]:
    """The text fields a set of values has, plain or per language, in order."""
    keys = (name.split(LANGUAGE_MARK, 1)[0] for name in values)
    return list(dict.fromkeys(key for key in keys if key in TEXT_KEYS))


def languages(draft: RoutineDraft) -> tuple[str, ...]:
    """The language codes the draft's texts are given in, as first met, with the one
    being edited."""
    found: dict[str, None] = {}  # a routine may have thousands: no list to search
    for values in _value_sets(draft):
        for key in _text_keys(values):
            found.update(dict.fromkeys(per_language(values, key)))
    if draft.language:
        found.setdefault(draft.language)
    return tuple(found)


def missing_count(draft: RoutineDraft, language: str) -> int:
    """How many texts the draft has in some language but not in ``language`` (a
    plain text is everyone's)."""
    return missing_counts(draft, (language,))[language]


def missing_counts(draft: RoutineDraft, codes: Iterable[str]) -> dict[str, int]:
    """missing_count() of each of ``codes``, in one pass over the draft (the editor
    asks for every language of a routine after each edit)."""
    counts = dict.fromkeys(codes, 0)
    for values in _value_sets(draft):
        for key in _text_keys(values):
            texts = per_language(values, key)
            if not any(text.strip() for text in texts.values()):
                continue
            for code in counts:
                if not texts.get(code, "").strip():
                    counts[code] += 1
    return counts


def in_language(draft: RoutineDraft, language: str) -> RoutineDraft:
    """A copy of the draft whose form edits ``language``'s texts."""
    copy = draft.copy()
    copy.language = language
    for step in copy.steps:
        step.language = language
    return copy


def with_language(draft: RoutineDraft, language: str, base: str = ENGLISH) -> RoutineDraft:
    """The draft with a language added and chosen. Plain texts become ``base``'s, the
    new language's are empty until written; while only one language has texts, the
    draft is written with plain texts as before (plain_if_one_language)."""
    copy = in_language(draft, language)
    if not languages(draft) or languages(draft) == (draft.language,):
        copy.plain_base = copy.plain_base or base
    for values in _value_sets(copy):
        for key in _text_keys(values):
            plain = values.pop(key, None)
            if plain is not None:
                values[language_key(key, base)] = plain
            values.setdefault(language_key(key, language), "")
    return copy


def plain_if_one_language(draft: RoutineDraft) -> RoutineDraft:
    """The draft as it is to be written: a file that had only plain texts keeps them
    until a second language has some text."""
    if not draft.plain_base:
        return draft
    used = {
        code
        for values in _value_sets(draft)
        for key in _text_keys(values)
        for code, text in per_language(values, key).items()
        if text.strip()
    }
    if used - {draft.plain_base}:
        return draft
    copy = draft.copy()
    for values in _value_sets(copy):
        for key in _text_keys(values):
            texts = per_language(values, key)
            for code in texts:
                del values[language_key(key, code)]
            if texts.get(draft.plain_base, "").strip():
                values[key] = texts[draft.plain_base]
    return copy
