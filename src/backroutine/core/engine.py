"""The session engine: a state machine over a timeline, told the time by an injected clock.

It never counts ticks. Each period ends at a deadline on the monotonic clock,
and the next period starts at that deadline (not when someone noticed it), so
lateness never accumulates. The shell asks `next_wakeup()` when to call
`update()` again, and draws `view()`.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from dataclasses import dataclass

from .timeline import Period, PeriodKind, Timeline

Clock = Callable[[], float]

COUNTDOWN_TICKS = 3  # "3, 2, 1" before the end of prepare and work periods
SLEEP_GAP = 5.0  # seconds between updates that mean the computer slept or froze


class State(enum.Enum):
    READY = "ready"  # not started
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"  # the whole timeline was done
    STOPPED = "stopped"  # ended early by the user

    @property
    def under_way(self) -> bool:
        """Started and not over: leaving now loses the rest of the session."""
        return self in (State.RUNNING, State.PAUSED)

    @property
    def over(self) -> bool:
        """Ended, to the end or stopped early: nothing more will happen in it."""
        return self in (State.FINISHED, State.STOPPED)


class CueKind(enum.Enum):
    PERIOD_START = "period_start"
    TICK = "tick"  # one of the last seconds of a prepare or work period
    PERIOD_END = "period_end"
    COMPLETE = "complete"


class PauseReason(enum.Enum):
    USER = "user"
    SLEPT = "slept"  # a gap far longer than a wake-up: the computer was asleep


@dataclass(frozen=True, slots=True)
class Cue:
    kind: CueKind
    period_index: int
    due: float  # when it was due, on the monotonic clock
    count: int = 0  # for ticks: 3, 2, 1


@dataclass(frozen=True, slots=True)
class Transition:
    """A change of period, and when it was due versus when it was handled."""

    period_index: int  # the new period; len(periods) when the routine is complete
    kind: str
    due: float
    handled: float


class Outcome(enum.Enum):
    DONE = "done"  # ran to its end, or Done was pressed
    SKIPPED = "skipped"  # left early: skipped, or the session stopped during it


@dataclass(frozen=True, slots=True)
class WorkDone:
    """A work period (hold, duration, rep) as it ended: what the history keeps."""

    period_index: int
    period: Period
    active_seconds: float  # time spent in it, pauses excluded
    outcome: Outcome
    ended: float  # on the monotonic clock


@dataclass(frozen=True, slots=True)
class View:
    state: State
    index: int  # the current period (clamped to the last one once finished)
    period: Period | None
    remaining: float | None  # seconds left in this period; None for an untimed rep
    shown_seconds: int | None  # the countdown as displayed: whole seconds, rounded up
    elapsed_active: float  # time spent in periods, pauses excluded
    remaining_total: float  # timed seconds still to come, this period included
    untimed_left: int  # untimed reps still to come, this one included
    next_period: Period | None
    pause_reason: PauseReason | None
    paused_seconds: float


class Session:
    """One run through a timeline."""

    def __init__(self, timeline: Timeline, clock: Clock, sleep_gap: float = SLEEP_GAP) -> None:
        self.timeline = timeline
        self.periods = timeline.periods
        self._clock = clock
        self._sleep_gap = sleep_gap
        self.state = State.READY
        self.index = 0
        self._period_start = 0.0  # when the current period began (shifted by pauses)
        self._deadline: float | None = None
        self._paused_at: float | None = None
        self._remaining_at_pause: float | None = None
        self.pause_reason: PauseReason | None = None
        self.paused_seconds = 0.0
        self._last_update: float | None = None
        self._ticks_done: set[int] = set()
        self._active_before = 0.0  # active seconds of the periods already left
        self.cues: list[Cue] = []
        self.transitions: list[Transition] = []
        self.work: list[WorkDone] = []  # every work period left, in order
        self.started_at: float | None = None
        self.ended_at: float | None = None

    # -- facts ---------------------------------------------------------------

    @property
    def under_way(self) -> bool:
        """Started and not over (running or paused)."""
        return self.state.under_way

    @property
    def over(self) -> bool:
        """Finished or stopped."""
        return self.state.over

    @property
    def did_some(self) -> bool:
        """At least one hold, rep or timed part was done (not skipped)."""
        return any(w.outcome is Outcome.DONE for w in self.work)

    @property
    def completed(self) -> bool:
        """Done to its end with something done: reaching the end by skipping
        everything is not a session done. The one definition of "completed"."""
        return self.state is State.FINISHED and self.did_some

    # -- commands ------------------------------------------------------------

    def start(self) -> None:
        if self.state is not State.READY:
            return
        now = self._clock()
        self.started_at = now
        self._last_update = now
        if not self.periods:
            self._finish(now, now)
            return
        self.state = State.RUNNING
        self._enter(0, now, now)

    def pause(self, reason: PauseReason = PauseReason.USER, at: float | None = None) -> None:
        if self.state is not State.RUNNING:
            return
        now = self._clock() if at is None else at
        self._paused_at = now
        self._remaining_at_pause = None if self._deadline is None else self._deadline - now
        self.pause_reason = reason
        self.state = State.PAUSED

    def resume(self) -> None:
        if self.state is not State.PAUSED or self._paused_at is None:
            return
        now = self._clock()
        self.paused_seconds += now - self._paused_at
        self._period_start += now - self._paused_at
        if self._remaining_at_pause is not None:
            self._deadline = now + self._remaining_at_pause
        self._paused_at = None
        self._remaining_at_pause = None
        self.pause_reason = None
        self._last_update = now
        self.state = State.RUNNING

    def toggle(self) -> None:
        """Space: start, pause or resume, whichever fits."""
        if self.state is State.READY:
            self.start()
        elif self.state is State.RUNNING:
            self.pause()
        elif self.state is State.PAUSED:
            self.resume()

    def skip(self) -> None:
        """On to the next period now."""
        if not self.under_way:
            return
        now = self._clock()
        self._last_update = now
        self._record_work(Outcome.SKIPPED, now)
        self._jump(self.index + 1, now)

    def skip_exercise(self) -> None:
        """On to the step after this one (past its remaining reps, sets and sides)."""
        period = self.current
        if not self.under_way or period is None:
            return
        now = self._clock()
        self._last_update = now
        self._record_work(Outcome.SKIPPED, now)
        target = self.index + 1
        while target < len(self.periods) and self.periods[target].step_index == period.step_index:
            # The reps and holds passed over were prescribed and not done: say so.
            if self.periods[target].kind.is_work:
                self.work.append(WorkDone(target, self.periods[target], 0.0, Outcome.SKIPPED, now))
            target += 1
        self._jump(target, now)

    def back(self) -> None:
        """To the start of this period; pressed again near its start, to the previous one."""
        if not self.under_way:
            return
        now = self._clock()
        self._last_update = now
        into = self._active_in_period(now)
        target = self.index - 1 if into < 2.0 and self.index > 0 else self.index
        self._jump(target, now)

    def done(self) -> None:
        """Enter: an untimed rep is done."""
        period = self.current
        if self.state is State.RUNNING and period is not None and period.seconds is None:
            now = self._clock()
            self._last_update = now
            self._record_work(Outcome.DONE, now)
            self._leave(now)
            self._advance_to(self.index + 1, now, now)

    def stop(self) -> None:
        if self.over:
            return
        now = self._clock()
        if self.under_way:
            self._record_work(Outcome.SKIPPED, now)
        if self.state is State.PAUSED and self._paused_at is not None:
            self.paused_seconds += now - self._paused_at
            self._active_before += self._paused_at - self._period_start
            self._paused_at = None
        elif self.state is State.RUNNING:
            self._active_before += now - self._period_start
        self.state = State.STOPPED
        self.ended_at = now

    # -- time ----------------------------------------------------------------

    def update(self) -> list[Cue]:
        """Handle everything due by now; returns the cues that fell due."""
        before = len(self.cues)
        if self.state is not State.RUNNING:
            return []
        now = self._clock()
        last = self._last_update
        self._last_update = now
        timed = self._deadline is not None  # an untimed rep waits as long as it likes
        if timed and last is not None and now - last > self._sleep_gap:
            # Asleep: stop the session where it was when the machine last
            # woke us, rather than racing through the periods it missed.
            self._catch_up(last)
            if self.state is State.RUNNING:
                self.pause(PauseReason.SLEPT, at=last)
            return self.cues[before:]
        self._catch_up(now)
        return self.cues[before:]

    def _catch_up(self, now: float) -> None:
        while self.state is State.RUNNING and self._deadline is not None:
            self._due_ticks(now)
            if now < self._deadline:
                break
            deadline = self._deadline
            self._record_work(Outcome.DONE, deadline)
            self._leave(deadline)
            self._advance_to(self.index + 1, deadline, now)

    def _due_ticks(self, now: float) -> None:
        period = self.current
        if period is None or self._deadline is None:
            return
        if not (period.kind is PeriodKind.PREPARE or period.kind.is_work):
            return
        for count in range(COUNTDOWN_TICKS, 0, -1):
            due = self._deadline - count
            if due < self._period_start or count in self._ticks_done:
                continue
            if now >= due:
                self._ticks_done.add(count)
                self.cues.append(Cue(CueKind.TICK, self.index, due, count))

    def next_wakeup(self) -> float | None:
        """When update() should next run: the next whole second shown, or the deadline."""
        if self.state is not State.RUNNING or self._deadline is None:
            return None
        now = self._clock()
        remaining = self._deadline - now
        if remaining <= 0:
            return now
        shown = math.ceil(remaining - 1e-9)
        return min(self._deadline, self._deadline - (shown - 1))

    # -- what to show --------------------------------------------------------

    @property
    def current(self) -> Period | None:
        if 0 <= self.index < len(self.periods):
            return self.periods[self.index]
        return None

    def view(self) -> View:
        now = self._clock()
        period = self.current
        remaining: float | None
        if self.state is State.READY:
            remaining = period.seconds if period else None
        elif self.state is State.PAUSED:
            remaining = self._remaining_at_pause
        elif self.state is State.RUNNING and self._deadline is not None:
            remaining = max(0.0, self._deadline - now)
        elif self.state.over:
            remaining = 0.0
        else:
            remaining = None
        later = self.periods[self.index + 1 :] if period else ()
        remaining_total = (remaining or 0.0) + sum(p.seconds or 0.0 for p in later)
        untimed_left = sum(1 for p in later if p.seconds is None)
        if period is not None and period.seconds is None and self.state is not State.FINISHED:
            untimed_left += 1
        if self.state is State.FINISHED:
            remaining_total, untimed_left = 0.0, 0
        next_period = self.periods[self.index + 1] if self.index + 1 < len(self.periods) else None
        shown = None if remaining is None else math.ceil(remaining - 1e-9)
        return View(
            state=self.state,
            index=min(self.index, len(self.periods) - 1),
            period=period if period else (self.periods[-1] if self.periods else None),
            remaining=remaining,
            shown_seconds=shown,
            elapsed_active=self.active_seconds(now),
            remaining_total=remaining_total,
            untimed_left=untimed_left,
            next_period=next_period,
            pause_reason=self.pause_reason,
            paused_seconds=self.paused_seconds
            + (now - self._paused_at if self._paused_at is not None else 0.0),
        )

    def active_seconds(self, now: float | None = None) -> float:
        if now is None:
            now = self._clock()
        if self.state is State.RUNNING:
            return self._active_before + (now - self._period_start)
        if self.state is State.PAUSED and self._paused_at is not None:
            return self._active_before + (self._paused_at - self._period_start)
        return self._active_before

    # -- internals -----------------------------------------------------------

    def _active_in_period(self, now: float) -> float:
        if self.state is State.PAUSED and self._paused_at is not None:
            return self._paused_at - self._period_start
        return now - self._period_start

    def _record_work(self, outcome: Outcome, at: float) -> None:
        """Keep the current period's result, if it is work (not a rest or a get-ready)."""
        period = self.current
        if period is None or not period.kind.is_work:
            return
        if self.state is State.PAUSED and self._paused_at is not None:
            at = self._paused_at
        spent = max(0.0, at - self._period_start)
        self.work.append(WorkDone(self.index, period, spent, outcome, at))

    def _leave(self, at: float) -> None:
        period = self.current
        if period is not None:
            self.cues.append(Cue(CueKind.PERIOD_END, self.index, at))
        self._active_before += at - self._period_start

    def _jump(self, target: int, now: float) -> None:
        """Skip or back: leave the current period now and enter target."""
        was_paused = self.state is State.PAUSED
        if was_paused and self._paused_at is not None:
            self.paused_seconds += now - self._paused_at
            self._active_before += self._paused_at - self._period_start
            self._paused_at = None
            self._remaining_at_pause = None
        else:
            self._active_before += now - self._period_start
        self.state = State.RUNNING
        self._advance_to(target, now, now)
        if was_paused and self.state is State.RUNNING:
            self.pause(self.pause_reason or PauseReason.USER)

    def _advance_to(self, target: int, start: float, handled: float) -> None:
        if target >= len(self.periods):
            self._finish(start, handled)
            return
        self._enter(target, start, handled)

    def _enter(self, index: int, start: float, handled: float) -> None:
        self.index = index
        period = self.periods[index]
        self._period_start = start
        self._deadline = None if period.seconds is None else start + period.seconds
        self._ticks_done = set()
        self.cues.append(Cue(CueKind.PERIOD_START, index, start))
        self.transitions.append(Transition(index, period.kind.value, start, handled))

    def _finish(self, at: float, handled: float) -> None:
        self.index = len(self.periods)
        self._deadline = None
        self.state = State.FINISHED
        self.ended_at = at
        self.cues.append(Cue(CueKind.COMPLETE, self.index, at))
        self.transitions.append(Transition(self.index, "complete", at, handled))
