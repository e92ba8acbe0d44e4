"""Stretchly: the break ideas in its config.json (mini and long breaks)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from .draft import StepDraft
from .durations import format_duration
from .i18n import N_, _, format_date
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
        # Translators: {key} is a setting of Stretchly ("breakIdeas"); keep it.
        raise ImportFailed(path, _("{key!r} is not a list of ideas").format(key=key))
    found = []
    for number, idea in enumerate(ideas, start=1):
        if not isinstance(idea, dict) or "data" not in idea:
            # Translators: "data" is a key of Stretchly's file; keep it in English.
            said = _("idea {number} in {key!r} has no 'data'")
            raise ImportFailed(path, said.format(number=number, key=key))
        if idea.get("enabled") is False:
            continue
        data = idea["data"]
        if isinstance(data, str):
            title, text = "", one_line(data)
        elif isinstance(data, list) and data and all(isinstance(d, str) for d in data):
            title, text = one_line(data[0]), one_line(" ".join(data[1:]))
        else:
            said = _("idea {number} in {key!r} holds no text")
            raise ImportFailed(path, said.format(number=number, key=key))
        if title or text:  # an empty idea is left out
            found.append((title, text))
    return found


def stretchly(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
    made = []
    credit = _(
        "Break ideas from Stretchly (hovancik.net/stretchly), free software under the "
        "BSD 2-clause license; the words are its authors'. Imported from {file} "
        "on {date}. Stretchly shows one idea per break: keep the ones you like."
    ).format(file=readable(path.name), date=format_date(today))
    for key, kind, length_key, default_ms in (
        ("microbreakIdeas", "mini", "microbreakDuration", 20_000),
        ("breakIdeas", "long", "breakDuration", 300_000),
    ):
        ideas = _ideas(path, settings, key)
        if not ideas:
            continue
        length = whole_seconds(settings.get(length_key, default_ms), path, f"'{length_key}'", 0.001)
        name, summary = _WORDS[kind]
        draft = routine_draft(_(name), _(summary), credit, "imported, stretchly, desk")
        for title, text in ideas:
            step = StepDraft(values={"exercise": step_name(title or short_name(text))})
            if text:
                step.values["instructions"] = text
            step.values["duration"] = format_duration(length)
            draft.steps.append(step)
        routine_id = f"stretchly-{kind}-breaks"
        made.append(Imported(routine_id, draft, path))
    if not made:
        said = _("this config.json has no break ideas that are turned on")
        raise ImportFailed(path, said)
    return made


# Each kind of break: the routine's name and summary.
_WORDS = {
    "mini": (N_("Stretchly mini breaks"), N_("Mini break ideas imported from Stretchly")),
    "long": (N_("Stretchly long breaks"), N_("Long break ideas imported from Stretchly")),
}


# -- Safe Eyes -------------------------------------------------------------------
