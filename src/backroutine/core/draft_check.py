"""check_draft for a draft that is edited again and again: what did not change since
the last check is not written or checked again.

Each step is written on its own (write_step, keyed by its values) and checked on
its own (check_step, keyed by its place and values); only the routine's own keys,
the steps that changed and the checks of the routine as a whole run after an
edit. The result is the same as check_draft's: the same text, problems (at the
same lines) and routine. A step with a picture is checked every time, since the
picture file may have come or gone.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from . import yamldoc
from .draft import (
    Checked,
    RoutineDraft,
    StepDraft,
    StepLines,
    check_draft,
    write_head,
    write_step,
)
from .fields import MAX_STEPS
from .validation import StepChecked, check_parsed, check_step

StepKey = tuple[bool, tuple[tuple[str, str], ...]]


def _key(step: StepDraft) -> StepKey:
    return step.rest_step, tuple(step.values.items())


class DraftChecker:
    """Checks drafts of one routine file, each as check_draft would."""

    def __init__(self, path: Path, routine_id: str) -> None:
        self.path = path
        self.routine_id = routine_id
        self._lines: dict[StepKey, StepLines] = {}
        # (place, values) -> the step checked within its own lines, and where those
        # lines last began with it moved there
        self._checked: dict[tuple[int, StepKey], tuple[StepChecked, int, StepChecked]] = {}

    def check(self, draft: RoutineDraft) -> Checked:
        if not 0 < len(draft.steps) <= MAX_STEPS:
            return check_draft(draft, self.path, self.routine_id)  # reported as a whole
        shown, folder = self.path.name, self.path.parent
        w = write_head(draft)
        head = "\n".join(w.out) + "\n"
        steps: list[StepChecked] = []
        lines: dict[StepKey, StepLines] = {}
        checked: dict[tuple[int, StepKey], tuple[StepChecked, int, StepChecked]] = {}
        try:
            for index, step in enumerate(draft.steps):
                key = _key(step)
                written = lines[key] = self._lines.get(key) or write_step(step)
                start = len(w.out)  # lines before this step's
                w.out.extend(written)
                place = (index, key)
                found = None if "image" in step.values else self._checked.get(place)
                if found is None:
                    text = "\n".join(written) + "\n"
                    item = yamldoc.parse_document(text)
                    assert isinstance(item, yamldoc.Sequence) and len(item.items) == 1
                    alone = check_step(item.items[0], index + 1, shown, folder)
                    found = (alone, -1, alone)
                alone, moved_to, moved = found
                if moved_to != start:
                    moved = _moved(alone, start)
                checked[place] = (alone, start, moved)
                steps.append(moved)
            root = yamldoc.parse_document(head)
        except yamldoc.DocumentError:  # never written so; checked as a whole all the same
            return check_draft(draft, self.path, self.routine_id)
        self._lines, self._checked = lines, checked
        written_all = w.written()
        digest = hashlib.sha256(written_all.text.encode("utf-8")).hexdigest()
        result = check_parsed(root, self.path, self.routine_id, shown, digest, steps=steps)
        return Checked(written_all, result)


def _moved(checked: StepChecked, lines_before: int) -> StepChecked:
    """A step checked within its own lines, placed after lines_before lines."""
    step, problems = checked
    if lines_before == 0:
        return checked
    if step is not None:
        step = dataclasses.replace(step, line=step.line + lines_before)
    return step, tuple(dataclasses.replace(p, line=p.line + lines_before) for p in problems)
