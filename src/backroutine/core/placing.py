"""Where a routine form shows each problem, decided from the problem's code and field
path alone (never its wording), and how the form's dose choice reads a step."""

from __future__ import annotations

from dataclasses import dataclass, field

from .draft import FieldPath, RoutineDraft, StepDraft
from .fields import DOSE_FORMS, DoseForm
from .i18n import _
from .problem_codes import DOSE_CODES
from .problems import Problem, Severity, field_parts

FORMS: dict[str, DoseForm] = {form.kind: form for form in DOSE_FORMS}
# Every dose key a form shows for some dose (the others are always shown).
DOSE_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(k for f in DOSE_FORMS for k in f.shows))
DOSE_ROW = "dose"  # the form's dose chooser, for problems with the dose as a whole


def dose_of(step: StepDraft) -> str:
    """Which of DOSE_FORMS the step's values make (a hold while it has none)."""
    if step.get("duration"):
        return "duration"
    if step.get("hold"):
        return "hold"
    if step.get("reps") and step.get("tempo"):
        return "tempo"
    return "reps" if step.get("reps") else "hold"


def with_dose(step: StepDraft, kind: str) -> dict[str, str]:
    """The step's values with its dose changed to kind, carrying over what fits."""
    values = {k: v for k, v in step.values.items() if k not in DOSE_FIELDS}
    for key, carried, default in FORMS[kind].starts:
        values[key] = (step.get(carried) if carried else "") or default
    return values


@dataclass
class Placement:
    """Problems by the form field that shows them, and the steps that have some."""

    by_field: dict[FieldPath, list[Problem]] = field(default_factory=dict)
    marked: set[int] = field(default_factory=set)  # steps with an error
    noted: set[int] = field(default_factory=set)  # steps with a note only

    def at(self, path: FieldPath) -> list[Problem]:
        return self.by_field.get(path, [])


def place(problems: tuple[Problem, ...] | list[Problem], draft: RoutineDraft) -> Placement:
    placement = Placement()
    for problem in problems:
        path = form_field(problem, draft)
        if len(path) >= 2 and path[0] == "steps" and isinstance(path[1], int):
            placement.marked.add(path[1]) if problem.is_error else placement.noted.add(path[1])
        placement.by_field.setdefault(path, []).append(problem)
    placement.noted -= placement.marked
    return placement


def form_field(problem: Problem, draft: RoutineDraft) -> FieldPath:
    """The form field a problem shows under: the field it is about, or for a step the
    field that can fix it (its dose chooser, its name, its length)."""
    path = field_parts(problem.field)
    if len(path) < 2 or path[0] != "steps" or not isinstance(path[1], int):
        return path
    index = path[1]
    step = draft.steps[index] if index < len(draft.steps) else None
    if step is None:
        return path
    if problem.code in DOSE_CODES and not step.rest_step:
        return ("steps", index, DOSE_ROW)
    if len(path) == 2:  # the step as a whole: shown where it is named, or its length
        return ("steps", index, "rest" if step.rest_step else "exercise")
    key = path[2]
    hidden = not step.rest_step and key in DOSE_FIELDS and key not in FORMS[dose_of(step)].shows
    return ("steps", index, DOSE_ROW) if hidden else path[:3]


def name_clash(draft: RoutineDraft, other_names: set[str]) -> Problem | None:
    """A note when another routine in the library has the draft's name."""
    name = draft.get("name").strip()
    if not name or name not in other_names:
        return None
    message = _("another routine is called {name} too").format(name=name)
    return Problem("", 1, 1, Severity.WARNING, message, "same-name", "name")
