"""Expand a routine into the timeline of periods a session walks through."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .model import DoseKind, ExerciseStep, Routine, Side

SWITCH_SIDES_SECONDS = 3.0


class PeriodKind(enum.Enum):
    PREPARE = "prepare"
    HOLD = "hold"
    DURATION = "duration"
    TIMED_REP = "timed_rep"
    UNTIMED_REP = "untimed_rep"  # waits for the user to press Done
    REST = "rest"
    SWITCH_SIDES = "switch_sides"

    @property
    def is_work(self) -> bool:
        return self in (
            PeriodKind.HOLD,
            PeriodKind.DURATION,
            PeriodKind.TIMED_REP,
            PeriodKind.UNTIMED_REP,
        )


_WORK_KIND = {
    DoseKind.HOLD: PeriodKind.HOLD,
    DoseKind.DURATION: PeriodKind.DURATION,
    DoseKind.TIMED_REPS: PeriodKind.TIMED_REP,
    DoseKind.UNTIMED_REPS: PeriodKind.UNTIMED_REP,
}


@dataclass(frozen=True, slots=True)
class Period:
    """One stretch of the session: what to do, and for how long (None: until Done)."""

    kind: PeriodKind
    seconds: float | None
    step_index: int
    exercise: str = ""  # the exercise this period belongs to; empty for a rest step
    set: int = 0  # 1-based; 0 where it does not apply
    sets: int = 0
    side: Side | None = None
    rep: int = 0
    reps: int = 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class Timeline:
    periods: tuple[Period, ...]
    total_seconds: float  # the sum of every timed period
    untimed_reps: int  # reps whose length is up to the user: the total is "about"

    @property
    def is_exact(self) -> bool:
        return self.untimed_reps == 0


def expand_timeline(routine: Routine) -> Timeline:
    periods: list[Period] = []
    for index, step in enumerate(routine.steps):
        if isinstance(step, ExerciseStep):
            periods.extend(_step_periods(index, step, routine.prepare))
        elif step.seconds > 0:
            periods.append(Period(PeriodKind.REST, step.seconds, index, note=step.note))
    total = sum(p.seconds for p in periods if p.seconds is not None)
    untimed = sum(1 for p in periods if p.seconds is None)
    return Timeline(tuple(periods), total, untimed)


_PERIODS: dict[tuple[object, ...], tuple[Period, ...]] = {}


def _step_periods(index: int, step: ExerciseStep, routine_prepare: float) -> tuple[Period, ...]:
    """The same step at the same place gives the same periods: a routine edited one
    step at a time (in the editor) expands only the step that changed. The key is
    what the periods are made of (not, say, the step's line in the file)."""
    key = (
        index,
        step.name,
        step.dose,
        step.sets,
        step.rest_between_sets,
        step.sides,
        step.prepare,
        routine_prepare,
    )
    found = _PERIODS.get(key)
    if found is None:
        if len(_PERIODS) >= 4096:
            _PERIODS.clear()
        found = _PERIODS[key] = tuple(_exercise_periods(index, step, routine_prepare))
    return found


def _exercise_periods(index: int, step: ExerciseStep, routine_prepare: float) -> list[Period]:
    prepare = routine_prepare if step.prepare is None else step.prepare
    dose = step.dose
    sides: tuple[Side | None, ...] = step.sides.sequence() if step.sides else (None,)
    reps = dose.reps if dose.kind is not DoseKind.DURATION else 1
    work = _WORK_KIND[dose.kind]

    def period(
        kind: PeriodKind, seconds: float | None, set_number: int, side: Side | None, rep: int
    ) -> Period:
        return Period(kind, seconds, index, step.name, set_number, step.sets, side, rep, reps)

    periods: list[Period] = []
    if prepare > 0:
        periods.append(period(PeriodKind.PREPARE, prepare, 1, sides[0], 1))
    for set_number in range(1, step.sets + 1):
        for side_number, side in enumerate(sides):
            if side_number > 0:
                periods.append(
                    period(PeriodKind.SWITCH_SIDES, SWITCH_SIDES_SECONDS, set_number, side, 1)
                )
            for rep in range(1, reps + 1):
                if rep > 1 and dose.kind is DoseKind.HOLD and dose.rest > 0:
                    periods.append(period(PeriodKind.REST, dose.rest, set_number, side, rep))
                periods.append(period(work, dose.seconds, set_number, side, rep))
        if set_number < step.sets and step.rest_between_sets > 0:
            periods.append(
                period(PeriodKind.REST, step.rest_between_sets, set_number + 1, sides[0], 1)
            )
    return periods
