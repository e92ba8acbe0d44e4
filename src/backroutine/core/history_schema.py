"""The history file's format: its tables, the migrations between versions, and the
checks that tell a damaged file from a whole one before anything is written.

A released migration is never edited; a change is a new entry in MIGRATIONS.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .history_records import HistoryError
from .i18n import _, ngettext

SCHEMA_VERSION = 1
# The oldest format this version reads as it is.
READABLE_FROM = 1

# One entry per schema version: MIGRATIONS[n] takes a database from version n
# to n + 1. A released migration is never edited; a change is a new entry.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        routine_id TEXT NOT NULL,
        routine_name TEXT NOT NULL,
        routine_hash TEXT NOT NULL,
        started_at TEXT NOT NULL,      -- ISO 8601 with the offset of the time it was
        started_utc REAL NOT NULL,     -- seconds since the epoch, for ordering
        local_date TEXT NOT NULL,      -- the calendar day on the person's clock then
        planned_seconds REAL NOT NULL,
        owner TEXT NOT NULL DEFAULT '', -- the lock held by the process recording it
        status TEXT NOT NULL DEFAULT 'in_progress',
        ended_at TEXT,
        active_seconds REAL,
        paused_seconds REAL,
        pain_before INTEGER,
        pain_after INTEGER,
        effort INTEGER,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX sessions_by_date ON sessions (local_date);
    CREATE INDEX sessions_by_time ON sessions (started_utc);
    CREATE INDEX sessions_by_routine ON sessions (routine_id, local_date);
    CREATE TABLE periods (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions (id),
        position INTEGER NOT NULL,     -- the period's place in the routine's timeline
        exercise TEXT NOT NULL,
        side TEXT,
        set_number INTEGER NOT NULL,
        rep INTEGER NOT NULL,
        kind TEXT NOT NULL,
        planned_seconds REAL,          -- NULL for a rep that waits for Done
        actual_seconds REAL NOT NULL,
        status TEXT NOT NULL,          -- done or skipped
        hurt INTEGER NOT NULL DEFAULT 0,
        ended_at TEXT NOT NULL
    );
    CREATE INDEX periods_by_session ON periods (session_id);
    """,
)

# Indexes that change no row and no query's answer, only its speed. They are made
# where missing without a new format number, so that an earlier version of the app
# (which refuses a newer format) still records into a file this one has opened.
INDEXES = """
    -- Settling interrupted sessions at every start finds them without reading
    -- the whole table.
    CREATE INDEX IF NOT EXISTS sessions_in_progress ON sessions (id)
        WHERE status = 'in_progress';
"""

# Files up to this size are read through for damage when opened (some 40 ms).
FULL_CHECK_BYTES = 32 * 1024 * 1024


def is_damage(exc: sqlite3.DatabaseError) -> bool:
    """A file that is not a database, or a damaged one (not a locked or read-only one)."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text
    return not isinstance(exc, sqlite3.IntegrityError)


def scratch() -> sqlite3.Connection:
    """An empty history of the current format in a private file that SQLite deletes
    when it is closed."""
    connection = sqlite3.connect("", uri=True, isolation_level=None, check_same_thread=False)
    try:
        _migrate(connection, 0)
    except BaseException:
        connection.close()
        raise
    return connection


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating owner-only if new) and migrate; DatabaseError if the file is damaged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # Created by us first, so it is private from its first byte (SQLite gives
        # its -wal and -shm files the same permissions).
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(descriptor)
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        connection.execute("PRAGMA busy_timeout = 2000")
        _check_small(connection, path)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(
                _(
                    "Your history {path} was written by a newer version of BackRoutine "
                    "(format {version}; this version reads up to {newest}). "
                    "It is left untouched; update BackRoutine to keep recording sessions."
                ).format(path=path, version=version, newest=SCHEMA_VERSION)
            )
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
            pass  # a file system without WAL support: the default journal still works
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        _migrate(connection, version)
        _check_ends(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    """From version to the current format, a step at a time; then the indexes."""
    for step in range(version, SCHEMA_VERSION):
        # The step and its new version number commit together, or not at all.
        try:
            connection.executescript(
                f"BEGIN; {MIGRATIONS[step]}; PRAGMA user_version = {step + 1}; COMMIT;"
            )
        except sqlite3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    connection.executescript(INDEXES)


def _check_small(connection: sqlite3.Connection, path: Path) -> None:
    """A file small enough is read through for damage (some 40 ms at most); so is one
    of any size where damage was met since (some 6 s a GB, once)."""
    if path.stat().st_size <= FULL_CHECK_BYTES or damage_mark(path).exists():
        (check,) = connection.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {_first(check)}")


def _first(check: str) -> str:
    """The first problem SQLite's check found, and how many more: it lists up to a
    hundred, one a line, too many for a message to the person."""
    problems = [line for line in check.splitlines() if line and not line.startswith("***")]
    if len(problems) < 2:
        return problems[0] if problems else check
    more = len(problems) - 1
    # Translators: {problem} is the first problem SQLite found in the history file
    # (in English, as SQLite says it), {count} how many more it found.
    return ngettext("{problem} (and {count} more)", "{problem} (and {count} more)", more).format(
        problem=problems[0], count=more
    )


def damage_mark(path: Path) -> Path:
    return path.with_name(f"{path.name}.check")


def _check_ends(connection: sqlite3.Connection) -> None:
    """The newest end of the sessions table and of its time index can be read. A large
    file is not read through at every start (a second a 500 MB, and growing with
    it); these are a few pages, whatever the size."""
    connection.execute("SELECT max(id) FROM sessions").fetchone()
    connection.execute("SELECT max(started_utc) FROM sessions").fetchone()


def check(connection: sqlite3.Connection, path: Path) -> None:
    _check_small(connection, path)
    _check_ends(connection)
