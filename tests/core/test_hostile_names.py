"""Text that becomes a file name, attacked: every string a routine, a setting or a
person hands the app may hold NUL, control and direction characters, bytes that are
not UTF-8, names too long for any disk, '..' or a path from the root. Each is refused
with a located reason, and one bad file never hides the others."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backroutine.core.discovery import discover, known_routines
from backroutine.core.names import name_problem, readable, usable_path
from backroutine.core.routine_files import copy_pictures, pictures_named_in
from backroutine.core.settings import Settings, load_settings
from backroutine.core.validation import load_routine, routine_id_for

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def routine_with_image(image_yaml: str) -> str:
    return (
        "name: Hostile\n"
        "steps:\n"
        "  - exercise: A\n"
        "    instructions: Go.\n"
        f"    image: {image_yaml}\n"
        "    hold: 5s\n"
    )


# (the image value as written in YAML, a word the problem must say)
HOSTILE_IMAGES = {
    "nul": ('"a\\0b.png"', "NUL"),
    "escape": ('"a\\e[31mred.png"', "control character (\\x1b)"),
    "carriage-return": ('"a\\rb.png"', "control character (\\x0d)"),
    "right-to-left": ('"evil\\u202egnp.svg"', "direction character (\\u202e)"),
    "zero-width": ('"a\\u200bb.png"', "\\u200b"),
    "line-separator": ('"a\\u2028b.png"', "line break"),
    "too-long": ("x" * 300 + ".png", "255"),
    "path-too-long": ("/".join(["d" * 200] * 25) + "/a.png", "4096"),
    "dot-dot": ("../../etc/shadow.png", "outside the routine's folder"),
    "absolute": ("/etc/shadow", "relative to the routine's folder"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_IMAGES))
def test_a_hostile_image_path_is_a_located_error_not_a_crash(tmp_path, kind):
    written, said = HOSTILE_IMAGES[kind]
    path = tmp_path / "hostile.yaml"
    path.write_text(routine_with_image(written), encoding="utf-8")
    result = load_routine(path)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.is_error]
    assert (problem.line, problem.column) == (5, 12)
    assert said in problem.message and "image" in problem.message
    assert str(problem).startswith(f"{path}:5:12: error: ")


def test_a_link_to_shadow_as_the_picture_is_refused(tmp_path):
    (tmp_path / "shadow.png").symlink_to("/etc/shadow")
    path = tmp_path / "r.yaml"
    path.write_text(routine_with_image("shadow.png"))
    (problem,) = [p for p in load_routine(path).problems if p.is_error]
    assert "link to a file outside" in problem.message


def hostile_folder(folder: Path) -> dict[str, Path]:
    """A routines folder holding one file per attack, and one good routine."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for kind, (written, _said) in HOSTILE_IMAGES.items():
        made[kind] = folder / f"image-{kind}.yaml"
        made[kind].write_text(routine_with_image(written), encoding="utf-8")
    # File names: a terminal escape, a direction override, bytes that are not UTF-8.
    for kind, name in (
        ("escape-name", b"bad\x1b[2Jname.yaml"),
        ("rtl-name", "evil\u202elmay.yaml".encode()),
        ("not-utf-8", b"bad\xff\xfe.yaml"),
    ):
        made[kind] = Path(os.fsdecode(os.fsencode(folder) + b"/" + name))
        made[kind].write_text("name: Odd name\nsteps:\n  - rest: 5s\n")
    made["good"] = folder / "good.yaml"
    made["good"].write_text(routine_with_image("pic.png"))
    (folder / "pic.png").write_bytes(PNG)
    return made


def test_one_folder_of_attacks_hides_neither_the_good_ones_nor_the_bundled(home):
    made = hostile_folder(home / "routines")
    library = known_routines()
    by_path = {entry.path: entry for entry in library.entries}
    # Every file is listed: the bundled ones, the good one, each attack with its error.
    assert {"desk-break", "low-back-basics", "camel-pose", "good"} <= {
        e.id for e in library.entries if e.runnable
    }
    for kind in HOSTILE_IMAGES:
        entry = by_path[made[kind]]
        assert not entry.runnable and any(p.is_error for p in entry.problems), kind
    # Odd file names still load (they are only warned about) and are shown readably.
    for kind in ("escape-name", "rtl-name", "not-utf-8"):
        entry = by_path[made[kind]]
        assert entry.runnable, kind
        shown = entry.problems[0].path
        assert "\x1b" not in shown and "\u202e" not in shown and shown.isprintable()
    assert library.find("good").result.routine.steps[0].image == home / "routines" / "pic.png"


def test_ids_from_hostile_file_names_are_plain_words():
    assert routine_id_for(Path("evil\u202elmay.yaml")) == "evillmay"
    assert routine_id_for(Path("bad\x1b[2J.yaml")) == "bad-2j"
    # Nothing left but bytes that are not UTF-8: a digest keeps ids apart, no crash.
    odd = routine_id_for(Path(os.fsdecode(b"\xff\xfe.yaml")))
    assert odd.startswith("routine-") and odd.isascii()


def test_a_routine_file_named_with_a_nul_is_an_error_for_it_alone(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("name: G\nsteps:\n  - rest: 5s\n")
    library = discover(bundled_dir=None, user_dir=None, paths=[tmp_path / "a\0b.yaml", good])
    bad, fine = library.entries
    assert "NUL" in bad.problems[-1].message and not bad.runnable
    assert fine.runnable


def test_copying_a_routine_with_hostile_pictures_copies_only_the_real_one(tmp_path):
    source, target = tmp_path / "from", tmp_path / "to"
    source.mkdir()
    (source / "pic.png").write_bytes(PNG)
    (source / "shadow.png").symlink_to("/etc/shadow")
    text = (
        "name: R\nsteps:\n"
        '  - {exercise: A, hold: 5s, image: "a\\0b.png"}\n'
        '  - {exercise: B, hold: 5s, image: "../outside.png"}\n'
        "  - {exercise: C, hold: 5s, image: shadow.png}\n"
        "  - {exercise: D, hold: 5s, image: pic.png}\n"
    )
    changed, notes = copy_pictures(text, source, target)
    assert changed == text
    assert sorted(p.name for p in target.rglob("*")) == ["pic.png"]
    assert "a\\x00b.png" in notes[0] and "shadow.png" in notes[0]
    (source / "r.yaml").write_text(text)
    assert pictures_named_in(source) == {(source / "pic.png").resolve()}


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ('break_routine: "../../etc/passwd"', "break_routine"),
        ('break_routine: "desk-break\\0"', "break_routine"),
        ('break_routine: "evil\\u202eyaml"', "break_routine"),
        ('program_times: {"../x": ["08:00"]}', "program_times"),
    ],
)
def test_a_setting_that_names_a_routine_must_be_a_routine_id(tmp_path, written, key):
    path = tmp_path / "settings.yaml"
    path.write_text(written + "\nsound: false\n")
    settings, problems = load_settings(path)
    assert getattr(settings, key) == getattr(Settings(), key)
    assert settings.sound is False  # the rest of the file still counts
    (problem,) = problems
    assert (problem.line, key) == (1, problem.message.split()[0])
    assert "routine id" in problem.message


def test_readable_names_show_what_is_hidden():
    assert readable("plain/é.png") == "plain/é.png"
    assert readable(os.fsdecode(b"bad\xff.yaml")) == "bad\\xff.yaml"
    assert readable("a\x1b[2Jb\u202ec\0") == "a\\x1b[2Jb\\u202ec\\x00"
    assert readable(Path("a\nb")) == "a\\x0ab"


def test_name_checks():
    assert name_problem("images/bridge.svg") is None
    assert name_problem("\u0646\u06cc\u0645\u200c\u0641.png") is None  # a joiner in Persian
    assert "NUL" in (name_problem("a\0") or "")
    assert usable_path(os.fsdecode(b"bad\xff.yaml")) is None  # a real file's name
    assert "NUL" in (usable_path("a\0b") or "")
    assert usable_path("\ud800") is not None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("evil\u202egnp.png", "images/evilgnp.png"),
        ("bad\x1b[2J\nname.png", "images/bad[2Jname.png"),
        ("x" * 240 + ".png", "images/" + "x" * 50 + ".png"),
        ("\u202e.png", "images/picture.png"),
    ],
)
def test_a_chosen_picture_gets_a_name_a_routine_may_hold(tmp_path, name, expected):
    from backroutine.core.routine_files import copy_picture_in

    chosen = tmp_path / "chosen" / name
    chosen.parent.mkdir()
    chosen.write_bytes(PNG)
    folder = tmp_path / "routines"
    relative = copy_picture_in(chosen, folder)
    assert relative == expected
    assert (folder / relative).read_bytes() == PNG
    routine = folder / "r.yaml"
    routine.write_text(routine_with_image(relative))
    assert load_routine(routine).ok


def test_a_chosen_picture_is_not_copied_through_an_images_link(tmp_path):
    from backroutine.core.routine_files import copy_picture_in

    outside, folder = tmp_path / "outside", tmp_path / "routines"
    outside.mkdir()
    folder.mkdir()
    (folder / "images").symlink_to(outside)
    chosen = tmp_path / "pic.png"
    chosen.write_bytes(PNG)
    with pytest.raises(OSError, match="outside"):
        copy_picture_in(chosen, folder)
    assert list(outside.iterdir()) == []


def test_copying_a_routine_brings_only_pictures_never_other_files_it_names(tmp_path):
    """A routine saved into a home folder and brought in (import, duplicate, export)
    once copied whatever file it named there, a key or a huge video alike."""
    source, target = tmp_path / "home", tmp_path / "routines"
    (source / ".ssh").mkdir(parents=True)
    (source / ".ssh" / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    (source / "movie.png").write_bytes(PNG + b"\0" * (5 * 2**20))  # over 5 MiB
    (source / "pic.png").write_bytes(PNG)
    text = (
        "name: R\nsteps:\n"
        "  - {exercise: A, hold: 5s, image: .ssh/id_ed25519}\n"
        "  - {exercise: B, hold: 5s, image: movie.png}\n"
        "  - {exercise: C, hold: 5s, image: pic.png}\n"
    )
    changed, notes = copy_pictures(text, source, target)
    assert changed == text
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == ["pic.png"]
    assert ".ssh/id_ed25519" in notes[0] and "movie.png" in notes[0]


@pytest.mark.parametrize("kind", ["a pipe", "a device", "too big", "not a picture"])
def test_a_chosen_picture_that_is_not_one_is_refused_at_once(tmp_path, kind):
    """Typed into the file dialog: a pipe once hung the editor, /dev/zero filled the disk."""
    from backroutine.core.routine_files import copy_picture_in

    chosen = tmp_path / "chosen.png"
    if kind == "a pipe":
        os.mkfifo(chosen)
    elif kind == "a device":
        chosen.symlink_to("/dev/zero")
    elif kind == "too big":
        chosen.write_bytes(PNG + b"\0" * (5 * 2**20))
    else:
        chosen.write_bytes(b"#!/bin/sh\nrm -rf ~\n")
    folder = tmp_path / "routines"
    said = {"a pipe": "pipe", "a device": "device", "too big": "MiB", "not a picture": "picture"}
    with pytest.raises(OSError, match=said[kind]):
        copy_picture_in(chosen, folder)
    assert not (folder / "images").exists() or not list((folder / "images").iterdir())


def test_a_chosen_picture_that_is_a_link_copies_the_picture(tmp_path):
    from backroutine.core.routine_files import copy_picture_in

    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "real.png").write_bytes(PNG)
    chosen = tmp_path / "bridge.png"
    chosen.symlink_to(tmp_path / "photos" / "real.png")
    folder = tmp_path / "routines"
    assert copy_picture_in(chosen, folder) == "images/bridge.png"
    copied = folder / "images" / "bridge.png"
    assert copied.read_bytes() == PNG and not copied.is_symlink()


@pytest.mark.parametrize("swap", ["a link to a secret", "a pipe", "grown too big"])
def test_a_picture_changed_after_its_check_is_not_copied(tmp_path, swap):
    """Between the check and the copy the picture (in a folder others can write to) is
    replaced: the copy refuses what it finds instead of following, waiting or filling."""
    from backroutine.core.routine_files import copy_new

    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    source = tmp_path / "shared" / "pic.png"
    source.parent.mkdir()
    if swap == "a link to a secret":
        source.symlink_to(secret)
    elif swap == "a pipe":
        os.mkfifo(source)
    else:
        source.write_bytes(PNG + b"\0" * (5 * 2**20))
    target = tmp_path / "routines" / "pic.png"
    target.parent.mkdir()
    with pytest.raises(OSError):
        copy_new(source, target)
    assert not os.path.lexists(target)
    assert secret.read_text() == "password"
