"""The user's settings: read forgivingly from settings.yaml, written atomically."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import yamldoc
from .files import atomic_text
from .names import is_routine_id
from .problems import Problem, Severity
from .weekdays import WEEKDAYS  # not .model: settings load before the window shows

if TYPE_CHECKING:
    from .reminders import BreakSettings

THEMES = ("system", "light", "dark")
TEXT_SIZES = ("normal", "large")
RATINGS = ("auto", "always", "never")  # when to ask for pain and effort ratings


@dataclass(frozen=True)
class Settings:
    sound: bool = True  # cue sounds at the start, end and last seconds of a period
    volume: int = 80  # percent
    voice: bool = True  # spoken announcements, where a speech engine exists
    theme: str = "system"  # system, light or dark
    text_size: str = "normal"  # normal or large
    # Pain before and after, effort after: "auto" asks for programs (routines with a
    # schedule or tagged physio), "always" for every routine, "never" not at all.
    ratings: str = "auto"
    # Break reminders, within working hours on working days.
    breaks: bool = True
    break_every: int = 60  # minutes
    work_hours: str = "09:00-17:30"
    work_days: tuple[str, ...] = WEEKDAYS[:5]
    break_routine: str = "desk-break"
    heads_up: int = 1  # minutes of warning before a break (0: none)
    snooze: int = 10  # minutes
    # Reminders for routines with a schedule; times by routine id ("08:00"), else
    # spread over the waking day.
    program_reminders: bool = True
    program_times: dict[str, tuple[str, ...]] = field(default_factory=dict)
    start_on_login: bool = False
    safety_notice_seen: bool = False
    tray_notice_seen: bool = False  # told once that closing the window keeps it in the tray
    window_geometry: str = ""  # the main window's size and place, as Qt saves it (base64)

    def changed(self, **values: object) -> Settings:
        return replace(self, **values)  # type: ignore[arg-type]


_HELP = {
    "sound": "true or false",
    "volume": "a whole number from 0 to 100",
    "voice": "true or false",
    "theme": "one of: " + ", ".join(THEMES),
    "text_size": "one of: " + ", ".join(TEXT_SIZES),
    "ratings": "one of: " + ", ".join(RATINGS),
    "breaks": "true or false",
    "break_every": "a whole number of minutes from 10 to 240",
    "work_hours": 'two times of day, such as "09:00-17:30"',
    "work_days": "a list of days, such as [mon, tue, wed, thu, fri]",
    "break_routine": "a routine id, such as desk-break",
    "heads_up": "a whole number of minutes from 0 to 15",
    "snooze": "a whole number of minutes from 1 to 60",
    "program_reminders": "true or false",
    "start_on_login": "true or false",
    "program_times": 'routine ids with lists of times, such as low-back-basics: ["08:00", "20:00"]',
    "safety_notice_seen": "true or false",
    "tray_notice_seen": "true or false",
    "window_geometry": "text",
}

_RANGES = {"volume": (0, 100), "break_every": (10, 240), "heads_up": (0, 15), "snooze": (1, 60)}
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_BAD = object()


def clock_time(text: str) -> time | None:
    """ "08:00" as a time of day; None if it is not one."""
    found = _TIME.match(text.strip())
    return time(int(found.group(1)), int(found.group(2))) if found else None


def work_hours(text: str) -> tuple[time, time] | None:
    """ "09:00-17:30" as its two times; None if it is not two different times."""
    parts = text.split("-")
    if len(parts) != 2:
        return None
    start, end = clock_time(parts[0]), clock_time(parts[1])
    if start is None or end is None or start == end:
        return None
    return start, end


def _read(key: str, node: yamldoc.Node) -> object:
    """The value of a setting as written in the file, or _BAD."""
    if key == "work_days":
        if not isinstance(node, yamldoc.Sequence) or not node.items:
            return _BAD
        days = [i.text.strip().lower()[:3] for i in node.items if isinstance(i, yamldoc.Scalar)]
        if len(days) != len(node.items) or not set(days) <= set(WEEKDAYS):
            return _BAD
        return tuple(d for d in WEEKDAYS if d in days)
    if key == "program_times":
        if isinstance(node, yamldoc.Scalar) and node.is_null:
            return {}
        if not isinstance(node, yamldoc.Mapping):
            return _BAD
        times: dict[str, tuple[str, ...]] = {}
        for routine, listed in node.pairs:
            if not isinstance(routine, yamldoc.Scalar) or not isinstance(listed, yamldoc.Sequence):
                return _BAD
            written = [i.text for i in listed.items if isinstance(i, yamldoc.Scalar)]
            if len(written) != len(listed.items) or any(clock_time(t) is None for t in written):
                return _BAD
            if not is_routine_id(routine.text):
                return _BAD  # a routine id names a file: nothing else may pass
            times[routine.text] = tuple(sorted(t.strip().zfill(5) for t in written))
        return times
    if not isinstance(node, yamldoc.Scalar):
        return _BAD
    if key == "work_hours":
        return node.text.strip() if work_hours(node.text) else _BAD
    value = node.value
    return value if _valid(key, value) else _BAD


def _valid(key: str, value: object) -> bool:
    if key in (
        "sound",
        "voice",
        "safety_notice_seen",
        "tray_notice_seen",
        "breaks",
        "program_reminders",
        "start_on_login",
    ):
        return isinstance(value, bool)
    if key in _RANGES:
        low, high = _RANGES[key]
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    if key == "theme":
        return value in THEMES
    if key == "text_size":
        return value in TEXT_SIZES
    if key == "ratings":
        return value in RATINGS
    if key == "break_routine":
        return isinstance(value, str) and is_routine_id(value)
    return isinstance(value, str)


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """The settings in path; a missing file gives the defaults, a bad value its default."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"cannot read the settings ({reason}); using the defaults"
        return Settings(), [Problem(shown, 1, 1, Severity.WARNING, message)]
    try:
        root = yamldoc.parse_document(yamldoc.decode(data))
    except yamldoc.DocumentError as exc:
        message = f"{exc.message}; using the default settings"
        return Settings(), [Problem(shown, exc.line, exc.column, Severity.WARNING, message)]
    if not isinstance(root, yamldoc.Mapping):
        message = "settings must be a mapping of keys such as 'sound: true'; using the defaults"
        return Settings(), [Problem(shown, root.line, root.column, Severity.WARNING, message)]
    known = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}
    problems = []
    for key, node in root.pairs:
        name = key.text if isinstance(key, yamldoc.Scalar) else "?"
        if name not in known:
            message = f"unknown setting {name!r}; it is ignored"
            problems.append(Problem(shown, key.line, key.column, Severity.WARNING, message))
            continue
        value = _read(name, node)
        if value is _BAD:
            message = f"{name} must be {_HELP[name]}; using the default"
            problems.append(Problem(shown, node.line, node.column, Severity.WARNING, message))
        else:
            values[name] = value
    return Settings(**values), problems  # type: ignore[arg-type]


def save_settings(settings: Settings, path: Path) -> None:
    """Write all settings at once: a crash mid-write leaves the old file whole."""
    text = "# BackRoutine settings. Edit with care; unknown keys are ignored.\n"
    plain = {
        key: list(value)
        if isinstance(value, tuple)
        else {k: list(v) for k, v in value.items()}
        if isinstance(value, dict)
        else value
        for key, value in asdict(settings).items()
    }
    text += yaml.safe_dump(plain, sort_keys=False, allow_unicode=True)
    with atomic_text(path) as out:
        out.write(text)


def asks_for_ratings(settings: Settings, schedule: object | None, tags: tuple[str, ...]) -> bool:
    """Whether a session of a routine with this schedule and these tags asks for ratings."""
    if settings.ratings == "auto":
        return schedule is not None or "physio" in tags
    return settings.ratings == "always"


def break_settings(settings: Settings) -> BreakSettings:
    """The break reminder's part of the settings, for core.reminders."""
    from .reminders import BreakSettings

    hours = work_hours(settings.work_hours) or (time(9, 0), time(17, 30))
    return BreakSettings(
        enabled=settings.breaks,
        every_minutes=settings.break_every,
        work_start=hours[0],
        work_end=hours[1],
        work_days=settings.work_days,
        heads_up_minutes=settings.heads_up,
        snooze_minutes=settings.snooze,
    )
