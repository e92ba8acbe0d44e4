"""Settings: read forgivingly, each bad value named with its line and replaced by its default."""

from __future__ import annotations

import os
import tracemalloc
from dataclasses import replace
from datetime import datetime

import pytest

from backroutine.core.files import size_text
from backroutine.core.model import Schedule
from backroutine.core.settings import (
    Settings,
    asks_for_ratings,
    load_settings,
    read_settings,
    save_settings,
    write_settings,
)

from ..special import SAID, make_special


def test_settings_round_trip_and_a_bad_value_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "settings.yaml"
    save_settings(Settings(volume=25, ratings="always"), path)
    loaded, problems = load_settings(path)
    assert (loaded.volume, loaded.ratings, problems) == (25, "always", [])
    path.write_text("volume: 50\nratings: sometimes\n")
    loaded, problems = load_settings(path)
    assert (loaded.volume, loaded.ratings) == (50, "auto")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "auto, always, never" in problems[0].message


def test_ratings_are_asked_for_programs_unless_set_otherwise():
    program = Schedule(per_day=2)
    assert asks_for_ratings(Settings(), program, ())
    assert asks_for_ratings(Settings(), None, ("physio",))
    assert not asks_for_ratings(Settings(), None, ("desk",))
    assert asks_for_ratings(Settings(ratings="always"), None, ())
    assert not asks_for_ratings(Settings(ratings="never"), program, ("physio",))


def test_reminder_settings_are_read_checked_and_kept(tmp_path):
    from datetime import time

    from backroutine.core.settings import break_settings

    path = tmp_path / "settings.yaml"
    path.write_text(
        "break_every: 45\n"
        "work_hours: 08:30-16:00\n"
        "work_days: [mon, tue, Wednesday, thu]\n"
        "heads_up: 0\n"
        "program_times:\n"
        '  low-back-basics: ["7:30", "19:00"]\n'
    )
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded.work_days == ("mon", "tue", "wed", "thu")
    assert loaded.program_times == {"low-back-basics": ("07:30", "19:00")}
    plan = break_settings(loaded)
    assert (plan.every_minutes, plan.work_start, plan.work_end) == (45, time(8, 30), time(16, 0))
    assert plan.heads_up_minutes == 0
    save_settings(loaded, path)
    assert load_settings(path) == (loaded, [])


def test_bad_reminder_settings_say_what_to_write_and_keep_the_defaults(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text(
        "break_every: 5\n"
        "work_hours: nine to five\n"
        "work_days: [mon, funday]\n"
        "snooze: 0\n"
        "program_times:\n"
        "  low-back-basics: [noon]\n"
    )
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert [(p.line, p.message.split(" must be ")[0]) for p in problems] == [
        (1, "break_every"),
        (2, "work_hours"),
        (3, "work_days"),
        (4, "snooze"),
        (6, "program_times"),
    ]
    assert 'two times of day, such as "09:00-17:30"' in problems[1].message


# -- nothing the person wrote is lost to a save -------------------------------------------

NOW = datetime(2026, 11, 25, 10, 15, 0)
STAMP = "20261125-101500"


def test_a_settings_file_that_cannot_be_parsed_is_kept_byte_for_byte_before_a_write(tmp_path):
    path = tmp_path / "settings.yaml"
    written = b"# mine\nsound: false\nvolume: [30\ntheme: dark\n"
    path.write_bytes(written)
    read = read_settings(path)
    assert read.settings == Settings() and read.unreadable
    notice = read.notice()
    # The '[' left open on line 3 is where the fix goes.
    assert str(path) in notice and "line 3" in notice and "default" in notice
    assert "settings.yaml.broken-" in notice
    assert path.read_bytes() == written  # reading changes nothing

    write_settings(read, Settings(volume=40), NOW)
    kept = tmp_path / f"settings.yaml.broken-{STAMP}"
    assert kept.read_bytes() == written
    assert load_settings(path) == (Settings(volume=40), [])
    assert f"settings.yaml.broken-{STAMP}" in read.notice()
    write_settings(read, Settings(volume=50), datetime(2026, 11, 25, 11, 0, 0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.yaml", kept.name]


@pytest.mark.parametrize(
    "written",
    [
        b"\xff\xfe\x00\x01 not text",  # not UTF-8, with a NUL
        b"sound: true\x00\nvolume: 3\n",  # a NUL byte inside
        b"- sound\n- volume\n",  # a list, not settings
        b"sound: true\nsound: false\n",  # a key twice
        b"\xef\xbb\xbfvolume: 20\n\x1b[31m: red\n",  # a terminal escape as a key
        b"sound: !!python/object x\n",  # a tag
        b"sound: true\n---\nvolume: 3\n",  # a second document
        b"sound: " + b"[" * 80 + b"]" * 80 + b"\n",  # nested too deep
    ],
)
def test_any_bytes_in_the_settings_file_are_kept_before_they_are_written_over(tmp_path, written):
    path = tmp_path / "settings.yaml"
    path.write_bytes(written)
    read = read_settings(path)
    assert read.problems and str(path) in read.notice()
    assert "routine" not in read.notice()  # the words fit a settings file
    write_settings(read, Settings(sound=False), NOW)
    copies = [p for p in tmp_path.iterdir() if p.name != "settings.yaml"]
    assert [p.read_bytes() for p in copies] == [written]
    assert load_settings(path) == (Settings(sound=False), [])


def test_an_earlier_copy_of_that_name_is_never_replaced(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"volume: [\n")
    earlier = tmp_path / f"settings.yaml.broken-{STAMP}"
    earlier.write_bytes(b"an earlier copy\n")
    read = read_settings(path)
    write_settings(read, Settings(), NOW)
    assert earlier.read_bytes() == b"an earlier copy\n"
    assert (tmp_path / f"settings.yaml.broken-{STAMP}-2").read_bytes() == b"volume: [\n"
    assert read.kept_as == tmp_path / f"settings.yaml.broken-{STAMP}-2"


def test_refused_values_unknown_keys_and_comments_are_kept_once_as_written(tmp_path):
    path = tmp_path / "settings.yaml"
    written = b"# from my physio\nvolume: 50\nratings: sometimes\nvolum: 3\n"
    path.write_bytes(written)
    read = read_settings(path)
    assert read.settings == Settings(volume=50) and not read.unreadable
    notice = read.notice()
    assert "line 3" in notice and "ratings" in notice and "volum" in notice
    assert "as-written" in notice
    write_settings(read, read.settings.changed(window_geometry="AAA"), NOW)
    kept = tmp_path / f"settings.yaml.as-written-{STAMP}"
    assert kept.read_bytes() == written
    assert load_settings(path) == (Settings(volume=50, window_geometry="AAA"), [])
    # The refused value now reads as its default: the file says what the app does.
    write_settings(read, Settings(volume=60), NOW)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.yaml", kept.name]


def test_a_file_the_app_wrote_or_read_whole_is_written_over_without_copies(tmp_path):
    path = tmp_path / "settings.yaml"
    save_settings(Settings(volume=25), path)
    save_settings(Settings(volume=35), path)
    path.write_text("volume: 45\n")  # by hand, all of it used
    save_settings(Settings(volume=55), path)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.yaml"]
    assert load_settings(path) == (Settings(volume=55), [])


def test_a_file_changed_by_hand_while_the_app_runs_is_kept_before_it_is_written_over(tmp_path):
    path = tmp_path / "settings.yaml"
    read = read_settings(path)  # none yet
    path.write_text("volume: 10\n# typed while the app ran\n")
    write_settings(read, Settings(volume=90), NOW)
    kept = tmp_path / f"settings.yaml.as-written-{STAMP}"
    assert kept.read_text() == "volume: 10\n# typed while the app ran\n"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (b"- sound\n- voice\n", "mapping"),  # a list, not keys and values
        (b"sound: true\n  volume: 30\n", "indent"),  # an indentation mistake
        (b"\0\0", "binary"),
    ],
)
def test_a_refused_settings_file_is_explained_whatever_its_problem_says(tmp_path, written, reason):
    # The window's band says why the file was refused; it must not be made by cutting
    # up a problem's message, which may be reworded or translated.
    path = tmp_path / "settings.yaml"
    path.write_bytes(written)
    read = read_settings(path)
    assert read.unreadable and read.settings == Settings()
    read.problems = [replace(p, message="settings-refused") for p in read.problems]
    notice = read.notice()
    assert str(path) in notice and reason in notice.lower() and "default" in notice
    assert "settings-refused" not in notice
    assert path.read_bytes() == written


def test_a_settings_file_that_is_a_link_is_written_through_the_link(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "backroutine.yaml"
    real.write_bytes(b"volume: [\n")
    path = tmp_path / "config" / "settings.yaml"
    path.parent.mkdir()
    path.symlink_to(real)
    read = read_settings(path)
    assert read.unreadable
    write_settings(read, Settings(volume=15), NOW)
    assert path.is_symlink() and path.resolve() == real
    assert load_settings(real) == (Settings(volume=15), [])
    # The broken text is kept beside the file it was in, and nothing is left over.
    assert sorted(p.name for p in dotfiles.iterdir()) == [
        "backroutine.yaml",
        f"backroutine.yaml.broken-{STAMP}",
    ]
    assert (dotfiles / f"backroutine.yaml.broken-{STAMP}").read_bytes() == b"volume: [\n"
    assert [p.name for p in path.parent.iterdir()] == ["settings.yaml"]


@pytest.mark.parametrize("kind", ["pipe", "folder", "zero", "urandom", "loop"])
def test_a_settings_file_that_is_not_a_file_is_said_and_never_replaced(tmp_path, kind):
    path = tmp_path / "settings.yaml"
    if kind == "loop":
        path.symlink_to(path)
    else:
        make_special(path, kind)
    said = {"loop": "loop"}.get(kind) or SAID[kind]
    before = os.lstat(path)
    tracemalloc.start()
    read = read_settings(path)  # a pipe with no writer: returns at once
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1024 * 1024
    assert read.settings == Settings() and read.special
    notice = read.notice()
    assert str(path) in notice and said in notice.lower() and "not saved" in notice
    with pytest.raises(OSError):
        write_settings(read, Settings(volume=5), NOW)
    after = os.lstat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["settings.yaml"]


def test_a_huge_settings_file_is_not_read_into_memory_and_is_kept_whole(tmp_path):
    path = make_special(tmp_path / "settings.yaml", "huge", head=b"volume: 20\n")
    tracemalloc.start()
    read = read_settings(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 * 1024 * 1024
    assert read.unreadable and not read.special
    assert "3.0 MiB" not in read.notice() and size_text(2**20) in read.notice()
    inode = path.stat().st_ino
    write_settings(read, Settings(volume=20), NOW)
    kept = tmp_path / f"settings.yaml.broken-{STAMP}"
    assert (kept.stat().st_ino, kept.stat().st_size) == (inode, 3 * 2**30)
    assert load_settings(path) == (Settings(volume=20), [])


def test_an_empty_or_comment_only_file_gives_the_defaults_without_complaint(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"")
    assert load_settings(path) == (Settings(), [])
    path.write_bytes(b"# nothing chosen yet\n")
    read = read_settings(path)
    assert (read.settings, read.problems) == (Settings(), [])
    write_settings(read, Settings(volume=70), NOW)  # the comment is kept beside
    kept = tmp_path / f"settings.yaml.as-written-{STAMP}"
    assert kept.read_bytes() == b"# nothing chosen yet\n"


def test_a_settings_file_made_read_only_is_never_replaced(tmp_path):
    """A person who made their settings file read-only chose to keep it as it is: the
    folder may be writable (a rename would replace the file), but no save does."""
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"volume: 40\n")
    path.chmod(0o444)
    read = read_settings(path)
    with pytest.raises(OSError, match="read-only"):
        write_settings(read, Settings(volume=70), NOW)
    assert path.read_bytes() == b"volume: 40\n" and path.stat().st_mode & 0o777 == 0o444
    assert [p.name for p in tmp_path.iterdir()] == ["settings.yaml"]
