"""How closely a scheduled routine is being followed: "1 of 2 today", "9 of 14 this week".

"This week" starts on the first day of the week in the person's locale (Sunday in
the United States, Saturday in Egypt, Monday in most of Europe), as the calendar
does; a caller may name another first day."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from . import i18n
from .i18n import _, ngettext
from .model import WEEKDAYS, Schedule


@dataclass(frozen=True, slots=True)
class Adherence:
    today_done: int
    today_target: int  # 0 on a day the schedule leaves free
    week_done: int
    week_target: int

    @property
    def today_text(self) -> str:
        if self.today_target == 0:
            if not self.today_done:
                # Translators: of a home program on a day its schedule leaves free.
                return _("not scheduled today")
            # Translators: of a home program on a day its schedule leaves free, on
            # which {count} sessions were done all the same.
            return ngettext(
                "not scheduled today ({count} done)",
                "not scheduled today ({count} done)",
                self.today_done,
            ).format(count=self.today_done)
        # Translators: sessions of a home program done today ({done}) of those
        # prescribed for today ({count}).
        return ngettext(
            "{done} of {count} today", "{done} of {count} today", self.today_target
        ).format(done=self.today_done, count=self.today_target)

    @property
    def week_text(self) -> str:
        # Translators: sessions of a home program done this week ({done}) of those
        # prescribed for the whole week ({count}).
        return ngettext(
            "{done} of {count} this week", "{done} of {count} this week", self.week_target
        ).format(done=self.week_done, count=self.week_target)


def week_of(day: date, first_weekday: int | None = None) -> tuple[date, date]:
    """The first day of day's week and the first day of the week after it. The week
    starts on first_weekday (Monday is 0, as datetime counts), by default on the
    first day of the week in the person's locale."""
    first = i18n.first_weekday() if first_weekday is None else first_weekday
    start = day - timedelta(days=(day.weekday() - first) % 7)
    return start, start + timedelta(days=7)


def scheduled_on(schedule: Schedule, day: date) -> bool:
    return WEEKDAYS[day.weekday()] in schedule.days


def adherence(
    schedule: Schedule,
    completed: dict[date, int],
    today: date,
    first_weekday: int | None = None,
) -> Adherence:
    """Completed sessions per day (on the person's calendar) against the schedule.

    A day counts at most its prescribed number: three sessions on Monday do not
    make up for a missed Tuesday. The week runs from the locale's first weekday
    (or first_weekday, Monday being 0) for seven days, and its target counts every
    scheduled day in it, the days still to come included."""
    start, _next = week_of(today, first_weekday)
    week_done = week_target = 0
    for offset in range(7):
        day = start + timedelta(days=offset)
        if scheduled_on(schedule, day):
            week_target += schedule.per_day
            week_done += min(completed.get(day, 0), schedule.per_day)
    today_target = schedule.per_day if scheduled_on(schedule, today) else 0
    return Adherence(completed.get(today, 0), today_target, week_done, week_target)


def adherence_texts(
    schedules: Iterable[tuple[str, Schedule]],
    completed_per_day: Callable[[str, date, date], dict[date, int]],
    today: date,
    first_weekday: int | None = None,
) -> dict[str, str]:
    """ "1 of 2 today  ·  9 of 14 this week" for each scheduled routine (id, schedule),
    from the completed sessions per day of today's week (id, its first day, the first
    day of the next); the week starts as in week_of()."""
    start, next_start = week_of(today, first_weekday)
    texts = {}
    for routine_id, schedule in schedules:
        done = completed_per_day(routine_id, start, next_start)
        counts = adherence(schedule, done, today, start.weekday())
        texts[routine_id] = f"{counts.today_text}  ·  {counts.week_text}"
    return texts


def until_next_day(now: datetime) -> float:
    """Seconds from now until just after the next midnight on now's calendar (at
    least one): when today's counts start again. Real seconds, also across a change
    to or from summer time (an aware now's zone is asked for both ends)."""
    midnight = datetime.combine(now.date() + timedelta(days=1), time.min, tzinfo=now.tzinfo)
    if now.tzinfo is not None:
        now, midnight = now.astimezone(timezone.utc), midnight.astimezone(timezone.utc)
    return max(1.0, (midnight - now).total_seconds() + 1)
