"""The editor places each problem by its code and field path, never by its wording:
with every message rewritten to its code, each problem still lands under the field
that can fix it, and the step list marks the step that has it."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from backroutine.core.draft import Checked, RoutineDraft, StepDraft
from backroutine.core.draft_check import DraftChecker
from backroutine.core.problems import Problem
from backroutine.ui import editor as editor_module
from backroutine.ui.editor import EditorWindow


def _coded(problem: Problem) -> Problem:
    return dataclasses.replace(problem, message=problem.code)


@pytest.fixture(autouse=True)
def messages_are_codes(monkeypatch):
    """Every message the editor gets says only its code: a rewording or a translation."""
    check = DraftChecker.check
    name_clash = editor_module.name_clash

    def coded_check(*args, **kwargs) -> Checked:
        checked = check(*args, **kwargs)
        result = dataclasses.replace(
            checked.result, problems=tuple(_coded(p) for p in checked.result.problems)
        )
        return dataclasses.replace(checked, result=result)

    def coded_clash(*args, **kwargs) -> Problem | None:
        found = name_clash(*args, **kwargs)
        return None if found is None else _coded(found)

    monkeypatch.setattr(DraftChecker, "check", coded_check)
    monkeypatch.setattr(editor_module, "name_clash", coded_clash)
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )


def _exercise(**values: str) -> StepDraft:
    return StepDraft(values={"exercise": "Bridge", "instructions": "Lift.", **values})


def _editor(qtbot, tmp_path, draft: RoutineDraft, current: int = 0) -> EditorWindow:
    e = EditorWindow(draft, None, "mine", tmp_path)
    qtbot.addWidget(e)
    e.other_names = lambda: {"Taken"}
    e.show_draft(draft, current)
    e.check_timer.stop()
    e.check()
    return e


def _where(e: EditorWindow, code: str) -> list[str]:
    """The labels, visible in the window, that show code."""
    labels = {str(path): label for path, label in e.problem_labels.items()}
    labels |= {key: label for key, label in e.step_labels.items()}
    labels["elsewhere"] = e.problems
    return sorted(
        name
        for name, label in labels.items()
        if label.isVisibleTo(e)
        # "Missing-key", "Note: Dose-unusually-long", "Error: Step 2: Not-a-duration"
        and any(line.split(": ")[-1].lower() == code for line in label.text().split("\n"))
    )


CASES = [
    # (routine values, steps, the code, the label that must show it)
    ({"name": ""}, [_exercise(hold="10s")], "missing-key", "('name',)"),
    ({"name": "Taken"}, [_exercise(hold="10s")], "same-name", "('name',)"),
    ({"name": "A", "prepare": "soon"}, [_exercise(hold="10s")], "not-a-duration", "('prepare',)"),
    ({"name": "A", "summary": "x" * 300}, [_exercise(hold="10s")], "too-long", "('summary',)"),
    ({"name": "A"}, [_exercise(hold="ten")], "not-a-duration", "hold"),
    ({"name": "A"}, [_exercise(hold="90m")], "dose-unusually-long", "hold"),
    ({"name": "A"}, [_exercise(hold="10s", reps="999")], "out-of-range", "reps"),
    ({"name": "A"}, [_exercise(hold="10s", sets="0")], "out-of-range", "sets"),
    ({"name": "A"}, [_exercise(hold="10s", sides="up")], "not-a-choice", "sides"),
    ({"name": "A"}, [_exercise(reps="5", tempo="x")], "not-a-duration", "tempo"),
    ({"name": "A"}, [_exercise(duration="1h")], "dose-unusually-long", "duration"),
    ({"name": "A"}, [_exercise(hold="10s", rest="x")], "not-a-duration", "rest"),
    ({"name": "A"}, [_exercise(hold="10s", prepare="x")], "not-a-duration", "prepare"),
    (
        {"name": "A"},
        [_exercise(hold="10s", rest_between_sets="x")],
        "not-a-duration",
        "rest_between_sets",
    ),
    ({"name": "A"}, [_exercise(hold="10s", image="gone.png")], "image-not-found", "image"),
    ({"name": "A"}, [_exercise(hold="10s", image="/etc/a.png")], "image-not-relative", "image"),
    ({"name": "A"}, [_exercise()], "no-dose", "dose"),
    ({"name": "A"}, [_exercise(hold="10s", duration="1m")], "two-doses", "dose"),
    ({"name": "A"}, [_exercise(duration="1m", rest="5s")], "rest-without-hold", "dose"),
    (
        {"name": "A"},
        [StepDraft(values={"exercise": "Bridge", "hold": "5s"})],
        "no-instructions",
        "instructions",
    ),
    (
        {"name": "A"},
        [StepDraft(values={"instructions": "Go.", "hold": "5s"})],
        "missing-key",
        "exercise",
    ),
    ({"name": "A"}, [StepDraft(True, {"rest": "soon"})], "not-a-duration", "rest_step"),
    ({"name": "A"}, [StepDraft(True, {"rest": ""})], "step-without-kind", "rest_step"),
    ({"name": "A"}, [_exercise(hold="10s"), _exercise(hold="ten")], "not-a-duration", "elsewhere"),
]


@pytest.mark.parametrize(
    ("values", "steps", "code", "label"), CASES, ids=[f"{c[2]}-{c[3]}" for c in CASES]
)
def test_each_problem_lands_under_its_field_whatever_its_message(
    qtbot, tmp_path, values, steps, code, label
):
    draft = RoutineDraft(values=dict(values), steps=list(steps))
    e = _editor(qtbot, tmp_path, draft)
    assert any(p.code == code for p in e.checked.result.problems) or code == "same-name"
    assert _where(e, code) == [label]
    e.close()


def _blank(icon) -> bool:
    """Nothing to see: no mark (a clear icon keeps the step names lined up)."""
    image = icon.pixmap(16, 16).toImage()
    return all(
        image.pixelColor(x, y).alpha() == 0
        for x in range(image.width())
        for y in range(image.height())
    )


def test_the_step_list_marks_the_step_with_a_problem_for_eyes_and_screen_readers(qtbot, tmp_path):
    draft = RoutineDraft(
        values={"name": "A"},
        steps=[_exercise(hold="10s"), _exercise(hold="ten"), _exercise(hold="90m")],
    )
    e = _editor(qtbot, tmp_path, draft)
    fine, broken, noted = (e.step_list.item(row) for row in range(3))
    assert _blank(fine.icon())
    assert not _blank(broken.icon()) and not _blank(noted.icon())
    spoken = broken.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "2. Bridge" in spoken and "problem" in spoken
    assert "note" in noted.data(Qt.ItemDataRole.AccessibleTextRole)
    assert fine.data(Qt.ItemDataRole.AccessibleTextRole) == "1. Bridge"
    assert broken.foreground().color() != fine.foreground().color()
    # Fixed, the mark goes.
    e.step_list.setCurrentRow(1)
    e.edit_step("hold", "10s")
    e.check()
    assert _blank(e.step_list.item(1).icon())
    e.close()


def test_the_each_rep_field_is_named_as_its_messages_name_it(qtbot, tmp_path, monkeypatch):
    monkeypatch.undo()  # the real wording this time
    draft = RoutineDraft(values={"name": "A"}, steps=[_exercise(reps="5", tempo="x")])
    e = _editor(qtbot, tmp_path, draft)
    shown = e.step_labels["tempo"].text()
    assert shown.lower().startswith("tempo")
    assert "tempo" in e.step_fields["tempo"].accessibleName().lower()
    assert "each rep" in e.step_fields["tempo"].accessibleName().lower()
    e.close()


def test_the_dose_rows_and_ranges_come_from_the_field_table(qtbot, tmp_path):
    from backroutine.core.fields import DOSE_FORMS, EXERCISE_FIELDS, SCHEDULE_FIELDS, by_key

    e = _editor(qtbot, tmp_path, RoutineDraft(values={"name": "A"}, steps=[_exercise()]))
    exercise = by_key(EXERCISE_FIELDS)
    for key in ("reps", "sets"):
        spin = e.step_fields[key]
        assert (spin.minimum(), spin.maximum()) == (exercise[key].low, exercise[key].high)
    per_day = by_key(SCHEDULE_FIELDS)["per_day"]
    assert (e.per_day.minimum(), e.per_day.maximum()) == (per_day.low, per_day.high)
    assert [e.dose.itemData(i) for i in range(e.dose.count())] == [f.kind for f in DOSE_FORMS]
    sides = [e.sides.itemData(i) for i in range(e.sides.count())]
    assert sides == ["", *exercise["sides"].choices]
    e.close()
