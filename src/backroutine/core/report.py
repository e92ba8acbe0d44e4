"""What a report for a clinician says: per routine, what was prescribed and what was done.

Pure data, built from the history and the routines; ui/report_pdf.py lays it
out on paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .adherence import scheduled_on
from .durations import format_duration
from .history import PeriodRecord, SessionRecord
from .model import ExerciseStep, Routine
from .timeline import Timeline, expand_timeline

DEFAULT_DAYS = 90  # a report without a start date covers the last 90 days
NOTE_SHOWN = 500  # characters of a note the report shows; the exports keep it whole
NOTE_CUT = " \u2026 (the whole note is in the CSV/JSON export)"


@dataclass(frozen=True, slots=True)
class ExerciseLine:
    """One exercise of a routine: its prescription against what was done."""

    exercise: str
    prescribed: str  # "3 x hold 10s, 5s rest between · each side"
    per_session: int  # holds, reps or timed parts in one full session
    sessions: int  # sessions in which it was reached at all
    done: int  # holds, reps or timed parts done, over all those sessions
    skipped: int
    hurt: int  # times "It hurts" was pressed on it
    planned_hold: float | None  # seconds, for a timed hold or duration
    mean_hold: float | None  # the mean time actually held, of those done

    @property
    def done_text(self) -> str:
        """ "611 of 630": done, of what the sessions it was reached in prescribed."""
        if not self.sessions:
            return "not reached"
        return f"{self.done} of {self.per_session * self.sessions}"

    @property
    def hold_text(self) -> str:
        """ "18s of 20s": the mean time held (or kept going), of the time prescribed."""
        if self.mean_hold is None or not self.planned_hold:
            return ""
        mean, planned = round(self.mean_hold, 1), self.planned_hold
        return f"{format_duration(mean)} of {format_duration(planned)}"


@dataclass(frozen=True, slots=True)
class RoutineSection:
    routine_id: str
    name: str
    schedule: str  # "twice a day, every day", or "" when none is prescribed
    sessions: tuple[SessionRecord, ...]
    exercises: tuple[ExerciseLine, ...]
    adherence: str  # "23 of 28 scheduled sessions (82%)", or ""
    changed: bool  # the routine file changed during the period
    missing: bool  # the routine file is no longer there: no prescription to show

    @property
    def completed(self) -> int:
        return sum(s.status == "completed" for s in self.sessions)

    @property
    def first_day(self) -> date:
        return date.fromisoformat(self.sessions[0].local_date)

    @property
    def pain(self) -> list[tuple[datetime, int | None, int | None]]:
        return [
            (datetime.fromisoformat(s.started_at), s.pain_before, s.pain_after)
            for s in self.sessions
            if s.pain_before is not None or s.pain_after is not None
        ]

    @property
    def notes(self) -> list[tuple[str, str]]:
        """(day, note) of each session with one, a long note cut to its start."""
        return [(s.local_date, shown_note(s.note)) for s in self.sessions if s.note.strip()]


def shown_note(note: str) -> str:
    """The note, or its first NOTE_SHOWN characters and a mark that it goes on."""
    return note if len(note) <= NOTE_SHOWN else note[:NOTE_SHOWN].rstrip() + NOTE_CUT


@dataclass(frozen=True, slots=True)
class Report:
    since: date
    until: date  # the last day covered (today, when made)
    made: datetime
    sections: tuple[RoutineSection, ...] = field(default=())

    @property
    def sessions(self) -> int:
        return sum(len(s.sessions) for s in self.sections)


def build_report(
    sessions: Sequence[SessionRecord],
    routines: Mapping[str, Routine],
    today: date,
    made: datetime,
    since: date | None = None,
) -> Report:
    """The report over [since, today]: programs (with a schedule) first, then by name."""
    start = since if since is not None else today - timedelta(days=DEFAULT_DAYS - 1)
    chosen = [s for s in sessions if start.isoformat() <= s.local_date <= today.isoformat()]
    by_routine: dict[str, list[SessionRecord]] = {}
    for session in chosen:
        by_routine.setdefault(session.routine_id, []).append(session)
    sections = [
        _section(routine_id, found, routines.get(routine_id), start, today)
        for routine_id, found in by_routine.items()
    ]
    sections.sort(key=lambda s: (not s.schedule, s.name.lower()))
    return Report(start, today, made, tuple(sections))


def _section(
    routine_id: str,
    sessions: list[SessionRecord],
    routine: Routine | None,
    since: date,
    today: date,
) -> RoutineSection:
    name = routine.name if routine else sessions[-1].routine_name
    hashes = {s.routine_hash for s in sessions}
    changed = len(hashes) > 1 or (routine is not None and routine.content_hash not in hashes)
    if routine is None:
        return RoutineSection(
            routine_id, name, "", tuple(sessions), (), "", changed=False, missing=True
        )
    return RoutineSection(
        routine_id,
        name,
        routine.schedule.describe() if routine.schedule else "",
        tuple(sessions),
        tuple(_exercise_lines(routine, sessions)),
        _adherence(routine, sessions, since, today),
        changed=changed,
        missing=False,
    )


def _exercise_lines(routine: Routine, sessions: list[SessionRecord]) -> list[ExerciseLine]:
    timeline = expand_timeline(routine)
    lines = []
    for index, step in enumerate(routine.steps):
        if not isinstance(step, ExerciseStep):
            continue
        work = [p for p in timeline.periods if p.step_index == index and p.kind.is_work]
        reached = done = skipped = hurt = 0
        held: list[float] = []
        for session in sessions:
            mine = [p for p in session.periods if _step_of(p, session, routine, timeline) == index]
            if not mine:
                continue
            reached += 1
            # A period gone back to and done again counts once.
            done_positions = {p.position for p in mine if p.status == "done"}
            done += len(done_positions)
            skipped += len({p.position for p in mine if p.status == "skipped"} - done_positions)
            hurt += sum(p.hurt for p in mine)
            held += [p.actual_seconds for p in mine if p.status == "done" and p.planned_seconds]
        planned = step.dose.seconds if step.dose.seconds else None
        lines.append(
            ExerciseLine(
                exercise=step.name,
                prescribed=step.describe(),
                per_session=len(work),
                sessions=reached,
                done=done,
                skipped=skipped,
                hurt=hurt,
                planned_hold=planned,
                mean_hold=sum(held) / len(held) if held and planned else None,
            )
        )
    return lines


def _step_of(
    period: PeriodRecord, session: SessionRecord, routine: Routine, timeline: Timeline
) -> int | None:
    """The routine step a kept period belongs to: by its place in the timeline when
    the session ran this very version of the routine, else the first step of its name."""
    if session.routine_hash == routine.content_hash and 0 <= period.position < len(
        timeline.periods
    ):
        return timeline.periods[period.position].step_index
    for index, step in enumerate(routine.steps):
        if isinstance(step, ExerciseStep) and step.name == period.exercise:
            return index
    return None


def _adherence(routine: Routine, sessions: list[SessionRecord], since: date, today: date) -> str:
    schedule = routine.schedule
    if schedule is None:
        return ""
    completed: dict[str, int] = {}
    for session in sessions:
        if session.status == "completed":
            completed[session.local_date] = completed.get(session.local_date, 0) + 1
    # From the first session in the period (nobody is behind before they began).
    first = max(since, min(date.fromisoformat(s.local_date) for s in sessions))
    target = done = 0
    day = first
    while day <= today:
        if scheduled_on(schedule, day):
            count = min(completed.get(day.isoformat(), 0), schedule.per_day)
            # Today is not over: its sessions still to come are not missed yet.
            target += count if day == today else schedule.per_day
            done += count
        day += timedelta(days=1)
    if not target:
        return ""
    return f"{done} of {target} scheduled sessions ({round(100 * done / target)}%)"
