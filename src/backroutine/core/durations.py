"""Durations as routine files write them: 30, 2.5, "30s", "1m30s", "1:30", "2 min"."""

from __future__ import annotations

import math
import re

from .i18n import _, format_number, ngettext

MAX_SECONDS = 2 * 60 * 60

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_HOURS = r"(?:h|hr|hrs|hour|hours)"
_MINUTES = r"(?:m|min|mins|minute|minutes)"
_SECONDS = r"(?:s|sec|secs|second|seconds)"
# One pattern, shared with the JSON Schema so editors accept what the app accepts.
PATTERN = (
    rf"^\s*(?:{_NUMBER}"
    rf"|(?=[0-9])(?:({_NUMBER})\s*{_HOURS}\s*)?(?:({_NUMBER})\s*{_MINUTES}\s*)?(?:({_NUMBER})\s*{_SECONDS})?"
    r"|([0-9]+):([0-5][0-9])(?::([0-5][0-9]))?)\s*$"
)
_RE = re.compile(PATTERN)


class DurationError(ValueError):
    """A value that cannot be read as a duration; the message says what to write."""


def parse_duration(value: object) -> float:
    """Seconds for a duration value, or DurationError saying why not."""
    if isinstance(value, bool) or value is None:
        # Translators: "30s", "1m30s", "1:30" and "2 min" are how routine files write
        # times; keep them exactly as they are.
        raise DurationError(
            _(
                'expected a duration; write seconds (30), or a time such as "30s", "1m30s", '
                '"1:30" or "2 min"'
            )
        )
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        seconds = _parse_text(value)
    else:
        # Translators: "30s", "1m30s", "1:30" and "2 min" are how routine files write
        # times; keep them exactly as they are.
        raise DurationError(
            _(
                "expected a duration, not a list or mapping; write seconds (30), or a time such "
                'as "30s", "1m30s", "1:30" or "2 min"'
            )
        )
    if math.isnan(seconds):
        # Translators: "30s", "1m30s", "1:30" and "2 min" are how routine files write
        # times; keep them exactly as they are.
        raise DurationError(
            _(
                'expected a duration, not "not a number"; write seconds (30), or a time such '
                'as "30s", "1m30s", "1:30" or "2 min"'
            )
        )
    if seconds < 0:
        raise DurationError(_("a duration cannot be negative"))
    if math.isinf(seconds):
        raise DurationError(_("a duration cannot be endless; the most is 2 hours"))
    if seconds > MAX_SECONDS:
        raise DurationError(
            _("{duration} is too long; the most is 2 hours").format(duration=say_duration(seconds))
        )
    return seconds


def _parse_text(text: str) -> float:
    stripped = text.strip()
    if stripped.startswith("-"):
        raise DurationError(_("a duration cannot be negative"))
    match = _RE.match(text)
    if match is None or not stripped:
        # Translators: "30s", "1m30s", "1:30" and "2 min" are how routine files write
        # times; keep them exactly as they are.
        raise DurationError(
            _(
                "cannot read {value} as a duration; write seconds (30), or a time such as "
                '"30s", "1m30s", "1:30" or "2 min"'
            ).format(value=repr(text))
        )
    hours, minutes, seconds, clock_a, clock_b, clock_c = match.groups()
    if clock_a is not None:
        if clock_c is not None:  # H:MM:SS
            return float(int(clock_a) * 3600 + int(clock_b) * 60 + int(clock_c))
        return float(int(clock_a) * 60 + int(clock_b))  # M:SS
    if hours is None and minutes is None and seconds is None:
        return float(stripped)  # a bare number in quotes
    return float(hours or 0) * 3600 + float(minutes or 0) * 60 + float(seconds or 0)


def say_duration(seconds: float) -> str:
    """A duration for a person to read in their language: "45 s", "1 min 30 s",
    "1 h 5 min", "2.5 s" (the decimal as the locale writes it). Routine files are
    written with format_duration instead."""
    if seconds != int(seconds):
        # Translators: a time in seconds with decimals, "2.5 s"; {seconds} is the number.
        return _("{seconds} s").format(seconds=format_number(seconds, 3))
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours and minutes and secs:
        # Translators: a time in hours, minutes and seconds, "1 h 5 min 10 s".
        text = _("{hours} h {minutes} min {seconds} s")
    elif hours and minutes:
        # Translators: a time in hours and minutes, "1 h 5 min".
        text = _("{hours} h {minutes} min")
    elif hours and secs:
        # Translators: a time in hours and seconds, "1 h 10 s".
        text = _("{hours} h {seconds} s")
    elif hours:
        # Translators: a time in whole hours, "2 h".
        text = ngettext("{hours} h", "{hours} h", hours)
    elif minutes and secs:
        # Translators: a time in minutes and seconds, "1 min 30 s".
        text = _("{minutes} min {seconds} s")
    elif minutes:
        # Translators: a time in whole minutes, "2 min".
        text = ngettext("{minutes} min", "{minutes} min", minutes)
    else:
        # Translators: a time in whole seconds, "45 s".
        text = ngettext("{seconds} s", "{seconds} s", secs)
    return text.format(hours=hours, minutes=minutes, seconds=secs)


def format_duration(seconds: float) -> str:
    """The way a routine file writes it: "45s", "1m30s", "2m", "1h5m", "2.5s"."""
    if seconds != int(seconds):
        return f"{seconds:.10g}s"  # every digit written (":g" would round 1234.5678)
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = ""
    if hours:
        text += f"{hours}h"
    if minutes:
        text += f"{minutes}m"
    if secs or not text:
        text += f"{secs}s"
    return text


def format_clock(seconds: float) -> str:
    """A total for display: "2:45", "1:02:03"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
