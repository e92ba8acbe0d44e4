"""Safe Eyes: the short and long breaks in its safeeyes.json."""

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


def safe_eyes(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
    made = []
    credit = (
        "Breaks from Safe Eyes (slgobinath.github.io/SafeEyes), free software under the "
        "GNU General Public License; the words are its authors'. Imported from "
        f"{readable(path.name)} on {today.isoformat()}."
    )
    for key, name, length_key, default in (
        ("short_breaks", "Safe Eyes short breaks", "short_break_duration", 15),
        ("long_breaks", "Safe Eyes long breaks", "long_break_duration", 60),
    ):
        breaks = settings.get(key, [])
        if not isinstance(breaks, list):
            raise ImportFailed(path, f"'{key}' is not a list of breaks")
        if not breaks:
            continue
        length = settings.get(length_key, default)
        summary = f"{name.split()[2].capitalize()} breaks imported from Safe Eyes"
        draft = routine_draft(name, summary, credit, "imported, safe-eyes, eyes")
        imported = Imported("safe-eyes-" + key.replace("_", "-"), draft, path)
        for number, entry in enumerate(breaks, start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise ImportFailed(path, f"break {number} in '{key}' has no 'name'")
            text = one_line(entry["name"])
            what = f"break {number}'s duration"
            seconds = whole_seconds(entry.get("duration", length), path, what)
            # Safe Eyes shows only this line: it is the name and the instructions.
            step = StepDraft(values={"exercise": step_name(text), "instructions": text})
            step.values["duration"] = format_duration(seconds)
            picture = entry.get("image")
            draft.steps.append(step)
            if isinstance(picture, str) and picture:
                add_picture(imported, step, text, path, picture, "images/safe-eyes")
        made.append(imported)
    if not made:
        raise ImportFailed(path, "this safeeyes.json has no short or long breaks to import")
    return made


# -- writing ---------------------------------------------------------------------
