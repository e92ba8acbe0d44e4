"""Where an imported routine goes, decided before anything is written: a new routine,
one with the same name as a routine in the library (importing one file twice), or one
whose id is taken. The shell asks the question the plan carries and writes what the
answer decides; the person's routine that is replaced goes to the trash, never lost."""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from .discovery import Entry, Source
from .fields import ROUTINE_FIELDS, by_key
from .i18n import N_, _
from .names import readable
from .routine_files import free_id
from .validation import ROUTINE_SUFFIXES

# Said when writing failed after the routine it replaces went to the trash (marked
# here, translated with _() where it is shown).
STILL_IN_TRASH = N_("the routine it was to replace is in the trash; restore it from there")

# The answers to a plan's question: the plan's choices and decide() use these English
# values; the shell shows each through _() and hands back the value chosen.
# Translators: buttons of the question asked when an imported routine's name or id
# is taken.
KEEP_BOTH = N_("Keep Both")
REPLACE = N_("Replace")
CANCEL = N_("Cancel")


class Fit(enum.Enum):
    NEW = "new"
    SAME_NAME = "same name"
    ID_CLASH = "id clash"


@dataclass(frozen=True)
class Decision:
    """What to do: write under routine_id, once the files in trash are in the trash."""

    routine_id: str
    trash: tuple[Path, ...] = ()
    name: str = ""  # a new name, so that two routines kept side by side tell apart


@dataclass(frozen=True)
class ImportPlan:
    routine_id: str
    fit: Fit
    question: str = ""  # what to ask the person; "" for a new routine
    choices: tuple[str, ...] = ()  # the answers, the last one cancels
    replace: Decision | None = None  # if they choose Replace
    keep_both: Decision | None = None  # if they choose Keep Both
    alike: str = ""  # the id of a routine with the same name, if there is one

    def decide(self, answer: str | None = None) -> Decision | None:
        """The decision for the answer (None for a new routine); None to skip it."""
        if self.fit is Fit.NEW:
            return Decision(self.routine_id)
        if answer == REPLACE:
            return self.replace
        if answer == KEEP_BOTH:
            return self.keep_both
        return None


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def plan_import(
    routine_id: str,
    name: str,
    source: Path,
    folder: Path,
    library: Iterable[Entry],
    planned: Mapping[str, str] | None = None,
) -> ImportPlan:
    """What importing the routine `name` (to be `routine_id`, from source) into folder
    means, given the library and what this import has already planned (id -> name)."""
    planned = planned or {}
    entries = list(library)
    plan = _plan(routine_id, name, source, folder, entries, planned)
    named = [e.id for e in entries if _same_name(e.result.name, name)]
    named += [i for i, n in planned.items() if _same_name(n, name)]
    if not named:
        return plan
    if plan.keep_both is not None:  # kept beside one of that name: numbered, as (2)
        names = [e.result.name for e in entries] + list(planned.values())
        plan = replace(plan, keep_both=replace(plan.keep_both, name=free_name(name, names)))
    return replace(plan, alike=named[0])


def free_name(name: str, names: Iterable[str]) -> str:
    """name numbered "(2)", "(3)", ... so that it is none of names, within the
    length a routine's name may have."""
    longest = by_key(ROUTINE_FIELDS)["name"].max_length or 80
    number = 2
    while True:
        # Translators: a routine's name numbered so that two tell apart: "Neck (2)".
        numbered = _("{name} ({number})")
        candidate = numbered.format(name=name, number=number)
        over = len(candidate) - longest
        if over > 0:  # the name is cut, never the number
            candidate = numbered.format(name=name[:-over].rstrip(), number=number)
        if not any(_same_name(candidate, other) for other in names):
            return candidate
        number += 1


def _plan(
    routine_id: str,
    name: str,
    source: Path,
    folder: Path,
    entries: list[Entry],
    planned: Mapping[str, str],
) -> ImportPlan:
    taken = {e.id for e in entries} | set(planned)
    keep_both = Decision(free_id(routine_id, folder, taken))
    mine = tuple(p for p in _files(folder, routine_id) if os.path.lexists(p))
    what = readable(source.name)
    by_id = next((e for e in entries if e.id == routine_id), None)
    if mine or routine_id in planned:
        known = planned.get(routine_id) or (by_id.result.name if by_id is not None else "")
        if known:
            question = _(
                "{name} ({id}) is in your routines folder already (it goes to the trash if "
                "replaced). Replace it with the one in {file}, or keep both?"
            )
        else:
            question = _(
                "Your routine {id} is in your routines folder already (it goes to the trash "
                "if replaced). Replace it with the one in {file}, or keep both?"
            )
        return ImportPlan(
            routine_id,
            Fit.ID_CLASH,
            question.format(name=readable(known), id=routine_id, file=what),
            (KEEP_BOTH, REPLACE, CANCEL),
            Decision(routine_id, mine),
            keep_both,
        )
    if by_id is not None:
        if by_id.source is Source.BUNDLED:
            question = _(
                "{name} ({id}) comes with BackRoutine; the imported one would take its place "
                "as your version. Replace it with the one in {file}, or keep both?"
            )
        else:
            question = _(
                "{name} ({id}) is in your library already. Replace it with the one in "
                "{file}, or keep both?"
            )
        return ImportPlan(
            routine_id,
            Fit.ID_CLASH,
            question.format(name=readable(by_id.result.name), id=routine_id, file=what),
            (KEEP_BOTH, REPLACE, CANCEL),
            Decision(routine_id),
            keep_both,
        )
    alike = [e for e in entries if _same_name(e.result.name, name)]
    alike_now = [i for i, n in planned.items() if _same_name(n, name)]
    if not alike and not alike_now:
        return ImportPlan(routine_id, Fit.NEW)
    shown = readable(name)
    if alike_now or any(e.source is not Source.BUNDLED for e in alike):
        theirs = next((e for e in alike if e.source is not Source.BUNDLED), None)
        old = theirs.id if theirs is not None else alike_now[0]
        files = tuple(p for p in _files(folder, old) if os.path.lexists(p))
        if theirs is not None and theirs.path.parent.resolve() != folder.resolve():
            files = ()  # opened from elsewhere: not the person's routines folder
        return ImportPlan(
            routine_id,
            Fit.SAME_NAME,
            _(
                "{name} is in your library already, as {id}: the same name twice looks "
                "alike in the list. Replace it with the one in {file} (it goes to the trash), "
                "or keep both?"
            ).format(name=shown, id=old, file=what),
            (KEEP_BOTH, REPLACE, CANCEL) if files else (KEEP_BOTH, CANCEL),
            Decision(old, files) if files else None,
            keep_both,
        )
    return ImportPlan(
        routine_id,
        Fit.SAME_NAME,
        _(
            "{name} comes with BackRoutine under this name already; the one in {file} "
            "would be a second with the same name. Import it beside it?"
        ).format(name=shown, file=what),
        (KEEP_BOTH, CANCEL),
        None,
        keep_both,
    )


def _files(folder: Path, routine_id: str) -> list[Path]:
    return [folder / f"{routine_id}{suffix}" for suffix in ROUTINE_SUFFIXES]


class Said(enum.Enum):
    """What a line of an import's report is: how it is shown follows from this."""

    DONE = "done"
    NOTE = "note"  # worth knowing; nothing was lost
    WARNING = "warning"  # something was left out or needs fixing
    FAILED = "failed"  # nothing was imported from it


@dataclass
class ImportReport:
    lines: list[tuple[Said, str]] = field(default_factory=list)

    def add(self, kind: Said, text: str) -> None:
        self.lines.append((kind, text))

    @property
    def trouble(self) -> bool:
        """Whether anything went wrong: shown as a warning, not as a success."""
        return any(kind in (Said.WARNING, Said.FAILED) for kind, _text in self.lines)

    @property
    def notes(self) -> bool:
        return any(kind is Said.NOTE for kind, _text in self.lines)

    @property
    def text(self) -> str:
        return "\n".join(text for _kind, text in self.lines)
