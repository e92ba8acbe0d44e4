"""When to remind: hourly breaks within working hours, and a program's sessions.

Everything is computed from the wall clock and the settings, never from ticks
counted: the shell asks `next_event(now)` after every change (and after the
computer wakes) and sets one timer for it. Instants are aware datetimes; the
working day is placed on the calendar in the person's time zone, so a break
interval is real minutes across a daylight-saving change, and 09:00 stays 09:00.
"""

from __future__ import annotations

import enum
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .files import read_bounded
from .model import WEEKDAYS, Schedule

MAX_ZONE_BYTES = 1024 * 1024  # a time zone file is a few KiB
LOOK_AHEAD_DAYS = 8  # a week of days off (or a pause) and the day after


def system_zone(localtime: Path = Path("/etc/localtime")) -> tzinfo:
    """The computer's time zone with its daylight-saving rules, where they can be
    found (TZ, /etc/localtime); else its present offset from UTC."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    if localtime.exists():
        try:
            data = read_bounded(localtime, MAX_ZONE_BYTES)
            return ZoneInfo.from_file(io.BytesIO(data), key="localtime")
        except (OSError, ValueError):
            pass
    found = datetime.now().astimezone().tzinfo
    assert found is not None
    return found


@dataclass(frozen=True, slots=True)
class BreakSettings:
    enabled: bool = True
    every_minutes: int = 60
    work_start: time = time(9, 0)
    work_end: time = time(17, 30)  # before work_start: the window runs past midnight
    work_days: tuple[str, ...] = WEEKDAYS[:5]
    heads_up_minutes: float = 1.0
    snooze_minutes: int = 10


class EventKind(enum.Enum):
    HEADS_UP = "heads_up"  # "a break in a minute"
    BREAK = "break"
    PROGRAM = "program"  # time for a session of a scheduled routine


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    at: datetime
    routine_id: str = ""


@dataclass
class BreakTimer:
    """The break reminder's state: when the last break was, and what the person chose."""

    settings: BreakSettings
    zone: tzinfo
    last_break: datetime  # the end of the last break (or when the app started)
    snoozed_until: datetime | None = None
    paused_until: datetime | None = None
    heads_up_for: datetime | None = field(default=None)  # the break already announced

    # -- what the person and the computer did -------------------------------

    def break_taken(self, at: datetime) -> None:
        """A session of any routine was completed: the interval starts again."""
        self.last_break = at
        self.snoozed_until = None

    def natural_break(self, idle_seconds: float, at: datetime, break_seconds: float) -> bool:
        """Away from the keyboard for at least a break's length: that was a break."""
        if idle_seconds < break_seconds:
            return False
        self.break_taken(at)
        return True

    def snooze(self, at: datetime) -> None:
        self.snoozed_until = _utc(at) + timedelta(minutes=self.settings.snooze_minutes)

    def reminded(self, at: datetime) -> None:
        """The break reminder was shown; unanswered, it comes back after a snooze."""
        self.snooze(at)

    def hold(self, at: datetime, wait: timedelta) -> None:
        """Not shown now (a full-screen window is in front): due again after wait."""
        self.snoozed_until = _utc(at) + wait

    def skip(self, at: datetime) -> None:
        """Skip this break: the next is a whole interval away."""
        self.break_taken(at)

    def pause(self, until: datetime) -> None:
        self.paused_until = until

    def resume(self) -> None:
        self.paused_until = None

    def pause_until_tomorrow(self, at: datetime) -> None:
        tomorrow = at.astimezone(self.zone).date() + timedelta(days=1)
        self.paused_until = datetime.combine(tomorrow, time.min, self.zone)

    # -- when ----------------------------------------------------------------

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The working hours that begin on day, as instants; None on a day off."""
        if WEEKDAYS[day.weekday()] not in self.settings.work_days:
            return None
        start = datetime.combine(day, self.settings.work_start, self.zone)
        end_day = day if self.settings.work_end > self.settings.work_start else day + timedelta(1)
        return start, datetime.combine(end_day, self.settings.work_end, self.zone)

    def next_break(self, now: datetime) -> datetime | None:
        """When the next break is due: now at the earliest (one, however many were
        missed while the computer slept), within working hours, after any pause."""
        if not self.settings.enabled:
            return None
        every = timedelta(minutes=self.settings.every_minutes)
        today = now.astimezone(self.zone).date()
        for offset in range(-1, LOOK_AHEAD_DAYS):  # -1: a window begun yesterday evening
            window = self.window(today + timedelta(days=offset))
            if window is None:
                continue
            start, end = window
            if end <= now:
                continue
            # In UTC: an aware datetime in a zone adds by the wall clock, which would
            # make the hour around a daylight-saving change 0 or 120 minutes long.
            due = _utc(max(start, self.last_break)) + every
            if self.snoozed_until is not None and self.snoozed_until > start:
                if self.snoozed_until >= end:
                    continue  # snoozed past the end of the day: the next day's first
                # A snooze only ever puts a break off, never brings it forward.
                due = max(due, self.snoozed_until)
            if self.paused_until is not None:
                due = max(due, self.paused_until)
            due = max(due, now)
            if due < end:
                return due
        return None

    def next_event(self, now: datetime) -> Event | None:
        due = self.next_break(now)
        if due is None:
            return None
        heads_up = _utc(due) - timedelta(minutes=self.settings.heads_up_minutes)
        # Still worth saying while the break is more than a few seconds off (a timer
        # may wake a little late); said once for each break.
        worth_it = _utc(due) - _utc(now) > timedelta(seconds=15)
        # A heads-up as long as the interval itself would come straight after a break.
        worth_it &= self.settings.heads_up_minutes < self.settings.every_minutes
        snoozed = self.snoozed_until is not None and _utc(due) == self.snoozed_until
        if (
            self.settings.heads_up_minutes > 0
            and worth_it
            and not snoozed
            and self.heads_up_for != _utc(due)
        ):
            return Event(EventKind.HEADS_UP, max(heads_up, _utc(now)))
        return Event(EventKind.BREAK, due)

    def announced(self, event: Event) -> None:
        """The heads-up was given: the next event is the break itself."""
        if event.kind is EventKind.HEADS_UP:
            due = self.next_break(event.at)
            self.heads_up_for = _utc(due) if due is not None else None


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc)


def program_times(per_day: int) -> tuple[time, ...]:
    """Reminder times spread over the waking day: 09:00 for once a day; otherwise
    from 08:00 to 20:00 in equal steps (twice: 08:00 and 20:00)."""
    if per_day <= 1:
        return (time(9, 0),)
    step = 12 * 60 / (per_day - 1)
    minutes = [round(8 * 60 + i * step) for i in range(per_day)]
    return tuple(time(m // 60, m % 60) for m in minutes)


def next_program_reminder(
    routine_id: str,
    schedule: Schedule,
    times: tuple[time, ...],
    done_today: int,
    now: datetime,
    zone: tzinfo,
    reminded_today: int = 0,
) -> Event | None:
    """The next reminder for a scheduled routine.

    The reminder at the k-th time of a day is due unless k+1 sessions are done
    that day already; times passed while the app was closed come as one
    reminder, not several. reminded_today says how many of today's times were
    already reminded of (or passed over)."""
    today = now.astimezone(zone).date()
    for offset in range(LOOK_AHEAD_DAYS):
        day = today + timedelta(days=offset)
        if WEEKDAYS[day.weekday()] not in schedule.days:
            continue
        moments = [datetime.combine(day, t, zone) for t in times]
        if offset == 0:
            passed = sum(m <= now for m in moments)
            if passed > reminded_today and done_today < passed:
                return Event(EventKind.PROGRAM, now, routine_id)  # one, for all those missed
            for index, moment in enumerate(moments):
                if moment > now and done_today <= index and index >= reminded_today:
                    return Event(EventKind.PROGRAM, moment, routine_id)
            continue
        return Event(EventKind.PROGRAM, moments[0], routine_id)
    return None
