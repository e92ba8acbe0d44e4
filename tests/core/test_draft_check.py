"""The editor's quick check reuses what did not change, and must still say exactly
what a whole check says: the same text, problems at the same lines, the same routine."""

from __future__ import annotations

import random

from backroutine.core.draft import RoutineDraft, StepDraft, check_draft, new_exercise
from backroutine.core.draft_check import DraftChecker

VALUES = {
    "exercise": ["Bridge", "", "Bird dog", "ب\u202eridge", "a\x00b", "Lift: high", "- x", "#no"],
    "instructions": ["", "Lift.", "Line one\nline two", "  indented\n\ttab", "x" * 300],
    "hold": ["", "10s", "ten", "90m", "1m30s", "0"],
    "duration": ["", "1m", "1h"],
    "reps": ["", "3", "999", "3.0", "'3'"],
    "tempo": ["", "3s", "x"],
    "rest": ["", "5s", "soon"],
    "sides": ["", "both", "up"],
    "sets": ["", "2", "0"],
    "image": ["", "gone.png", "/etc/passwd", "../x.png"],
    "note": ["", "Breathe", "two\nlines"],
}


def _random_step(rng: random.Random) -> StepDraft:
    rest = rng.random() < 0.3
    keys = ("rest", "note") if rest else tuple(k for k in VALUES if k != "note")
    values = {}
    for key in keys:
        value = rng.choice(VALUES[key] if key != "rest" or not rest else ["30s", "", "x"])
        if value:
            values[key] = value
    return StepDraft(rest, values)


def _same(checker: DraftChecker, draft: RoutineDraft, path) -> None:
    quick = checker.check(draft)
    whole = check_draft(draft, path, "mine")
    assert quick.written == whole.written
    assert quick.result.problems == whole.result.problems
    assert quick.result.routine == whole.result.routine
    assert quick.result.name == whole.result.name


def test_edit_after_edit_the_quick_check_says_what_a_whole_check_says(tmp_path):
    rng = random.Random(12)
    path = tmp_path / "mine.yaml"
    (tmp_path / "here.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    VALUES["image"].append("here.png")
    draft = RoutineDraft(values={"name": "Mine"}, steps=[new_exercise() for _ in range(6)])
    checker = DraftChecker(path, "mine")
    for _ in range(120):
        draft = draft.copy()
        what = rng.random()
        if what < 0.5 and draft.steps:
            step = rng.choice(draft.steps)
            key = rng.choice(step.allowed())
            if key in VALUES:
                step.values[key] = rng.choice(VALUES[key])
        elif what < 0.65:
            draft.steps.insert(rng.randrange(len(draft.steps) + 1), _random_step(rng))
        elif what < 0.75 and draft.steps:
            draft.steps.pop(rng.randrange(len(draft.steps)))
        elif what < 0.85 and len(draft.steps) > 1:
            step = draft.steps.pop(rng.randrange(len(draft.steps)))
            draft.steps.insert(rng.randrange(len(draft.steps) + 1), step)
        elif what < 0.92:
            draft.values[rng.choice(["name", "summary", "prepare", "description"])] = rng.choice(
                ["", "Mine", "5s", "x\ny", "soon"]
            )
        else:
            draft.schedule = rng.choice([None, {"per_day": "2"}, {"per_day": "40", "days": "mon"}])
        _same(checker, draft, path)


def test_a_picture_that_appears_is_seen_at_the_next_check(tmp_path):
    path = tmp_path / "mine.yaml"
    draft = RoutineDraft(values={"name": "Mine"}, steps=[new_exercise()])
    draft.steps[0].values.update(instructions="Lift.", image="bridge.png")
    checker = DraftChecker(path, "mine")
    assert [p.code for p in checker.check(draft).result.problems] == ["image-not-found"]
    (tmp_path / "bridge.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    assert checker.check(draft).result.problems == ()


def test_no_steps_and_too_many_steps_are_checked_as_a_whole(tmp_path):
    path = tmp_path / "mine.yaml"
    checker = DraftChecker(path, "mine")
    for count in (0, 501):
        draft = RoutineDraft(values={"name": "Mine"}, steps=[new_exercise()] * count)
        codes = [p.code for p in checker.check(draft).result.problems]
        assert ("no-steps" if count == 0 else "too-many-steps") in codes


def test_a_value_written_over_several_lines_moves_the_steps_below_it(tmp_path):
    path = tmp_path / "mine.yaml"
    checker = DraftChecker(path, "mine")
    draft = RoutineDraft(values={"name": "Mine"}, steps=[StepDraft(True, {"rest": "x"})])
    _same(checker, draft, path)
    for summary in ("one\ntwo", "a\nb\nc\nd", "flat"):  # a quoted line break spans lines
        draft = draft.copy()
        draft.values["summary"] = summary
        _same(checker, draft, path)
        checked = checker.check(draft)
        (problem,) = [p for p in checked.result.problems if p.code == "not-a-duration"]
        text = checked.written.text
        assert text.split("\n")[problem.line - 1] == "  - rest: x"
