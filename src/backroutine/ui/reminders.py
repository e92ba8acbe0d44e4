"""The reminder service: one timer aimed at the next reminder, and nothing else running.

core/reminders.py decides when; this sets a single coarse timer for that moment
and says what fell due. The timer counts awake time only, so the moment is
recomputed from the wall clock whenever anything changes and when the computer
wakes (logind's PrepareForSleep on Linux; window activation everywhere).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from ..core.history import History, local_now
from ..core.model import Routine
from ..core.reminders import (
    BreakTimer,
    Event,
    EventKind,
    next_program_reminder,
    program_times,
    system_zone,
)
from ..core.settings import Settings, break_settings, clock_time
from ..platform import services
from ..platform.watches import AwayWatch

MAX_WAIT_MS = 6 * 3600 * 1000  # the wall clock is looked at again at least this often
QUIET_RETRY = timedelta(seconds=30)  # a reminder held back by a full-screen window


class ReminderService(QObject):
    """Emits heads_up(Event), break_due(Event) and program_due(routine id, Event);
    changed() when the next reminder moves (for the tray's tooltip)."""

    heads_up = Signal(object)
    break_due = Signal(object)
    program_due = Signal(str, object)
    changed = Signal()
    quiet = Signal(object)  # a reminder held back: a full-screen window is in front

    def __init__(
        self,
        settings: Settings,
        routines: Mapping[str, Routine],
        history: History | None,
        now: Callable[[], datetime] = local_now,
        zone: tzinfo | None = None,
        parent: QObject | None = None,
        idle: Callable[[], float | None] | None = None,
        full_screen: Callable[[], bool | None] | None = None,
        away: AwayWatch | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle = idle  # seconds since the last key or mouse movement, where known
        self.away = away  # tells when someone comes back after time away, where it can
        self.full_screen = full_screen
        self.exercising: Callable[[], bool] = lambda: False  # a session is under way
        self.now = now
        self.zone = zone if zone is not None else system_zone()
        self.settings = settings
        self.routines = dict(routines)
        self.history = history
        self.breaks = BreakTimer(break_settings(settings), self.zone, last_break=now())
        self._reminded: dict[str, tuple[date, int]] = {}  # program reminders given today
        self.upcoming: Event | None = None
        self.held_back = False  # the last break was not shown: a full-screen window
        self._held_until: datetime | None = None  # program reminders wait till then
        self._last_fired: Event | None = None
        self._asleep_since: datetime | None = None
        self.listening_for_wake = False  # logind tells us when the computer wakes
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # minutes, not milliseconds
        self._timer.timeout.connect(self.fire)
        self._listen_for_wake()
        if away is not None:
            away.returned.connect(self.came_back)
        self.reschedule()

    # -- what changed ----------------------------------------------------------

    def apply(self, settings: Settings, routines: Mapping[str, Routine] | None = None) -> None:
        self.settings = settings
        if routines is not None:
            self.routines = dict(routines)
        self.breaks.settings = break_settings(settings)
        self.reschedule()

    def session_completed(self) -> None:
        """Any routine done: the break interval starts again, program counts go up."""
        self.held_back = False
        self.breaks.break_taken(self.now())
        self.reschedule()

    def snooze(self) -> None:
        self.held_back = False
        self.breaks.snooze(self.now())
        self.reschedule()

    def skip(self) -> None:
        self.held_back = False
        self.breaks.skip(self.now())
        self.reschedule()

    def pause_for(self, minutes: int) -> None:
        self.breaks.pause(self.now() + timedelta(minutes=minutes))
        self.reschedule()

    def pause_until_tomorrow(self) -> None:
        self.breaks.pause_until_tomorrow(self.now())
        self.reschedule()

    def resume(self) -> None:
        self.breaks.resume()
        self.reschedule()

    def stop(self) -> None:
        """The app is closing: no more reminders, and the history is let go."""
        self._timer.stop()
        if self.away is not None:
            self.away.close()
        self.history = None
        self.settings = self.settings.changed(breaks=False, program_reminders=False)

    @property
    def paused_until(self) -> datetime | None:
        until = self.breaks.paused_until
        return until if until is not None and until > self.now() else None

    # -- when ------------------------------------------------------------------

    def next_break(self) -> datetime | None:
        return self.breaks.next_break(self.now())

    def next_event(self) -> Event | None:
        now = self.now()
        events = []
        if self.settings.breaks:
            found = self.breaks.next_event(now)
            if found is not None:
                events.append(found)
        if self.settings.program_reminders:
            # Paused means every reminder; a held-back one waits its turn too.
            later = max(
                (t for t in (self.paused_until, self._held_until) if t is not None and t > now),
                default=None,
            )
            for event in self._program_events(now):
                if later is not None and event.at < later:
                    event = Event(event.kind, later, event.routine_id)
                events.append(event)
        return min(events, key=lambda e: e.at) if events else None

    def _program_events(self, now: datetime) -> list[Event]:
        today = now.astimezone(self.zone).date()
        found = []
        for routine in self.routines.values():
            if routine.schedule is None:
                continue
            times = self.times_for(routine)
            done = 0
            if self.history is not None:
                counts = self.history.completed_per_day(
                    routine.id, today, today + timedelta(days=1)
                )
                done = counts.get(today, 0)
            day, reminded = self._reminded.get(routine.id, (today, 0))
            event = next_program_reminder(
                routine.id,
                routine.schedule,
                times,
                done,
                now,
                self.zone,
                reminded if day == today else 0,
            )
            if event is not None:
                found.append(event)
        return found

    def times_for(self, routine: Routine) -> tuple[time, ...]:
        """A program's reminder times: the person's own, or spread over the day."""
        written = self.settings.program_times.get(routine.id, ())
        parsed = tuple(t for t in (clock_time(w) for w in written) if t is not None)
        if parsed:
            return parsed
        return program_times(routine.schedule.per_day if routine.schedule else 1)

    @Slot()
    def reschedule(self) -> None:
        """Aim the one timer at the next reminder (from the wall clock, now)."""
        if self.away is not None:
            length = self.break_seconds()
            if self.away.seconds != length:
                self.away.watch(length)  # the break routine may have changed
        self.upcoming = self.next_event()
        self._timer.stop()
        if self.upcoming is not None:
            self._aim((self.upcoming.at - self.now()).total_seconds())
        self.changed.emit()

    def _aim(self, seconds: float) -> None:
        # Coarse timers may wake a little early: aim a second late rather than early.
        self._timer.start(int(min(MAX_WAIT_MS, max(0.0, seconds + 1.0) * 1000)))

    @Slot()
    def fire(self) -> None:
        """The timer went off: say what is due now, if anything, and aim again."""
        now = self.now()
        event = self.next_event()
        if event is None or event.at > now + timedelta(seconds=1):
            self.reschedule()  # woken early (the wall clock moved): aim again
            return
        if event == self._last_fired:
            # The same reminder again: never a loop; look again in a minute.
            self._aim(60.0)
            return
        self._last_fired = event
        moment = max(now, event.at)  # a coarse timer may wake a little before it
        is_break = event.kind in (EventKind.HEADS_UP, EventKind.BREAK)
        if is_break and self._away(moment):
            self.reschedule()  # they are on a break of their own: the interval restarts
            return
        in_front = self.full_screen is not None and self.full_screen() is True
        if self.exercising():
            # A routine under way is the break; a program waits for it. Each is asked
            # again after a snooze.
            if is_break:
                self.breaks.reminded(moment)
            else:
                self._held_until = moment + timedelta(minutes=self.settings.snooze)
            self.reschedule()
            return
        if in_front and event.kind is not EventKind.HEADS_UP:
            # No pop-up over a talk, a call or a game: the reminder waits, looked at
            # again every little while, and comes as soon as the window is gone.
            if is_break:
                self.breaks.hold(moment, QUIET_RETRY)
                self.held_back = True
                self.quiet.emit(event)  # only the tray's words change
            else:
                self._held_until = moment + QUIET_RETRY
            self.reschedule()
            return
        if event.kind is EventKind.HEADS_UP:
            self.breaks.announced(event)
            if not in_front:
                self.heads_up.emit(event)
        elif event.kind is EventKind.BREAK:
            self.breaks.reminded(moment)  # unanswered, it comes back after a snooze
            self.held_back = False
            self.break_due.emit(event)
        else:
            routine = self.routines.get(event.routine_id)
            if routine is not None:
                today = moment.astimezone(self.zone).date()
                passed = sum(
                    datetime.combine(today, t, self.zone) <= moment for t in self.times_for(routine)
                )
                self._reminded[routine.id] = (today, passed)
            self.program_due.emit(event.routine_id, event)
        self.reschedule()

    def break_seconds(self) -> float:
        """How long a break lasts: the break routine's length (2 minutes if unknown)."""
        from ..core.timeline import expand_timeline

        routine = self.routines.get(self.settings.break_routine)
        return expand_timeline(routine).total_seconds if routine else 120.0

    def _away(self, now: datetime) -> bool:
        """Idle for at least a break's length: a natural break, counted as one."""
        idle = self.idle() if self.idle is not None else None
        return idle is not None and self.breaks.natural_break(idle, now, self.break_seconds())

    @Slot(float)
    def came_back(self, seconds_away: float) -> None:
        """Back at the keyboard after time away: as long as a break, it was one."""
        if seconds_away >= self.break_seconds() and self.settings.breaks:
            self.held_back = False
            self.breaks.break_taken(self.now())
            self.reschedule()

    def _listen_for_wake(self) -> None:
        self.wake = services().wake_watch(self)
        if self.wake is not None:
            self.wake.sleeping.connect(self.slept)
            self.listening_for_wake = True

    def slept(self, going_to_sleep: bool) -> None:
        """The computer goes to sleep, or wakes: a sleep as long as a break was one."""
        now = self.now()
        if going_to_sleep:
            self._asleep_since = now
            return
        since, self._asleep_since = self._asleep_since, None
        if since is not None and (now - since).total_seconds() >= self.break_seconds():
            self.breaks.break_taken(now)
        self.reschedule()
