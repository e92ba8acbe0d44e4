"""The reminder planner: what to do when a reminder falls due, and when to look again.

core/reminders.py says when each reminder is due; this decides what happens then,
given what the shell sees at that moment (a routine under way, a full-screen window
in front, time away from the keyboard, sessions done today). It keeps the reminder
state (the break timer, program reminders given today, a reminder held back) and
answers with values: the shell shows what a Plan says and aims its one timer at
the Plan's next moment. Nothing here asks the desktop or the history anything.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from .model import Routine
from .reminders import BreakTimer, Event, EventKind, next_program_reminder, program_times
from .settings import Settings, break_settings, clock_time

QUIET_RETRY = timedelta(seconds=30)  # a reminder held back by a full-screen window
REPEAT_WAIT = timedelta(seconds=60)  # the reminder just given fell due again
EARLY = timedelta(seconds=1)  # a coarse timer may wake this much before the moment
DEFAULT_BREAK_SECONDS = 120.0  # a break's length when the break routine is unknown


class Action(enum.Enum):
    """What the planner decided when the timer went off."""

    WAIT = "wait"  # nothing due yet (the wall clock moved): look again when it is
    REPEATED = "repeated"  # the reminder just given came round again: never a loop
    NATURAL_BREAK = "natural_break"  # away for a break's length: that was the break
    UNDER_WAY = "under_way"  # a routine under way is the break; a program waits for it
    HOLD_BREAK = "hold_break"  # a full-screen window in front: the tray says so
    HOLD_PROGRAM = "hold_program"  # a full-screen window in front: said when it is gone
    HEADS_UP = "heads_up"  # say a break is coming
    HEADS_UP_UNSAID = "heads_up_unsaid"  # not said over a full-screen window
    BREAK = "break"  # show the break reminder
    PROGRAM = "program"  # show the program reminder


@dataclass(frozen=True, slots=True)
class Facts:
    """What the shell sees when the timer goes off."""

    now: datetime
    exercising: bool = False  # a routine is under way
    full_screen: bool | None = None  # a full-screen window in front (None: unknown)
    idle_seconds: float | None = None  # since the last key or mouse movement, where known
    done_today: Mapping[str, int] = field(default_factory=dict)  # sessions, by routine id


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do now (action, about event), what comes next, and when to look again."""

    action: Action
    event: Event | None
    upcoming: Event | None
    look_again: datetime | None  # None: nothing to do until something changes


def _after(moment: datetime, wait: timedelta) -> datetime:
    """wait after moment, in real time. Adding to a local time counts by the wall
    clock and drops its fold, so in the hour repeated when the clocks go back
    "02:30 (the second) + 1 s" would be an hour early."""
    return moment.astimezone(timezone.utc) + wait


def decide(
    event: Event | None, facts: Facts, last_given: Event | None, break_seconds: float
) -> Action:
    """The rules, in order, for the next reminder `event` as the timer goes off."""
    if event is None or event.at > _after(facts.now, EARLY):
        return Action.WAIT
    if event == last_given:
        return Action.REPEATED
    is_break = event.kind is not EventKind.PROGRAM
    if is_break and facts.idle_seconds is not None and facts.idle_seconds >= break_seconds:
        return Action.NATURAL_BREAK
    if facts.exercising:
        return Action.UNDER_WAY
    in_front = facts.full_screen is True
    if event.kind is EventKind.HEADS_UP:
        return Action.HEADS_UP_UNSAID if in_front else Action.HEADS_UP
    if in_front:
        return Action.HOLD_BREAK if is_break else Action.HOLD_PROGRAM
    return Action.BREAK if is_break else Action.PROGRAM


class ReminderPlanner:
    """The reminders' state and rules; every method takes the moment it is told about."""

    def __init__(
        self,
        settings: Settings,
        routines: Mapping[str, Routine],
        zone: tzinfo,
        now: datetime,
    ) -> None:
        self.zone = zone
        self.settings = settings
        self.routines = dict(routines)
        self.breaks = BreakTimer(break_settings(settings), zone, last_break=now)
        self.held_back = False  # the last break was not shown: a full-screen window
        self._reminded: dict[str, tuple[date, int]] = {}  # program reminders given today
        self._held_until: datetime | None = None  # program reminders wait till then
        self._last_given: Event | None = None
        self._break_seconds = self._measure_break()

    # -- what changed ----------------------------------------------------------

    def apply(self, settings: Settings, routines: Mapping[str, Routine] | None = None) -> None:
        self.settings = settings
        if routines is not None:
            self.routines = dict(routines)
        self.breaks.settings = break_settings(settings)
        self._break_seconds = self._measure_break()

    def stop(self) -> None:
        """No more reminders of either kind."""
        self.settings = self.settings.changed(breaks=False, program_reminders=False)

    def session_completed(self, now: datetime) -> None:
        """Any routine done: the break interval starts again."""
        self.held_back = False
        self.breaks.break_taken(now)

    def snooze(self, now: datetime) -> None:
        self.held_back = False
        self.breaks.snooze(now)

    def skip(self, now: datetime) -> None:
        self.held_back = False
        self.breaks.skip(now)

    def pause_for(self, now: datetime, minutes: int) -> None:
        self.breaks.pause(_after(now, timedelta(minutes=minutes)))

    def pause_until_tomorrow(self, now: datetime) -> None:
        self.breaks.pause_until_tomorrow(now)

    def resume(self) -> None:
        self.breaks.resume()

    def came_back(self, now: datetime, seconds_away: float) -> bool:
        """Back at the keyboard after time away: as long as a break, it was one."""
        if not self.settings.breaks:
            return False
        taken = self.breaks.natural_break(seconds_away, now, self._break_seconds)
        if taken:
            self.held_back = False
        return taken

    # -- when ------------------------------------------------------------------

    def paused_until(self, now: datetime) -> datetime | None:
        until = self.breaks.paused_until
        return until if until is not None and until > now else None

    def break_seconds(self) -> float:
        """How long a break lasts: the break routine's length (2 minutes if unknown)."""
        return self._break_seconds

    def _measure_break(self) -> float:
        from .timeline import expand_timeline

        routine = self.routines.get(self.settings.break_routine)
        return expand_timeline(routine).total_seconds if routine else DEFAULT_BREAK_SECONDS

    def today(self, now: datetime) -> date:
        return now.astimezone(self.zone).date()

    def scheduled(self) -> tuple[str, ...]:
        """The routines whose sessions done today the planner needs to know."""
        if not self.settings.program_reminders:
            return ()
        return tuple(r.id for r in self.routines.values() if r.schedule is not None)

    def times_for(self, routine: Routine) -> tuple[time, ...]:
        """A program's reminder times: the person's own, or spread over the day."""
        written = self.settings.program_times.get(routine.id, ())
        parsed = tuple(t for t in (clock_time(w) for w in written) if t is not None)
        if parsed:
            return parsed
        return program_times(routine.schedule.per_day if routine.schedule else 1)

    def next_event(self, now: datetime, done_today: Mapping[str, int]) -> Event | None:
        """The next reminder of any kind; done_today counts sessions by routine id."""
        events = []
        if self.settings.breaks:
            found = self.breaks.next_event(now)
            if found is not None:
                events.append(found)
        if self.settings.program_reminders:
            # Paused means every reminder; a held-back one waits its turn too.
            later = max(
                (
                    t
                    for t in (self.paused_until(now), self._held_until)
                    if t is not None and t > now
                ),
                default=None,
            )
            for event in self._program_events(now, done_today):
                if later is not None and event.at < later:
                    event = Event(event.kind, later, event.routine_id)
                events.append(event)
        return min(events, key=lambda e: e.at) if events else None

    def _program_events(self, now: datetime, done_today: Mapping[str, int]) -> list[Event]:
        today = self.today(now)
        found = []
        for routine in self.routines.values():
            if routine.schedule is None:
                continue
            day, reminded = self._reminded.get(routine.id, (today, 0))
            event = next_program_reminder(
                routine.id,
                routine.schedule,
                self.times_for(routine),
                done_today.get(routine.id, 0),
                now,
                self.zone,
                reminded if day == today else 0,
            )
            if event is not None:
                found.append(event)
        return found

    def plan(self, now: datetime, done_today: Mapping[str, int]) -> Plan:
        """Nothing to do now: the next reminder, and when to look again."""
        upcoming = self.next_event(now, done_today)
        return Plan(Action.WAIT, None, upcoming, upcoming.at if upcoming else None)

    # -- the timer went off ----------------------------------------------------

    def fire(self, facts: Facts) -> Plan:
        """Decide what the reminder due now comes to, keep that, and say what is next."""
        now = facts.now
        event = self.next_event(now, facts.done_today)
        action = decide(event, facts, self._last_given, self._break_seconds)
        if event is None or action is Action.WAIT:
            return self.plan(now, facts.done_today)
        if action is Action.REPEATED:
            return Plan(action, event, event, _after(now, REPEAT_WAIT))
        self._last_given = event
        self._keep(action, event, max(now, event.at))  # a coarse timer may wake early
        upcoming = self.next_event(now, facts.done_today)
        return Plan(action, event, upcoming, upcoming.at if upcoming else None)

    def _keep(self, action: Action, event: Event, moment: datetime) -> None:
        """What the decision changes: when each kind of reminder comes next."""
        if action is Action.NATURAL_BREAK:
            self.breaks.break_taken(moment)  # the interval restarts
        elif action is Action.UNDER_WAY:
            # Each is asked again after a snooze.
            if event.kind is EventKind.PROGRAM:
                self._held_until = _after(moment, timedelta(minutes=self.settings.snooze))
            else:
                self.breaks.reminded(moment)
        elif action is Action.HOLD_BREAK:
            # Looked at again every little while; comes as soon as the window is gone.
            self.breaks.hold(moment, QUIET_RETRY)
            self.held_back = True
        elif action is Action.HOLD_PROGRAM:
            self._held_until = _after(moment, QUIET_RETRY)
        elif action in (Action.HEADS_UP, Action.HEADS_UP_UNSAID):
            self.breaks.announced(event)
        elif action is Action.BREAK:
            self.breaks.reminded(moment)  # unanswered, it comes back after a snooze
            self.held_back = False
        elif action is Action.PROGRAM:
            self._count_program(event.routine_id, moment)

    def _count_program(self, routine_id: str, moment: datetime) -> None:
        """The program's times passed today are reminded of: one reminder covers them."""
        routine = self.routines.get(routine_id)
        if routine is None:
            return
        today = self.today(moment)
        passed = sum(
            datetime.combine(today, t, self.zone) <= moment for t in self.times_for(routine)
        )
        self._reminded[routine.id] = (today, passed)
