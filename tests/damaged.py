"""A history file with one page overwritten, for tests of what is read back from it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from backroutine.core.history import History

THIRD_SESSIONS_LEAF = (
    "SELECT pageno FROM dbstat WHERE name = 'sessions' AND pagetype = 'leaf'"
    " ORDER BY pageno LIMIT 1 OFFSET 2"
)


def overwrite_page(path: Path, which: str, fill: bytes) -> bytes:
    """Overwrite with fill the page of the history file that the dbstat query which
    names (its whole content written into the file first); returns the file's bytes."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (page,) = raw.execute(which).fetchone()
    raw.close()
    data = bytearray(path.read_bytes())
    data[(page - 1) * 4096 : page * 4096] = fill * 4096
    path.write_bytes(bytes(data))
    return bytes(data)


def history_with_a_bad_page(path: Path, routine: str, name: str, sessions: int = 300) -> bytes:
    """sessions completed sessions of a routine, rated, each with a note of its number;
    then the third page of the sessions table overwritten. Returns the file's bytes."""
    history, _ = History.open(path)
    for number in range(sessions):
        session = history.begin(routine, name, "h", 60.0, pain_before=2)
        history.finish(session, "completed", 60.0, 0.0)
        history.rate(session, note=f"session {number} " + "x" * 200)
    history.close()
    return overwrite_page(path, THIRD_SESSIONS_LEAF, b"\xff")
