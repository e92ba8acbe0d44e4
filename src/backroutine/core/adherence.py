"""How closely a scheduled routine is being followed: "1 of 2 today", "9 of 14 this week"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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
