"""Saving and copying routine files and their pictures when a path is a pipe, a device,
a folder, a link or far too large: refused at once, and nothing written through."""

from __future__ import annotations

import os

import pytest

from backroutine.core.files import ReadRefused
from backroutine.core.routine_files import (
    copy_picture_in,
    copy_pictures,
    pictures_named_in,
    place_picture,
    save_text,
)

from ..special import make_special

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 56
ROUTINE = "name: Neck\nsteps:\n  - exercise: Roll\n    hold: 5s\n    image: images/roll.png\n"


@pytest.fixture(params=["pipe", "zero", "urandom", "folder"])
def special(request):
    """A path that is not a file: special(path) puts one there."""
    return lambda path: make_special(path, request.param)


def test_save_never_copies_or_replaces_what_is_not_a_file(tmp_path, special):
    path = special(tmp_path / "neck.yaml")
    before = os.lstat(path)
    with pytest.raises(ReadRefused, match="not a file"):
        save_text(path, ROUTINE)
    after = os.lstat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["neck.yaml"]  # no .bak, no temp


def test_save_keeps_a_backup_and_writes_through_a_link(tmp_path):
    real = tmp_path / "real" / "neck.yaml"
    real.parent.mkdir()
    real.write_text("name: Old\n")
    link = tmp_path / "neck.yaml"
    link.symlink_to(real)
    save_text(link, ROUTINE)
    assert link.is_symlink() and real.read_text() == ROUTINE
    assert (tmp_path / "real" / "neck.yaml.bak").read_text() == "name: Old\n"


def test_the_pictures_of_a_folder_skip_a_routine_file_that_is_not_a_file(tmp_path, special):
    (tmp_path / "good.yaml").write_text(ROUTINE)
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "roll.png").write_bytes(PNG)
    special(tmp_path / "bad.yaml")
    assert pictures_named_in(tmp_path) == {(tmp_path / "images" / "roll.png").resolve()}


def test_a_picture_source_that_is_not_a_file_is_refused(tmp_path, special):
    source = special(tmp_path / "roll.png")
    with pytest.raises(ReadRefused):
        place_picture(source, tmp_path / "copy" / "roll.png", tmp_path / "copy")
    with pytest.raises(ReadRefused):
        copy_picture_in(source, tmp_path / "routines")
    assert not (tmp_path / "copy").exists()
    assert not (tmp_path / "routines").exists()  # nothing made for a picture not copied


def test_a_picture_is_never_written_through_a_link_at_its_place(tmp_path):
    source = tmp_path / "roll.png"
    source.write_bytes(PNG)
    target = tmp_path / "routines" / "images" / "roll.png"
    target.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.png"
    target.symlink_to(elsewhere)  # dangling: writing through it would make elsewhere.png
    placed = place_picture(source, target, tmp_path / "routines")
    assert placed.name == "roll-2.png" and placed.read_bytes() == PNG
    assert not elsewhere.exists() and target.is_symlink()
    assert copy_picture_in(source, tmp_path / "routines") == "images/roll-2.png"  # the same


def test_a_picture_over_5_mib_is_not_copied_and_said(tmp_path):
    folder = tmp_path / "from"
    (folder / "images").mkdir(parents=True)
    make_special(folder / "images" / "roll.png", "huge", head=PNG)
    text, notes = copy_pictures(ROUTINE, folder, tmp_path / "to")
    assert text == ROUTINE
    assert len(notes) == 1 and "images/roll.png" in notes[0] and "MiB" in notes[0]
    assert not (tmp_path / "to" / "images" / "roll.png").exists()


def test_a_bundled_routine_becomes_the_person_s_own_with_its_pictures(tmp_path):
    from backroutine.core.paths import bundled_routines_dir
    from backroutine.core.routine_files import own_version

    bundled = bundled_routines_dir()
    text = (bundled / "desk-break.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "routines"
    (mine / "images").mkdir(parents=True)
    theirs = mine / "images" / "unrelated.png"
    theirs.write_bytes(b"the person's own picture")

    own = own_version(text, bundled, mine)

    assert "$schema" in text and "$schema" not in own.text  # no schema beside their copy
    assert own.pictures and all(p.is_file() and p.parent == mine / "images" for p in own.pictures)
    assert theirs not in own.pictures and theirs.read_bytes() == b"the person's own picture"
    assert not own.problem and own.made == frozenset()  # the folder was theirs already
    for picture in own.pictures:  # the text names the copies it will use
        assert picture.name in own.text
    fresh = tmp_path / "fresh"
    assert own_version(text, bundled, fresh).made == {fresh / "images"}  # made for them


def test_pictures_that_cannot_be_copied_are_said_and_the_text_still_opens(tmp_path):
    from backroutine.core.paths import bundled_routines_dir
    from backroutine.core.routine_files import own_version

    bundled = bundled_routines_dir()
    text = (bundled / "desk-break.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "routines"
    mine.mkdir()
    (mine / "images").write_text("a file where the pictures' folder would go")

    own = own_version(text, bundled, mine)

    assert own.problem and "pictures" in own.problem
    assert own.pictures == frozenset() and "$schema" not in own.text
    assert (mine / "images").read_text() == "a file where the pictures' folder would go"
