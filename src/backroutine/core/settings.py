"""The user's settings: read forgivingly from settings.yaml, written atomically."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import yaml

from . import yamldoc
from .files import atomic_text
from .problems import Problem, Severity

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
    safety_notice_seen: bool = False
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
    "safety_notice_seen": "true or false",
    "window_geometry": "text",
}


def _valid(key: str, value: object) -> bool:
    if key in ("sound", "voice", "safety_notice_seen"):
        return isinstance(value, bool)
    if key == "volume":
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100
    if key == "theme":
        return value in THEMES
    if key == "text_size":
        return value in TEXT_SIZES
    if key == "ratings":
        return value in RATINGS
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
        value = node.value if isinstance(node, yamldoc.Scalar) else None
        if name not in known:
            message = f"unknown setting {name!r}; it is ignored"
            problems.append(Problem(shown, key.line, key.column, Severity.WARNING, message))
        elif not _valid(name, value):
            message = f"{name} must be {_HELP[name]}; using the default"
            problems.append(Problem(shown, node.line, node.column, Severity.WARNING, message))
        else:
            values[name] = value
    return Settings(**values), problems  # type: ignore[arg-type]


def save_settings(settings: Settings, path: Path) -> None:
    """Write all settings at once: a crash mid-write leaves the old file whole."""
    text = "# BackRoutine settings. Edit with care; unknown keys are ignored.\n"
    text += yaml.safe_dump(asdict(settings), sort_keys=False, allow_unicode=True)
    with atomic_text(path) as out:
        out.write(text)


def asks_for_ratings(settings: Settings, schedule: object | None, tags: tuple[str, ...]) -> bool:
    """Whether a session of a routine with this schedule and these tags asks for ratings."""
    if settings.ratings == "auto":
        return schedule is not None or "physio" in tags
    return settings.ratings == "always"
