"""The routine model: frozen values built only from a file that validated."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from .weekdays import WEEKDAYS as WEEKDAYS  # re-exported for the rest of the core

DEFAULT_PREPARE = 5.0
DEFAULT_REST_BETWEEN_SETS = 15.0

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class Side(enum.Enum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    def sequence(self) -> tuple[Side, ...]:
        """The sides worked, in order, within one set."""
        if self is Side.BOTH:
            return (Side.LEFT, Side.RIGHT)
        return (self,)


class DoseKind(enum.Enum):
    HOLD = "hold"  # a timed hold, done `reps` times with `rest` between
    DURATION = "duration"  # one continuous timed period
    TIMED_REPS = "timed_reps"  # reps at a tempo
    UNTIMED_REPS = "untimed_reps"  # reps the user marks as done


@dataclass(frozen=True, slots=True)
class Dose:
    kind: DoseKind
    seconds: float | None  # the hold, the duration or the tempo; None for untimed reps
    reps: int = 1
    rest: float = 0.0  # between reps of a hold

    def describe(self) -> str:
        from .durations import format_duration

        if self.kind is DoseKind.DURATION:
            return format_duration(self.seconds or 0)
        if self.kind is DoseKind.HOLD:
            hold = f"hold {format_duration(self.seconds or 0)}"
            return hold if self.reps == 1 else f"{self.reps} x {hold}"
        if self.kind is DoseKind.TIMED_REPS:
            return f"{self.reps} reps, {format_duration(self.seconds or 0)} each"
        return f"{self.reps} reps"


@dataclass(frozen=True, slots=True)
class ExerciseStep:
    name: str
    dose: Dose
    instructions: str = ""
    image: Path | None = None
    caution: str = ""
    sets: int = 1
    rest_between_sets: float = DEFAULT_REST_BETWEEN_SETS
    sides: Side | None = None
    prepare: float | None = None  # None: the routine's own
    line: int = 0
    languages: tuple[str, ...] = ()  # of its texts given per language (core/texts.py)

    def describe(self) -> str:
        """The whole dose in a few words: "3 x hold 10s, 5s rest between · each side"."""
        from .durations import format_duration

        parts = [self.dose.describe()]
        if self.dose.kind is DoseKind.HOLD and self.dose.reps > 1 and self.dose.rest > 0:
            parts[0] += f", {format_duration(self.dose.rest)} rest between"
        if self.sides is Side.BOTH:
            parts.append("each side")
        elif self.sides is not None:
            parts.append(f"{self.sides.value} side")
        if self.sets > 1:
            between = format_duration(self.rest_between_sets)
            parts.append(f"{self.sets} sets, {between} rest between sets")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class RestStep:
    seconds: float
    note: str = ""
    line: int = 0
    languages: tuple[str, ...] = ()


Step = ExerciseStep | RestStep


@dataclass(frozen=True, slots=True)
class Schedule:
    per_day: int
    days: tuple[str, ...] = WEEKDAYS

    def describe(self) -> str:
        """ "twice a day, every day", "once a day, on Mon, Wed, Fri"."""
        times = {1: "once a day", 2: "twice a day"}.get(self.per_day, f"{self.per_day} times a day")
        if tuple(self.days) == WEEKDAYS:
            return f"{times}, every day"
        return f"{times}, on {', '.join(d.capitalize() for d in self.days)}"


@dataclass(frozen=True, slots=True)
class Routine:
    id: str
    path: Path
    name: str
    steps: tuple[Step, ...]
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    prepare: float = DEFAULT_PREPARE
    schedule: Schedule | None = None
    caution: str = ""
    format: int = 1
    content_hash: str = ""
    # The language codes its texts are written in (core/texts.py), as first met;
    # empty when every text is a plain string. language is the one shown.
    languages: tuple[str, ...] = ()
    language: str = ""
