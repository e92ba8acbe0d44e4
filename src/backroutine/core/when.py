"""A moment said the way the tray says it: a time today, "tomorrow at 09:00", a
weekday within the week ahead, a date beyond; midnight beginning tomorrow is
"tomorrow". So that "Next break at 09:00" said on a Friday evening is never read
as later tonight when the break is on Monday."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from .i18n import _, day_name, format_date, format_time


def said_when(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """ "at 10:15", "tomorrow", "tomorrow at 09:00", "on Monday at 09:00" or
    "on 2026-12-01 at 09:00", as a phrase that follows a verb."""
    days, clock, day = _parts(moment, now, zone)
    if days <= 0:
        # Translators: follows a verb, as in "Next break at 10:15".
        return _("at {time}").format(time=clock)
    if days == 1:
        if not clock:
            return _("tomorrow")
        return _("tomorrow at {time}").format(time=clock)
    # Translators: {day} is a weekday name or a date; follows a verb ("Next break on ...").
    return _("on {day} at {time}").format(day=day, time=clock)


def said_until(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """The same moment after "until": "10:15", "tomorrow", "tomorrow at 09:00",
    "Monday at 09:00" or "2026-12-01 at 09:00"."""
    days, clock, day = _parts(moment, now, zone)
    if days <= 0:
        return clock
    if days == 1:
        if not clock:
            return _("tomorrow")
        return _("tomorrow at {time}").format(time=clock)
    # Translators: a moment after "until": "Monday at 09:00".
    return _("{day} at {time}").format(day=day, time=clock)


def _parts(moment: datetime, now: datetime, zone: tzinfo) -> tuple[int, str, str]:
    """Days ahead on the person's calendar, the clock time ("" for the midnight that
    begins tomorrow) and the day's name or date."""
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    clock = "" if days == 1 and local.time() == time.min else format_time(local.time())
    day = day_name(local.weekday()) if days < 7 else format_date(local.date())
    return days, clock, day
