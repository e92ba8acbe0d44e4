"""Durations as routine files write them: 30, 2.5, "30s", "1m30s", "1:30", "2 min"."""

from __future__ import annotations

import math
import re

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
_HINT = 'write seconds (30), or a time such as "30s", "1m30s", "1:30" or "2 min"'


class DurationError(ValueError):
    """A value that cannot be read as a duration; the message says what to write."""


def parse_duration(value: object) -> float:
    """Seconds for a duration value, or DurationError saying why not."""
    if isinstance(value, bool) or value is None:
        raise DurationError(f"expected a duration; {_HINT}")
    if isinstance(value, (int, float)):
        seconds = float(value)
    elif isinstance(value, str):
        seconds = _parse_text(value)
    else:
        raise DurationError(f"expected a duration, not a list or mapping; {_HINT}")
    if math.isnan(seconds):
        raise DurationError(f"expected a duration, not 'not a number'; {_HINT}")
    if seconds < 0:
        raise DurationError("a duration cannot be negative")
    if math.isinf(seconds):
        raise DurationError("a duration cannot be endless; the most is 2 hours")
    if seconds > MAX_SECONDS:
        raise DurationError(f"{format_duration(seconds)} is too long; the most is 2 hours")
    return seconds


def _parse_text(text: str) -> float:
    stripped = text.strip()
    if stripped.startswith("-"):
        raise DurationError("a duration cannot be negative")
    match = _RE.match(text)
    if match is None or not stripped:
        raise DurationError(f"cannot read {text!r} as a duration; {_HINT}")
    hours, minutes, seconds, clock_a, clock_b, clock_c = match.groups()
    if clock_a is not None:
        if clock_c is not None:  # H:MM:SS
            return float(int(clock_a) * 3600 + int(clock_b) * 60 + int(clock_c))
        return float(int(clock_a) * 60 + int(clock_b))  # M:SS
    if hours is None and minutes is None and seconds is None:
        return float(stripped)  # a bare number in quotes
    return float(hours or 0) * 3600 + float(minutes or 0) * 60 + float(seconds or 0)


def format_duration(seconds: float) -> str:
    """The way a person writes it: "45s", "1m30s", "2m", "1h5m", "2.5s"."""
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
