"""Find routines: the bundled ones, the user's folder, and paths given on the command line."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import _
from .names import readable
from .paths import bundled_routines_dir, user_paths
from .problems import Problem, Severity
from .timeline import Timeline, expand_timeline
from .validation import ROUTINE_SUFFIXES, LoadResult, load_routine


class Source(enum.Enum):
    BUNDLED = "bundled"
    USER = "user"
    PATH = "path"


@dataclass(frozen=True)
class Entry:
    """A routine file as the library knows it."""

    result: LoadResult
    source: Source
    overrides_bundled: bool = False

    @property
    def id(self) -> str:
        return self.result.id

    @property
    def path(self) -> Path:
        return self.result.path

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.result.problems

    @property
    def runnable(self) -> bool:
        return self.result.routine is not None

    def timeline(self) -> Timeline | None:
        routine = self.result.routine
        return expand_timeline(routine) if routine is not None else None


@dataclass
class Library:
    """The routines that are in effect, in order, plus what they shadow."""

    entries: list[Entry] = field(default_factory=list)
    shadowed: list[Entry] = field(default_factory=list)

    def find(self, routine_id: str) -> Entry | None:
        """The routine in effect for an id: a runnable one when there is one."""
        matches = [e for e in self.entries if e.id == routine_id]
        return next((e for e in matches if e.runnable), matches[0] if matches else None)

    @property
    def problems(self) -> list[Problem]:
        return [p for e in self.entries for p in e.problems]


def known_routines(extra: Sequence[Path] = ()) -> Library:
    """The bundled routines and the user's own, as the app and the CLI see them."""
    return discover(
        bundled_dir=bundled_routines_dir(), user_dir=user_paths().routines_dir, paths=extra
    )


def routine_files(folder: Path) -> list[Path]:
    """The routine files directly inside folder (not its subfolders), by name."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    return sorted(
        (
            p
            for p in children
            if p.suffix.lower() in ROUTINE_SUFFIXES and not p.name.startswith(".") and p.is_file()
        ),
        key=lambda p: p.name,
    )


def _display(path: Path, given: Path | None) -> str:
    if given is None:
        return readable(path)
    return readable(given / path.name) if _folder(given) else readable(given)


def _folder(path: Path) -> bool:
    """Whether path is a folder; False where the system cannot say (a name too long
    for it, say): the file is then read, and that says why it cannot be."""
    return os.path.isdir(path)


def _real(path: Path) -> Path:
    """The file a path names, links followed, or the path itself where it names none."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop; a NUL in the name
        return path.absolute()


def discover(
    *,
    bundled_dir: Path | None,
    user_dir: Path | None,
    paths: Sequence[Path] = (),
) -> Library:
    """Load every routine. A user routine with a bundled id takes its place (with a warning);
    any other clash of ids is an error on the later file. A broken file never stops the rest.
    """
    library = Library()
    by_id: dict[str, Entry] = {}
    seen: set[Path] = set()

    def add(files: Iterable[tuple[Path, str]], source: Source) -> None:
        for path, shown in files:
            real = _real(path)
            if real in seen:  # the same file named twice (a folder and a file in it, a glob)
                continue
            seen.add(real)
            result = load_routine(path, shown)
            earlier = by_id.get(result.id)
            if earlier is None:
                entry = Entry(result, source)
            elif earlier.source is Source.BUNDLED and source is not Source.BUNDLED:
                if not result.ok:
                    # Keep the working bundled routine until the user's copy is fixed.
                    note = Problem(
                        shown,
                        1,
                        1,
                        Severity.WARNING,
                        _("until this file is fixed, the bundled routine {id!r} is used").format(
                            id=result.id
                        ),
                        "bundled-kept-until-fixed",
                    )
                    library.entries.append(Entry(result.with_problems([note]), source))
                    continue
                warning = Problem(
                    shown,
                    1,
                    1,
                    Severity.WARNING,
                    _(
                        "this routine replaces the bundled routine {id!r} "
                        "(rename the file to keep both)"
                    ).format(id=result.id),
                    "replaces-bundled",
                )
                entry = Entry(result.with_problems([warning]), source, overrides_bundled=True)
                # In the bundled one's place: customising a routine does not move it.
                library.entries[library.entries.index(earlier)] = entry
                library.shadowed.append(earlier)
                by_id[result.id] = entry
                continue
            else:
                clash = Problem(
                    shown,
                    1,
                    1,
                    Severity.ERROR,
                    _(
                        "the routine id {id!r} is already used by {path}; rename one of the files"
                    ).format(id=result.id, path=readable(earlier.path)),
                    "duplicate-id",
                )
                library.entries.append(Entry(result.with_problems([clash]), source))
                continue
            by_id[result.id] = entry
            library.entries.append(entry)

    if bundled_dir is not None:
        add(((p, readable(p)) for p in routine_files(bundled_dir)), Source.BUNDLED)
    if user_dir is not None:
        add(((p, readable(p)) for p in routine_files(user_dir)), Source.USER)
    for given in paths:
        files = routine_files(given) if _folder(given) else [given]
        add(((p, _display(p, given)) for p in files), Source.PATH)
    return library
