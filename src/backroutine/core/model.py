"""The routine model: frozen values built only from a file that validated."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from .i18n import _, day_name, ngettext, pgettext
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
        from .durations import say_duration

        time = say_duration(self.seconds or 0)
        if self.kind is DoseKind.DURATION:
            return time
        if self.kind is DoseKind.HOLD:
            if self.reps == 1:
                # Translators: a dose: keep a position still for a time, "hold 10 s".
                return _("hold {time}").format(time=time)
            # Translators: a dose: a hold done {count} times, "3 x hold 10 s"; a "rep"
            # is one repetition of an exercise.
            text = ngettext("{count} x hold {time}", "{count} x hold {time}", self.reps)
            return text.format(count=self.reps, time=time)
        if self.kind is DoseKind.TIMED_REPS:
            # Translators: a dose: {count} repetitions, each taking {time}.
            text = ngettext("{count} rep, {time} each", "{count} reps, {time} each", self.reps)
            return text.format(count=self.reps, time=time)
        # Translators: a dose: {count} repetitions of an exercise, done at one's own pace.
        return ngettext("{count} rep", "{count} reps", self.reps).format(count=self.reps)


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
        """The whole dose in a few words: "3 x hold 10 s, 5 s rest between · each side"."""
        from .durations import say_duration

        dose = self.dose
        if dose.kind is DoseKind.HOLD and dose.reps > 1 and dose.rest > 0:
            # Translators: a dose: a hold done {count} times with a rest between the
            # holds, "3 x hold 10 s, 5 s rest between".
            text = ngettext(
                "{count} x hold {time}, {rest} rest between",
                "{count} x hold {time}, {rest} rest between",
                dose.reps,
            )
            parts = [
                text.format(
                    count=dose.reps,
                    time=say_duration(dose.seconds or 0),
                    rest=say_duration(dose.rest),
                )
            ]
        else:
            parts = [dose.describe()]
        if self.sides is Side.BOTH:
            parts.append(pgettext("dose", "each side"))
        elif self.sides is Side.LEFT:
            parts.append(pgettext("dose", "left side"))
        elif self.sides is Side.RIGHT:
            parts.append(pgettext("dose", "right side"))
        if self.sets > 1:
            # Translators: a "set" is one round of an exercise's reps; the sets are
            # done {count} times with a rest between them.
            text = ngettext(
                "{count} set, {rest} rest between sets",
                "{count} sets, {rest} rest between sets",
                self.sets,
            )
            parts.append(text.format(count=self.sets, rest=say_duration(self.rest_between_sets)))
        # Translators: what stands between the parts of a dose, "3 x hold 10 s · each side".
        return pgettext("separator", " · ").join(parts)


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
        n = self.per_day
        if tuple(self.days) == WEEKDAYS:
            if n == 1:
                return _("once a day, every day")
            if n == 2:
                return _("twice a day, every day")
            return ngettext(
                "{count} time a day, every day", "{count} times a day, every day", n
            ).format(count=n)
        # Translators: what stands between the names of days in a list, "Mon, Wed, Fri".
        days = pgettext("separator", ", ").join(
            day_name(WEEKDAYS.index(day), "abbreviated") for day in self.days if day in WEEKDAYS
        )
        if n == 1:
            # Translators: {days} is a list of weekdays, "Mon, Wed, Fri".
            return _("once a day, on {days}").format(days=days)
        if n == 2:
            # Translators: {days} is a list of weekdays, "Mon, Wed, Fri".
            return _("twice a day, on {days}").format(days=days)
        # Translators: {days} is a list of weekdays, "Mon, Wed, Fri".
        text = ngettext("{count} time a day, on {days}", "{count} times a day, on {days}", n)
        return text.format(count=n, days=days)


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
