"""Saving, copying and bringing in routine files, without losing anything.

- Saving replaces a file atomically (a temporary file, then a rename) and keeps the
  version it replaces beside it as NAME.yaml.bak, so an unwanted save can be undone.
- A hand-written file with comments keeps them (core/keeping.py).
- Copies bring their pictures along, so a routine works wherever it is put.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .draft import DraftError, RoutineDraft, draft_from_text, write_yaml
from .files import atomic_text
from .importers import free_id
from .keeping import has_comments, keep_comments
from .validation import routine_id_for


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def routine_text(draft: RoutineDraft, original: str | None) -> str:
    """The file's new text: the original with its comments where it has any."""
    if original is not None and has_comments(original):
        try:
            return keep_comments(original, draft)
        except DraftError:
            pass  # the original cannot be read as a form any more: written afresh
    return write_yaml(draft).text


def save_text(path: Path, text: str) -> None:
    """Write text over path atomically, keeping what was there as path.bak."""
    if path.exists():
        backup = backup_path(path)
        partial = backup.with_name(f".{backup.name}.partial")
        try:
            shutil.copyfile(path, partial)
            os.replace(partial, backup)  # the backup, too, is whole or not there
        except OSError:
            partial.unlink(missing_ok=True)
            raise
    with atomic_text(path) as out:
        out.write(text)


def pictures_of(text: str) -> list[str]:
    """The pictures a routine's text names (relative paths), where it can be read."""
    try:
        draft = draft_from_text(text)
    except DraftError:
        return []
    return [s.get("image") for s in draft.steps if s.get("image")]


def copy_pictures(text: str, source_folder: Path, target_folder: Path) -> list[str]:
    """Copy the routine's pictures that are inside source_folder to the same place
    under target_folder (never over a file there). Returns those not found."""
    missing = []
    for relative in pictures_of(text):
        source = (source_folder / relative).resolve()
        target = target_folder / relative
        inside = source_folder.resolve() in source.parents
        if not inside or not source.is_file():
            missing.append(relative)
            continue
        if target.exists() or source == target.resolve():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return missing


def copy_picture_in(source: Path, folder: Path) -> str:
    """A picture chosen from anywhere, copied into the routine folder's images/ (a
    new name if one with its name is already there and differs). Returns the
    path to write in the routine."""
    images = folder / "images"
    images.mkdir(parents=True, exist_ok=True)
    stem, suffix = source.stem, source.suffix.lower()
    target = images / f"{stem}{suffix}"
    number = 1
    while target.exists():
        if target.read_bytes() == source.read_bytes():
            return f"images/{target.name}"
        number += 1
        target = images / f"{stem}-{number}{suffix}"
    shutil.copyfile(source, target)
    return f"images/{target.name}"


@dataclass(frozen=True)
class Placed:
    """Where a routine will be written: its id and file."""

    routine_id: str
    path: Path


def place_new(name: str, folder: Path, taken: set[str]) -> Placed:
    """A file for a new routine, named after it, in the user's folder."""
    wanted = routine_id_for(Path(f"{name or 'my-routine'}.yaml"))
    routine_id = free_id(wanted, folder, taken)
    return Placed(routine_id, folder / f"{routine_id}.yaml")
