"""Stretchly: the break ideas in its config.json (mini and long breaks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .draft import StepDraft
from .durations import format_duration
from .import_common import (
    Imported,
    ImportFailed,
    one_line,
    routine_draft,
    short_name,
    step_name,
    whole_seconds,
)
from .names import readable


def _ideas(path: Path, settings: dict[str, Any], key: str) -> list[tuple[str, str]]:
    """(title, text) for each enabled idea; mini break ideas have no title."""
    ideas = settings.get(key, [])
    if not isinstance(ideas, list):
        raise ImportFailed(path, f"'{key}' is not a list of ideas")
    found = []
    for number, idea in enumerate(ideas, start=1):
        if not isinstance(idea, dict) or "data" not in idea:
            raise ImportFailed(path, f"idea {number} in '{key}' has no 'data'")
        if idea.get("enabled") is False:
            continue
        data = idea["data"]
        if isinstance(data, str):
            title, text = "", one_line(data)
        elif isinstance(data, list) and data and all(isinstance(d, str) for d in data):
            title, text = one_line(data[0]), one_line(" ".join(data[1:]))
        else:
            raise ImportFailed(path, f"idea {number} in '{key}' holds no text")
        if title or text:  # an empty idea is left out
            found.append((title, text))
    return found


def stretchly(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
    made = []
    credit = (
        "Break ideas from Stretchly (hovancik.net/stretchly), free software under the "
        f"BSD 2-clause license; the words are its authors'. Imported from {readable(path.name)} "
        f"on {today.isoformat()}. Stretchly shows one idea per break: keep the ones you like."
    )
    for key, name, length_key, default_ms in (
        ("microbreakIdeas", "Stretchly mini breaks", "microbreakDuration", 20_000),
        ("breakIdeas", "Stretchly long breaks", "breakDuration", 300_000),
    ):
        ideas = _ideas(path, settings, key)
        if not ideas:
            continue
        length = whole_seconds(settings.get(length_key, default_ms), path, f"'{length_key}'", 0.001)
        kind = name.split()[1]
        summary = f"{kind.capitalize()} break ideas imported from Stretchly"
        draft = routine_draft(name, summary, credit, "imported, stretchly, desk")
        for title, text in ideas:
            step = StepDraft(values={"exercise": step_name(title or short_name(text))})
            if text:
                step.values["instructions"] = text
            step.values["duration"] = format_duration(length)
            draft.steps.append(step)
        routine_id = f"stretchly-{kind}-breaks"
        made.append(Imported(routine_id, draft, path))
    if not made:
        raise ImportFailed(path, "this config.json has no break ideas that are turned on")
    return made


# -- Safe Eyes -------------------------------------------------------------------
