"""The user's settings: read forgivingly from settings.yaml, written atomically, losing
nothing the person wrote (see SettingsFile)."""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import settings_table, yamldoc
from .files import ReadRefused, atomic_text, read_bounded, refuse_special, write_new
from .i18n import _, ngettext
from .names import is_routine_id
from .problems import Problem, Severity
from .settings_table import Kind, choice_values
from .weekdays import WEEKDAYS  # not .model: settings load before the window shows

if TYPE_CHECKING:
    from .reminders import BreakSettings

TEXT_SIZES = choice_values("text_size")


def _default(setting: settings_table.Setting) -> object:
    value = setting.default
    return dict(value) if isinstance(value, dict) else value  # each its own


class Settings:
    """The person's settings: a value for each setting declared in settings_table,
    read as attributes (settings.volume) and never changed in place (changed())."""

    # What the code reads by name, typed; settings_table.SETTINGS says what exists and
    # its defaults (a test keeps the two in step). Any declared setting is also an
    # attribute, and value(key) reads one by its key.
    breaks: bool
    break_every: int  # minutes
    work_hours: str  # "09:00-17:30"
    work_days: tuple[str, ...]
    break_routine: str
    heads_up: int  # minutes of warning before a break (0: none)
    snooze: int  # minutes
    program_reminders: bool
    program_times: dict[str, tuple[str, ...]]  # by routine id; else spread over the day
    language: str  # "" follows the system; else a shipped language ("de", "pt_BR")
    start_on_login: bool
    sound: bool
    volume: int  # percent
    voice: bool
    theme: str
    text_size: str
    ratings: str  # "auto": for programs; "always"; "never"
    safety_notice_seen: bool
    tray_notice_seen: bool
    window_geometry: str  # the main window's size and place, as Qt saves it (base64)

    __slots__ = ("_values",)
    _values: dict[str, object]

    def __init__(self, **values: object) -> None:
        declared = {s.key: s for s in settings_table.SETTINGS}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise TypeError(f"no such setting: {', '.join(unknown)}")
        full = {key: values[key] if key in values else _default(s) for key, s in declared.items()}
        object.__setattr__(self, "_values", full)

    if not TYPE_CHECKING:  # to the type checker, only the typed attributes above exist

        def __getattr__(self, name: str) -> object:
            try:
                return object.__getattribute__(self, "_values")[name]
            except (KeyError, AttributeError):
                raise AttributeError(f"no setting {name!r}") from None

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("settings are not changed in place; use changed()")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and self._values == other._values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self._values.items())
        return f"Settings({shown})"

    def __reduce__(self) -> tuple[object, ...]:
        return _settings_from, (dict(self._values),)

    def value(self, key: str) -> object:
        """One setting by its key; KeyError if no such setting is declared."""
        return self._values[key]

    def as_dict(self) -> dict[str, object]:
        """Every setting by key, in the declared order."""
        return dict(self._values)

    def changed(self, **values: object) -> Settings:
        return Settings(**{**self._values, **values})


def _settings_from(values: dict[str, object]) -> Settings:
    return Settings(**values)


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


def _read(setting: settings_table.Setting, node: yamldoc.Node) -> object:
    """The value of a setting as written in the file, or _BAD."""
    kind = setting.kind
    if kind is Kind.DAYS:
        if not isinstance(node, yamldoc.Sequence) or not node.items:
            return _BAD
        days = [_weekday(i.text) for i in node.items if isinstance(i, yamldoc.Scalar)]
        if len(days) != len(node.items) or not set(days) <= set(WEEKDAYS):
            return _BAD  # "monkey" is not Monday
        return tuple(d for d in WEEKDAYS if d in days)
    if kind is Kind.TIMES:
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
    if kind is Kind.HOURS:
        hours = work_hours(node.text)
        if hours is None:
            return _BAD
        # As the dialog writes it, so that OK with no change is no change.
        return f"{hours[0]:%H:%M}-{hours[1]:%H:%M}"
    value = node.value
    if kind is Kind.CHOICE and isinstance(value, str):
        # "Dark" is the choice "dark", "pt-br" the language "pt_BR": one spelling, as
        # the dialog and menus give it.
        wanted = value.strip().casefold().replace("-", "_")
        spelled = [c.value for c in setting.choices if c.value.casefold() == wanted]
        value = spelled[0] if spelled else value
    return value if _valid(setting, value) else _BAD


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday(text: str) -> str:
    """ "Monday", "mon" or "Tues" as its three letters; "" if it names no weekday."""
    word = text.strip().casefold()
    for day, name in zip(WEEKDAYS, _DAY_NAMES, strict=True):
        if len(word) >= 3 and name.startswith(word):
            return day
    return ""


def _valid(setting: settings_table.Setting, value: object) -> bool:
    kind = setting.kind
    if kind is Kind.SWITCH:
        return isinstance(value, bool)
    if kind is Kind.NUMBER:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return setting.low <= value <= setting.high
    if kind is Kind.CHOICE:
        return any(value == c.value for c in setting.choices)
    if kind is Kind.ROUTINE:
        return isinstance(value, str) and is_routine_id(value)
    return isinstance(value, str)


HEADER = "# BackRoutine settings. Edit with care; unknown keys are ignored.\n"
MAX_SETTINGS_BYTES = yamldoc.MAX_FILE_BYTES
_COMMENT = re.compile(r"(^|\s)#")
# What the reader's messages call this file.
SETTINGS_FILE = yamldoc.SETTINGS_FILE


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
    refused: str = ""  # why the whole file was refused ("" if it was not): defaults used
    special: bool = False  # a folder, a pipe or a device: never replaced
    # The bytes a write may replace without keeping them: those read, when all of
    # them were used; then those last written.
    replaceable: bytes | None = None
    kept_as: Path | None = None  # the copy made before the first write, once made

    @property
    def unreadable(self) -> bool:
        """Whether the file was refused whole (the defaults are used)."""
        return bool(self.refused)

    def notice(self) -> str:
        """What the person should be told in the window ("" if all is well)."""
        if not self.problems:
            return ""
        name = self.path.name
        if self.unreadable:
            first = self.problems[0]
            if first.line > 1 or first.column > 1:
                text = _(
                    "Your settings file {path} could not be read (line {line}: {reason}); "
                    "BackRoutine is using the default settings."
                ).format(path=self.path, line=first.line, reason=self.refused)
            else:
                text = _(
                    "Your settings file {path} could not be read ({reason}); "
                    "BackRoutine is using the default settings."
                ).format(path=self.path, reason=self.refused)
        else:
            shown = [_line_problem(p) for p in self.problems[:3]]
            more = len(self.problems) - len(shown)
            # Translators: a separator between the problems of a list in one sentence.
            problems = _("; ").join(shown)
            if more:
                text = ngettext(
                    "Some of your settings in {path} were not used: {problems} (and {count} more).",
                    "Some of your settings in {path} were not used: {problems} (and {count} more).",
                    more,
                ).format(path=self.path, problems=problems, count=more)
            else:
                text = _("Some of your settings in {path} were not used: {problems}.").format(
                    path=self.path, problems=problems
                )
        if self.special:
            return text + " " + _("It is left as it is; settings you change now are not saved.")
        if self.kept_as is not None:
            return (
                text
                + " "
                + _("Your file as you wrote it is kept as {name}.").format(name=self.kept_as.name)
            )
        label = "broken" if self.unreadable else "as-written"
        # Translators: {name} and {label} make the copy's file name, such as
        # "settings.yaml.broken-"; translate only "date and time".
        copied = _(
            "Your file is left as it is; before any setting is saved it is copied to "
            "{name}.{label}-<date and time>."
        )
        return text + " " + copied.format(name=name, label=label)


def _line_problem(problem: Problem) -> str:
    """ "line 3: volume must be ...": one problem of a settings file, where it is."""
    # Translators: one problem of the settings file and the line it is on.
    return _("line {line}: {problem}").format(line=problem.line, problem=problem.message)


def _problem(shown: str, line: int, column: int, message: str) -> Problem:
    return Problem(shown, line, column, Severity.WARNING, message)


def _from_bytes(data: bytes, shown: str) -> tuple[Settings, list[Problem], str]:
    """The settings in a file's bytes, its problems, and why it was refused whole
    ("" if it was not)."""
    try:
        text = yamldoc.decode(data, SETTINGS_FILE)
        if not text.strip("\ufeff \t\r\n") or all(
            line.strip().startswith("#") or not line.strip() for line in text.splitlines()
        ):
            return Settings(), [], ""  # empty, or only comments: no setting chosen yet
        root = yamldoc.parse_document(text, SETTINGS_FILE)
    except yamldoc.DocumentError as exc:
        # Translators: {reason} says what is wrong with the settings file.
        message = _("{reason}; using the default settings").format(reason=exc.message)
        return Settings(), [_problem(shown, exc.line, exc.column, message)], exc.message
    if not isinstance(root, yamldoc.Mapping):
        # Translators: 'sound: true' is a line of the settings file: keep it as it is.
        reason = _("settings must be a mapping of keys such as 'sound: true'")
        # Translators: {reason} says what is wrong with the settings file.
        message = _("{reason}; using the defaults").format(reason=reason)
        return Settings(), [_problem(shown, root.line, root.column, message)], reason
    known = {s.key: s for s in settings_table.SETTINGS}
    values: dict[str, object] = {}
    problems = []
    seen: dict[str, int] = {}
    for key, node in root.pairs:
        name = key.text if isinstance(key, yamldoc.Scalar) else "?"
        if name in seen:
            # Translators: {name} is a key of the settings file, kept as it is.
            message = _("{name} is set twice (also on line {line}); this one is used").format(
                name=repr(name), line=seen[name]
            )
            problems.append(_problem(shown, key.line, key.column, message))
            values.pop(name, None)
        seen[name] = key.line
        if name not in known:
            # Translators: {name} is a key of the settings file, kept as it is.
            message = _("unknown setting {name}; it is ignored").format(name=repr(name))
            problems.append(_problem(shown, key.line, key.column, message))
            continue
        value = _read(known[name], node)
        if value is _BAD:
            # Translators: {name} is a key of the settings file, kept as it is; {allowed}
            # says what its value must be ("a whole number from 0 to 100 %").
            message = _("{name} must be {allowed}; using the default").format(
                name=name, allowed=known[name].allowed()
            )
            problems.append(_problem(shown, node.line, node.column, message))
        else:
            values[name] = value
    return Settings(**values), problems, ""


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
        reason = exc.strerror or str(exc) or _("the system refused it")
        if exc.errno == errno.ELOOP:
            reason = _("it is a link that leads round in a loop")
        # Translators: {reason} says why the settings file cannot be read.
        message = _("cannot read the settings: {reason}; using the defaults").format(reason=reason)
        # Not a file at all (a folder, a pipe, a device, a loop of links): never replaced.
        not_a_file = isinstance(exc, ReadRefused) and not exc.too_large
        special = not_a_file or exc.errno == errno.ELOOP
        return SettingsFile(
            path, problems=[_problem(shown, 1, 1, message)], refused=reason, special=special
        )
    settings, problems, refused = _from_bytes(data, shown)
    clean = not problems and not _has_comments(data)
    return SettingsFile(path, settings, problems, refused, replaceable=data if clean else None)


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
        for key, value in settings.as_dict().items()
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
            raise OSError(_("{path} is read-only, so it is left as it is").format(path=target))
        if unread or current != file.replaceable:
            broken = unread or bool(_from_bytes(current, str(file.path))[2])
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
        raise OSError(
            _("{path} is a link that leads nowhere ({reason})").format(path=path, reason=exc)
        ) from exc


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
    raise OSError(_("no free name to keep {name} beside it").format(name=target.name))


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
