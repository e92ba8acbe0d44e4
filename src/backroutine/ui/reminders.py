"""The reminder service: one timer aimed at the next reminder, and nothing else running.

core/planner.py decides what a reminder comes to and when to look again; this asks
the desktop and the history what the planner needs, sets a single coarse timer for
the planner's next moment and says what fell due. The timer counts awake time only,
so the moment is recomputed from the wall clock whenever anything changes and when
the computer wakes (logind's PrepareForSleep on Linux; window activation everywhere).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, time, timedelta, tzinfo

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from ..core.history import History, local_now
from ..core.model import Routine
from ..core.planner import Action, Facts, Plan, ReminderPlanner
from ..core.reminders import BreakTimer, Event, system_zone
from ..core.settings import Settings
from ..platform import services
from ..platform.watches import AwayWatch

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
        away: AwayWatch | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle = idle  # seconds since the last key or mouse movement, where known
        self.away = away  # tells when someone comes back after time away, where it can
        self.full_screen = full_screen
        self.exercising: Callable[[], bool] = lambda: False  # a session is under way
        self.now = now
        self.zone = zone if zone is not None else system_zone()
        self.history = history
        self.planner = ReminderPlanner(settings, routines, self.zone, now())
        self.upcoming: Event | None = None
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

    # -- what the planner holds, for the tray ----------------------------------

    @property
    def settings(self) -> Settings:
        return self.planner.settings

    @property
    def routines(self) -> dict[str, Routine]:
        return self.planner.routines

    @property
    def breaks(self) -> BreakTimer:
        return self.planner.breaks

    @property
    def held_back(self) -> bool:
        """The last break was not shown: a full-screen window is in front."""
        return self.planner.held_back

    @property
    def paused_until(self) -> datetime | None:
        return self.planner.paused_until(self.now())

    def next_break(self) -> datetime | None:
        return self.breaks.next_break(self.now())

    def break_seconds(self) -> float:
        return self.planner.break_seconds()

    def times_for(self, routine: Routine) -> tuple[time, ...]:
        return self.planner.times_for(routine)

    # -- what changed ----------------------------------------------------------

    def apply(self, settings: Settings, routines: Mapping[str, Routine] | None = None) -> None:
        self.planner.apply(settings, routines)
        self.reschedule()

    def session_completed(self) -> None:
        """Any routine done: the break interval starts again, program counts go up."""
        self.planner.session_completed(self.now())
        self.reschedule()

    def snooze(self) -> None:
        self.planner.snooze(self.now())
        self.reschedule()

    def skip(self) -> None:
        self.planner.skip(self.now())
        self.reschedule()

    def pause_for(self, minutes: int) -> None:
        self.planner.pause_for(self.now(), minutes)
        self.reschedule()

    def pause_until_tomorrow(self) -> None:
        self.planner.pause_until_tomorrow(self.now())
        self.reschedule()

    def resume(self) -> None:
        self.planner.resume()
        self.reschedule()

    def stop(self) -> None:
        """The app is closing: no more reminders, and the history is let go."""
        self._timer.stop()
        if self.away is not None:
            self.away.close()
        self.history = None
        self.planner.stop()

    # -- when ------------------------------------------------------------------

    def done_today(self, now: datetime) -> dict[str, int]:
        """Sessions completed today of each scheduled routine, from the history."""
        if self.history is None:
            return {}
        today = self.planner.today(now)
        return {
            routine_id: self.history.completed_per_day(
                routine_id, today, today + timedelta(days=1)
            ).get(today, 0)
            for routine_id in self.planner.scheduled()
        }

    def next_event(self) -> Event | None:
        now = self.now()
        return self.planner.next_event(now, self.done_today(now))

    @Slot()
    def reschedule(self) -> None:
        """Aim the one timer at the next reminder (from the wall clock, now)."""
        if self.away is not None:
            length = self.break_seconds()
            if self.away.seconds != length:
                self.away.watch(length)  # the break routine may have changed
        now = self.now()
        self._follow(self.planner.plan(now, self.done_today(now)))

    def _follow(self, plan: Plan) -> None:
        """Aim the timer where the plan says to look again."""
        self.upcoming = plan.upcoming
        self._timer.stop()
        if plan.look_again is not None:
            # Coarse timers may wake a little early: aim a second late rather than early.
            seconds = (plan.look_again - self.now()).total_seconds()
            self._timer.start(int(min(MAX_WAIT_MS, max(0.0, seconds + 1.0) * 1000)))
        self.changed.emit()

    @Slot()
    def fire(self) -> None:
        """The timer went off: ask what the planner needs, say what it decided is due."""
        now = self.now()
        facts = Facts(
            now=now,
            exercising=self.exercising(),
            full_screen=self.full_screen() if self.full_screen is not None else None,
            idle_seconds=self.idle() if self.idle is not None else None,
            done_today=self.done_today(now),
        )
        plan = self.planner.fire(facts)
        self._follow(plan)  # first, so that a listener's own change aims the timer last
        event = plan.event
        if event is None:
            return
        if plan.action is Action.HEADS_UP:
            self.heads_up.emit(event)
        elif plan.action is Action.BREAK:
            self.break_due.emit(event)
        elif plan.action is Action.PROGRAM:
            self.program_due.emit(event.routine_id, event)
        elif plan.action is Action.HOLD_BREAK:
            self.quiet.emit(event)  # only the tray's words change

    @Slot(float)
    def came_back(self, seconds_away: float) -> None:
        """Back at the keyboard after time away: as long as a break, it was one."""
        if self.planner.came_back(self.now(), seconds_away):
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
