"""How closely a scheduled routine is being followed: "1 of 2 today", "9 of 14 this week"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

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
            return "not scheduled today" + (f" ({self.today_done} done)" if self.today_done else "")
        return f"{self.today_done} of {self.today_target} today"

    @property
    def week_text(self) -> str:
        return f"{self.week_done} of {self.week_target} this week"


def week_of(day: date) -> tuple[date, date]:
    """The Monday that starts day's week, and the Monday after it."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=7)


def scheduled_on(schedule: Schedule, day: date) -> bool:
    return WEEKDAYS[day.weekday()] in schedule.days


def adherence(schedule: Schedule, completed: dict[date, int], today: date) -> Adherence:
    """Completed sessions per day (on the person's calendar) against the schedule.

    A day counts at most its prescribed number: three sessions on Monday do not
    make up for a missed Tuesday. The week runs Monday to Sunday, and its target
    counts every scheduled day in it, the days still to come included."""
    monday, _ = week_of(today)
    week_done = week_target = 0
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if scheduled_on(schedule, day):
            week_target += schedule.per_day
            week_done += min(completed.get(day, 0), schedule.per_day)
    today_target = schedule.per_day if scheduled_on(schedule, today) else 0
    return Adherence(completed.get(today, 0), today_target, week_done, week_target)


def adherence_texts(
    schedules: Iterable[tuple[str, Schedule]],
    completed_per_day: Callable[[str, date, date], dict[date, int]],
    today: date,
) -> dict[str, str]:
    """ "1 of 2 today  ·  9 of 14 this week" for each scheduled routine (id, schedule),
    from the completed sessions per day of today's week (id, monday, next monday)."""
    monday, next_monday = week_of(today)
    texts = {}
    for routine_id, schedule in schedules:
        counts = adherence(schedule, completed_per_day(routine_id, monday, next_monday), today)
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
