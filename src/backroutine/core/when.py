"""A moment said the way the tray says it: a time today, "tomorrow at 09:00", a
weekday within the week ahead, a date beyond; midnight beginning tomorrow is
"tomorrow". So that "Next break at 09:00" said on a Friday evening is never read
as later tonight when the break is on Monday."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from .i18n import _, day_name, format_date, format_time

# Whole messages, for the tray: a translator sees each sentence entire, so the words
# around the moment can go where the language puts them.


def next_break_text(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """ "Next break at 10:15", "... tomorrow at 09:00", "... on Monday at 09:00"."""
    return _said(
        moment,
        now,
        zone,
        # Translators: the tray's line; {time} is a time of day today.
        _("Next break at {time}"),
        _("Next break tomorrow"),
        # Translators: {time} is a time of day tomorrow.
        _("Next break tomorrow at {time}"),
        # Translators: {day} is a weekday name within the coming week, or a date beyond it.
        _("Next break on {day} at {time}"),
    )


def paused_until_text(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """ "Reminders paused until 10:15", "... until tomorrow", "... until Monday at 09:00"."""
    return _said(
        moment,
        now,
        zone,
        # Translators: {time} is a time of day today.
        _("Reminders paused until {time}"),
        _("Reminders paused until tomorrow"),
        # Translators: {time} is a time of day tomorrow.
        _("Reminders paused until tomorrow at {time}"),
        # Translators: {day} is a weekday name within the coming week, or a date beyond it.
        _("Reminders paused until {day} at {time}"),
    )


def _said(
    moment: datetime,
    now: datetime,
    zone: tzinfo,
    today: str,
    tomorrow: str,
    tomorrow_at: str,
    later: str,
) -> str:
    """The one of four messages that fits the moment, with its day and time filled in."""
    days, clock, day = _parts(moment, now, zone)
    if days <= 0:
        return today.format(time=clock)
    if days == 1:
        return tomorrow_at.format(time=clock) if clock else tomorrow
    return later.format(day=day, time=clock)


def _parts(moment: datetime, now: datetime, zone: tzinfo) -> tuple[int, str, str]:
    """Days ahead on the person's calendar, the clock time ("" for the midnight that
    begins tomorrow) and the day's name or date."""
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    clock = "" if days == 1 and local.time() == time.min else format_time(local.time())
    day = day_name(local.weekday()) if days < 7 else format_date(local.date())
    return days, clock, day
