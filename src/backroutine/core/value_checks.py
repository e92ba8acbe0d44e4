"""Reading one key's value from a routine file: text, numbers, durations, choices,
lists, pictures; every problem reported with where it is."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from . import yamldoc
from .durations import DurationError, format_duration, parse_duration
from .fields import Field, Kind
from .model import WEEKDAY_NAMES, WEEKDAYS
from .pictures import find_picture
from .problems import Problem, Severity, shorten
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

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def sorted_problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.problems, key=lambda p: (p.line, p.column)))

    def add(self, severity: Severity, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, column, severity, message))

    def error(self, node: Node, message: str) -> None:
        self.add(Severity.ERROR, node.line, node.column, message)

    def warning(self, node: Node, message: str) -> None:
        self.add(Severity.WARNING, node.line, node.column, message)

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
            self.add(Severity.ERROR, exc.line, exc.column, exc.message)
            pairs = node.pairs
        for key, value in pairs:
            if not isinstance(key, Scalar):
                self.error(key, f"a key in {where} must be a plain word such as 'name'")
                continue
            name = key.text
            if name in found:
                first = found[name][0]
                self.error(
                    key,
                    f"duplicate key {name!r}: it is already set on line {first.line}; "
                    "keep only one",
                )
                continue
            if name in fields:
                found[name] = (key, value)
                continue
            message, guess = self._unknown_key_message(name, fields, where, elsewhere or {})
            if guess:
                self.last_suggestions.add(guess)
            self.error(key, message)
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
        self.error(node, f"{where} has no {key!r}; add it, for example: {example}")

    # -- values ------------------------------------------------------------

    def text(self, field: Field, node: Node) -> str | None:
        if not isinstance(node, Scalar):
            self.error(node, f"{field.key} must be {field.kind.value}, not a list or mapping")
            return None
        if node.is_null or not node.text.strip():
            if field.required:
                self.error(node, f"{field.key} is empty; give it a value")
            else:
                self.warning(node, f"{field.key} is empty; give it a value or remove the line")
            return None
        value = node.text.strip() if field.kind is Kind.LINE else node.text.rstrip()
        if field.kind is Kind.LINE and "\n" in value:
            self.error(node, f"{field.key} must fit on one line")
            return None
        if field.max_length and len(value) > field.max_length:
            self.error(
                node,
                f"{field.key} is {len(value)} characters long; "
                f"it may be at most {field.max_length}",
            )
            return None
        return value

    def whole_number(self, key: str, node: Node) -> int | None:
        """A count as a person means it: `010` is ten, `10.0` is ten; quotes are a mistake."""
        if not isinstance(node, Scalar):
            self.error(node, f"{key} must be a whole number, not a list or mapping")
            return None
        text, value = node.text.strip(), node.value
        if node.plain and re.fullmatch(r"[0-9]+", text):
            return int(text)  # decimal, even with a leading zero (YAML 1.1 would read octal)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not node.plain and re.fullmatch(r"[0-9]+", text):
            self.error(node, f"{key} must be a number, not text in quotes; write {key}: {text}")
        elif isinstance(value, int) and not isinstance(value, bool):
            self.error(node, f"write {key} as a plain number such as 10 (it is {shorten(text)!r})")
        else:
            self.error(node, f"{key} must be a whole number (it is {shorten(text)!r})")
        return None

    def count(self, field: Field, node: Node) -> int | None:
        value = self.whole_number(field.key, node)
        if value is None:
            return None
        assert field.low is not None and field.high is not None
        if not field.low <= value <= field.high:
            self.error(
                node,
                f"{field.key} must be from {field.low:g} to {field.high:g} "
                f"(it is {shorten(str(value))})",
            )
            return None
        return value

    def duration(self, field: Field, node: Node) -> float | None:
        if not isinstance(node, Scalar):
            self.error(node, f"{field.key} must be a duration such as 30s, not a list or mapping")
            return None
        value = node.value
        if node.plain and isinstance(value, (int, float)) and not isinstance(value, bool):
            # Read the digits as written: YAML 1.1 turns 010 into 8 and 1:5 into 65.
            value = node.text
        try:
            seconds = parse_duration(value)
        except DurationError as exc:
            self.error(node, f"{field.key}: {exc}")
            return None
        if field.low and seconds < field.low:
            self.error(
                node,
                f"{field.key} must be at least {format_duration(field.low)} "
                f"(it is {format_duration(seconds)})",
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
        self.error(node, f"{field.key} must be one of: {', '.join(field.choices)}{hint}")
        return None

    def tags(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence):
            self.error(node, f"{field.key} must be a list, for example: [physio, low-back]")
            return None
        tags: list[str] = []
        for item in node.items:
            if not isinstance(item, Scalar) or item.is_null or not item.text.strip():
                self.error(item, f"each of {field.key} must be a word or short phrase")
                continue
            tags.append(item.text.strip())
        return tuple(tags)

    def days(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, "days must be a list of weekdays, for example: [mon, wed, fri]")
            return None
        days: list[str] = []
        for item in node.items:
            text = item.text.strip() if isinstance(item, Scalar) else ""
            if text not in WEEKDAYS:
                close = difflib.get_close_matches(text.lower(), WEEKDAY_NAMES, n=1, cutoff=0.5)
                hint = f"; did you mean {close[0][:3]!r}?" if close else ""
                self.error(
                    item, f"{text or 'this'!r} is not a day: use {', '.join(WEEKDAYS)}{hint}"
                )
            elif text in days:
                self.error(item, f"{text!r} is listed twice")
            else:
                days.append(text)
        return tuple(sorted(days, key=WEEKDAYS.index))

    def image(self, field: Field, node: Node) -> Path | None:
        text = self.text(field, node)
        if text is None:
            return None
        found = find_picture(self.folder, text)
        if found.problem:
            (self.error if found.fatal else self.warning)(node, found.problem)
        return found.path

    # -- the routine ---------------------------------------------------------
