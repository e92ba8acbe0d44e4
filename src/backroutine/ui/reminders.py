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

MAX_WAIT_MS = 6 * 3600 * 1000  # the wall clock is looked at again at least this often


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
    ) -> None:
        super().__init__(parent)
        self.idle = idle  # seconds since the last key or mouse movement, where known
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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # minutes, not milliseconds
        self._timer.timeout.connect(self.fire)
        self._listen_for_wake()
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
        self.breaks.break_taken(self.now())
        self.reschedule()

    def snooze(self) -> None:
        self.breaks.snooze(self.now())
        self.reschedule()

    def skip(self) -> None:
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
            paused = self.paused_until
            for event in self._program_events(now):
                if paused is not None and event.at < paused:
                    # Paused means every reminder: the program's waits for the pause's end.
                    event = Event(event.kind, paused, event.routine_id)
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
        self.upcoming = self.next_event()
        self._timer.stop()
        if self.upcoming is not None:
            wait = (self.upcoming.at - self.now()).total_seconds()
            self._timer.start(int(min(MAX_WAIT_MS, max(0.0, wait) * 1000)))
        self.changed.emit()

    @Slot()
    def fire(self) -> None:
        """The timer went off: say what is due now, if anything, and aim again."""
        now = self.now()
        event = self.next_event()
        if event is None or event.at > now + timedelta(seconds=1):
            self.reschedule()  # woken early (the wall clock moved): aim again
            return
        if event.kind in (EventKind.HEADS_UP, EventKind.BREAK) and self._away(now):
            self.reschedule()  # they are on a break of their own: the interval restarts
            return
        if event.kind in (EventKind.HEADS_UP, EventKind.BREAK) and self.exercising():
            # A routine is under way: that is the break. Ask again after a snooze, if
            # it ends without being done.
            self.breaks.reminded(now)
            self.reschedule()
            return
        in_front = self.full_screen is not None and self.full_screen() is True
        if event.kind is EventKind.HEADS_UP:
            self.breaks.announced(event)
            if not in_front:
                self.heads_up.emit(event)
        elif event.kind is EventKind.BREAK:
            self.breaks.reminded(now)  # unanswered, it comes back after a snooze
            if in_front:
                self.quiet.emit(event)  # no pop-up over a talk, a call or a game
            else:
                self.break_due.emit(event)
        else:
            routine = self.routines.get(event.routine_id)
            if routine is not None and routine.schedule is not None:
                today = now.astimezone(self.zone).date()
                times = self.times_for(routine)
                passed = sum(datetime.combine(today, t, self.zone) <= now for t in times) or len(
                    times
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

    def _listen_for_wake(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus ships with PySide6 on Linux
            return
        bus = QDBusConnection.systemBus()
        if bus.isConnected():
            bus.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                b"1_woke(bool)",  # SLOT("_woke(bool)")
            )

    @Slot(bool)
    def _woke(self, going_to_sleep: bool) -> None:
        if not going_to_sleep:
            self.reschedule()
