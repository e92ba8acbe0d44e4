"""Safe Eyes: the short and long breaks in its safeeyes.json, and how often it shows them.

Safe Eyes shows one break at a time, picked from its list: a short break every
short_break_interval minutes, and a long one in its place every long_break_interval
minutes (Safe Eyes 1 wrote break_interval and no_of_short_breaks_per_long_break).
A routine has no clock of that kind (its schedule is sessions a day), so how often
is said in the routine's summary and description, in words."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .draft import StepDraft
from .durations import format_duration
from .import_common import (
    Imported,
    ImportFailed,
    add_picture,
    one_line,
    routine_draft,
    step_name,
    whole_seconds,
)
from .names import readable
from .problems import counted


def safe_eyes(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
    made: list[Imported] = []
    warnings: list[str] = []
    rhythm = _rhythm(settings, warnings)
    credit = (
        "Breaks from Safe Eyes (slgobinath.github.io/SafeEyes), free software under the "
        "GNU General Public License; the words are its authors'. Imported from "
        f"{readable(path.name)} on {today.isoformat()}."
    )
    for kind, length_key, default in (
        ("short", "short_break_duration", 15),
        ("long", "long_break_duration", 60),
    ):
        key = f"{kind}_breaks"
        breaks = settings.get(key, [])
        if not isinstance(breaks, list):
            raise ImportFailed(path, f"'{key}' is not a list of breaks")
        if not breaks:
            continue
        length = settings.get(length_key, default)
        summary = f"{kind.capitalize()} breaks imported from Safe Eyes"
        if rhythm.get(kind):
            summary += f", which shows one every {rhythm[kind]}"
        description = " ".join(filter(None, [rhythm.get("said", ""), credit]))
        draft = routine_draft(f"Safe Eyes {kind} breaks", summary, description, TAGS)
        imported = Imported(f"safe-eyes-{kind}-breaks", draft, path)
        if not made:  # said once, with the first routine
            imported.warnings += warnings
        for number, entry in enumerate(breaks, start=1):
            named = isinstance(entry, dict) and isinstance(entry.get("name"), str)
            text = one_line(entry["name"]) if named else ""
            if not text:  # none, or only spaces and invisible characters
                raise ImportFailed(path, f"break {number} in '{key}' has no 'name'")
            what = f"break {number}'s duration"
            seconds = whole_seconds(entry.get("duration", length), path, what)
            # Safe Eyes shows only this line: it is the name. The instructions say so
            # rather than repeat it, or hold the whole line if the name was cut short.
            step = StepDraft(values={"exercise": step_name(text)})
            cut = step.values["exercise"] != text
            step.values["instructions"] = text if cut else ONLY_A_NAME
            step.values["duration"] = format_duration(seconds)
            picture = entry.get("image")
            draft.steps.append(step)
            if isinstance(picture, str) and picture:
                add_picture(imported, step, text, path, picture, "images/safe-eyes")
        made.append(imported)
    if not made:
        raise ImportFailed(path, "this safeeyes.json has no short or long breaks to import")
    return made


TAGS = "imported, safe-eyes, eyes"
ONLY_A_NAME = "Safe Eyes gives this break a name only: do as it says until the time is up."
DAY_MINUTES = 24 * 60


def _minutes(settings: dict[str, Any], key: str, warnings: list[str]) -> int | None:
    """A whole number of minutes from 1 to a day, or None (said in warnings if the
    setting is there but is not one)."""
    if key not in settings:
        return None
    value = settings[key]
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if number and 1 <= value <= DAY_MINUTES:
        return round(float(value))
    shown = readable(str(value))[:20]
    warnings.append(f"'{key}' is {shown!r}, not a number of minutes from 1 to 1440; left out")
    return None


def _count(settings: dict[str, Any], key: str, warnings: list[str]) -> int | None:
    if key not in settings:
        return None
    value = settings[key]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100:
        return value
    shown = readable(str(value))[:20]
    warnings.append(f"'{key}' is {shown!r}, not a whole number from 1 to 100; left out")
    return None


def _every(minutes: int) -> str:
    """ "15 minutes", "1 hour", "1 hour 15 minutes"."""
    hours, minutes = divmod(minutes, 60)
    said = [counted(hours, "hour")] if hours else []
    return " ".join(said + ([counted(minutes, "minute")] if minutes or not hours else []))


def _rhythm(settings: dict[str, Any], warnings: list[str]) -> dict[str, str]:
    """How often Safe Eyes shows each kind of break: {"short": "15m", "long": "1h15m",
    "said": a sentence for the description}; what the file does not say is left out."""
    short = _minutes(settings, "short_break_interval", warnings)
    if short is None:
        short = _minutes(settings, "break_interval", warnings)  # Safe Eyes 1
    long = _minutes(settings, "long_break_interval", warnings)
    between = _count(settings, "no_of_short_breaks_per_long_break", warnings)
    rhythm: dict[str, str] = {}
    said = []
    if short is not None:
        rhythm["short"] = _every(short)
        said.append(f"Safe Eyes shows a short break every {_every(short)}")
    if long is not None:
        rhythm["long"] = _every(long)
        instead = "a long break takes its place" if said else "Safe Eyes shows a long break"
        said.append(f"{instead} every {_every(long)}")
    elif between is not None:
        said.append(f"a long break comes after every {between} short ones")
        if short is not None:
            rhythm["long"] = _every(short * (between + 1))
    if said:
        sentence = "; ".join(said)
        rhythm["said"] = (
            sentence[0].upper()
            + sentence[1:]
            + (". It shows one break at a time: pick the ones you like.")
        )
    return rhythm
