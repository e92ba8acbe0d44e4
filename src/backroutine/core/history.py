"""The session history: a local SQLite file that keeps every session a person does.

A session row is written when a session starts; each work period is committed
as it ends, so a crash or a kill loses at most the period in progress. While a
process records sessions, it holds a lock file of its own (named in each
session it starts); a session still "in progress" whose process's lock nobody
holds was interrupted, and reads as such from then on.

Nothing here deletes history: a file that is not a readable database is moved
aside with a timestamp and a new one is started with every session and period
that could still be read from it (see salvage.py), and the caller is told how
many came back and where the old file went. Something that is not a file at
all (a folder, a pipe, a device) is never opened as one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from .locks import FileLock
from .salvage import Salvaged, salvage

T = TypeVar("T")

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

STATUSES = ("completed", "stopped", "interrupted", "in_progress")
PERIOD_STATUSES = ("done", "skipped")

Now = Callable[[], datetime]


def local_now() -> datetime:
    """The wall clock, with the computer's current offset from UTC."""
    return datetime.now().astimezone()


class HistoryError(Exception):
    """The history could not be read or written; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class PeriodRecord:
    exercise: str
    side: str | None
    set: int
    rep: int
    kind: str
    planned_seconds: float | None
    actual_seconds: float
    status: str
    hurt: bool = False
    position: int = 0
    ended_at: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "exercise": self.exercise,
            "side": self.side,
            "set": self.set,
            "rep": self.rep,
            "kind": self.kind,
            "planned_seconds": self.planned_seconds,
            "actual_seconds": round(self.actual_seconds, 3),
            "status": self.status,
            "hurt": self.hurt,
        }


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    started_at: str
    local_date: str
    planned_seconds: float
    status: str
    ended_at: str | None
    active_seconds: float | None
    paused_seconds: float | None
    pain_before: int | None
    pain_after: int | None
    effort: int | None
    note: str
    periods: tuple[PeriodRecord, ...] = field(default=())

    @property
    def day(self) -> date:
        return date.fromisoformat(self.local_date)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "routine_id": self.routine_id,
            "routine_name": self.routine_name,
            "routine_hash": self.routine_hash,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status,
            "planned_seconds": self.planned_seconds,
            "active_seconds": _rounded(self.active_seconds),
            "paused_seconds": _rounded(self.paused_seconds),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "effort": self.effort,
            "note": self.note,
            "periods": [p.as_dict() for p in self.periods],
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


# -- locks: which sessions are still running --------------------------------


def _owner_is_gone(lock_path: Path, clean_up: bool) -> bool:
    """Whether the process that held this lock file has gone (or never locked it)."""
    if not lock_path.exists():
        return True
    probe = FileLock(lock_path)
    try:
        free = probe.acquire(create=False)
    except OSError:
        return True  # it cannot even be opened: nobody can be holding it through us
    if free:
        probe.release(remove=clean_up)  # a stale lock of a process long gone
    return free


# -- the store ---------------------------------------------------------------


class History:
    """The history file. Open it with `History.open`; every write commits at once."""

    def __init__(self, connection: sqlite3.Connection, path: Path, now: Now) -> None:
        self._db = connection
        self.path = path
        self._now = now
        self._owner = uuid.uuid4().hex
        self._lock: FileLock | None = None  # taken at the first session this process starts
        self._running: set[int] = set()

    # opening ---------------------------------------------------------------

    @classmethod
    def open_read_only(
        cls, path: Path, now: Now = local_now, notices: list[str] | None = None
    ) -> History:
        """The history as it is, for reading where it cannot be written (a read-only
        disk, say). Raises HistoryError if there is none or it cannot be read.

        A damaged file is not changed: what can be read from it is copied into a
        temporary history, which is returned, and a notice (added to notices)
        says how many sessions that is."""
        _refuse_what_is_not_a_file(path)
        if not path.exists():
            raise HistoryError(f"There is no history yet ({path}).")
        errors = []
        for options in ("mode=ro", "immutable=1"):
            try:
                connection = sqlite3.connect(
                    f"{path.resolve().as_uri()}?{options}", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                errors.append(str(exc))
                continue
            try:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if (
                    not version
                    and not connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                ):
                    connection.close()  # made, and stopped before anything was written
                    return cls(_scratch(), path, now)
                if READABLE_FROM <= version <= SCHEMA_VERSION:
                    _check(connection, path)
            except sqlite3.DatabaseError as exc:
                connection.close()
                if _is_damage(exc):
                    return cls.read_damaged(path, exc, now, notices)
                errors.append(str(exc))
                continue
            if not READABLE_FROM <= version <= SCHEMA_VERSION:
                connection.close()
                raise HistoryError(
                    f"Your history {path} is in format {version}; this version of "
                    f"BackRoutine reads formats {READABLE_FROM} to {SCHEMA_VERSION} and "
                    "cannot update it here."
                )
            return cls(connection, path, now)
        raise HistoryError(f"Your history {path} cannot be read: {'; '.join(errors)}")

    @classmethod
    def read_damaged(
        cls, path: Path, damage: Exception, now: Now = local_now, notices: list[str] | None = None
    ) -> History:
        """What can be read of a damaged file, in a temporary history of its own (the
        file is not changed); a notice says how much that is. damage: what was seen.
        Raises HistoryError if not one session could be read."""
        connection = _scratch()
        try:
            found = salvage(path, connection)
        except sqlite3.Error as exc:
            connection.close()
            raise HistoryError(f"Your history {path} cannot be read: {damage}; {exc}") from exc
        said = f"Your history file {path} is damaged ({damage}): {found.summary()}."
        if not found.sessions:
            connection.close()
            raise HistoryError(f"{said} The file itself was not changed.")
        if notices is not None:
            notices.append(
                f"{said} The file itself was not changed; the app keeps what can be "
                "read the next time it starts."
            )
        return cls(connection, path, now)

    @classmethod
    def open(cls, path: Path, now: Now = local_now) -> tuple[History, list[str]]:
        """The history at path, created or brought up to date. Returns it and notices
        for the person (a damaged file moved aside, sessions found interrupted).

        Raises HistoryError when no history can be kept at all (a folder that
        cannot be written, a file from a newer version of the app)."""
        notices: list[str] = []
        _refuse_what_is_not_a_file(path)
        try:
            history, count = cls._open_and_settle(path, now)
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise HistoryError(_cannot(path, exc)) from exc
            try:
                moved = _move_aside(path, now())
            except OSError as stuck:
                raise HistoryError(
                    f"Your history file {path} is damaged ({exc}) and could not be set "
                    f"aside ({stuck.strerror or stuck}). Sessions still run, but they are "
                    "not recorded until the file is moved or the folder can be written."
                ) from exc
            try:
                found = _salvage_into(path, moved)
                history, count = cls._open_and_settle(path, now)
            except sqlite3.Error as again:
                raise HistoryError(_cannot(path, again)) from again
            notices.append(_salvage_notice(exc, found, moved))
        except OSError as exc:
            raise HistoryError(_cannot(path, exc)) from exc
        if count:
            notices.append(
                f"{count} session{'s' if count != 1 else ''} ended without being finished "
                "(the app closed or the computer stopped); what was done is kept."
            )
        with contextlib.suppress(OSError):
            _damage_mark(path).unlink(missing_ok=True)  # read through: whole, or salvaged
        return history, notices

    @classmethod
    def _open_and_settle(cls, path: Path, now: Now) -> tuple[History, int]:
        connection = _connect(path)
        history = cls(connection, path, now)
        try:
            return history, history.settle_interrupted()
        except BaseException:
            history.close()
            raise

    def mark_damaged(self) -> str:
        """Damage was met while reading a file too large to be read through at every
        start: the next start reads it through and, if it is damaged, recovers what
        can be read. Returns what to tell the person."""
        with contextlib.suppress(OSError):
            _damage_mark(self.path).touch()
        return (
            f"Part of your history file {self.path} cannot be read: it is damaged. "
            "Close BackRoutine and open it again: what can still be read is then "
            "copied into a new history, and the damaged file is kept beside it."
        )

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None
        self._running.clear()
        self._db.close()

    def _lock_path(self, owner: str) -> Path:
        return self.path.parent / "running" / f"{owner}.lock"

    def _claim(self) -> str:
        """This process's lock, taken before its first session is written; the owner
        name to write into sessions ("" if no lock can be had: they then read as
        interrupted to others, which errs on the side of an honest record)."""
        if self._lock is None:
            lock = FileLock(self._lock_path(self._owner))
            with contextlib.suppress(OSError):
                if lock.acquire():
                    self._lock = lock
        return self._owner if self._lock is not None else ""

    # writing ---------------------------------------------------------------

    def begin(
        self,
        routine_id: str,
        routine_name: str,
        routine_hash: str,
        planned_seconds: float,
        pain_before: int | None = None,
    ) -> int:
        """A new session, in progress from now; returns its id."""
        started = self._now()
        owner = self._claim()
        with self._writing():
            cursor = self._db.execute(
                "INSERT INTO sessions (routine_id, routine_name, routine_hash, started_at,"
                " started_utc, local_date, planned_seconds, pain_before, owner)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    routine_id,
                    routine_name,
                    routine_hash,
                    _iso(started),
                    started.timestamp(),
                    started.date().isoformat(),
                    planned_seconds,
                    _checked_rating(pain_before),
                    owner,
                ),
            )
        session_id = int(cursor.lastrowid or 0)
        self._running.add(session_id)
        return session_id

    def add_period(self, session_id: int, period: PeriodRecord) -> int:
        """One work period as it ended; committed before this returns."""
        if period.status not in PERIOD_STATUSES:
            raise ValueError(f"period status {period.status!r}")
        with self._writing():
            cursor = self._db.execute(
                "INSERT INTO periods (session_id, position, exercise, side, set_number, rep,"
                " kind, planned_seconds, actual_seconds, status, hurt, ended_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    period.position,
                    period.exercise,
                    period.side,
                    period.set,
                    period.rep,
                    period.kind,
                    period.planned_seconds,
                    period.actual_seconds,
                    period.status,
                    int(period.hurt),
                    period.ended_at or _iso(self._now()),
                ),
            )
        return int(cursor.lastrowid or 0)

    def mark_hurt(self, period_row: int) -> None:
        with self._writing():
            self._db.execute("UPDATE periods SET hurt = 1 WHERE id = ?", (period_row,))

    def finish(
        self, session_id: int, status: str, active_seconds: float, paused_seconds: float
    ) -> None:
        """The session ended (completed or stopped)."""
        if status not in ("completed", "stopped"):
            raise ValueError(f"session status {status!r}")
        with self._writing():
            self._db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, active_seconds = ?,"
                " paused_seconds = ? WHERE id = ?",
                (status, _iso(self._now()), active_seconds, paused_seconds, session_id),
            )
        self._running.discard(session_id)

    def rate(
        self,
        session_id: int,
        *,
        pain_before: int | None = None,
        pain_after: int | None = None,
        effort: int | None = None,
        note: str | None = None,
    ) -> None:
        """Set the ratings and note given (None leaves one as it is)."""
        changes: list[tuple[str, object]] = []
        for column, value in (
            ("pain_before", pain_before),
            ("pain_after", pain_after),
            ("effort", effort),
        ):
            if value is not None:
                changes.append((column, _checked_rating(value)))
        if note is not None:
            changes.append(("note", note))
        if not changes:
            return
        assignments = ", ".join(f"{column} = ?" for column, _ in changes)
        with self._writing():
            self._db.execute(
                f"UPDATE sessions SET {assignments} WHERE id = ?",
                [value for _, value in changes] + [session_id],
            )

    def settle_interrupted(self) -> int:
        """Mark sessions still in progress whose process has gone as interrupted.

        Their end is the end of their last period (or their start), and their
        active time is the time spent in the periods that were kept."""
        rows = self._db.execute(
            "SELECT id, started_at, owner FROM sessions WHERE status = 'in_progress'"
        ).fetchall()
        settled = 0
        for session_id, started_at, owner in rows:
            if session_id in self._running:
                continue  # ours, and running
            if owner and not _owner_is_gone(self._lock_path(owner), clean_up=True):
                continue  # another process is running it
            ended, active = self._what_was_kept(session_id, started_at)
            with self._writing():
                cursor = self._db.execute(
                    "UPDATE sessions SET status = 'interrupted', ended_at = ?,"
                    " active_seconds = ?, paused_seconds = coalesce(paused_seconds, 0)"
                    " WHERE id = ? AND status = 'in_progress'",
                    (ended, active, session_id),
                )
            settled += cursor.rowcount
        return settled

    def _what_was_kept(self, session_id: int, started_at: str) -> tuple[str, float]:
        """An unfinished session's end (its last period's, or its start) and active time."""
        last = self._db.execute(
            "SELECT ended_at FROM periods WHERE session_id = ? ORDER BY id DESC LIMIT 1",
            (session_id,),
        ).fetchone()
        (active,) = self._db.execute(
            "SELECT coalesce(sum(actual_seconds), 0) FROM periods WHERE session_id = ?",
            (session_id,),
        ).fetchone()
        return (last[0] if last else started_at), float(active)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            with self._db:
                yield
        except sqlite3.Error as exc:
            raise HistoryError(f"Could not write to your history ({self.path}): {exc}") from exc

    # reading ---------------------------------------------------------------

    def sessions(
        self,
        since: date | None = None,
        until: date | None = None,
        with_periods: bool = True,
        routine_id: str | None = None,
        session_id: int | None = None,
        ids: list[int] | None = None,
    ) -> list[SessionRecord]:
        """Sessions by the day they started on (from since, before until), oldest first."""
        where, values = _date_filter(since, until)
        if routine_id is not None:
            where.append("routine_id = ?")
            values.append(routine_id)
        if session_id is not None:
            where.append("id = ?")
            values.append(session_id)
        if ids is not None:
            where.append(f"id IN ({', '.join('?' * len(ids))})")
            values += ids
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        # Some sessions: found by the filter's index and sorted ("+": not by walking
        # the whole time index in order, 90 ms at a million sessions). All of them:
        # read in the time index's order.
        order = "+started_utc, id" if where else "started_utc, id"
        rows = self._all(
            "SELECT id, routine_id, routine_name, routine_hash, started_at, local_date,"
            " planned_seconds, status, ended_at, active_seconds, paused_seconds,"
            f" pain_before, pain_after, effort, note, owner FROM sessions {clause}"
            f" ORDER BY {order}",
            values,
        )
        periods: dict[int, list[PeriodRecord]] = {}
        if with_periods and rows:
            periods = self._lenient(lambda: self._periods(clause, values))
        found = []
        for row in rows:
            status, ended_at, active, paused = row[7], row[8], row[9], row[10]
            if status == "in_progress" and self._is_unfinished(row[0], row[15]):
                # Not settled (a read-only look), but just as interrupted.
                status, paused = "interrupted", paused or 0.0
                ended_at, active = self._what_was_kept(row[0], row[4])
            found.append(
                SessionRecord(
                    id=row[0],
                    routine_id=row[1],
                    routine_name=row[2],
                    routine_hash=row[3],
                    started_at=row[4],
                    local_date=row[5],
                    planned_seconds=row[6],
                    status=status,
                    ended_at=ended_at,
                    active_seconds=active,
                    paused_seconds=paused,
                    pain_before=row[11],
                    pain_after=row[12],
                    effort=row[13],
                    note=row[14],
                    periods=tuple(periods.get(row[0], ())),
                )
            )
        return found

    def _periods(self, clause: str, values: list[Any]) -> dict[int, list[PeriodRecord]]:
        """The periods of the sessions a WHERE clause finds, by session id."""
        periods: dict[int, list[PeriodRecord]] = {}
        for row in self._db.execute(
            "SELECT session_id, exercise, side, set_number, rep, kind, planned_seconds,"
            " actual_seconds, status, hurt, position, ended_at FROM periods"
            f" WHERE session_id IN (SELECT id FROM sessions {clause}) ORDER BY id",
            values,
        ):
            periods.setdefault(row[0], []).append(
                PeriodRecord(
                    exercise=row[1],
                    side=row[2],
                    set=row[3],
                    rep=row[4],
                    kind=row[5],
                    planned_seconds=row[6],
                    actual_seconds=row[7],
                    status=row[8],
                    hurt=bool(row[9]),
                    position=row[10],
                    ended_at=row[11],
                )
            )
        return periods

    def _all(self, query: str, values: list[Any]) -> list[Any]:
        return self._lenient(lambda: self._db.execute(query, values).fetchall())

    def _lenient(self, read: Callable[[], T]) -> T:
        """What read returns. Text that is not UTF-8 (a flipped bit in a long note, a
        page of noise under part of one: no check of the file's structure finds it) is
        read with U+FFFD for the bytes that are not, from then on, rather than making
        every reading of the history fail."""
        try:
            return read()
        except sqlite3.OperationalError as exc:
            if self._db.text_factory is not str or "decode" not in str(exc).lower():
                raise
        self._db.text_factory = _lenient_text
        return read()

    def iter_sessions(
        self,
        since: date | None = None,
        with_periods: bool = True,
        batch: int = 500,
        after: SessionRecord | None = None,
    ) -> Iterator[SessionRecord]:
        """The sessions `sessions(since=since)` gives, in its order, read a batch at a
        time, so memory stays flat however long the history (for exports); only those
        after `after` in that order, if given. Raises HistoryError if the file cannot
        be read partway."""
        where, values = _date_filter(since, None)
        try:
            if after is not None:
                condition, bound = self._after(after)
                where.append(condition)
                values += bound
            clause = f"WHERE {' AND '.join(where)}" if where else ""
            ids = self._db.execute(
                f"SELECT id FROM sessions {clause} ORDER BY started_utc, id", values
            )
            try:
                while chunk := ids.fetchmany(batch):
                    yield from self.sessions(with_periods=with_periods, ids=[r[0] for r in chunk])
            finally:
                ids.close()
        except sqlite3.Error as exc:
            raise HistoryError(f"Your history {self.path} could not be read: {exc}") from exc

    def _after(self, session: SessionRecord) -> tuple[str, list[Any]]:
        """A condition (and its values) for the sessions after this one in start order:
        by its row here; where this file lacks it, by its start, kept to the second."""
        found = self._db.execute(
            "SELECT started_utc FROM sessions WHERE id = ?", (session.id,)
        ).fetchone()
        if found is not None:
            condition = "(started_utc > ? OR (started_utc = ? AND id > ?))"
            return condition, [found[0], found[0], session.id]
        second = datetime.fromisoformat(session.started_at).timestamp()
        condition = "(started_utc >= ? OR (started_utc >= ? AND id > ?))"
        return condition, [second + 1, second, session.id]

    def _is_unfinished(self, session_id: int, owner: str) -> bool:
        """An "in progress" session that no running process is recording."""
        if session_id in self._running:
            return False
        return not owner or _owner_is_gone(self._lock_path(owner), clean_up=False)

    def session(self, session_id: int) -> SessionRecord | None:
        found = self.sessions(session_id=session_id)
        return found[0] if found else None

    def is_running(self, session_id: int) -> bool:
        return session_id in self._running

    def completed_per_day(self, routine_id: str, since: date, until: date) -> dict[date, int]:
        """How many sessions of a routine were completed on each day in [since, until)."""
        rows = self._db.execute(
            "SELECT local_date, count(*) FROM sessions WHERE routine_id = ?"
            " AND status = 'completed' AND local_date >= ? AND local_date < ?"
            " GROUP BY local_date",
            (routine_id, since.isoformat(), until.isoformat()),
        )
        return {date.fromisoformat(day): count for day, count in rows}

    def minutes_per_day(self, since: date, until: date) -> dict[date, float]:
        """Active minutes per day, every routine together, in [since, until)."""
        rows = self._db.execute(
            "SELECT local_date, sum(coalesce(active_seconds, 0)) / 60.0 FROM sessions"
            " WHERE local_date >= ? AND local_date < ? GROUP BY local_date",
            (since.isoformat(), until.isoformat()),
        )
        return {date.fromisoformat(day): minutes for day, minutes in rows}

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM sessions").fetchone()[0])

    def newest(self, offset: int, limit: int) -> list[SessionRecord]:
        """A page of sessions, newest first, without their periods (a table's rows)."""
        rows = self._db.execute(
            "SELECT id FROM sessions ORDER BY started_utc DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        if not rows:
            return []
        found = {s.id: s for s in self.sessions(with_periods=False, ids=[r[0] for r in rows])}
        return [found[row[0]] for row in rows if row[0] in found]

    def streak(self, today: date) -> int:
        """Days in a row, up to today (or up to yesterday, today not done yet),
        with at least one completed session."""
        # Day by day, one index search each, rather than every session of every day
        # of the streak (50 ms for a long streak at a million sessions; now 10).
        rows = self._db.execute(
            "WITH RECURSIVE done(day) AS (SELECT (SELECT local_date FROM sessions"
            " WHERE status = 'completed' AND local_date <= ? ORDER BY local_date DESC"
            " LIMIT 1) UNION ALL SELECT (SELECT local_date FROM sessions"
            " WHERE status = 'completed' AND local_date < done.day"
            " ORDER BY local_date DESC LIMIT 1) FROM done WHERE done.day IS NOT NULL)"
            " SELECT day FROM done WHERE day IS NOT NULL LIMIT 5000",
            (today.isoformat(),),
        )
        expected = today
        count = 0
        for (day,) in rows:
            seen = date.fromisoformat(day)
            if count == 0 and seen == today - timedelta(days=1):
                expected = seen  # today may simply not have come round yet
            if seen != expected:
                break
            count += 1
            expected -= timedelta(days=1)
        return count

    def completed_days(self, since: date, until: date) -> dict[date, int]:
        """Completed sessions per day, every routine together, in [since, until)."""
        rows = self._db.execute(
            "SELECT local_date, count(*) FROM sessions WHERE status = 'completed'"
            " AND local_date >= ? AND local_date < ? GROUP BY local_date",
            (since.isoformat(), until.isoformat()),
        )
        return {date.fromisoformat(day): count for day, count in rows}

    def pain_points(self, since: date) -> list[tuple[datetime, int | None, int | None]]:
        """When, and the pain before and after, of every rated session since a day."""
        # "+started_utc": sorting the few rows of the days asked for is far quicker
        # than walking the whole time index in order (145 ms at a million sessions).
        rows = self._db.execute(
            "SELECT started_at, pain_before, pain_after FROM sessions WHERE local_date >= ?"
            " AND (pain_before IS NOT NULL OR pain_after IS NOT NULL) ORDER BY +started_utc",
            (since.isoformat(),),
        )
        return [(datetime.fromisoformat(when), before, after) for when, before, after in rows]


# -- helpers -------------------------------------------------------------------


def _date_filter(since: date | None, until: date | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    values: list[Any] = []
    if since is not None:
        where.append("local_date >= ?")
        values.append(since.isoformat())
    if until is not None:
        where.append("local_date < ?")
        values.append(until.isoformat())
    return where, values


def _checked_rating(value: int | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
        raise ValueError(f"a rating is a whole number from 0 to 10, not {value!r}")
    return value


def _cannot(path: Path, exc: Exception) -> str:
    return (
        f"Your history cannot be kept in {path}: {exc}. Sessions still run, "
        "but they are not recorded until this is fixed."
    )


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """A file that is not a database, or a damaged one (not a locked or read-only one)."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text
    return not isinstance(exc, sqlite3.IntegrityError)


def _scratch() -> sqlite3.Connection:
    """An empty history of the current format in a private file that SQLite deletes
    when it is closed."""
    connection = sqlite3.connect("", uri=True, isolation_level=None, check_same_thread=False)
    try:
        _migrate(connection, 0)
    except BaseException:
        connection.close()
        raise
    return connection


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _refuse_what_is_not_a_file(path: Path) -> None:
    """A folder, a pipe, a device or a dangling link where the history file should be
    is never opened (a pipe would hang, a device would never end) nor moved."""
    try:
        mode = path.stat().st_mode  # through a link: what would be read
    except FileNotFoundError:
        if path.is_symlink():
            raise HistoryError(
                f"Your history {path} is a link to {os.readlink(path)}, which is not "
                "there. Sessions still run, but they are not recorded until the link "
                "is removed or points to your history file."
            ) from None
        return
    except OSError as exc:
        raise HistoryError(_cannot(path, exc)) from exc
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        what = "a folder"
    elif stat.S_ISFIFO(mode):
        what = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    else:
        what = "a special file"
    link = f" (through the link to {os.readlink(path)})" if path.is_symlink() else ""
    raise HistoryError(
        f"Your history {path} is {what}{link}, not a history file, so it is left as it "
        "is. Sessions still run, but they are not recorded until it is moved away."
    )


def _salvage_into(path: Path, damaged: Path) -> Salvaged:
    """A new history at path holding what can be read from the damaged file."""
    _connect(path).close()  # created and brought to the current format
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


def _salvage_notice(damage: Exception, found: Salvaged, moved: Path) -> str:
    if not found.sessions:
        return (
            f"Your history file could not be read ({damage}), so a new one was started: "
            f"{found.summary()}. The old file was kept as {moved}."
        )
    return (
        f"Your history file was damaged ({damage}), so a new one was started with what "
        f"could still be read: {found.summary()}. The damaged file was kept as {moved}."
    )


def _move_aside(path: Path, moment: datetime) -> Path:
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


def _connect(path: Path) -> sqlite3.Connection:
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
                f"Your history {path} was written by a newer version of BackRoutine "
                f"(format {version}; this version reads up to {SCHEMA_VERSION}). "
                "It is left untouched; update BackRoutine to keep recording sessions."
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
    if path.stat().st_size <= FULL_CHECK_BYTES or _damage_mark(path).exists():
        (check,) = connection.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed: {_first(check)}")


def _first(check: str) -> str:
    """The first problem SQLite's check found, and how many more: it lists up to a
    hundred, one a line, too many for a message to the person."""
    problems = [line for line in check.splitlines() if line and not line.startswith("***")]
    if len(problems) < 2:
        return problems[0] if problems else check
    return f"{problems[0]} (and {len(problems) - 1} more)"


def _damage_mark(path: Path) -> Path:
    return path.with_name(f"{path.name}.check")


def _check_ends(connection: sqlite3.Connection) -> None:
    """The newest end of the sessions table and of its time index can be read. A large
    file is not read through at every start (a second a 500 MB, and growing with
    it); these are a few pages, whatever the size."""
    connection.execute("SELECT max(id) FROM sessions").fetchone()
    connection.execute("SELECT max(started_utc) FROM sessions").fetchone()


def _check(connection: sqlite3.Connection, path: Path) -> None:
    _check_small(connection, path)
    _check_ends(connection)


def week_start(day: date) -> date:
    """The Monday of day's week."""
    return day - timedelta(days=day.weekday())
