"""Reading any path safely: a pipe, a device, a folder or a huge file is refused at once."""

from __future__ import annotations

import os
import sys
import tracemalloc
import types

import pytest

from backroutine.core import files
from backroutine.core.files import (
    ReadRefused,
    read_bounded,
    read_text_bounded,
    size_text,
    write_new,
)

from ..special import SAID, make_special


@pytest.mark.parametrize("kind", ["pipe", "folder", "zero", "urandom"])
def test_what_is_not_a_file_is_refused_at_once_and_in_few_bytes(tmp_path, kind):
    path = make_special(tmp_path / "thing.yaml", kind)
    said = SAID[kind]
    tracemalloc.start()
    with pytest.raises(ReadRefused) as refused:
        read_bounded(path, 1024 * 1024)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert said in str(refused.value) and "not a file" in str(refused.value)
    assert refused.value.strerror == str(refused.value)  # as messages show OSErrors
    assert not refused.value.too_large
    assert peak < 256 * 1024


def test_a_pipe_swapped_in_after_the_look_is_not_waited_on(tmp_path, monkeypatch):
    regular = tmp_path / "regular.yaml"
    regular.write_text("x: 1\n")
    pipe = make_special(tmp_path / "pipe.yaml", "pipe")
    real_stat = os.stat
    # The first look sees a file; by the time it is opened, it is a pipe with no writer.
    monkeypatch.setattr(files.os, "stat", lambda p, *a, **k: real_stat(regular))
    with pytest.raises(ReadRefused, match="named pipe"):
        read_bounded(pipe, 100)
    monkeypatch.undo()
    assert pipe.is_fifo()


def test_a_huge_file_is_refused_without_reading_it(tmp_path):
    path = make_special(tmp_path / "huge.yaml", "huge")
    size_text(2**30)  # the locale's number formats, loaded once before the count
    tracemalloc.start()
    with pytest.raises(ReadRefused) as refused:
        read_bounded(path, 1024 * 1024)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # Sizes as the locale writes numbers ("3,072 MiB"; "3.072 MiB" in German).
    assert refused.value.too_large and size_text(3 * 2**30) in str(refused.value)
    assert size_text(2**20) in str(refused.value)
    assert peak < 256 * 1024


def test_a_file_that_says_it_is_small_is_still_read_only_up_to_the_limit():
    # /proc files say they are 0 bytes long and are not; the read itself is bounded.
    with pytest.raises(ReadRefused, match="at most"):
        read_bounded(files.Path("/proc/self/maps"), 10)


def test_a_file_within_the_limit_reads_whole_and_text_reads_as_read_text(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"a: 1\r\nb: \xc3\xa9\x00\n")
    assert read_bounded(path, path.stat().st_size) == path.read_bytes()
    assert read_text_bounded(path, 100) == path.read_text(encoding="utf-8")
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(UnicodeDecodeError):
        read_text_bounded(path, 100)


def test_write_new_never_replaces_or_writes_through_a_dangling_link(tmp_path):
    there = tmp_path / "there.png"
    there.write_bytes(b"theirs")
    with pytest.raises(FileExistsError):
        write_new(there, b"mine")
    dangling = tmp_path / "dangling.png"
    dangling.symlink_to(tmp_path / "elsewhere.png")
    with pytest.raises(FileExistsError):
        write_new(dangling, b"mine")
    assert there.read_bytes() == b"theirs" and not (tmp_path / "elsewhere.png").exists()
    write_new(tmp_path / "new.png", b"mine")
    assert (tmp_path / "new.png").read_bytes() == b"mine"


@pytest.mark.parametrize("kind", ["pipe", "folder", "zero"])
def test_a_lock_file_that_is_not_a_file_is_refused_at_once(tmp_path, kind):
    from backroutine.core.locks import FileLock

    path = make_special(tmp_path / "app.lock", kind)
    before = os.lstat(path)
    for create in (True, False):
        with pytest.raises(OSError, match="not a lock file"):
            FileLock(path).acquire(create=create)
    after = os.lstat(path)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_a_lock_is_taken_once_and_let_go(tmp_path):
    from backroutine.core.locks import FileLock

    first, second = FileLock(tmp_path / "a.lock"), FileLock(tmp_path / "a.lock")
    assert first.acquire() and not second.acquire()
    first.release()
    assert not (tmp_path / "a.lock").exists()
    assert not second.acquire(create=False) and second.acquire()
    second.release()


def test_a_private_folder_is_made_closed_or_refused_when_not_ours(tmp_path, monkeypatch):
    from backroutine.core.files import private_folder

    made = private_folder(tmp_path / "cache" / "sounds")
    assert made is not None and made.stat().st_mode & 0o777 == 0o700
    loose = tmp_path / "loose"
    loose.mkdir()
    loose.chmod(0o777)
    assert private_folder(loose) == loose and loose.stat().st_mode & 0o777 == 0o700
    link = tmp_path / "link"
    link.symlink_to(made)
    assert private_folder(link) is None
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    assert private_folder(made) is None  # someone else's


def test_writing_to_a_pipe_waits_for_no_reader_but_reaches_one(tmp_path):
    from backroutine.core.files import open_for_writing

    pipe = make_special(tmp_path / "trace.jsonl", "pipe")
    with pytest.raises(OSError, match="no program is reading"):
        open_for_writing(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with open_for_writing(pipe) as out:
            out.write("{}\n")
        assert os.read(reader, 100) == b"{}\n"
    finally:
        os.close(reader)
    path = tmp_path / "plain.txt"
    path.write_text("old and longer")
    with open_for_writing(path) as out:
        out.write("new")
    assert path.read_text() == "new"


def test_without_fcntl_the_lock_is_msvcrts_byte_range_lock(tmp_path, monkeypatch):
    from backroutine.core import locks
    from backroutine.core.locks import FileLock

    held: list[tuple[int, int]] = []

    def locking(fileno: int, mode: int, size: int) -> None:
        if held:
            raise OSError(13, "Permission denied")  # another process holds it
        held.append((mode, size))

    monkeypatch.setattr(locks, "fcntl", None)
    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(locking=locking, LK_NBLCK=2))
    first, second = FileLock(tmp_path / "a.lock"), FileLock(tmp_path / "a.lock")
    assert first.acquire()
    assert held == [(2, 1)]  # without waiting, one byte
    assert not second.acquire()
    first.release()


def test_a_lock_let_go_and_removed_while_it_is_taken_is_not_held_twice(tmp_path, monkeypatch):
    from backroutine.core import locks
    from backroutine.core.locks import FileLock

    path = tmp_path / "app.lock"
    first, late, third = FileLock(path), FileLock(path), FileLock(path)
    assert first.acquire()
    real_lock = locks._lock

    def lock_after_the_first_goes(handle) -> None:
        # The late one opened the old file; before it locks it, the first holder
        # lets go and removes it, and a third process takes the new lock file.
        monkeypatch.setattr(locks, "_lock", real_lock)
        first.release()
        assert third.acquire()
        real_lock(handle)

    monkeypatch.setattr(locks, "_lock", lock_after_the_first_goes)
    assert not late.acquire()  # the third holds the lock: one holder only
    third.release()
    assert late.acquire()
    late.release()
