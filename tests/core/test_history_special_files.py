"""Something other than a history file where history.sqlite3 should be: a pipe, a device,
a folder, a dangling link, a huge file of garbage. Each gets a clear message at once (no
hang, no memory exhausted), the app goes on, and what was there is left there."""

from __future__ import annotations

import os
import random
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backroutine.core.history import History, HistoryError

PARIS = timezone(timedelta(hours=1))


def moment() -> datetime:
    return datetime(2026, 11, 23, 9, 30, tzinfo=PARIS)


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return "pipe"


def folder(path: Path) -> str:
    path.mkdir()
    (path / "inside.txt").write_text("mine")
    return "folder"


def zero_device(path: Path) -> str:
    path.symlink_to("/dev/zero")
    return "device"


def random_device(path: Path) -> str:
    path.symlink_to("/dev/urandom")
    return "device"


def link_to_a_folder(path: Path) -> str:
    target = path.with_name("elsewhere")
    target.mkdir()
    path.symlink_to(target)
    return "folder"


def dangling_link(path: Path) -> str:
    path.symlink_to(path.with_name("gone.sqlite3"))
    return "not there"


KINDS = [fifo, folder, zero_device, random_device, link_to_a_folder, dangling_link]


def what_is_there(path: Path) -> tuple[object, ...]:
    """Enough to tell that nothing was moved, replaced or written."""
    st = os.lstat(path)
    link = os.readlink(path) if path.is_symlink() else None
    inside = sorted(p.name for p in path.iterdir()) if path.is_dir() else None
    return st.st_ino, st.st_mode, link, inside


@pytest.mark.parametrize("make", KINDS, ids=lambda make: make.__name__)
@pytest.mark.parametrize("opening", ["app", "read-only"])
def test_what_is_not_a_history_file_is_named_and_left_alone(tmp_path, make, opening):
    path = tmp_path / "history.sqlite3"
    word = make(path)
    before = what_is_there(path)
    started = time.monotonic()
    with pytest.raises(HistoryError) as raised:
        if opening == "app":
            History.open(path, moment)
        else:
            History.open_read_only(path, moment)
    assert time.monotonic() - started < 2
    message = str(raised.value)
    assert str(path) in message and word in message
    if opening == "app":
        assert "not recorded" in message  # sessions still run
    assert what_is_there(path) == before
    assert {p.name for p in tmp_path.iterdir()} <= {"history.sqlite3", "elsewhere"}


def test_a_huge_file_of_garbage_is_set_aside_quickly_without_reading_it_all(tmp_path):
    """Five gigabytes (sparse: it costs no disk) that are not a database."""
    path = tmp_path / "history.sqlite3"
    head = random.Random(5).randbytes(1 << 20)
    with open(path, "wb") as out:
        out.write(head)
        out.seek(5 * 1024**3 - len(head))
        out.write(head)  # garbage at both ends, a hole between
    started = time.monotonic()
    history, notices = History.open(path, moment)
    assert time.monotonic() - started < 10
    kept = path.with_name("history.sqlite3.damaged-20261123-093000")
    assert kept.stat().st_size == 5 * 1024**3
    with open(kept, "rb") as old:
        assert old.read(len(head)) == head
    assert len(notices) == 1 and "nothing" in notices[0] and str(kept) in notices[0]
    assert history.sessions() == []
    session = history.begin("r", "R", "h", 60.0)  # a fresh history that records
    assert history.session(session) is not None
    history.close()


def test_reading_a_huge_file_of_garbage_says_so_without_changing_it(tmp_path):
    path = tmp_path / "history.sqlite3"
    with open(path, "wb") as out:
        out.write(b"\x00garbage" * 4096)
        out.truncate(5 * 1024**3)
    started = time.monotonic()
    with pytest.raises(HistoryError, match="nothing") as raised:
        History.open_read_only(path, moment)
    assert time.monotonic() - started < 10
    assert str(path) in str(raised.value)
    assert path.stat().st_size == 5 * 1024**3
