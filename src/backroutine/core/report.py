"""What a report for a clinician says: per routine, what was prescribed and what was done.

Pure data, built from the history and the routines; ui/report_pdf.py lays it
out on paper. The sessions are taken one at a time and tallied as they come:
what the report keeps grows with the number of routines and of days, never with
the number of sessions (the newest notes and ratings, a bounded pain trend).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .adherence import scheduled_on
from .durations import say_duration
from .history_records import PeriodRecord, PeriodStatus, SessionRecord, SessionStatus
from .i18n import _, format_percent, ngettext
from .model import ExerciseStep, Routine
from .timeline import expand_timeline

DEFAULT_DAYS = 90  # a report without a start date covers the last 90 days
NOTE_SHOWN = 500  # characters of a note the report shows; the exports keep it whole
NOTES_SHOWN = 20  # the newest notes of each routine; the exports keep them all
RATED_ROWS = 20  # the ratings table shows the newest rated sessions
# Up to this many rated sessions are charted one by one; more, as the mean of each
# day's ratings (or of each few weeks', so that no chart has more points than this).
PAIN_POINTS = 200


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
            # Translators: in the clinician report, an exercise no session got as far as.
            return _("not reached")
        planned = self.per_session * self.sessions
        # Translators: in the clinician report, holds or reps done ({done}) of those
        # prescribed in the sessions that reached the exercise ({count}).
        return ngettext("{done} of {count}", "{done} of {count}", planned).format(
            done=self.done, count=planned
        )

    @property
    def hold_text(self) -> str:
        """ "18s of 20s": the mean time held (or kept going), of the time prescribed."""
        if self.mean_hold is None or not self.planned_hold:
            return ""
        mean, planned = round(self.mean_hold, 1), self.planned_hold
        # Translators: in the clinician report, the mean time an exercise was held
        # ({held}) of the time prescribed ({planned}), such as "18 s of 20 s".
        return _("{held} of {planned}").format(
            held=say_duration(mean), planned=say_duration(planned)
        )


@dataclass(frozen=True, slots=True)
class RatedSession:
    """A row of the ratings table."""

    started_at: str
    status: SessionStatus
    active_seconds: float | None
    pain_before: int | None
    pain_after: int | None
    effort: int | None


PainPoint = tuple[datetime, float | None, float | None]  # when, pain before, pain after


@dataclass(frozen=True, slots=True)
class RoutineSection:
    routine_id: str
    name: str
    schedule: str  # "twice a day, every day", or "" when none is prescribed
    count: int  # sessions in the period
    statuses: Mapping[SessionStatus, int]  # sessions by status
    active_seconds: float  # of exercise, over all of them
    first_started_at: str  # the first session's start
    first_date: str  # and its day
    exercises: tuple[ExerciseLine, ...]
    adherence: str  # "23 of 28 scheduled sessions (82%)", or ""
    changed: bool  # the routine file changed during the period
    missing: bool  # the routine file is no longer there: no prescription to show
    pain: tuple[PainPoint, ...] = ()  # oldest first
    pain_days: int = 0  # 0: a point per rated session; else each is the mean over so many days
    rated: tuple[RatedSession, ...] = ()  # the newest RATED_ROWS, oldest first
    rated_count: int = 0  # rated sessions in all
    newest_notes: tuple[tuple[str, str], ...] = ()  # the newest NOTES_SHOWN, oldest first
    notes_count: int = 0  # sessions with a note, in all

    @property
    def completed(self) -> int:
        return self.statuses.get(SessionStatus.COMPLETED, 0)

    @property
    def first_day(self) -> date:
        return date.fromisoformat(self.first_date)

    @property
    def notes(self) -> list[tuple[str, str]]:
        """(day, note) of the newest sessions with one, a long note cut to its start."""
        return list(self.newest_notes)


def shown_note(note: str) -> str:
    """The note, or its first NOTE_SHOWN characters and a mark that it goes on."""
    if len(note) <= NOTE_SHOWN:
        return note
    # Translators: the start of a long note in the clinician report ({start}), cut
    # short; "CSV/JSON" are the two formats the history can be exported in.
    return _("{start} \u2026 (the whole note is in the CSV/JSON export)").format(
        start=note[:NOTE_SHOWN].rstrip()
    )


@dataclass(frozen=True, slots=True)
class Report:
    since: date
    until: date  # the last day covered (today, when made)
    made: datetime
    sections: tuple[RoutineSection, ...] = field(default=())

    @property
    def sessions(self) -> int:
        return sum(s.count for s in self.sections)


def build_report(
    sessions: Iterable[SessionRecord],
    routines: Mapping[str, Routine],
    today: date,
    made: datetime,
    since: date | None = None,
) -> Report:
    """The report over [since, today]: programs (with a schedule) first, then by name.
    The sessions come oldest first (as the history gives them) and are read once."""
    start = since if since is not None else today - timedelta(days=DEFAULT_DAYS - 1)
    first, last = start.isoformat(), today.isoformat()
    tallies: dict[str, _Tally] = {}
    for session in sessions:
        if not first <= session.local_date <= last:
            continue
        tally = tallies.get(session.routine_id)
        if tally is None:
            tally = tallies[session.routine_id] = _Tally(
                session, routines.get(session.routine_id), start, today
            )
        tally.add(session)
    sections = [tally.section() for tally in tallies.values()]
    sections.sort(key=lambda s: (not s.schedule, s.name.lower()))
    return Report(start, today, made, tuple(sections))


class _Tally:
    """One routine's sessions, tallied one at a time."""

    def __init__(
        self, first: SessionRecord, routine: Routine | None, since: date, today: date
    ) -> None:
        self.routine, self.since, self.today = routine, since, today
        self.routine_id = first.routine_id
        self.name = first.routine_name
        self.count = 0
        self.statuses: dict[SessionStatus, int] = {}
        self.active = 0.0
        self.first_started_at, self.first_date = first.started_at, first.local_date
        self.hashes: set[str] = set()  # one per version of the routine run
        self.completed_per_day: dict[str, int] = {}
        self.pain = _PainTrend(max(since, first.day), today)
        self.rated: deque[RatedSession] = deque(maxlen=RATED_ROWS)
        self.rated_count = 0
        self.notes: deque[tuple[str, str]] = deque(maxlen=NOTES_SHOWN)
        self.notes_count = 0
        self.exercises = _ExerciseTally(routine) if routine is not None else None

    def add(self, session: SessionRecord) -> None:
        self.count += 1
        self.name = session.routine_name
        self.statuses[session.status] = self.statuses.get(session.status, 0) + 1
        self.active += session.active_seconds or 0
        if session.local_date < self.first_date:  # a clock set back between sessions
            self.first_started_at, self.first_date = session.started_at, session.local_date
        if len(self.hashes) < 2:
            self.hashes.add(session.routine_hash)
        if session.completed:
            day = session.local_date
            self.completed_per_day[day] = self.completed_per_day.get(day, 0) + 1
        if session.pain_before is not None or session.pain_after is not None:
            self.rated_count += 1
            self.pain.add(session)
            self.rated.append(
                RatedSession(
                    session.started_at,
                    session.status,
                    session.active_seconds,
                    session.pain_before,
                    session.pain_after,
                    session.effort,
                )
            )
        if session.note.strip():
            self.notes_count += 1
            self.notes.append((session.local_date, shown_note(session.note)))
        if self.exercises is not None:
            self.exercises.add(session)

    def section(self) -> RoutineSection:
        routine = self.routine
        pain, pain_days = self.pain.points()
        return RoutineSection(
            self.routine_id,
            routine.name if routine else self.name,
            routine.schedule.describe() if routine and routine.schedule else "",
            self.count,
            self.statuses,
            self.active,
            self.first_started_at,
            self.first_date,
            self.exercises.lines() if self.exercises else (),
            self._adherence(routine) if routine else "",
            changed=routine is not None
            and (len(self.hashes) > 1 or routine.content_hash not in self.hashes),
            missing=routine is None,
            pain=pain,
            pain_days=pain_days,
            rated=tuple(self.rated),
            rated_count=self.rated_count,
            newest_notes=tuple(self.notes),
            notes_count=self.notes_count,
        )

    def _adherence(self, routine: Routine) -> str:
        schedule = routine.schedule
        if schedule is None:
            return ""
        # From the first session in the period (nobody is behind before they began).
        first = max(self.since, date.fromisoformat(self.first_date))
        target = done = 0
        day = first
        while day <= self.today:
            if scheduled_on(schedule, day):
                count = min(self.completed_per_day.get(day.isoformat(), 0), schedule.per_day)
                # Today is not over: its sessions still to come are not missed yet.
                target += count if day == self.today else schedule.per_day
                done += count
            day += timedelta(days=1)
        if not target:
            return ""
        percent = format_percent(round(100 * done / target) / 100)
        # Translators: in the clinician report, sessions of a home program done
        # ({done}) of those its schedule asked for ({count}), and that as a percentage.
        return ngettext(
            "{done} of {count} scheduled session ({percent})",
            "{done} of {count} scheduled sessions ({percent})",
            target,
        ).format(done=done, count=target, percent=percent)


class _PainTrend:
    """A routine's pain ratings for its chart: each session's while there are at most
    PAIN_POINTS of them, else the mean of each day's (of each few weeks', over a long
    period), so that the chart never has more points than that."""

    def __init__(self, first: date, today: date) -> None:
        span = (today - first).days + 1
        self.days = 1 if span <= PAIN_POINTS else 7 * -(-span // (7 * PAIN_POINTS))
        self.first = first
        self.each: list[PainPoint] | None = []  # None once there are too many
        # Each period of self.days from first: the sum and count of pain before, after.
        self.sums: dict[int, tuple[float, int, float, int]] = {}

    def add(self, session: SessionRecord) -> None:
        before, after = session.pain_before, session.pain_after
        if self.each is not None:
            self.each.append((datetime.fromisoformat(session.started_at), before, after))
            if len(self.each) > PAIN_POINTS:
                self.each = None
        bucket = (session.day - self.first).days // self.days
        sum_before, rated_before, sum_after, rated_after = self.sums.get(bucket, (0.0, 0, 0.0, 0))
        if before is not None:
            sum_before, rated_before = sum_before + before, rated_before + 1
        if after is not None:
            sum_after, rated_after = sum_after + after, rated_after + 1
        self.sums[bucket] = (sum_before, rated_before, sum_after, rated_after)

    def points(self) -> tuple[tuple[PainPoint, ...], int]:
        """The points, oldest first, and 0 (one a session) or the days each is a mean of."""
        if self.each is not None:
            return tuple(self.each), 0
        points = []
        for bucket in sorted(self.sums):
            sum_before, rated_before, sum_after, rated_after = self.sums[bucket]
            start = datetime.combine(self.first + timedelta(days=bucket * self.days), time(12))
            points.append(
                (
                    start + timedelta(days=(self.days - 1) / 2),  # the middle of its days
                    sum_before / rated_before if rated_before else None,
                    sum_after / rated_after if rated_after else None,
                )
            )
        return tuple(points), self.days


class _ExerciseTally:
    """Each exercise step of a routine: how often reached, done, skipped, hurt, held."""

    def __init__(self, routine: Routine) -> None:
        self.routine = routine
        timeline = expand_timeline(routine)
        self.step_at = [period.step_index for period in timeline.periods]
        self.steps = {
            index: step
            for index, step in enumerate(routine.steps)
            if isinstance(step, ExerciseStep)
        }
        self.by_name: dict[str, int] = {}
        for index, step in self.steps.items():
            self.by_name.setdefault(step.name, index)
        self.per_session = {
            index: sum(p.step_index == index and p.kind.is_work for p in timeline.periods)
            for index in self.steps
        }
        self.reached = dict.fromkeys(self.steps, 0)
        self.done = dict.fromkeys(self.steps, 0)
        self.skipped = dict.fromkeys(self.steps, 0)
        self.hurt = dict.fromkeys(self.steps, 0)
        self.held = dict.fromkeys(self.steps, 0.0)  # seconds held, of the periods done
        self.held_count = dict.fromkeys(self.steps, 0)

    def add(self, session: SessionRecord) -> None:
        mine: dict[int, list[PeriodRecord]] = {}
        for period in session.periods:
            step = self._step_of(period, session)
            if step in self.steps:
                mine.setdefault(step, []).append(period)
        for step, periods in mine.items():
            self.reached[step] += 1
            # A period gone back to and done again counts once.
            done = {p.position for p in periods if p.status is PeriodStatus.DONE}
            self.done[step] += len(done)
            skipped = {p.position for p in periods if p.status is PeriodStatus.SKIPPED}
            self.skipped[step] += len(skipped - done)
            self.hurt[step] += sum(p.hurt for p in periods)
            for period in periods:
                if period.status is PeriodStatus.DONE and period.planned_seconds:
                    self.held[step] += period.actual_seconds
                    self.held_count[step] += 1

    def _step_of(self, period: PeriodRecord, session: SessionRecord) -> int | None:
        """The routine step a kept period belongs to: by its place in the timeline when
        the session ran this very version of the routine, else the first step of its name."""
        if session.routine_hash == self.routine.content_hash and 0 <= period.position < len(
            self.step_at
        ):
            return self.step_at[period.position]
        return self.by_name.get(period.exercise)

    def lines(self) -> tuple[ExerciseLine, ...]:
        lines = []
        for index, step in self.steps.items():
            planned = step.dose.seconds if step.dose.seconds else None
            held, count = self.held[index], self.held_count[index]
            lines.append(
                ExerciseLine(
                    exercise=step.name,
                    prescribed=step.describe(),
                    per_session=self.per_session[index],
                    sessions=self.reached[index],
                    done=self.done[index],
                    skipped=self.skipped[index],
                    hurt=self.hurt[index],
                    planned_hold=planned,
                    mean_hold=held / count if count and planned else None,
                )
            )
        return tuple(lines)
