"""A moment said the way the tray says it: a time today, "tomorrow at 09:00", a
weekday within the week ahead, a date beyond; midnight beginning tomorrow is
"tomorrow". So that "Next break at 09:00" said on a Friday evening is never read
as later tonight when the break is on Monday."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def said_when(moment: datetime, now: datetime, zone: tzinfo) -> str:
    """ "at 10:15", "tomorrow", "tomorrow at 09:00", "on Monday at 09:00" or
    "on 2026-12-01 at 09:00", as a phrase that follows a verb."""
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    clock = local.strftime("%H:%M")
    if days <= 0:
        return f"at {clock}"
    if days == 1:
        return "tomorrow" if local.time() == time.min else f"tomorrow at {clock}"
    if days < 7:
        return f"on {DAY_NAMES[local.weekday()]} at {clock}"
    return f"on {local.date().isoformat()} at {clock}"
