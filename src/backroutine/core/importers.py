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

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .draft import check_draft, write_yaml
from .files import atomic_text
from .i18n import _
from .import_common import MAX_BYTES, Imported, ImportFailed, json_settings, read_file
from .import_safe_eyes import safe_eyes
from .import_stretchly import stretchly
from .import_workrave import language_code, system_language, utf16_or_32_xml, workrave
from .names import readable
from .routine_files import copy_new, free_id, picture_place

__all__ = [
    "MAX_BYTES",
    "ImportFailed",
    "Imported",
    "check_imported",
    "import_file",
    "import_path",
    "write_imported",
]


def import_file(
    path: Path, language: str | None = None, today: date | None = None
) -> list[Imported]:
    """The routines in one file, whichever of the three apps it comes from."""
    data = read_file(path)
    when = today or date.today()
    head = data.lstrip()[:200]
    suffix = path.suffix.lower()
    if (
        head.startswith(b"<")
        or utf16_or_32_xml(data)
        or (suffix == ".xml" and not head.startswith((b"{", b"[")))
    ):
        wanted = language_code(language) if language else system_language()
        return [workrave(path, data, wanted, when)]
    if head.startswith((b"{", b"[")) or suffix == ".json":
        settings = json_settings(path, data)
        if any(key in settings for key in ("breakIdeas", "microbreakIdeas")):
            return stretchly(path, settings, when)
        if any(key in settings for key in ("short_breaks", "long_breaks")):
            return safe_eyes(path, settings, when)
        # Translators: the words in quotes are keys of the other apps' files, and
        # config.json and safeeyes.json file names; keep them as they are.
        said = _(
            "this JSON file has no break ideas (Stretchly's 'microbreakIdeas' or "
            "'breakIdeas') and no breaks (Safe Eyes' 'short_breaks' or 'long_breaks'); give "
            "Stretchly's config.json or Safe Eyes' safeeyes.json"
        )
        raise ImportFailed(path, said)
    said = _(
        "not a file BackRoutine can import; give Workrave's exercises.xml, Stretchly's "
        "config.json or Safe Eyes' safeeyes.json"
    )
    raise ImportFailed(path, said)


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
        said = _("cannot read the folder: {reason}").format(reason=exc.strerror or exc)
        raise ImportFailed(path, said) from None
    for candidate in candidates:
        if candidate.suffix.lower() in (".xml", ".json") and candidate.is_file():
            if not candidate.resolve().is_relative_to(inside):
                if skipped is not None:
                    said = _("{path}: a link to a file outside the folder; not read")
                    skipped.append(said.format(path=readable(candidate)))
                continue
            try:
                found.extend(import_file(candidate, language))
            except ImportFailed as exc:
                if skipped is not None:
                    skipped.append(str(exc))
    if not found:
        said = _(
            "found nothing to import in this folder; it should hold Workrave's "
            "exercises.xml, Stretchly's config.json or Safe Eyes' safeeyes.json"
        )
        raise ImportFailed(path, said)
    return found


def check_imported(items: list[Imported], folder: Path) -> None:
    """Every routine must pass the validator before any is written."""
    for item in items:
        checked = check_draft(item.draft, folder / f"{item.routine_id}.yaml", item.routine_id)
        if checked.errors:
            problems = "; ".join(p.message for p in checked.errors)
            said = _("the routine made from it is not valid: {problems}")
            raise ImportFailed(item.source, said.format(problems=problems))


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
