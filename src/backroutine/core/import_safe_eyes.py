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
from .i18n import N_, _, format_date, ngettext
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


def safe_eyes(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
    made: list[Imported] = []
    warnings: list[str] = []
    rhythm = _rhythm(settings, warnings)
    credit = _(
        "Breaks from Safe Eyes (slgobinath.github.io/SafeEyes), free software under the "
        "GNU General Public License; the words are its authors'. Imported from "
        "{file} on {date}."
    ).format(file=readable(path.name), date=format_date(today))
    for kind, length_key, default in (
        ("short", "short_break_duration", 15),
        ("long", "long_break_duration", 60),
    ):
        key = f"{kind}_breaks"
        breaks = settings.get(key, [])
        if not isinstance(breaks, list):
            # Translators: {key} is a setting of Safe Eyes ("short_breaks"); keep it.
            raise ImportFailed(path, _("{key!r} is not a list of breaks").format(key=key))
        if not breaks:
            continue
        length = settings.get(length_key, default)
        name, summary, summary_every = _WORDS[kind]
        every = rhythm.get(kind)
        summary = _(summary_every).format(every=every) if every else _(summary)
        description = " ".join(filter(None, [rhythm.get("said", ""), credit]))
        draft = routine_draft(_(name), summary, description, TAGS)
        imported = Imported(f"safe-eyes-{kind}-breaks", draft, path)
        if not made:  # said once, with the first routine
            imported.warnings += warnings
        for number, entry in enumerate(breaks, start=1):
            named = isinstance(entry, dict) and isinstance(entry.get("name"), str)
            text = one_line(entry["name"]) if named else ""
            if not text:  # none, or only spaces and invisible characters
                # Translators: "name" is a key of Safe Eyes' file; keep it in English.
                said = _("break {number} in {key!r} has no 'name'")
                raise ImportFailed(path, said.format(number=number, key=key))
            what = _("break {number}'s duration").format(number=number)
            seconds = whole_seconds(entry.get("duration", length), path, what)
            # Safe Eyes shows only this line: it is the name. The instructions say so
            # rather than repeat it, or hold the whole line if the name was cut short.
            step = StepDraft(values={"exercise": step_name(text)})
            cut = step.values["exercise"] != text
            step.values["instructions"] = text if cut else _(ONLY_A_NAME)
            step.values["duration"] = format_duration(seconds)
            picture = entry.get("image")
            draft.steps.append(step)
            if isinstance(picture, str) and picture:
                add_picture(imported, step, text, path, picture, "images/safe-eyes")
        made.append(imported)
    if not made:
        said = _("this safeeyes.json has no short or long breaks to import")
        raise ImportFailed(path, said)
    return made


TAGS = "imported, safe-eyes, eyes"
ONLY_A_NAME = N_("Safe Eyes gives this break a name only: do as it says until the time is up.")
# Each kind of break: the routine's name, its summary, and its summary when how often
# Safe Eyes shows one is known ({every}: "15 minutes").
_WORDS = {
    "short": (
        N_("Safe Eyes short breaks"),
        N_("Short breaks imported from Safe Eyes"),
        N_("Short breaks imported from Safe Eyes, which shows one every {every}"),
    ),
    "long": (
        N_("Safe Eyes long breaks"),
        N_("Long breaks imported from Safe Eyes"),
        N_("Long breaks imported from Safe Eyes, which shows one every {every}"),
    ),
}
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
    # Translators: {key} is a setting of Safe Eyes; keep it as it is.
    said = _("{key!r} is {value!r}, not a number of minutes from 1 to 1440; left out")
    warnings.append(said.format(key=key, value=shown))
    return None


def _count(settings: dict[str, Any], key: str, warnings: list[str]) -> int | None:
    if key not in settings:
        return None
    value = settings[key]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100:
        return value
    shown = readable(str(value))[:20]
    # Translators: {key} is a setting of Safe Eyes; keep it as it is.
    said = _("{key!r} is {value!r}, not a whole number from 1 to 100; left out")
    warnings.append(said.format(key=key, value=shown))
    return None


def _every(minutes: int) -> str:
    """ "15 minutes", "1 hour", "1 hour 15 minutes"."""
    hours, minutes = divmod(minutes, 60)
    said_hours = ngettext("{count} hour", "{count} hours", hours).format(count=hours)
    said_minutes = ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    if not hours:
        return said_minutes
    if not minutes:
        return said_hours
    # Translators: a length of time in hours and minutes ("1 hour 15 minutes").
    return _("{hours} {minutes}").format(hours=said_hours, minutes=said_minutes)


def _rhythm(settings: dict[str, Any], warnings: list[str]) -> dict[str, str]:
    """How often Safe Eyes shows each kind of break: {"short": "15 minutes", "long":
    "1 hour 15 minutes", "said": sentences for the description}; what the file does
    not say is left out."""
    short = _minutes(settings, "short_break_interval", warnings)
    if short is None:
        short = _minutes(settings, "break_interval", warnings)  # Safe Eyes 1
    long = _minutes(settings, "long_break_interval", warnings)
    between = _count(settings, "no_of_short_breaks_per_long_break", warnings)
    rhythm: dict[str, str] = {}
    if short is not None:
        rhythm["short"] = _every(short)
    if long is not None:
        rhythm["long"] = _every(long)
    elif between is not None and short is not None:
        rhythm["long"] = _every(short * (between + 1))
    said = _rhythm_said(rhythm.get("short"), _every(long) if long is not None else None, between)
    if said:
        rhythm["said"] = said + " " + _("It shows one break at a time: pick the ones you like.")
    return rhythm


def _rhythm_said(short: str | None, long: str | None, between: int | None) -> str:
    """The sentence that says how often Safe Eyes shows its breaks, or ""."""
    if short and long:
        said = _(
            "Safe Eyes shows a short break every {short}; "
            "a long break takes its place every {long}."
        )
    elif long:
        said = _("Safe Eyes shows a long break every {long}.")
    elif short and between is not None:
        said = ngettext(
            "Safe Eyes shows a short break every {short}; "
            "a long break comes after every {count} short one.",
            "Safe Eyes shows a short break every {short}; "
            "a long break comes after every {count} short ones.",
            between,
        )
    elif short:
        said = _("Safe Eyes shows a short break every {short}.")
    elif between is not None:
        said = ngettext(
            "A long break comes after every {count} short one.",
            "A long break comes after every {count} short ones.",
            between,
        )
    else:
        return ""
    return said.format(short=short, long=long, count=between)
