"""The user's settings: read forgivingly from settings.yaml, written atomically, losing
nothing the person wrote (see SettingsFile)."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import yamldoc
from .files import ReadRefused, atomic_text, read_bounded, refuse_special, write_new
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


HEADER = "# BackRoutine settings. Edit with care; unknown keys are ignored.\n"
MAX_SETTINGS_BYTES = yamldoc.MAX_FILE_BYTES
_COMMENT = re.compile(r"(^|\s)#")


@dataclass
class SettingsFile:
    """settings.yaml as it was read at start, and what a write must keep first.

    Nothing the person wrote is lost to a save: before settings are written over
    a file that is not exactly what was read and fully used (or what the app last
    wrote), that file is kept beside as settings.yaml.broken-DATE (it could not
    be read) or settings.yaml.as-written-DATE (some of it was refused, ignored or
    commented), never replacing an earlier copy. A file that is not a regular file
    (a folder, a pipe, a device) is never replaced."""

    path: Path
    settings: Settings = field(default_factory=Settings)
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False  # refused whole: the defaults are used
    special: bool = False  # a folder, a pipe or a device: never replaced
    # The bytes a write may replace without keeping them: those read, when all of
    # them were used; then those last written.
    replaceable: bytes | None = None
    kept_as: Path | None = None  # the copy made before the first write, once made

    def notice(self) -> str:
        """What the person should be told in the window ("" if all is well)."""
        if not self.problems:
            return ""
        name = self.path.name
        if self.unreadable:
            first = self.problems[0]
            where = f"line {first.line}: " if first.line > 1 or first.column > 1 else ""
            reason = first.message.removeprefix("cannot read the settings: ")
            reason = reason.rsplit("; using the default", 1)[0]
            text = (
                f"Your settings file {self.path} could not be read ({where}{reason}); "
                "BackRoutine is using the default settings."
            )
        else:
            shown = [f"line {p.line}: {p.message}" for p in self.problems[:3]]
            more = len(self.problems) - len(shown)
            text = f"Some of your settings in {self.path} were not used: " + "; ".join(shown)
            text += f" (and {more} more)." if more else "."
        if self.special:
            return text + " It is left as it is; settings you change now are not saved."
        if self.kept_as is not None:
            return text + f" Your file as you wrote it is kept as {self.kept_as.name}."
        label = "broken" if self.unreadable else "as-written"
        return text + (
            f" Your file is left as it is; before any setting is saved it is copied to "
            f"{name}.{label}-<date and time>."
        )


def _problem(shown: str, line: int, column: int, message: str) -> Problem:
    return Problem(shown, line, column, Severity.WARNING, message)


def _from_bytes(data: bytes, shown: str) -> tuple[Settings, list[Problem], bool]:
    """The settings in a file's bytes, its problems, and whether it was refused whole."""
    try:
        text = yamldoc.decode(data)
        if not text.strip("\ufeff \t\r\n") or all(
            line.strip().startswith("#") or not line.strip() for line in text.splitlines()
        ):
            return Settings(), [], False  # empty, or only comments: no setting chosen yet
        root = yamldoc.parse_document(text)
    except yamldoc.DocumentError as exc:
        # The reader's words are about routines; this file holds settings.
        said = re.sub(r"\ba routine(?: file)?", "a settings file", exc.message)
        message = f"{said}; using the default settings"
        return Settings(), [_problem(shown, exc.line, exc.column, message)], True
    if not isinstance(root, yamldoc.Mapping):
        message = "settings must be a mapping of keys such as 'sound: true'; using the defaults"
        return Settings(), [_problem(shown, root.line, root.column, message)], True
    known = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}
    problems = []
    seen: dict[str, int] = {}
    for key, node in root.pairs:
        name = key.text if isinstance(key, yamldoc.Scalar) else "?"
        if name in seen:
            message = f"{name!r} is set twice (also on line {seen[name]}); this one is used"
            problems.append(_problem(shown, key.line, key.column, message))
            values.pop(name, None)
        seen[name] = key.line
        if name not in known:
            message = f"unknown setting {name!r}; it is ignored"
            problems.append(_problem(shown, key.line, key.column, message))
            continue
        value = _read(name, node)
        if value is _BAD:
            message = f"{name} must be {_HELP[name]}; using the default"
            problems.append(_problem(shown, node.line, node.column, message))
        else:
            values[name] = value
    return Settings(**values), problems, False  # type: ignore[arg-type]


def _has_comments(data: bytes) -> bool:
    text = data.decode("utf-8", "replace").replace(HEADER, "", 1)
    return any(_COMMENT.search(line) for line in text.splitlines())


def read_settings(path: Path) -> SettingsFile:
    """settings.yaml as read: a missing file gives the defaults, a bad value its
    default, a file that cannot be read or parsed (or is not a file) the defaults."""
    shown = str(path)
    try:
        data = read_bounded(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return SettingsFile(path)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if exc.errno == errno.ELOOP:
            reason = "it is a link that leads round in a loop"
        message = f"cannot read the settings: {reason}; using the defaults"
        # Not a file at all (a folder, a pipe, a device, a loop of links): never replaced.
        refused = isinstance(exc, ReadRefused) and not exc.too_large
        special = refused or exc.errno == errno.ELOOP
        return SettingsFile(
            path, problems=[_problem(shown, 1, 1, message)], unreadable=True, special=special
        )
    settings, problems, unreadable = _from_bytes(data, shown)
    clean = not problems and not _has_comments(data)
    return SettingsFile(path, settings, problems, unreadable, replaceable=data if clean else None)


def load_settings(path: Path) -> tuple[Settings, list[Problem]]:
    """The settings in path; a missing file gives the defaults, a bad value its default."""
    read = read_settings(path)
    return read.settings, read.problems


def settings_text(settings: Settings) -> str:
    plain = {
        key: list(value)
        if isinstance(value, tuple)
        else {k: list(v) for k, v in value.items()}
        if isinstance(value, dict)
        else value
        for key, value in asdict(settings).items()
    }
    return HEADER + yaml.safe_dump(plain, sort_keys=False, allow_unicode=True)


def write_settings(file: SettingsFile, settings: Settings, now: datetime | None = None) -> None:
    """Write all settings at once (a crash mid-write leaves the old file whole),
    through a link to the file it names, after keeping beside any text of the
    person's that the write would lose. OSError if not written."""
    target = _through_links(file.path)
    refuse_special(target)  # a folder, a pipe, a device: left as it is
    mode = None
    try:
        current: bytes | None = read_bounded(target, MAX_SETTINGS_BYTES)
        unread = False
    except FileNotFoundError:
        current, unread = None, False
    except OSError:  # too large, or not readable to us: kept by a link if one can be made
        current, unread = b"", True
    if current is not None:
        mode = target.stat().st_mode & 0o777
        if not mode & stat.S_IWUSR:  # made read-only by its owner: kept as it is
            raise OSError(f"{target} is read-only, so it is left as it is")
        if unread or current != file.replaceable:
            broken = unread or _from_bytes(current, str(file.path))[2]
            label = "broken" if broken else "as-written"
            file.kept_as = keep_beside(target, label, now or datetime.now())
    text = settings_text(settings)
    with atomic_text(target, mode=mode) as out:
        out.write(text)
    file.replaceable = text.encode("utf-8")


def save_settings(settings: Settings, path: Path) -> None:
    """Write all settings at once, keeping first what the person wrote (see SettingsFile)."""
    write_settings(read_settings(path), settings)


def _through_links(path: Path) -> Path:
    if not path.is_symlink():
        return path
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise OSError(f"{path} is a link that leads nowhere ({exc})") from exc


def keep_beside(target: Path, label: str, now: datetime) -> Path:
    """Keep the file at target under a new name beside it (NAME.label-YYYYMMDD-HHMMSS),
    byte for byte, never replacing a file already there. OSError if it cannot be kept."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for number in range(1, 100):
        suffix = f"-{number}" if number > 1 else ""
        kept = target.with_name(f"{target.name}.{label}-{stamp}{suffix}")
        try:
            os.link(target, kept)  # the very bytes, whatever their size; fails if taken
            return kept
        except FileExistsError:
            continue
        except OSError:
            pass  # no hard links here: copy, if the file can be read
        try:
            write_new(kept, read_bounded(target, MAX_SETTINGS_BYTES))
            return kept
        except FileExistsError:
            continue
    raise OSError(f"no free name to keep {target.name} beside it")


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
