"""Every kind of problem a routine file can have, by its stable code.

The code of a problem never changes with its wording (or its language), so
programs (`backroutine list --json`, the editor) can rely on it. The list of
codes in docs/problems.md is generated from this table.
"""

from __future__ import annotations

# code: what it means (for the docs)
CODES: dict[str, str] = {
    # the file itself
    "file-name-not-an-id": "The file name is not a routine id; the id is made from it.",
    "not-a-regular-file": "The path is a folder, a pipe, a device or something else, not a file.",
    "file-too-large": "The file is larger than 1 MiB.",
    "cannot-read": "The file could not be read (permissions, a broken disk, ...).",
    "name-has-nul": "The file name holds a NUL character, which no file can have.",
    "not-utf8": "The file holds binary data or text that is not UTF-8.",
    "binary-data": "The file holds a NUL byte: binary data.",
    "empty-file": "The file holds no routine: it is empty, or only comments.",
    # YAML
    "yaml-syntax": "The text is not valid YAML (indentation, quotes, a stray ':').",
    "control-character": "The text holds a control character that YAML cannot hold.",
    "second-document": "A second YAML document starts ('---'); a routine is one document.",
    "tag-not-allowed": "A YAML tag such as !!python/object; a routine holds plain values.",
    "bad-tagged-value": "A value that its YAML tag cannot hold ('abc' as !!int).",
    "alias-loop": "A YAML alias refers to a value that contains it.",
    "alias-without-anchor": "A YAML alias (*name) with no anchor (&name).",
    "too-many-values": "More values than a routine ever needs (aliases that multiply).",
    "nested-too-deep": "Values nested far deeper than a routine needs.",
    "bad-merge-key": "A merge key (<<) that is given something other than a mapping.",
    # keys
    "not-a-routine": "The file holds a list or a single value, not keys such as 'name:'.",
    "key-not-a-word": "A key that is a list or mapping instead of a plain word.",
    "duplicate-key": "The same key twice in one place.",
    "unknown-key": "A key the format does not know here (often a typo, with a suggestion).",
    "missing-key": "A required key is missing (name, steps, per_day, exercise).",
    # values
    "not-text": "Text was expected, but a list or mapping was given.",
    "empty-value": "A key with no value.",
    "not-one-line": "A value that must fit on one line holds a line break.",
    "too-long": "Text longer than the key allows.",
    "not-a-number": "A whole number was expected.",
    "number-in-quotes": "A number written in quotes, as text.",
    "out-of-range": "A number outside the range the key allows.",
    "not-a-duration": "A time that cannot be read as a duration such as 30s or 1m30s.",
    "duration-too-short": "A time shorter than the key allows.",
    "not-a-choice": "A value that is not one of the words the key allows.",
    "not-a-list": "A list was expected (tags, days, steps).",
    "bad-tag": "A tag that is not a word or short phrase.",
    "not-a-day": "A day that is not one of mon, tue, wed, thu, fri, sat, sun.",
    "day-twice": "The same day listed twice.",
    "bad-format": "The format version is not one this version of BackRoutine reads.",
    "format-too-new": "The routine was written for a newer version of BackRoutine.",
    # texts in several languages
    "no-texts": "A text given per language ({en: ..., de: ...}) with no language in it.",
    "unknown-language": "A language code that names no language (with a suggestion).",
    # pictures
    "image-bad-name": "An image path that no file can have.",
    "image-not-relative": "An image path that is absolute instead of relative to the routine.",
    "image-outside-folder": "An image outside the routine's folder ('..', or a link out of it).",
    "image-not-found": "The picture file does not exist; the exercise shows no picture.",
    "image-unusable": "The picture cannot be shown (not a picture, too large, unreadable).",
    # schedule and steps
    "schedule-not-a-mapping": "The schedule is not a mapping such as {per_day: 2}.",
    "no-steps": "The routine has no steps.",
    "too-many-steps": "More steps than a routine may have.",
    "step-not-a-mapping": "A step is not a mapping of keys.",
    "step-without-kind": "A step has neither 'exercise' nor 'rest'.",
    "no-instructions": "An exercise without instructions.",
    "no-dose": "An exercise without a dose (hold, duration or reps).",
    "two-doses": "An exercise with two doses that cannot go together.",
    "rest-without-hold": "An exercise with a 'rest', which needs a 'hold'.",
    "tempo-without-reps": "A 'tempo' without 'reps', or with a hold or duration.",
    "dose-unusually-long": "A hold, duration or tempo far longer than one exercise needs.",
    "routine-unusually-long": "A routine far longer than a session needs.",
    # the library and the editor
    "replaces-bundled": "A routine of yours with the id of a bundled one, which it replaces.",
    "bundled-kept-until-fixed": "Your copy of a bundled routine has errors; the bundled is used.",
    "duplicate-id": "Two of your files give the same routine id.",
    "same-name": "Another routine in the library has the same name.",
}

# Problems with an exercise's dose as a whole, rather than with one of its keys.
DOSE_CODES = frozenset({"no-dose", "two-doses", "rest-without-hold", "tempo-without-reps"})


def codes_markdown() -> str:
    """The table of problem codes for docs/problems.md."""
    lines = ["| code | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {meaning} |" for code, meaning in CODES.items()]
    return "\n".join(lines) + "\n"
