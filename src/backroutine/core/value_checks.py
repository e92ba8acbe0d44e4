"""Reading one key's value from a routine file: text, numbers, durations, choices,
lists, pictures; every problem reported with where it is."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from . import yamldoc
from .durations import DurationError, format_duration, parse_duration
from .fields import Field, Kind
from .i18n import content_languages
from .model import WEEKDAY_NAMES, WEEKDAYS
from .pictures import find_picture
from .problems import Problem, Severity, shorten
from .text_checks import read_languages
from .texts import pick
from .yamldoc import Mapping, Node, Scalar, Sequence

# Words people reach for that the format spells differently.
_SYNONYMS = {
    "title": "name",
    "name": "exercise",
    "description": "instructions",
    "instruction": "instructions",
    "how": "instructions",
    "repetitions": "reps",
    "repeat": "reps",
    "repeats": "reps",
    "seconds": "hold",
    "time": "duration",
    "length": "duration",
    "side": "sides",
    "set": "sets",
    "picture": "image",
    "img": "image",
    "photo": "image",
    "warning": "caution",
    "warnings": "caution",
    "notes": "note",
    "exercises": "steps",
    "tag": "tags",
    "pause": "rest",
    "rest_between_reps": "rest",
    "get_ready": "prepare",
    "times_per_day": "per_day",
    "per-day": "per_day",
    "rest-between-sets": "rest_between_sets",
}


class ValueChecker:
    """Reads the values of a routine's keys, reporting each problem where it is."""

    def __init__(self, shown: str, folder: Path) -> None:
        self.shown = shown
        self.folder = folder
        self.problems: list[Problem] = []
        self.last_suggestions: set[str] = set()  # keys that keys() guessed were meant
        self.steps_key: Node | None = None  # where a problem with the whole routine points
        self.prefix = ""  # the field being read: "", "schedule", "steps[3]"
        self.languages: list[str] = []  # of texts written per language, as first met

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def sorted_problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.problems, key=lambda p: (p.line, p.column)))

    def here(self, key: str | None = None) -> str:
        """The field path of key in the mapping being read (or of the mapping itself)."""
        if not key:
            return self.prefix
        return f"{self.prefix}.{key}" if self.prefix else key

    def add(
        self, severity: Severity, line: int, column: int, message: str, code: str, field: str
    ) -> None:
        self.problems.append(Problem(self.shown, line, column, severity, message, code, field))

    def error(self, node: Node, code: str, message: str, key: str | None = None) -> None:
        self.add(Severity.ERROR, node.line, node.column, message, code, self.here(key))

    def warning(self, node: Node, code: str, message: str, key: str | None = None) -> None:
        self.add(Severity.WARNING, node.line, node.column, message, code, self.here(key))

    # -- mappings and keys -------------------------------------------------

    def keys(
        self,
        node: Mapping,
        fields: dict[str, Field],
        where: str,
        elsewhere: dict[str, str] | None = None,
    ) -> dict[str, tuple[Scalar, Node]]:
        """The mapping's known keys with their nodes; reports duplicates and unknown keys."""
        found: dict[str, tuple[Scalar, Node]] = {}
        self.last_suggestions = set()
        try:
            pairs = yamldoc.merged_pairs(node)
        except yamldoc.DocumentError as exc:
            self.add(Severity.ERROR, exc.line, exc.column, exc.message, exc.code, self.here())
            pairs = node.pairs
        for key, value in pairs:
            if not isinstance(key, Scalar):
                message = f"a key in {where} must be a plain word such as 'name'"
                self.error(key, "key-not-a-word", message)
                continue
            name = key.text
            if name in found:
                first = found[name][0]
                self.error(
                    key,
                    "duplicate-key",
                    f"duplicate key {name!r}: it is already set on line {first.line}; "
                    "keep only one",
                    name,
                )
                continue
            if name in fields:
                found[name] = (key, value)
                continue
            message, guess = self._unknown_key_message(name, fields, where, elsewhere or {})
            if guess:
                self.last_suggestions.add(guess)
            self.error(key, "unknown-key", message)
        return found

    @staticmethod
    def _unknown_key_message(
        name: str, fields: dict[str, Field], where: str, elsewhere: dict[str, str]
    ) -> tuple[str, str | None]:
        """The message for an unknown key, and the known key it probably meant."""
        message = f"unknown key {shorten(name)!r} in {where}"
        if name in elsewhere:
            return f"{message}: {elsewhere[name]}", None
        lowered = name.strip().lower().replace(" ", "_").replace("-", "_")
        guess = None
        if lowered in fields and lowered != name:
            guess = lowered
        elif _SYNONYMS.get(lowered) in fields:
            guess = _SYNONYMS[lowered]
        else:
            close = difflib.get_close_matches(lowered, list(fields), n=1, cutoff=0.6)
            guess = close[0] if close else None
        if guess:
            return f"{message}; did you mean {guess!r}?", guess
        return f"{message}; the keys here are: {', '.join(fields)}", None

    def missing(self, node: Node, key: str, where: str, example: str) -> None:
        self.error(
            node, "missing-key", f"{where} has no {key!r}; add it, for example: {example}", key
        )

    # -- values ------------------------------------------------------------

    def text(self, field: Field, node: Node) -> str | None:
        if isinstance(node, Mapping) and field.kind in (Kind.LINE, Kind.TEXT):
            return self.texts(field, node)
        if not isinstance(node, Scalar):
            message = f"{field.key} must be {field.kind.value}, not a list or mapping"
            self.error(node, "not-text", message, field.key)
            return None
        if node.is_null or not node.text.strip():
            if field.required:
                self.error(node, "empty-value", f"{field.key} is empty; give it a value", field.key)
            else:
                message = f"{field.key} is empty; give it a value or remove the line"
                self.warning(node, "empty-value", message, field.key)
            return None
        value = node.text.strip() if field.kind is Kind.LINE else node.text.rstrip()
        if field.kind is Kind.LINE and "\n" in value:
            self.error(node, "not-one-line", f"{field.key} must fit on one line", field.key)
            return None
        if field.max_length and len(value) > field.max_length:
            self.error(
                node,
                "too-long",
                f"{field.key} is {len(value)} characters long; "
                f"it may be at most {field.max_length}",
                field.key,
            )
            return None
        return value

    def texts(self, field: Field, node: Mapping) -> str | None:
        """A text given per language: the one the person reads (core/texts.py)."""
        found = read_languages(
            node,
            field.key,
            lambda value: self.text(field, value),
            lambda where, code, message: self.error(where, code, message, field.key),
        )
        if found is None:
            return None
        self.languages.extend(code for code in found if code not in self.languages)
        return pick(found, content_languages())

    def whole_number(self, key: str, node: Node) -> int | None:
        """A count as a person means it: `010` is ten, `10.0` is ten; quotes are a mistake."""
        if not isinstance(node, Scalar):
            message = f"{key} must be a whole number, not a list or mapping"
            self.error(node, "not-a-number", message, key)
            return None
        text, value = node.text.strip(), node.value
        if node.plain and re.fullmatch(r"[0-9]+", text):
            return int(text)  # decimal, even with a leading zero (YAML 1.1 would read octal)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not node.plain and re.fullmatch(r"[0-9]+", text):
            message = f"{key} must be a number, not text in quotes; write {key}: {text}"
            self.error(node, "number-in-quotes", message, key)
        elif isinstance(value, int) and not isinstance(value, bool):
            message = f"write {key} as a plain number such as 10 (it is {shorten(text)!r})"
            self.error(node, "not-a-number", message, key)
        else:
            message = f"{key} must be a whole number (it is {shorten(text)!r})"
            self.error(node, "not-a-number", message, key)
        return None

    def count(self, field: Field, node: Node) -> int | None:
        value = self.whole_number(field.key, node)
        if value is None:
            return None
        assert field.low is not None and field.high is not None
        if not field.low <= value <= field.high:
            self.error(
                node,
                "out-of-range",
                f"{field.key} must be from {field.low:g} to {field.high:g} "
                f"(it is {shorten(str(value))})",
                field.key,
            )
            return None
        return value

    def duration(self, field: Field, node: Node) -> float | None:
        if not isinstance(node, Scalar):
            message = f"{field.key} must be a duration such as 30s, not a list or mapping"
            self.error(node, "not-a-duration", message, field.key)
            return None
        value = node.value
        if node.plain and isinstance(value, (int, float)) and not isinstance(value, bool):
            # Read the digits as written: YAML 1.1 turns 010 into 8 and 1:5 into 65.
            value = node.text
        try:
            seconds = parse_duration(value)
        except DurationError as exc:
            self.error(node, "not-a-duration", f"{field.key}: {exc}", field.key)
            return None
        if field.low and seconds < field.low:
            self.error(
                node,
                "duration-too-short",
                f"{field.key} must be at least {format_duration(field.low)} "
                f"(it is {format_duration(seconds)})",
                field.key,
            )
            return None
        return seconds

    def choice(self, field: Field, node: Node) -> str | None:
        text = node.text.strip() if isinstance(node, Scalar) and not node.is_null else ""
        if text in field.choices:
            return text
        close = (
            difflib.get_close_matches(text.lower(), field.choices, n=1, cutoff=0.5) if text else []
        )
        hint = f"; did you mean {close[0]!r}?" if close else ""
        message = f"{field.key} must be one of: {', '.join(field.choices)}{hint}"
        self.error(node, "not-a-choice", message, field.key)
        return None

    def tags(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence):
            message = f"{field.key} must be a list, for example: [physio, low-back]"
            self.error(node, "not-a-list", message, field.key)
            return None
        tags: list[str] = []
        for item in node.items:
            if not isinstance(item, Scalar) or item.is_null or not item.text.strip():
                message = f"each of {field.key} must be a word or short phrase"
                self.error(item, "bad-tag", message, field.key)
                continue
            tags.append(item.text.strip())
        return tuple(tags)

    def days(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence) or not node.items:
            message = "days must be a list of weekdays, for example: [mon, wed, fri]"
            self.error(node, "not-a-list", message, field.key)
            return None
        days: list[str] = []
        for item in node.items:
            text = item.text.strip() if isinstance(item, Scalar) else ""
            if text not in WEEKDAYS:
                close = difflib.get_close_matches(text.lower(), WEEKDAY_NAMES, n=1, cutoff=0.5)
                hint = f"; did you mean {close[0][:3]!r}?" if close else ""
                message = f"{text or 'this'!r} is not a day: use {', '.join(WEEKDAYS)}{hint}"
                self.error(item, "not-a-day", message, field.key)
            elif text in days:
                self.error(item, "day-twice", f"{text!r} is listed twice", field.key)
            else:
                days.append(text)
        return tuple(sorted(days, key=WEEKDAYS.index))

    def image(self, field: Field, node: Node) -> Path | None:
        text = self.text(field, node)
        if text is None:
            return None
        found = find_picture(self.folder, text)
        if found.problem:
            report = self.error if found.fatal else self.warning
            report(node, found.code, found.problem, field.key)
        return found.path

    # -- the routine ---------------------------------------------------------
