"""The history file on disk: what is not a file is refused, a damaged one is set aside
(never deleted) and what can still be read of it is copied into a new one."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from .files import kind_of
from .history_records import HistoryError, Notice, NoticeKind
from .history_schema import connect
from .phrases import not_recorded_until
from .salvage import Salvaged, salvage


def cannot_keep(path: Path, exc: Exception) -> str:
    return f"Your history cannot be kept in {path}: {exc}. " + not_recorded_until("this is fixed")


def refuse_what_is_not_a_file(path: Path) -> None:
    """A folder, a pipe, a device or a dangling link where the history file should be
    is never opened (a pipe would hang, a device would never end) nor moved."""
    try:
        mode = path.stat().st_mode  # through a link: what would be read
    except FileNotFoundError:
        if path.is_symlink():
            raise HistoryError(
                f"Your history {path} is a link to {os.readlink(path)}, which is not "
                "there. " + not_recorded_until("the link is removed or points to your history file")
            ) from None
        return
    except OSError as exc:
        raise HistoryError(cannot_keep(path, exc)) from exc
    if stat.S_ISREG(mode):
        return
    what = kind_of(mode)
    link = f" (through the link to {os.readlink(path)})" if path.is_symlink() else ""
    raise HistoryError(
        f"Your history {path} is {what}{link}, not a history file, so it is left as it "
        "is. " + not_recorded_until("it is moved away")
    )


def salvage_into(path: Path, damaged: Path) -> Salvaged:
    """A new history at path holding what can be read from the damaged file."""
    connect(path).close()  # created and brought to the current format
    sides = [damaged.with_name(damaged.name + suffix) for suffix in ("-wal", "-shm")]
    ours = [side for side in sides if not side.exists()]
    connection = sqlite3.connect(
        path.resolve().as_uri(), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        return salvage(damaged, connection)
    finally:
        connection.close()
        # SQLite's empty -wal and -shm made for reading it: not the person's, not kept.
        for side in ours:
            with contextlib.suppress(OSError):
                if side.name.endswith("-shm") or side.stat().st_size == 0:
                    side.unlink()


def salvage_notice(damage: Exception, found: Salvaged, moved: Path) -> Notice:
    if not found.sessions:
        text = (
            f"Your history file could not be read ({damage}), so a new one was started: "
            f"{found.summary()}. The old file was kept as {moved}."
        )
    else:
        text = (
            f"Your history file was damaged ({damage}), so a new one was started with "
            f"what could still be read: {found.summary()}. The damaged file was kept as "
            f"{moved}."
        )
    return Notice(NoticeKind.SET_ASIDE, text)


def move_aside(path: Path, moment: datetime) -> Path:
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target
