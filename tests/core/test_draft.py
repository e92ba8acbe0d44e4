"""The editor's draft: read from a file with every value as written, written back as a
person would write it, checked by the same validator, problems placed by field; and a
hand-written file's comments kept through an edit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backroutine.core.draft import (
    DraftError,
    RoutineDraft,
    StepDraft,
    check_draft,
    draft_from_text,
    new_draft,
    write_yaml,
)
from backroutine.core.keeping import has_comments, keep_comments
from backroutine.core.routine_files import routine_text
from backroutine.core.validation import check_routine_bytes, load_routine

BUNDLED = Path(__file__).parents[2] / "routines"


def _load(text: str, tmp_path: Path):
    result = check_routine_bytes(text.encode(), tmp_path / "r.yaml", "r", "r.yaml")
    assert result.ok, [str(p) for p in result.problems]
    return result.routine


def _same(a, b) -> bool:
    fields = ("name", "summary", "description", "tags", "prepare", "schedule", "caution")
    return all(getattr(a, f) == getattr(b, f) for f in fields) and [
        replace(s, line=0) for s in a.steps
    ] == [replace(s, line=0) for s in b.steps]


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_routine_reads_and_writes_back_the_same(path):
    draft = draft_from_text(path.read_text())
    checked = check_draft(draft, path, path.stem)
    assert checked.result.ok, [str(p) for p in checked.result.problems]
    assert _same(load_routine(path).routine, checked.result.routine)


def test_written_as_a_person_would_write_it():
    draft = RoutineDraft(
        values={
            "name": "Evening",
            "tags": "physio, evening",
            "prepare": "0",
            "caution": "Go easy.",
        },
        schedule={"per_day": "2", "days": "mon, wed"},
        steps=[
            StepDraft(values={"exercise": "Bridge", "hold": "90", "reps": "3", "rest": "1:30"}),
            StepDraft(rest_step=True, values={"rest": "30 s", "note": "Walk about.\nBreathe."}),
        ],
    )
    assert write_yaml(draft).text == (
        "name: Evening\n"
        "tags: [physio, evening]\n"
        "prepare: 0s\n"
        "schedule:\n"
        "  per_day: 2\n"
        "  days: [mon, wed]\n"
        "caution: Go easy.\n"
        "steps:\n"
        "  - exercise: Bridge\n"
        "    hold: 1m30s\n"
        "    reps: 3\n"
        "    rest: 1m30s\n"
        "  - rest: 30s\n"
        "    note: >\n"
        "      Walk about.\n"
        "\n"
        "      Breathe.\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "yes",
        "1:30",
        "Keep: your back flat",
        "# not a comment",
        "  starts with spaces",
        "ends with a space ",
        "- first\n- second",
        "one\n\ntwo, after a blank line",
        "quotes \" and ' inside",
        "tab\there",
        "Knie über Zehen, langsam ✓",
        "a very long line " * 10,
    ],
)
def test_any_text_reads_back_exactly_as_typed(text, tmp_path):
    draft = new_draft()
    draft.steps[0].values["instructions"] = text
    draft.values["summary"] = text.replace("\n", " ")
    routine = _load(write_yaml(draft).text, tmp_path)
    assert routine.steps[0].instructions.strip() == text.strip()
    assert routine.summary == text.replace("\n", " ").strip()


def test_a_wrong_value_is_kept_and_its_problem_placed_beside_its_field():
    draft = new_draft()
    draft.steps[0].values["hold"] = "ten seconds"
    draft.steps.append(StepDraft(values={"exercise": "Plank", "hold": "20s", "reps": "0"}))
    checked = check_draft(draft, Path("/tmp/mine.yaml"), "mine")
    assert not checked.result.ok
    assert "hold: ten seconds" in checked.written.text  # not dropped, not "fixed"
    (hold,) = [p for p in checked.result.problems if p.field == "steps[0].hold"]
    assert "duration" in hold.message
    (reps,) = [p for p in checked.result.problems if p.field == "steps[1].reps"]
    assert "1" in reps.message and "200" in reps.message
    assert [p for p in checked.result.problems if p.field == "name"] == []


def test_a_missing_name_is_placed_on_the_routine():
    draft = new_draft()
    draft.values["name"] = ""
    checked = check_draft(draft, Path("/tmp/mine.yaml"), "mine")
    assert any("name" in p.message for p in checked.errors)


def test_a_file_the_form_cannot_show_says_where(tmp_path):
    with pytest.raises(DraftError) as failed:
        draft_from_text("name: X\nsteps:\n  - exercise: A\n    hld: 10s\n")
    assert failed.value.line == 4
    with pytest.raises(DraftError):
        # (a text per language is shown, but not one nested another level down)
        draft_from_text("name: X\nsteps:\n  - exercise: A\n    instructions: {en: {a: 1}}\n")
    with pytest.raises(DraftError):
        draft_from_text("- just\n- a list\n")


COMMENTED = """\
# From my physio, May 2026. Ask her before changing the holds.
name: My back program   # her name for it
prepare: 5s
steps:
  - exercise: Bridge
    instructions: Lie on your back, knees bent.
    hold: 10s   # ten, not more
    reps: 3
  - rest: 30s
    note: Walk around.
  - exercise: Cat-cow
    reps: 10     # slowly
"""


def test_comments_are_kept_through_an_edit(tmp_path):
    assert has_comments(COMMENTED)
    draft = draft_from_text(COMMENTED)
    draft.steps[0].values["reps"] = "5"
    draft.values["summary"] = "Twice a day"
    draft.schedule = {"per_day": "2"}
    draft.steps.reverse()  # Cat-cow first, Bridge last
    draft.steps.append(StepDraft(values={"exercise": "Plank", "hold": "20"}))
    text = keep_comments(COMMENTED, draft)
    for comment in (
        "# From my physio, May 2026. Ask her before changing the holds.",
        "# her name for it",
        "hold: 10s   # ten, not more",
        "reps: 10     # slowly",
    ):
        assert comment in text
    routine = _load(text, tmp_path)
    assert [getattr(s, "name", "rest") for s in routine.steps] == [
        "Cat-cow",
        "rest",
        "Bridge",
        "Plank",
    ]
    assert routine.steps[2].dose.reps == 5 and routine.steps[3].dose.seconds == 20.0
    assert routine.summary == "Twice a day" and routine.schedule.per_day == 2
    # What was not touched is written as it was: "10s" stays "10s", "5s" stays "5s".
    assert "prepare: 5s\n" in text and text.index("summary:") < text.index("prepare:")


def test_a_file_without_comments_needs_no_keeping():
    assert not has_comments("name: A\nsteps:\n  - rest: 10s\n")


def test_numbers_are_written_without_losing_digits():
    draft = new_draft()
    draft.steps[0].values.update({"hold": "1234.5678", "reps": "5.0"})
    text = write_yaml(draft).text
    assert "hold: 20m34.5678s" in text or "hold: 1234.5678s" in text
    assert "reps: 5\n" in text


def test_a_line_starting_with_a_space_reads_back_as_typed(tmp_path):
    draft = new_draft()
    draft.values["description"] = "Lie down.\n Keep knees bent."
    routine = _load(write_yaml(draft).text, tmp_path)
    assert routine.description == "Lie down.\n Keep knees bent."


def test_a_save_keeps_a_backup_the_file_mode_and_follows_a_link(tmp_path):
    from backroutine.core.routine_files import save_text

    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save_text(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert real.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "real.yaml.bak").read_text() == "old\n"


@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_save_that_changes_nothing_writes_the_file_back_byte_for_byte(path):
    text = path.read_text()
    assert keep_comments(text, draft_from_text(text)) == text


def test_a_file_indented_its_own_way_keeps_its_indentation():
    text = (
        "# four spaces\nname: Four\nsteps:\n    -   exercise: A   # first\n"
        "        instructions: Do it.\n        hold: 10s\n    -   rest: 5s\n"
    )
    draft = draft_from_text(text)
    draft.steps[0].values["hold"] = "12s"
    assert keep_comments(text, draft) == text.replace("hold: 10s", "hold: 12s")


LEADS = """\
name: X
steps:
  # warm up first
  - exercise: Bridge
    hold: 10s   # ten
  # the stretch last
  - exercise: Cat
    reps: 10
  # a rest to finish
  - rest: 5s
    note: x
# end
"""


def _comments(text: str) -> list[str]:
    return sorted(line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line)


def test_comment_lines_above_a_step_move_with_it_and_none_is_lost(tmp_path):
    draft = draft_from_text(LEADS)
    draft.steps.reverse()  # rest, Cat, Bridge
    text = keep_comments(LEADS, draft)
    assert _comments(text) == _comments(LEADS)
    lines = text.splitlines()
    assert lines.index("  # the stretch last") + 1 == lines.index("  - exercise: Cat")
    assert lines.index("  # a rest to finish") < lines.index("  - rest: 5s")
    assert lines[-1] == "# end"
    draft = draft_from_text(LEADS)
    draft.steps[0].values["reps"] = "3"  # a key after the last: the lines stay above Cat
    text = keep_comments(LEADS, draft)
    assert "    reps: 3\n  # the stretch last\n  - exercise: Cat\n" in text
    assert [s.name if hasattr(s, "name") else "rest" for s in _load(text, tmp_path).steps] == [
        "Bridge",
        "Cat",
        "rest",
    ]


COMMENTED_PLACES = """\
name: Back plan
summary: Twice a day
# Dr Lee: stop at once if a leg goes numb
caution: Stop if the pain spreads.
tags:
  - physio    # Dr Lee's clinic
  - low-back
steps:
  - # Bridge: the clinic's version
    exercise: Bridge
    hold: 10s
    instructions: |
      Lie on your back.
  # Cat-cow: slowly
  - exercise: Cat-cow
    reps: 10
  - {rest: 30s}   # walk about
# end of the program
"""


@pytest.mark.parametrize(
    "change",
    [
        lambda d: None,
        lambda d: d.values.update(summary=""),  # emptied: the lines below it stay
        lambda d: d.values.update(tags="physio, low-back, core"),
        lambda d: d.steps.reverse(),
        lambda d: d.steps.pop(),
        lambda d: d.steps[1].values.update(reps="", hold="5s"),
    ],
    ids=["nothing", "empty-summary", "tags", "reverse", "drop-last", "dose"],
)
def test_no_comment_is_lost_wherever_it_was_written(change, tmp_path):
    draft = draft_from_text(COMMENTED_PLACES)
    change(draft)
    text, kept = routine_text(draft, COMMENTED_PLACES)
    assert kept
    gone = ["walk about"] if len(draft.steps) == 2 else []  # the removed step's own
    assert _comments(text) == [c for c in _comments(COMMENTED_PLACES) if c not in gone]
    assert _same(_load(text, tmp_path), _load(write_yaml(draft).text, tmp_path))


def test_odd_input_is_a_form_problem_not_a_crash():
    with pytest.raises(DraftError):
        draft_from_text("base: &n text\nname: A\nsteps:\n  - <<: *n\n    exercise: B\n")
    draft = new_draft()
    draft.steps[0].values["reps"] = "9" * 400  # reported by the validator, not a crash
    assert "reps: 999" in write_yaml(draft).text
    draft.steps[0].values["reps"] = "3.0"
    assert "reps: 3\n" in write_yaml(draft).text


def test_a_new_key_goes_above_the_comment_lines_of_the_key_after_it():
    text = (
        "name: Plan\n# Dr Lee's caution:\ncaution: Stop if a leg goes numb.\nsteps:\n"
        "  - exercise: Bridge\n    instructions: Lie down.\n    # ten, Dr Lee\n    reps: 10\n"
    )
    draft = draft_from_text(text)
    draft.schedule = {"per_day": "2"}
    draft.steps[0].values["hold"] = "5s"  # goes between instructions and reps
    kept = keep_comments(text, draft)
    assert "  per_day: 2\n# Dr Lee's caution:\ncaution:" in kept
    assert "    hold: 5s\n    # ten, Dr Lee\n    reps: 10\n" in kept
