"""Where a form shows each problem, and how its dose choice reads and changes a step:
rules that need no Qt."""

from __future__ import annotations

import pytest

from backroutine.core.draft import RoutineDraft, StepDraft, check_draft
from backroutine.core.fields import DOSE_FORMS, EXERCISE_FIELDS, by_key
from backroutine.core.placing import DOSE_ROW, dose_of, name_clash, place, with_dose
from backroutine.core.problems import Problem, Severity


def _problem(code: str, field: str, error: bool = True) -> Problem:
    severity = Severity.ERROR if error else Severity.WARNING
    return Problem("a.yaml", 1, 1, severity, "whatever it says", code, field)


def _draft(*steps: StepDraft) -> RoutineDraft:
    return RoutineDraft(values={"name": "A"}, steps=list(steps))


def test_a_problem_goes_to_its_field_and_marks_its_step():
    draft = _draft(StepDraft(values={"exercise": "B", "hold": "x"}), StepDraft(True, {"rest": ""}))
    placed = place(
        [
            _problem("not-a-duration", "steps[0].hold"),
            _problem("no-instructions", "steps[0].instructions", error=False),
            _problem("step-without-kind", "steps[1]", error=False),
            _problem("out-of-range", "schedule.per_day"),
            _problem("empty-file", ""),
        ],
        draft,
    )
    assert [p.code for p in placed.at(("steps", 0, "hold"))] == ["not-a-duration"]
    assert [p.code for p in placed.at(("steps", 1, "rest"))] == ["step-without-kind"]
    assert [p.code for p in placed.at(("schedule", "per_day"))] == ["out-of-range"]
    assert [p.code for p in placed.at(())] == ["empty-file"]
    assert placed.marked == {0} and placed.noted == {1}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"exercise": "B", "duration": "1m", "rest": "5s"}, "steps[0].rest"),  # a hidden row
        ({"exercise": "B"}, "steps[0]"),
    ],
)
def test_dose_problems_and_hidden_dose_rows_go_to_the_dose_chooser(values, field):
    draft = _draft(StepDraft(values=values))
    for code in ("rest-without-hold", "not-a-duration"):
        placed = place([_problem(code, field)], draft)
        if code == "not-a-duration" and field == "steps[0]":
            assert placed.at(("steps", 0, "exercise"))  # the step as a whole: its name
        else:
            assert placed.at(("steps", 0, DOSE_ROW))


def test_a_step_past_the_end_keeps_its_path():
    placed = place([_problem("not-a-duration", "steps[7].hold")], _draft())
    assert placed.at(("steps", 7, "hold"))


def test_each_dose_form_makes_a_step_the_validator_accepts(tmp_path):
    for form in DOSE_FORMS:
        step = StepDraft(values={"exercise": "B", "instructions": "Go.", "hold": "9s"})
        step.values = with_dose(step, form.kind)
        assert dose_of(step) == form.kind
        checked = check_draft(_draft(step), tmp_path / "a.yaml", "a")
        assert checked.result.ok, [str(p) for p in checked.result.problems]
        for key in form.shows:
            assert key in by_key(EXERCISE_FIELDS)


def test_changing_the_dose_carries_what_fits_and_drops_the_rest():
    step = StepDraft(values={"exercise": "B", "hold": "20s", "reps": "4", "rest": "5s"})
    assert with_dose(step, "duration") == {"exercise": "B", "duration": "20s"}
    assert with_dose(step, "tempo") == {"exercise": "B", "reps": "4", "tempo": "3s"}
    assert with_dose(StepDraft(values={"exercise": "B"}), "hold") == {
        "exercise": "B",
        "hold": "10s",
        "reps": "3",
    }


def test_a_name_another_routine_has_is_noted_at_the_name():
    draft = _draft()
    assert name_clash(draft, {"B"}) is None
    clash = name_clash(draft, {"A"})
    assert clash is not None and (clash.code, clash.field, clash.is_error) == (
        "same-name",
        "name",
        False,
    )
    assert name_clash(RoutineDraft(values={"name": "  "}), {""}) is None
