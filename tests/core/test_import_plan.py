"""Importing a routine that is there already, decided in core: a new one, one with the
same name as a routine in the library (the same file imported twice), or an id in use.
The person's routine is only ever replaced by their answer, and then goes to the trash."""

from __future__ import annotations

from pathlib import Path

import pytest

from backroutine.core.discovery import discover
from backroutine.core.import_plan import CANCEL, KEEP_BOTH, REPLACE, Fit, plan_import

NECK = "name: Neck rolls\nsteps:\n  - exercise: Roll\n    instructions: Slowly.\n    hold: 5s\n"


@pytest.fixture
def folders(tmp_path):
    bundled, mine = tmp_path / "bundled", tmp_path / "routines"
    bundled.mkdir()
    mine.mkdir()
    (bundled / "desk-break.yaml").write_text(NECK.replace("Neck rolls", "Desk break"))
    return bundled, mine


def _plan(folders, routine_id: str, name: str, planned=None):
    bundled, mine = folders
    library = discover(bundled_dir=bundled, user_dir=mine).entries
    return plan_import(routine_id, name, Path("/elsewhere/x.yaml"), mine, library, planned)


def test_a_new_routine_is_written_as_it_is_and_asks_nothing(folders):
    plan = _plan(folders, "neck-rolls", "Neck rolls")
    assert plan.fit is Fit.NEW and plan.question == "" and plan.alike == ""
    assert plan.decide().routine_id == "neck-rolls" and plan.decide().trash == ()


def test_the_same_routine_under_another_file_name_is_said_and_may_replace_it(folders):
    _, mine = folders
    (mine / "neck-rolls.yaml").write_text(NECK)
    plan = _plan(folders, "neck-rolls-from-physio", "  neck ROLLS ")  # alike in the list
    assert plan.fit is Fit.SAME_NAME
    assert "neck ROLLS" in plan.question and "neck-rolls" in plan.question
    assert plan.choices == (KEEP_BOTH, REPLACE, CANCEL)
    replaced = plan.decide(REPLACE)
    assert replaced.routine_id == "neck-rolls"  # it takes the old one's place
    assert replaced.trash == (mine / "neck-rolls.yaml",)
    assert plan.decide(KEEP_BOTH).routine_id == "neck-rolls-from-physio"
    assert plan.decide(CANCEL) is None
    assert (mine / "neck-rolls.yaml").read_text() == NECK  # deciding touches nothing


def test_the_same_app_file_imported_twice_is_an_id_clash(folders):
    _, mine = folders
    (mine / "workrave-exercises.yaml").write_text(NECK)
    plan = _plan(folders, "workrave-exercises", "Workrave exercises")
    assert plan.fit is Fit.ID_CLASH and "trash" in plan.question
    assert plan.decide(REPLACE).trash == (mine / "workrave-exercises.yaml",)
    assert plan.decide(KEEP_BOTH).routine_id == "workrave-exercises-2"
    assert plan.alike == ""  # the routine there is called "Neck rolls"
    assert _plan(folders, "workrave-exercises", "Neck Rolls").alike == "workrave-exercises"


def test_a_bundled_routine_of_that_id_is_replaced_by_a_version_of_your_own(folders):
    plan = _plan(folders, "desk-break", "Something else")
    assert plan.fit is Fit.ID_CLASH and "comes with BackRoutine" in plan.question
    assert plan.decide(REPLACE).routine_id == "desk-break"
    assert plan.decide(REPLACE).trash == ()  # nothing of the person's goes


def test_a_bundled_routine_of_that_name_cannot_be_replaced_only_kept_beside(folders):
    plan = _plan(folders, "my-desk", "Desk break")
    assert plan.fit is Fit.SAME_NAME and "comes with BackRoutine" in plan.question
    assert REPLACE not in plan.choices and plan.decide(REPLACE) is None
    assert plan.decide(KEEP_BOTH).routine_id == "my-desk"


def test_two_of_one_name_in_one_import_ask_too(folders):
    plan = _plan(folders, "neck-b", "Neck rolls", planned={"neck-a": "Neck rolls"})
    assert plan.fit is Fit.SAME_NAME
    plan = _plan(folders, "neck-a", "Other", planned={"neck-a": "Neck rolls"})
    assert plan.fit is Fit.ID_CLASH and plan.decide(KEEP_BOTH).routine_id == "neck-a-2"


def test_a_link_that_points_nowhere_counts_as_a_file_and_is_never_written_through(folders):
    _, mine = folders
    (mine / "neck-rolls.yaml").symlink_to(mine / "gone.yaml")
    plan = _plan(folders, "neck-rolls", "Neck rolls")
    assert plan.fit is Fit.ID_CLASH
    assert plan.decide(KEEP_BOTH).routine_id == "neck-rolls-2"


@pytest.mark.parametrize("name", ["Neck\0rolls", "\u202eNeck rolls", "Neck rolls\x1b[2J"])
def test_any_character_in_a_name_is_shown_readable_in_the_question(folders, name):
    _, mine = folders
    (mine / "odd.yaml").write_text(f"name: {name!r}\nsteps:\n  - rest: 5s\n".replace("'", '"'))
    plan = _plan(folders, "odd-2", name)
    assert plan.fit is Fit.SAME_NAME
    assert not any(c in plan.question for c in "\0\u202e\x1b\n")


def test_kept_beside_one_of_the_same_name_it_is_numbered_so_the_list_tells_them_apart(folders):
    _, mine = folders
    (mine / "stretchly-mini-breaks.yaml").write_text(NECK.replace("Neck rolls", "Mini breaks"))
    (mine / "other.yaml").write_text(NECK.replace("Neck rolls", "MINI breaks (2)"))
    plan = _plan(folders, "stretchly-mini-breaks", "Mini breaks")  # the same file again
    kept = plan.decide(KEEP_BOTH)
    assert kept.routine_id == "stretchly-mini-breaks-2" and kept.name == "Mini breaks (3)"
    assert plan.decide(REPLACE).name == ""  # it takes the old one's place, name and all
    assert _plan(folders, "desk", "Desk break").decide(KEEP_BOTH).name == "Desk break (2)"
    assert _plan(folders, "neck", "Neck rolls").decide().name == ""  # a new name: as it is
    long = "L" * 80  # the name stays within what a routine's name may be
    planned = {"long-a": long}
    assert len(_plan(folders, "long-b", long, planned).decide(KEEP_BOTH).name) == 80
    assert (mine / "stretchly-mini-breaks.yaml").read_text().startswith("name: Mini breaks\n")
