"""What the importers of every app share: the error that names the file, what an
import makes, reading a file bounded, and the small text rules for names and times."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .draft import RoutineDraft, StepDraft
from .files import ReadRefused, read_bounded, size_text
from .i18n import _, format_number, ngettext
from .names import readable, visible
from .problems import Problem, Severity
from .validation import find_picture

MAX_BYTES = 4 * 1024 * 1024  # Workrave's file with every translation is well under 1 MiB
NAME_LIMIT = 80


class ImportFailed(Exception):
    """What cannot be imported, in the form `FILE:LINE:COLUMN: error: MESSAGE` (error
    and MESSAGE in the person's language, as `validate` writes a problem)."""

    def __init__(self, path: Path, message: str, line: int = 1, column: int = 1) -> None:
        # The same form as validate's problem lines: the place as editors read it,
        # then the severity and the message in the person's language.
        super().__init__(str(Problem(readable(path), line, column, Severity.ERROR, message)))
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass
class Imported:
    """One routine made from another app's file, not yet written."""

    routine_id: str
    draft: RoutineDraft
    source: Path
    images: dict[str, Path] = field(default_factory=dict)  # path in the routine -> file
    notes: list[str] = field(default_factory=list)  # facts worth knowing, nothing lost
    warnings: list[str] = field(default_factory=list)  # what was left out, and why


# -- reading the file ------------------------------------------------------------


def read_file(path: Path) -> bytes:
    """The file's bytes, read bounded and without waiting: a file swapped for a pipe
    or a device after a first look is refused, not waited on or read for ever."""
    try:
        return read_bounded(path, MAX_BYTES)
    except FileNotFoundError:
        raise ImportFailed(path, _("no such file; check the name and the folder")) from None
    except ReadRefused as exc:
        if exc.too_large:
            said = _("the file is larger than {limit}; this is not a break app's file")
            raise ImportFailed(path, said.format(limit=size_text(MAX_BYTES))) from None
        said = _("{reason}; give another app's exercises or settings file")
        raise ImportFailed(path, said.format(reason=exc)) from None
    except OSError as exc:
        said = _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
        raise ImportFailed(path, said) from None


def json_settings(path: Path, data: bytes) -> dict[str, Any]:
    try:
        value = whole_text(json.loads(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        raise ImportFailed(path, _("the file is not UTF-8 text")) from None
    except json.JSONDecodeError as exc:
        # Translators: {reason} is the JSON reader's own words, in English.
        said = _("not valid JSON: {reason}; was the file cut short?").format(reason=exc.msg)
        raise ImportFailed(path, said, exc.lineno, exc.colno) from None
    except (ValueError, RecursionError) as exc:  # numbers too long, nesting too deep
        said = _("not a settings file BackRoutine can read ({reason})").format(reason=exc)
        raise ImportFailed(path, said) from None
    if not isinstance(value, dict):
        said = _("the file holds a JSON list or value, not the app's settings")
        raise ImportFailed(path, said)
    return value


# Half of a UTF-16 pair: JSON may write one alone ("\ud800"); no text file can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def whole_text(value: Any) -> Any:
    """value (read from JSON) with each lone surrogate in its strings, keys included,
    made U+FFFD: kept, it makes a routine no YAML reader takes, and the whole import
    failed for one odd character."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [whole_text(item) for item in value]
    if isinstance(value, dict):
        return {whole_text(key): whole_text(item) for key, item in value.items()}
    return value


def one_line(text: str) -> str:
    """text on one line, without NUL, control or direction characters: another app's
    words become names and instructions the person reads."""
    return visible(re.sub(r"\s+", " ", text)).strip()


def short_name(text: str) -> str:
    """A name for an idea that has none: its first sentence, if short enough."""
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].rstrip(".!")
    if len(first) <= 50:
        return first
    words = first.split()
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > 47:
            break
        name = f"{name} {word}".strip()
    return name + "..."


def step_name(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= NAME_LIMIT else text[: NAME_LIMIT - 3].rstrip() + "..."


def whole_seconds(
    value: object, path: Path, what: str, scale: float = 1.0, low: float = 1.0
) -> int:
    """A whole number of seconds from the app's number (its own unit times scale).
    what names the number in messages: a setting's key or a phrase, translated."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        # Translators: {what} is a setting of the other app, or "break 3's duration".
        raise ImportFailed(path, _("{what} is not a number").format(what=what))
    try:
        seconds = float(value) * scale
    except (ValueError, OverflowError):
        said = _("{what} is not a number: {value!r}").format(what=what, value=str(value)[:20])
        raise ImportFailed(path, said) from None
    if low == 0 and 0 <= seconds <= 7200:
        return round(seconds)
    if not 1 <= seconds <= 7200:
        said = ngettext(
            "{what} is {seconds} second; a break lasts 1 s to 2 h",
            "{what} is {seconds} seconds; a break lasts 1 s to 2 h",
            round(seconds) if abs(seconds) < 1e9 else 2,
        )
        raise ImportFailed(path, said.format(what=what, seconds=_number(seconds)))
    return max(1, round(seconds))


def _number(value: float) -> str:
    """A number as the locale writes it; one no locale writes (inf, 1e300) as is."""
    return format_number(value, 3) if abs(value) < 1e12 else f"{value:g}"


def routine_draft(name: str, summary: str, description: str, tags: str) -> RoutineDraft:
    return RoutineDraft(
        values={
            "name": name,
            "summary": summary,
            "description": description,
            "tags": tags,
        }
    )


# -- Workrave --------------------------------------------------------------------
def last_name(text: str) -> str:
    return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def add_picture(
    imported: Imported, step: StepDraft, title: str, path: Path, picture: str, under: str
) -> None:
    """The step's picture, from beside path, to be copied under the routines
    folder's under/; or a note saying why not. The rule is a routine's own: the
    picture stays inside the folder, links too (never /etc/shadow through a link),
    and is a picture the app can show."""
    found = find_picture(path.parent, picture)
    if found.path is None:
        why = found.problem or _("it cannot be shown")
        said = _("{title}: its picture is left out: {reason}")
        imported.warnings.append(said.format(title=title, reason=readable(why)))
        return
    relative = f"{under}/{last_name(picture)}"
    imported.images[relative] = found.path
    step.values["image"] = relative


# -- Stretchly -------------------------------------------------------------------
