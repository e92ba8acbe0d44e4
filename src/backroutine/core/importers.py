"""Bring in what people already have: other break apps' exercises, as routines.

- Workrave: its exercises.xml (a title and description per language, a sequence
  of pictures with a total duration; a mirrored picture means the other side).
- Stretchly: the break ideas in its config.json (mini and long breaks).
- Safe Eyes: the short and long breaks in its safeeyes.json.

Each becomes a draft routine (core/draft.py) that is checked like any routine
file before anything is written, and then edited like any other. Nothing of
theirs ships with BackRoutine: it is read from the person's own installation.
Bad input raises ImportFailed naming the file, the line and what to do.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from xml.parsers import expat

from .draft import RoutineDraft, StepDraft, check_draft, write_yaml
from .durations import format_duration
from .files import ReadRefused, atomic_text, read_bounded
from .names import readable
from .routine_files import copy_new, free_id, picture_place
from .validation import find_picture

MAX_BYTES = 4 * 1024 * 1024  # Workrave's file with every translation is well under 1 MiB
NAME_LIMIT = 80
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class ImportFailed(Exception):
    """What cannot be imported, in the form `FILE:LINE:COLUMN: error: MESSAGE`."""

    def __init__(self, path: Path, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{readable(path)}:{line}:{column}: error: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


@dataclass
class Imported:
    """One routine made from another app's file, not yet written."""

    routine_id: str
    draft: RoutineDraft
    source: Path
    images: dict[str, Path] = field(default_factory=dict)  # path in the routine -> file
    notes: list[str] = field(default_factory=list)  # what the person should know


# -- reading the file ------------------------------------------------------------


def _read(path: Path) -> bytes:
    """The file's bytes, read bounded and without waiting: a file swapped for a pipe
    or a device after a first look is refused, not waited on or read for ever."""
    try:
        return read_bounded(path, MAX_BYTES)
    except FileNotFoundError:
        raise ImportFailed(path, "no such file; check the name and the folder") from None
    except ReadRefused as exc:
        if exc.too_large:
            raise ImportFailed(
                path, "the file is larger than 4 MiB; this is not a break app's file"
            ) from None
        raise ImportFailed(path, f"{exc}; give another app's exercises or settings file") from None
    except OSError as exc:
        raise ImportFailed(path, f"cannot read the file: {exc.strerror or exc}") from None


def import_file(
    path: Path, language: str | None = None, today: date | None = None
) -> list[Imported]:
    """The routines in one file, whichever of the three apps it comes from."""
    data = _read(path)
    when = today or date.today()
    head = data.lstrip()[:200]
    suffix = path.suffix.lower()
    if (
        head.startswith(b"<")
        or _utf16_or_32_xml(data)
        or (suffix == ".xml" and not head.startswith((b"{", b"[")))
    ):
        wanted = _language_code(language) if language else _system_language()
        return [_workrave(path, data, wanted, when)]
    if head.startswith((b"{", b"[")) or suffix == ".json":
        settings = _json(path, data)
        if any(key in settings for key in ("breakIdeas", "microbreakIdeas")):
            return _stretchly(path, settings, when)
        if any(key in settings for key in ("short_breaks", "long_breaks")):
            return _safe_eyes(path, settings, when)
        raise ImportFailed(
            path,
            "this JSON file has no break ideas (Stretchly's 'microbreakIdeas' or "
            "'breakIdeas') and no breaks (Safe Eyes' 'short_breaks' or 'long_breaks'); give "
            "Stretchly's config.json or Safe Eyes' safeeyes.json",
        )
    raise ImportFailed(
        path,
        "not a file BackRoutine can import; give Workrave's exercises.xml, Stretchly's "
        "config.json or Safe Eyes' safeeyes.json",
    )


def import_path(
    path: Path, language: str | None = None, skipped: list[str] | None = None
) -> list[Imported]:
    """A file, or every file in a folder that one of the three apps wrote. In a
    folder, a file that cannot be imported is passed over (and said in skipped)."""
    if not path.is_dir():
        return import_file(path, language)
    found: list[Imported] = []
    try:
        candidates = sorted(path.iterdir())
        inside = path.resolve()
    except OSError as exc:
        raise ImportFailed(path, f"cannot read the folder: {exc.strerror or exc}") from None
    for candidate in candidates:
        if candidate.suffix.lower() in (".xml", ".json") and candidate.is_file():
            if not candidate.resolve().is_relative_to(inside):
                if skipped is not None:
                    skipped.append(
                        f"{readable(candidate)}: a link to a file outside the folder; not read"
                    )
                continue
            try:
                found.extend(import_file(candidate, language))
            except ImportFailed as exc:
                if skipped is not None:
                    skipped.append(str(exc))
    if not found:
        raise ImportFailed(
            path,
            "found nothing to import in this folder; it should hold Workrave's "
            "exercises.xml, Stretchly's config.json or Safe Eyes' safeeyes.json",
        )
    return found


def _json(path: Path, data: bytes) -> dict[str, Any]:
    try:
        value = _whole_text(json.loads(data.decode("utf-8-sig")))
    except UnicodeDecodeError:
        raise ImportFailed(path, "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            path, f"not valid JSON: {exc.msg}; was the file cut short?", exc.lineno, exc.colno
        ) from None
    except (ValueError, RecursionError) as exc:  # numbers too long, nesting too deep
        raise ImportFailed(path, f"not a settings file BackRoutine can read ({exc})") from None
    if not isinstance(value, dict):
        raise ImportFailed(path, "the file holds a JSON list or value, not the app's settings")
    return value


# Half of a UTF-16 pair: JSON may write one alone ("\ud800"); no text file can hold it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _whole_text(value: Any) -> Any:
    """value (read from JSON) with each lone surrogate in its strings, keys included,
    made U+FFFD: kept, it makes a routine no YAML reader takes, and the whole import
    failed for one odd character."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_whole_text(item) for item in value]
    if isinstance(value, dict):
        return {_whole_text(key): _whole_text(item) for key, item in value.items()}
    return value


def _language_code(value: str) -> str:
    """ "de", "de_DE", "de-DE.UTF-8" -> "de"."""
    return value.split(":")[0].split(".")[0].replace("-", "_").split("_")[0].lower()


def _system_language() -> str:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX"):
            return _language_code(value)
    return "en"


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _short_name(text: str) -> str:
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


def _name(text: str) -> str:
    text = _one_line(text)
    return text if len(text) <= NAME_LIMIT else text[: NAME_LIMIT - 3].rstrip() + "..."


def _seconds(value: object, path: Path, what: str, scale: float = 1.0, low: float = 1.0) -> int:
    """A whole number of seconds from the app's number (its own unit times scale)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ImportFailed(path, f"{what} is not a number")
    try:
        seconds = float(value) * scale
    except (ValueError, OverflowError):
        raise ImportFailed(path, f"{what} is not a number: {str(value)[:20]!r}") from None
    if low == 0 and 0 <= seconds <= 7200:
        return round(seconds)
    if not 1 <= seconds <= 7200:
        raise ImportFailed(path, f"{what} is {seconds:g} seconds; a break lasts 1 s to 2 h")
    return max(1, round(seconds))


def _routine(name: str, summary: str, description: str, tags: str) -> RoutineDraft:
    return RoutineDraft(
        values={
            "name": name,
            "summary": summary,
            "description": description,
            "tags": tags,
        }
    )


# -- Workrave --------------------------------------------------------------------


def _localised(element: ET.Element, tag: str, language: str) -> str:
    """The element's child in the person's language, else the untranslated one."""
    plain = ""
    for child in element.findall(tag):
        lang = (child.get(XML_LANG) or "").lower().replace("-", "_")
        if lang and (lang == language or lang.split("_")[0] == language):
            return child.text or ""
        if not lang and not plain:
            plain = child.text or ""
    return plain


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" or "<" in each encoding, for a file without a byte order mark.
_UNMARKED = (
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0\0\0", "utf-32-le"),
    (b"\0<\0", "utf-16-be"),
    (b"<\0", "utf-16-le"),
)
_DECLARED = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]{0,40})["']""")


def _xml_encoding(data: bytes) -> tuple[str, int]:
    """The encoding an XML file is in, as XML says to find it (a byte order mark,
    else the pattern of its first bytes, else its declaration), and the length of
    its byte order mark."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    for head, codec in _UNMARKED:
        if data.startswith(head):
            return codec, 0
    declared = _DECLARED.match(data)
    return (declared.group(1).decode("ascii").lower(), 0) if declared else ("utf-8", 0)


def _utf16_or_32_xml(data: bytes) -> bool:
    """Whether the file is XML in UTF-16 or UTF-32 (its first character is '<')."""
    codec, mark = _xml_encoding(data)
    if not codec.startswith(("utf-16", "utf-32")):
        return False
    width = 4 if codec.startswith("utf-32") else 2
    return data[mark : mark + width].decode(codec, "replace") == "<"


class _Declared(Exception):
    """A DOCTYPE or entity declaration, met where the parser stands."""


def _xml_bytes(path: Path, data: bytes) -> bytes:
    """The file as UTF-8, once a parser has read it through and found it well formed
    and free of any DOCTYPE or entity declaration, in whatever encoding it is."""
    codec, mark = _xml_encoding(data)
    try:
        encoded = data[mark:].decode(codec).encode("utf-8")
    except LookupError:
        raise ImportFailed(
            path,
            f"the file says it is in the encoding {codec!r}, which is not known; save it as UTF-8",
        ) from None
    except UnicodeError:
        raise ImportFailed(path, f"the file is not valid {codec} text; save it as UTF-8") from None
    # The file's own declaration (encoding="UTF-16", say) is overridden: it is UTF-8 now.
    parser = expat.ParserCreate(encoding="UTF-8")

    def refuse(*_args: object) -> None:
        raise _Declared(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(encoded, True)
    except _Declared as declared:
        # Workrave's file declares nothing; declarations are how XML bombs are made.
        line, column = declared.args
        raise ImportFailed(
            path, "the file declares a DOCTYPE or entities; Workrave's does not", line, column
        ) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) or "a parse error"
        raise ImportFailed(
            path,
            f"not well-formed XML ({reason}); was the file cut short?",
            exc.lineno,
            exc.offset + 1,
        ) from None
    return encoded


def _workrave(path: Path, data: bytes, language: str, today: date) -> Imported:
    encoded = _xml_bytes(path, data)
    try:
        parser = ET.XMLParser(encoding="utf-8")
        parser.feed(encoded)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        reason = re.sub(r": line \d+, column \d+$", "", exc.msg)
        raise ImportFailed(
            path, f"not well-formed XML ({reason}); was the file cut short?", line, column + 1
        ) from None
    if root.tag != "exercises":
        raise ImportFailed(
            path, f"an XML file about <{root.tag}>, not Workrave's <exercises>; give exercises.xml"
        )
    draft = _routine(
        "Workrave exercises",
        "Exercises from Workrave, to edit and make your own",
        f"The exercises of Workrave (workrave.org), free software under the GNU General "
        f"Public License; their words and pictures are its authors'. Imported from "
        f"{readable(path.name)} on {today.isoformat()}.",
        "imported, workrave",
    )
    imported = Imported("workrave-exercises", draft, path)
    for number, exercise in enumerate(root.findall("exercise"), start=1):
        title = _one_line(_localised(exercise, "title", language))
        if not title:
            raise ImportFailed(path, f"exercise {number} has no <title>; give each one a title")
        sequence = exercise.find("sequence")
        pictures = sequence.findall("image") if sequence is not None else []
        total_text = sequence.get("duration") if sequence is not None else None
        if total_text is None:
            parts = [
                _seconds(p.get("duration") or "0", path, f"a picture's time in {title!r}", 1, 0)
                for p in pictures
            ]
            total_text = str(sum(parts))
        total = _seconds(total_text, path, f"the duration of {title!r}")
        step = StepDraft(values={"exercise": _name(title)})
        text = _one_line(_localised(exercise, "description", language))
        if len(title) > NAME_LIMIT:
            text = f"{title}. {text}".strip()
        if text:
            step.values["instructions"] = text
        mirrored = any(p.get("mirrorx") == "yes" for p in pictures)
        if mirrored:  # the pictures switch sides: left then right, half the time each
            step.values["duration"] = format_duration(max(1, round(total / 2)))
            step.values["sides"] = "both"
        else:
            step.values["duration"] = format_duration(total)
        shown = [p.get("src", "") for p in pictures if p.get("src") not in (None, "", "none")]
        if shown:
            # Workrave names its pictures from its own folder: the one beside this file.
            _picture(imported, step, title, path, _last_name(shown[0]), "images/workrave")
            if len(set(shown)) > 1:
                imported.notes.append(
                    f"{title}: Workrave shows {len(set(shown))} pictures in turn; the first is kept"
                )
        draft.steps.append(step)
    if not draft.steps:
        raise ImportFailed(path, "this exercises.xml holds no <exercise>; nothing to import")
    return imported


def _last_name(text: str) -> str:
    return text.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _picture(
    imported: Imported, step: StepDraft, title: str, path: Path, picture: str, under: str
) -> None:
    """The step's picture, from beside path, to be copied under the routines
    folder's under/; or a note saying why not. The rule is a routine's own: the
    picture stays inside the folder, links too (never /etc/shadow through a link),
    and is a picture the app can show."""
    found = find_picture(path.parent, picture)
    if found.path is None:
        why = found.problem or "it cannot be shown"
        imported.notes.append(f"{title}: its picture is left out: {readable(why)}")
        return
    relative = f"{under}/{_last_name(picture)}"
    imported.images[relative] = found.path
    step.values["image"] = relative


# -- Stretchly -------------------------------------------------------------------


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
            title, text = "", _one_line(data)
        elif isinstance(data, list) and data and all(isinstance(d, str) for d in data):
            title, text = _one_line(data[0]), _one_line(" ".join(data[1:]))
        else:
            raise ImportFailed(path, f"idea {number} in '{key}' holds no text")
        if title or text:  # an empty idea is left out
            found.append((title, text))
    return found


def _stretchly(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
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
        length = _seconds(settings.get(length_key, default_ms), path, f"'{length_key}'", 0.001)
        kind = name.split()[1]
        summary = f"{kind.capitalize()} break ideas imported from Stretchly"
        draft = _routine(name, summary, credit, "imported, stretchly, desk")
        for title, text in ideas:
            step = StepDraft(values={"exercise": _name(title or _short_name(text))})
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


def _safe_eyes(path: Path, settings: dict[str, Any], today: date) -> list[Imported]:
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
        draft = _routine(name, summary, credit, "imported, safe-eyes, eyes")
        imported = Imported("safe-eyes-" + key.replace("_", "-"), draft, path)
        for number, entry in enumerate(breaks, start=1):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise ImportFailed(path, f"break {number} in '{key}' has no 'name'")
            text = _one_line(entry["name"])
            seconds = _seconds(entry.get("duration", length), path, f"break {number}'s duration")
            # Safe Eyes shows only this line: it is the name and the instructions.
            step = StepDraft(values={"exercise": _name(text), "instructions": text})
            step.values["duration"] = format_duration(seconds)
            picture = entry.get("image")
            draft.steps.append(step)
            if isinstance(picture, str) and picture:
                _picture(imported, step, text, path, picture, "images/safe-eyes")
        made.append(imported)
    if not made:
        raise ImportFailed(path, "this safeeyes.json has no short or long breaks to import")
    return made


# -- writing ---------------------------------------------------------------------


def check_imported(items: list[Imported], folder: Path) -> None:
    """Every routine must pass the validator before any is written."""
    for item in items:
        checked = check_draft(item.draft, folder / f"{item.routine_id}.yaml", item.routine_id)
        if checked.errors:
            problems = "; ".join(p.message for p in checked.errors)
            raise ImportFailed(item.source, f"the routine made from it is not valid: {problems}")


def write_imported(items: list[Imported], folder: Path, taken: Iterable[str] = ()) -> list[Path]:
    """Write each routine (and copy its pictures) into the folder, never over a file
    nor through a link. Where each picture goes is settled first, then every routine
    is checked, and only then is anything written."""
    planned: dict[Path, Path] = {}  # picture -> source, to copy
    for item in items:
        renamed: dict[str, str] = {}
        for relative, source in item.images.items():
            placed, copy = picture_place(source, folder / relative, folder, planned)
            if copy:
                planned[placed] = source
            renamed[relative] = placed.relative_to(folder).as_posix()
        for step in item.draft.steps:
            if step.get("image") in renamed:
                step.values["image"] = renamed[step.get("image")]
    check_imported(items, folder)
    for placed, source in planned.items():
        placed.parent.mkdir(parents=True, exist_ok=True)
        copy_new(source, placed)
    written = []
    taken = set(taken)
    for item in items:
        item.routine_id = free_id(item.routine_id, folder, taken)
        taken.add(item.routine_id)
        target = folder / f"{item.routine_id}.yaml"
        with atomic_text(target) as out:
            out.write(write_yaml(item.draft).text)
        written.append(target)
    return written
