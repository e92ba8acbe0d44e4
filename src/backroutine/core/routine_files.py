"""Saving, copying and bringing in routine files, without losing anything.

- Saving replaces a file atomically (a temporary file, then a rename) and keeps the
  version it replaces beside it as NAME.yaml.bak, so an unwanted save can be undone.
- A hand-written file with comments keeps them (core/keeping.py).
- Copies bring their pictures along, so a routine works wherever it is put.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from . import yamldoc
from .draft import DraftError, RoutineDraft, draft_from_text, write_yaml
from .draft_languages import plain_if_one_language
from .files import (
    ReadRefused,
    atomic_text,
    copy_regular,
    read_bounded,
    read_text_bounded,
    refuse_special,
    write_new,
)
from .i18n import _
from .keeping import has_comments, keep_comments
from .names import readable, visible
from .validation import (
    IMAGE_SUFFIXES,
    MAX_IMAGE_BYTES,
    LoadResult,
    check_routine_bytes,
    find_picture,
    picture_problem,
    routine_id_for,
)


def free_id(wanted: str, folder: Path, taken: Iterable[str] = ()) -> str:
    """wanted, or wanted-2, -3 ...: an id no file in the folder (or taken) has. A
    link there, even one that points nowhere, counts as a file: never written through."""
    used = set(taken)
    candidate, number = wanted, 1
    while candidate in used or any(
        os.path.lexists(folder / f"{candidate}{suffix}") for suffix in (".yaml", ".yml")
    ):
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def routine_text(draft: RoutineDraft, base: str | None) -> tuple[str, bool]:
    """The file's new text, and whether the comments of base (the file as it was
    read, which the draft's steps point into) are kept. Kept text is used only
    when it reads back as the same routine as the plain text would."""
    draft = plain_if_one_language(draft)
    plain = write_yaml(draft).text
    if base is None or not has_comments(base):
        return plain, True
    try:
        kept = keep_comments(base, draft)
    except Exception:
        return plain, False
    return (kept, True) if _same(kept, plain) else (plain, False)


def _same(kept: str, plain: str) -> bool:
    """Whether two texts are the same routine (or, if broken, the same problems)."""
    here = Path("routine.yaml")
    a = check_routine_bytes(kept.encode("utf-8"), here, "routine", here.name)
    b = check_routine_bytes(plain.encode("utf-8"), here, "routine", here.name)
    if a.routine is None or b.routine is None:
        return a.routine is None and b.routine is None and _messages(a) == _messages(b)
    fields = ("name", "summary", "description", "tags", "prepare", "schedule", "caution")
    return all(getattr(a.routine, f) == getattr(b.routine, f) for f in fields) and [
        replace(s, line=0) for s in a.routine.steps
    ] == [replace(s, line=0) for s in b.routine.steps]


def _messages(result: LoadResult) -> list[str]:
    return sorted(p.message for p in result.problems)


def read_routine_text(path: Path) -> str:
    """A routine file's text, as Path.read_text would give it, but never more than a
    routine may hold, and never from a pipe, a device or a folder (OSError)."""
    return read_text_bounded(path, yamldoc.MAX_FILE_BYTES)


def save_text(path: Path, text: str) -> None:
    """Write text over path atomically, keeping what was there as path.bak. A link
    is followed (the file it points to is written), and the file keeps its mode.
    A folder, a pipe or a device at path is left as it is (ReadRefused)."""
    mode = None
    if path.is_symlink():
        path = path.resolve()
        if not path.exists():
            raise OSError(
                errno.ENOENT,
                _("it is a link to a file that is not there; nothing was written through it"),
                str(path),
            )
    refuse_special(path)
    if path.exists():
        mode = path.stat().st_mode & 0o777
        backup = backup_path(path)
        partial = backup.with_name(f".{backup.name}.partial")
        try:
            partial.unlink(missing_ok=True)  # left by a crash
            copy_regular(path, partial, exclusive=True)
            os.replace(partial, backup)  # the backup, too, is whole or not there
        except OSError:
            partial.unlink(missing_ok=True)
            raise
    with atomic_text(path, mode=mode) as out:
        out.write(text)


def pictures_named_in(folder: Path) -> set[Path]:
    """Every picture a routine file in the folder names (resolved)."""
    named: set[Path] = set()
    for path in sorted(folder.glob("*.y*ml")):
        try:
            text = read_routine_text(path)
        except (OSError, UnicodeDecodeError):
            continue
        for relative in pictures_of(text):
            found = find_picture(folder, relative)
            if found.path is not None:
                named.add(found.path)
    return named


def pictures_of(text: str) -> list[str]:
    """The pictures a routine's text names (relative paths), where it can be read."""
    try:
        draft = draft_from_text(text)
    except DraftError:
        return []
    return [s.get("image") for s in draft.steps if s.get("image")]


def _same_picture(target: Path, data: bytes) -> bool:
    """Whether target is a plain file (not a link) holding these bytes."""
    try:
        if target.is_symlink():
            return False
        return read_bounded(target, MAX_IMAGE_BYTES) == data
    except OSError:
        return False  # not a picture file that can be read: certainly not this one


def _within(root: Path, target: Path) -> None:
    """Refuse a target whose folder leads out of root through a link: nothing is
    ever written through one."""
    if not target.parent.resolve().is_relative_to(root.resolve()):  # links followed
        said = _("{folder} is a link to a folder outside {root}; nothing was written there")
        said = said.format(folder=readable(target.parent), root=readable(root))
        raise OSError(errno.EPERM, said, str(target))


def picture_bytes(source: Path) -> bytes:
    """The bytes of a picture that was checked (image_problem) at this real path. It
    may have changed since: a link, a pipe, a device or a file grown past what a
    picture may be now is refused (ReadRefused) rather than followed, waited on or
    copied."""
    return read_bounded(source, MAX_IMAGE_BYTES, follow=False)


def copy_new(source: Path, target: Path) -> None:
    """Copy the picture source (a real path, checked) to target, a name nothing has
    yet: a file, or a link (even one that points nowhere) put there meanwhile, makes it
    fail rather than be written through."""
    write_new(target, picture_bytes(source))


def picture_place(
    source: Path, target: Path, root: Path, planned: dict[Path, Path] | None = None
) -> tuple[Path, bool]:
    """Where a picture goes: target (inside root), or target-2, -3 ... beside it when a
    different picture, or a link of any kind, has that name; and whether it must be
    copied there (False: the same picture is there already). planned holds the copies
    decided but not made yet (target -> source). ReadRefused if source is not a
    picture file the app would read."""
    _within(root, target)
    planned = planned or {}
    data = read_bounded(source, MAX_IMAGE_BYTES)
    candidate, number = target, 1
    while True:
        if candidate in planned:
            if planned[candidate] == source:
                return candidate, False
        elif os.path.lexists(candidate):
            if _same_picture(candidate, data):
                return candidate, False
        else:
            return candidate, True
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}{target.suffix}")


def place_picture(source: Path, target: Path, root: Path) -> Path:
    """Copy a picture to target (inside root), or find it already there; a different
    picture of that name (or a link in its place) stays, and this one is copied beside
    it under a new name."""
    placed, copy = picture_place(source, target, root)
    if copy:
        placed.parent.mkdir(parents=True, exist_ok=True)
        copy_new(source, placed)
    return placed


def copy_pictures(text: str, source_folder: Path, target_folder: Path) -> tuple[str, list[str]]:
    """Copy the routine's pictures that are inside source_folder to the same place
    under target_folder. A different picture already there keeps its name; this
    one gets a new name and the text is changed to match. Returns the text to
    write and notes for the person (pictures not found; comments that could not
    be kept with a renamed picture)."""
    missing, refused = [], []
    renamed: dict[str, str] = {}
    for relative in pictures_of(text):
        # Only a picture the app shows is copied: not a file that merely sits in the
        # folder (a key, a document, a huge video) that a routine happens to name.
        found = find_picture(source_folder, relative)
        source = found.path
        if source is None:
            if found.fatal or not os.path.lexists(source_folder / relative):
                missing.append(readable(relative))
            else:  # there, but not a picture the app would show: say why
                refused.append(f"{readable(relative)} ({found.problem})")
            continue
        try:
            placed = place_picture(source, target_folder / relative, target_folder)
        except ReadRefused as exc:
            refused.append(f"{readable(relative)} ({exc})")
            continue
        if placed != target_folder / relative:
            renamed[relative] = placed.relative_to(target_folder).as_posix()
    notes = []
    if missing:
        said = _("pictures not found or not shown: {names}")
        notes.append(said.format(names=", ".join(missing)))
    if refused:
        notes.append(_("pictures not copied: {names}").format(names="; ".join(refused)))
    if not renamed:
        return text, notes
    draft = draft_from_text(text)
    for step in draft.steps:
        if step.get("image") in renamed:
            step.values["image"] = renamed[step.get("image")]
    changed, kept = routine_text(draft, text)
    if not kept:
        notes.append(_("its comments were left out: a picture had to be renamed"))
    return changed, notes


def copy_picture_in(source: Path, folder: Path) -> str:
    """A picture chosen from anywhere, copied into the routine folder's images/ (a
    new name if one with its name is already there and differs). Returns the
    path to write in the routine."""
    images = folder / "images"
    # Its name goes into the routine: only what a routine may name (no control or
    # direction characters, not too long), whatever the picture was called.
    stem = visible(source.stem)[:50].strip() or "picture"
    suffix = visible(source.suffix.lower())[:10]
    # Read where it is (a pipe, a device, a huge file: ReadRefused), named as chosen.
    data = picture_bytes(source.resolve())
    problem = (
        _("{name!r} is not a picture the app can show").format(name=readable(source.name))
        if source.suffix.lower() not in IMAGE_SUFFIXES
        else picture_problem(source.name, source.suffix, data)
    )
    if problem:
        raise OSError(errno.EINVAL, problem, str(source))
    target = images / f"{stem}{suffix}"
    _within(folder, target)
    images.mkdir(parents=True, exist_ok=True)
    number = 1
    while os.path.lexists(target):
        if _same_picture(target, data):
            return f"images/{target.name}"
        number += 1
        target = images / f"{stem}-{number}{suffix}"
    write_new(target, data)
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


SCHEMA_LINE = "# yaml-language-server: $schema="


def without_schema_line(text: str) -> str:
    """A bundled routine's first line points editors at the schema beside it; a copy
    elsewhere would point at nothing, so the line is left out of copies."""
    first, _newline, rest = text.partition("\n")
    return rest if first.startswith(SCHEMA_LINE) else text


class CopyFailed(Exception):
    """A copy could not be made; the message says why, for the person (nothing was
    written, or only a whole file was)."""


@dataclass(frozen=True)
class Copied:
    """A routine file written as a copy: where, under which id, and what to tell."""

    routine_id: str
    path: Path
    notes: tuple[str, ...] = ()

    def said(self, message: str) -> str:
        """What the person is told: message, a whole sentence naming {path}
        (``_("Copied to {path}")``), then the notes: "Copied to PATH (note; note)".
        A message without {path} is followed by the path."""
        said = message.format(path=self.path) if "{path}" in message else f"{message} {self.path}"
        if not self.notes:
            return said
        # Translators: what was done, then notes about it in brackets.
        return _("{said} ({notes})").format(said=said, notes="; ".join(self.notes))


def duplicate_routine(
    source: Path, routine_id: str, name: str, bundled: bool, folder: Path, taken: set[str]
) -> Copied:
    """A copy to change, written in folder with its pictures: a bundled routine
    becomes the person's own (same id, shown as customised) unless they have one
    already; their own routine gets a copy beside it under a new id and name.
    CopyFailed when it cannot be read or written."""
    try:
        text = read_routine_text(source)
    except (OSError, UnicodeDecodeError) as exc:
        raise CopyFailed(
            _("{path} cannot be read: {reason}").format(path=source, reason=exc)
        ) from exc
    notes: list[str] = []
    if bundled:
        text = without_schema_line(text)
    if not (bundled and not os.path.lexists(folder / source.name)):
        routine_id = free_id(f"{routine_id}-copy", folder, taken)
        # Translators: the name of a copy of a routine.
        text, said = renamed_text(text, _("{name} (copy)").format(name=name)[:80])
        notes += said
    target = folder / f"{routine_id}.yaml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        text, picture_notes = copy_pictures(text, source.parent, folder)
        with atomic_text(target) as out:
            out.write(text)
    except OSError as exc:
        reason = exc.strerror or exc
        raise CopyFailed(
            _("Cannot write {path}: {reason}").format(path=target, reason=reason)
        ) from exc
    return Copied(routine_id, target, tuple(notes + picture_notes))


def export_target(chosen: Path, suffixes: Iterable[str] = (".yaml", ".yml")) -> tuple[Path, bool]:
    """Where an export goes: the chosen name, with .yaml added when it has no routine
    suffix; and whether to ask before replacing (a file the save dialog did not see,
    because the suffix was added after it asked)."""
    if chosen.suffix.lower() in suffixes:
        return chosen, False
    target = chosen.with_name(chosen.name + ".yaml")
    return target, os.path.lexists(target)


def export_routine(source: Path, target: Path) -> Copied:
    """A copy of a routine for sharing, with its pictures beside it (CopyFailed when
    it cannot be read or written; nothing half written)."""
    try:
        text = read_routine_text(source)
        text, notes = copy_pictures(text, source.parent, target.parent)
        with atomic_text(target) as out:
            out.write(text)
    except (OSError, UnicodeDecodeError) as exc:
        said = _("Cannot export to {path}: {reason}").format(path=target, reason=exc)
        raise CopyFailed(said) from exc
    return Copied(target.stem, target, tuple(notes))


@dataclass(frozen=True)
class TrashDecision:
    """What moving a routine to the trash means: refused (why), or the question to
    ask and the files that go."""

    refused: str = ""
    question: str = ""
    paths: tuple[Path, ...] = ()


def trash_decision(name: str, path: Path, bundled: bool, overrides_bundled: bool) -> TrashDecision:
    """A routine that comes with the app is never removed; the person's own file goes
    to the trash after they say yes, and a customised one brings the original back."""
    if bundled:
        refused = _(
            "{name} comes with BackRoutine and cannot be removed. "
            "Duplicate it to make your own version."
        )
        return TrashDecision(refused=refused.format(name=name))
    if overrides_bundled:
        question = _(
            "Move {name} ({file}) to the trash? You can restore it from there. "
            "The version that comes with BackRoutine takes its place again."
        )
    else:
        question = _("Move {name} ({file}) to the trash? You can restore it from there.")
    return TrashDecision(question=question.format(name=name, file=path.name), paths=(path,))


@dataclass(frozen=True)
class OwnVersion:
    """A bundled routine made ready to edit as the person's own version."""

    text: str
    pictures: frozenset[Path]  # copied in now: removed again if it is never saved
    problem: str = ""  # why its pictures could not all be copied, if so
    made: frozenset[Path] = frozenset()  # folders made for them, removed with them


def own_version(text: str, source_folder: Path, folder: Path) -> OwnVersion:
    """A bundled routine's text as the person's own version, before its editor opens:
    without the schema line (the schema is not beside their copy) and with its
    pictures copied into their folder (renamed where a different picture has the
    name). What was copied is said, so that an editor closed unsaved leaves nothing."""
    text = without_schema_line(text)
    images = folder / "images"
    before = _files_under(images)
    was_there = os.path.lexists(images)
    problem = ""
    try:
        text = copy_pictures(text, source_folder, folder)[0]
    except OSError as exc:
        said = _("Its pictures could not be copied: {reason}")
        problem = said.format(reason=exc.strerror or exc)
    made = frozenset() if was_there or not images.is_dir() else frozenset({images})
    return OwnVersion(text, frozenset(_files_under(images) - before), problem, made)


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def renamed_text(text: str, name: str) -> tuple[str, list[str]]:
    """The routine's text under a new name, and what to tell when it could not be
    renamed (a file the form cannot read, or one whose rewriting would lose comments,
    is kept as it is: the name is for them to change)."""
    try:
        draft = draft_from_text(text)
        draft.put("name", name)
        renamed, kept = routine_text(draft, text)
    except DraftError:
        kept = False
    if kept:
        return renamed, []
    return text, [_("it has the same name: rename it in the editor")]
