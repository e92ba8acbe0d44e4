"""Routine file operations decided in core, without Qt: duplicating (a bundled routine
becomes the person's own), exporting with pictures, what moving to the trash means.
Each failure names the file and leaves everything the person had as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backroutine.core.routine_files import (
    CopyFailed,
    duplicate_routine,
    export_routine,
    export_target,
    trash_decision,
    without_schema_line,
)

from ..special import make_special

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 56
SCHEMA = "# yaml-language-server: $schema=routine.schema.json\n"
ROUTINE = (
    "# my neck\nname: Neck\nsteps:\n  - exercise: Roll\n    hold: 5s\n    image: images/roll.png\n"
)


def _bundled(tmp_path: Path) -> Path:
    folder = tmp_path / "bundled"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "roll.png").write_bytes(PNG)
    path = folder / "neck.yaml"
    path.write_text(SCHEMA + ROUTINE)
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_a_bundled_routine_duplicated_becomes_the_persons_own_under_its_id(tmp_path):
    source = _bundled(tmp_path)
    before = _tree(source.parent)
    mine = tmp_path / "mine"
    copied = duplicate_routine(source, "neck", "Neck", True, mine, {"neck"})
    assert (copied.routine_id, copied.path) == ("neck", mine / "neck.yaml")
    text = copied.path.read_text()
    assert "$schema" not in text and text.startswith("# my neck")  # comments kept
    assert (mine / "images" / "roll.png").read_bytes() == PNG  # it still shows its picture
    assert _tree(source.parent) == before  # the bundled one is untouched
    assert copied.said("Copied to") == f"Copied to {mine / 'neck.yaml'}"


def test_a_second_duplicate_gets_a_new_id_and_name_and_keeps_the_first(tmp_path):
    source = _bundled(tmp_path)
    mine = tmp_path / "mine"
    first = duplicate_routine(source, "neck", "Neck", True, mine, {"neck"})
    kept = first.path.read_bytes()
    again = duplicate_routine(source, "neck", "Neck", True, mine, {"neck"})
    assert again.path == mine / "neck-copy.yaml" and "Neck (copy)" in again.path.read_text()
    assert first.path.read_bytes() == kept


def test_a_link_where_the_own_copy_would_go_is_never_written_through(tmp_path):
    source = _bundled(tmp_path)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "neck.yaml").symlink_to(tmp_path / "elsewhere.yaml")  # points nowhere
    copied = duplicate_routine(source, "neck", "Neck", True, mine, {"neck"})
    assert copied.path == mine / "neck-copy.yaml"
    assert not (tmp_path / "elsewhere.yaml").exists() and (mine / "neck.yaml").is_symlink()


@pytest.mark.parametrize("kind", ["pipe", "zero", "folder"])
def test_duplicating_what_is_not_a_routine_file_says_so_at_once_and_writes_nothing(tmp_path, kind):
    source = make_special(tmp_path / "odd\u202e.yaml", kind)
    mine = tmp_path / "mine"
    with pytest.raises(CopyFailed, match="cannot be read") as failed:
        duplicate_routine(source, "odd", "Odd", False, mine, set())
    assert "odd" in str(failed.value)
    assert not mine.exists()


def test_duplicating_into_a_folder_that_is_a_file_names_where_and_loses_nothing(tmp_path):
    source = _bundled(tmp_path)
    mine = tmp_path / "mine"
    mine.write_text("not a folder")
    with pytest.raises(CopyFailed, match="Cannot write") as failed:
        duplicate_routine(source, "neck", "Neck", True, mine, set())
    assert "neck.yaml" in str(failed.value)
    assert mine.read_text() == "not a folder"


def test_an_export_name_without_a_suffix_gets_one_and_asks_before_replacing(tmp_path):
    assert export_target(tmp_path / "neck.YML") == (tmp_path / "neck.YML", False)
    assert export_target(tmp_path / "neck") == (tmp_path / "neck.yaml", False)
    (tmp_path / "neck.yaml").write_text("theirs")
    assert export_target(tmp_path / "neck") == (tmp_path / "neck.yaml", True)
    (tmp_path / "link.yaml").symlink_to(tmp_path / "nowhere")
    assert export_target(tmp_path / "link")[1]  # a link, even a broken one, is asked about


def test_an_export_brings_its_pictures_and_says_what_it_could_not(tmp_path):
    source = _bundled(tmp_path)
    (source.parent / "images" / "roll.png").unlink()
    share = tmp_path / "share"
    share.mkdir()
    copied = export_routine(source, share / "neck.yaml")
    assert "pictures not found" in copied.said("Exported to")
    assert "images/roll.png" in copied.said("Exported to")


def test_an_export_that_cannot_be_written_names_the_target_and_keeps_the_source(tmp_path):
    source = _bundled(tmp_path)
    before = source.read_bytes()
    (tmp_path / "a file").write_text("theirs")
    target = tmp_path / "a file" / "neck.yaml"
    with pytest.raises(CopyFailed, match="Cannot export") as failed:
        export_routine(source, target)
    assert str(target) in str(failed.value)
    assert source.read_bytes() == before and (tmp_path / "a file").read_text() == "theirs"


def test_a_bundled_routine_is_never_trashed_and_the_person_is_told_what_to_do(tmp_path):
    decided = trash_decision("Neck", tmp_path / "neck.yaml", True, False)
    assert "Neck" in decided.refused and "Duplicate" in decided.refused
    assert decided.paths == ()


def test_trashing_a_customised_routine_says_the_original_comes_back(tmp_path):
    path = tmp_path / "neck.yaml"
    mine = trash_decision("Neck\u202e", path, False, True)
    assert not mine.refused and mine.paths == (path,)
    assert "neck.yaml" in mine.question and "takes its place again" in mine.question
    assert "takes its place" not in trash_decision("Neck", path, False, False).question


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (SCHEMA + ROUTINE, ROUTINE),
        (ROUTINE, ROUTINE),
        ("name: x\n" + SCHEMA, "name: x\n" + SCHEMA),  # only a first line is the pointer
        (SCHEMA.rstrip("\n"), ""),
        ("\x00" + SCHEMA, "\x00" + SCHEMA),
    ],
)
def test_only_a_first_line_schema_pointer_is_left_out_of_copies(text, kept):
    assert without_schema_line(text) == kept


def test_nothing_is_left_behind_in_the_folder_after_a_copy(tmp_path):
    source = _bundled(tmp_path)
    mine = tmp_path / "mine"
    duplicate_routine(source, "neck", "Neck", True, mine, set())
    leftovers = [p for p in os.listdir(mine) if p.startswith(".")]
    assert leftovers == []
