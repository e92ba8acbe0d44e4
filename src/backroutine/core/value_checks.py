"""Reading one key's value from a routine file: text, numbers, durations, choices,
lists, pictures; every problem reported with where it is."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from . import yamldoc
from .durations import DurationError, parse_duration, say_duration
from .fields import Field, Kind
from .i18n import N_, _, content_languages, pgettext
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


# A dose far longer than usual: what to do about it, by key. {where} is the step
# ("step 3 (Bridge)"), {value} its time and {usual} the usual most.
_SHORTER = {
    # Translators: "hold" and "reps: 3" are words of the routine format; keep them in English.
    "hold": N_(
        "{where} hold is {value}, far longer than one hold needs (more than {usual}); "
        "shorten it, or make it several shorter reps (reps: 3)"
    ),
    # Translators: "duration" and "sets: 3" are words of the routine format; keep them in
    # English.
    "duration": N_(
        "{where} duration is {value}, far longer than one duration needs (more than {usual}); "
        "shorten it, or make it several sets (sets: 3)"
    ),
    # Translators: "tempo" is a word of the routine format; keep it in English.
    "tempo": N_(
        "{where} tempo is {value}, far longer than one rep needs (more than {usual}); "
        "tempo is the time for one rep: shorten it"
    ),
}
# The same when the time was written in minutes: {seconds} is the number as written.
_MINUTES_MEANT = {
    # Translators: "hold" and "m" are words of the routine format; keep them in English.
    "hold": N_(
        "{where} hold is {value}, far longer than one hold needs (more than {usual}); "
        "'m' means minutes: for seconds write hold: {seconds}s"
    ),
    # Translators: "duration" and "m" are words of the routine format; keep them in English.
    "duration": N_(
        "{where} duration is {value}, far longer than one duration needs (more than "
        "{usual}); 'm' means minutes: for seconds write duration: {seconds}s"
    ),
    # Translators: "tempo" and "m" are words of the routine format; keep them in English.
    "tempo": N_(
        "{where} tempo is {value}, far longer than one rep needs (more than {usual}); "
        "'m' means minutes: for seconds write tempo: {seconds}s"
    ),
}


def long_dose_message(key: str, where: str, seconds: float, usual: float, written: str) -> str:
    """The warning for a dose far longer than usual, with what to do about it: a time
    written in minutes ("90m") is most often seconds meant."""
    minutes = re.fullmatch(r"([0-9]+)\s*(m|min|mins|minutes?)", written)
    return _(_MINUTES_MEANT[key] if minutes else _SHORTER[key]).format(
        where=where,
        value=say_duration(seconds),
        usual=say_duration(usual),
        seconds=minutes[1] if minutes else "",
    )


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
                # Translators: {where} is a part of the routine ("the routine", "step 3
                # (an exercise)"); "name" is a key of the routine format: keep it in English.
                message = _("a key in {where} must be a plain word such as 'name'").format(
                    where=where
                )
                self.error(key, "key-not-a-word", message)
                continue
            name = key.text
            if name in found:
                first = found[name][0]
                self.error(
                    key,
                    "duplicate-key",
                    _(
                        "duplicate key {key}: it is already set on line {line}; keep only one"
                    ).format(key=repr(name), line=first.line),
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
        shown = repr(shorten(name))
        if name in elsewhere:
            # Translators: {where} is a part of the routine ("the routine", "step 3 (an
            # exercise)"); {advice} says where the key belongs.
            message = _("unknown key {key} in {where}: {advice}")
            return message.format(key=shown, where=where, advice=elsewhere[name]), None
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
            # Translators: {where} is a part of the routine ("the routine", "step 3 (an
            # exercise)"); {suggestion} is a key of the routine format.
            message = _("unknown key {key} in {where}; did you mean {suggestion}?")
            return message.format(key=shown, where=where, suggestion=repr(guess)), guess
        # Translators: {where} is a part of the routine ("the routine", "step 3 (an
        # exercise)"); {keys} lists the keys of the routine format allowed there.
        message = _("unknown key {key} in {where}; the keys here are: {keys}")
        return message.format(key=shown, where=where, keys=", ".join(fields)), None

    def missing(self, node: Node, key: str, where: str, example: str) -> None:
        # Translators: {where} is a part of the routine ("the routine", "step 3"); {key}
        # is a key of the routine format and {example} a line of a routine file.
        message = _("{where} has no {key}; add it, for example: {example}")
        self.error(
            node, "missing-key", message.format(where=where, key=repr(key), example=example), key
        )

    # -- values ------------------------------------------------------------

    def text(self, field: Field, node: Node) -> str | None:
        if isinstance(node, Mapping) and field.kind in (Kind.LINE, Kind.TEXT):
            return self.texts(field, node)
        if not isinstance(node, Scalar):
            # Translators: {key} is a key of the routine format ("name", "instructions").
            message = _("{key} must be text, not a list or mapping").format(key=field.key)
            self.error(node, "not-text", message, field.key)
            return None
        if node.is_null or not node.text.strip():
            if field.required:
                message = _("{key} is empty; give it a value").format(key=field.key)
                self.error(node, "empty-value", message, field.key)
            else:
                message = _("{key} is empty; give it a value or remove the line").format(
                    key=field.key
                )
                self.warning(node, "empty-value", message, field.key)
            return None
        value = node.text.strip() if field.kind is Kind.LINE else node.text.rstrip()
        if field.kind is Kind.LINE and "\n" in value:
            message = _("{key} must fit on one line").format(key=field.key)
            self.error(node, "not-one-line", message, field.key)
            return None
        if field.max_length and len(value) > field.max_length:
            self.error(
                node,
                "too-long",
                _("{key} is {length} characters long; it may be at most {most}").format(
                    key=field.key, length=len(value), most=field.max_length
                ),
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
            message = _("{key} must be a whole number, not a list or mapping").format(key=key)
            self.error(node, "not-a-number", message, key)
            return None
        text, value = node.text.strip(), node.value
        if node.plain and re.fullmatch(r"[0-9]+", text):
            return int(text)  # decimal, even with a leading zero (YAML 1.1 would read octal)
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if not node.plain and re.fullmatch(r"[0-9]+", text):
            # Translators: "{key}: {value}" is a line of a routine file; keep it as it is.
            message = _("{key} must be a number, not text in quotes; write {key}: {value}")
            message = message.format(key=key, value=text)
            self.error(node, "number-in-quotes", message, key)
        elif isinstance(value, int) and not isinstance(value, bool):
            message = _("write {key} as a plain number such as 10 (it is {value})").format(
                key=key, value=repr(shorten(text))
            )
            self.error(node, "not-a-number", message, key)
        else:
            message = _("{key} must be a whole number (it is {value})").format(
                key=key, value=repr(shorten(text))
            )
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
                _("{key} must be from {low} to {high} (it is {value})").format(
                    key=field.key,
                    low=f"{field.low:g}",
                    high=f"{field.high:g}",
                    value=shorten(str(value)),
                ),
                field.key,
            )
            return None
        return value

    def duration(self, field: Field, node: Node) -> float | None:
        if not isinstance(node, Scalar):
            # Translators: "30s" is how a routine file writes 30 seconds; keep it as it is.
            message = _("{key} must be a duration such as 30s, not a list or mapping").format(
                key=field.key
            )
            self.error(node, "not-a-duration", message, field.key)
            return None
        value = node.value
        if node.plain and isinstance(value, (int, float)) and not isinstance(value, bool):
            # Read the digits as written: YAML 1.1 turns 010 into 8 and 1:5 into 65.
            value = node.text
        try:
            seconds = parse_duration(value)
        except DurationError as exc:
            # Translators: {key} is a key of the routine format, {problem} what is wrong
            # with its value.
            message = _("{key}: {problem}").format(key=field.key, problem=exc)
            self.error(node, "not-a-duration", message, field.key)
            return None
        if field.low and seconds < field.low:
            self.error(
                node,
                "duration-too-short",
                _("{key} must be at least {least} (it is {value})").format(
                    key=field.key, least=say_duration(field.low), value=say_duration(seconds)
                ),
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
        choices = ", ".join(field.choices)
        if close:
            # Translators: {choices} and {suggestion} are words of the routine format
            # ("left", "both"); they stay in English.
            message = _("{key} must be one of: {choices}; did you mean {suggestion}?")
        else:
            # Translators: {choices} are words of the routine format ("left", "both").
            message = _("{key} must be one of: {choices}")
        suggestion = repr(close[0]) if close else ""
        message = message.format(key=field.key, choices=choices, suggestion=suggestion)
        self.error(node, "not-a-choice", message, field.key)
        return None

    def tags(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence):
            message = _("{key} must be a list, for example: [physio, low-back]").format(
                key=field.key
            )
            self.error(node, "not-a-list", message, field.key)
            return None
        tags: list[str] = []
        for item in node.items:
            if not isinstance(item, Scalar) or item.is_null or not item.text.strip():
                message = _("each of {key} must be a word or short phrase").format(key=field.key)
                self.error(item, "bad-tag", message, field.key)
                continue
            tags.append(item.text.strip())
        return tuple(tags)

    def days(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence) or not node.items:
            # Translators: "days" and "mon, wed, fri" are words of the routine format;
            # keep them in English.
            message = _("days must be a list of weekdays, for example: [mon, wed, fri]")
            self.error(node, "not-a-list", message, field.key)
            return None
        days: list[str] = []
        for item in node.items:
            text = item.text.strip() if isinstance(item, Scalar) else ""
            if text not in WEEKDAYS:
                close = difflib.get_close_matches(text.lower(), WEEKDAY_NAMES, n=1, cutoff=0.5)
                shown = repr(text) if text else pgettext("value", "this")
                days_list = ", ".join(WEEKDAYS)
                if close:
                    # Translators: {days} and {suggestion} are words of the routine format
                    # ("mon", "tue"); they stay in English.
                    message = _("{value} is not a day: use {days}; did you mean {suggestion}?")
                else:
                    # Translators: {days} are words of the routine format ("mon", "tue").
                    message = _("{value} is not a day: use {days}")
                suggestion = repr(close[0][:3]) if close else ""
                message = message.format(value=shown, days=days_list, suggestion=suggestion)
                self.error(item, "not-a-day", message, field.key)
            elif text in days:
                message = _("{value} is listed twice").format(value=repr(text))
                self.error(item, "day-twice", message, field.key)
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
