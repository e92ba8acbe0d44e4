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
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from .history_files import (
    cannot_keep,
    move_aside,
    refuse_what_is_not_a_file,
    salvage_into,
    salvage_notice,
    trouble,
)
from .history_reading import HistoryReading
from .history_records import (
    HistoryError,
    Notice,
    NoticeKind,
    Now,
    PeriodRecord,
    SessionStatus,
    local_now,
)
from .history_schema import (
    READABLE_FROM,
    SCHEMA_VERSION,
    check,
    connect,
    damage_mark,
    is_damage,
    scratch,
)
from .i18n import _, ngettext
from .locks import FileLock
from .phrases import not_recorded_until
from .salvage import salvage

__all__ = [
    "READABLE_FROM",
    "SCHEMA_VERSION",
    "History",
    "HistoryError",
    "Notice",
    "NoticeKind",
    "Now",
    "PeriodRecord",
    "SessionStatus",
    "local_now",
]


# Written into the SQL itself, not bound: the index of sessions in progress is only
# used by a query that names the status as it does.
IN_PROGRESS = SessionStatus.IN_PROGRESS.value


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
class History(HistoryReading):
    """The history file. Open it with `History.open`; every write commits at once."""

    def __init__(self, connection: sqlite3.Connection, path: Path, now: Now) -> None:
        self._db = connection
        self.path = path
        self._now = now
        self._owner = uuid.uuid4().hex
        self._lock: FileLock | None = None  # taken at the first session this process starts
        self._running: set[int] = set()

    @classmethod
    def open_read_only(
        cls, path: Path, now: Now = local_now, notices: list[Notice] | None = None
    ) -> History:
        """The history as it is, for reading where it cannot be written (a read-only
        disk, say). Raises HistoryError if there is none or it cannot be read.

        A damaged file is not changed: what can be read from it is copied into a
        temporary history, which is returned, and a notice (added to notices)
        says how many sessions that is."""
        refuse_what_is_not_a_file(path)
        if not path.exists():
            raise HistoryError(_("There is no history yet ({path}).").format(path=path))
        errors = []
        for options in ("mode=ro", "immutable=1"):
            try:
                connection = sqlite3.connect(
                    f"{path.resolve().as_uri()}?{options}", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                errors.append(trouble(exc))
                continue
            try:
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                if (
                    not version
                    and not connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
                ):
                    connection.close()  # made, and stopped before anything was written
                    return cls(scratch(), path, now)
                if READABLE_FROM <= version <= SCHEMA_VERSION:
                    check(connection, path)
            except sqlite3.DatabaseError as exc:
                connection.close()
                if is_damage(exc):
                    return cls.read_damaged(path, exc, now, notices)
                errors.append(trouble(exc))
                continue
            if not READABLE_FROM <= version <= SCHEMA_VERSION:
                connection.close()
                raise HistoryError(
                    _(
                        "Your history {path} is in format {version}; this version of "
                        "BackRoutine reads formats {oldest} to {newest} and cannot update it "
                        "here."
                    ).format(
                        path=path, version=version, oldest=READABLE_FROM, newest=SCHEMA_VERSION
                    )
                )
            return cls(connection, path, now)
        raise HistoryError(_cannot_read(path, errors))

    @classmethod
    def read_damaged(
        cls,
        path: Path,
        damage: Exception,
        now: Now = local_now,
        notices: list[Notice] | None = None,
    ) -> History:
        """What can be read of a damaged file, in a temporary history of its own (the
        file is not changed); a notice says how much that is. damage: what was seen.
        Raises HistoryError if not one session could be read."""
        connection = scratch()
        try:
            found = salvage(path, connection)
        except sqlite3.Error as exc:
            connection.close()
            raise HistoryError(_cannot_read(path, [str(damage), trouble(exc)])) from exc
        facts = {"path": path, "damage": damage, "found": found.summary()}
        if not found.sessions:
            connection.close()
            # Translators: {damage} is what is wrong with the file, {found} a sentence of
            # how many sessions could be read.
            raise HistoryError(
                _(
                    "Your history file {path} is damaged ({damage}): {found}. The file "
                    "itself was not changed."
                ).format(**facts)
            )
        if notices is not None:
            # Translators: {damage} is what is wrong with the file, {found} a sentence of
            # how many sessions could be read.
            said = _(
                "Your history file {path} is damaged ({damage}): {found}. The file itself "
                "was not changed; the app keeps what can be read the next time it starts."
            )
            notices.append(Notice(NoticeKind.READ_DAMAGED, said.format(**facts)))
        return cls(connection, path, now)

    @classmethod
    def open(cls, path: Path, now: Now = local_now) -> tuple[History, list[Notice]]:
        """The history at path, created or brought up to date. Returns it and notices
        for the person (a damaged file moved aside, sessions found interrupted).

        Raises HistoryError when no history can be kept at all (a folder that
        cannot be written, a file from a newer version of the app)."""
        notices: list[Notice] = []
        refuse_what_is_not_a_file(path)
        try:
            history, count = cls._open_and_settle(path, now)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise HistoryError(cannot_keep(path, exc)) from exc
            try:
                moved = move_aside(path, now())
            except OSError as stuck:
                said = _(
                    "Your history file {path} is damaged ({damage}) and could not be set "
                    "aside ({reason})."
                ).format(path=path, damage=exc, reason=trouble(stuck))
                # Translators: completes "Sessions still run, but they are not recorded
                # until ...".
                until = _("the file is moved or the folder can be written")
                raise HistoryError(said + " " + not_recorded_until(until)) from exc
            try:
                found = salvage_into(path, moved)
                history, count = cls._open_and_settle(path, now)
            except sqlite3.Error as again:
                raise HistoryError(cannot_keep(path, again)) from again
            notices.append(salvage_notice(exc, found, moved))
        except OSError as exc:
            raise HistoryError(cannot_keep(path, exc)) from exc
        if count:
            said = ngettext(
                "{count} session ended without being finished (the app closed or the "
                "computer stopped); what was done is kept.",
                "{count} sessions ended without being finished (the app closed or the "
                "computer stopped); what was done is kept.",
                count,
            )
            notices.append(Notice(NoticeKind.INTERRUPTED, said.format(count=count)))
        with contextlib.suppress(OSError):
            damage_mark(path).unlink(missing_ok=True)  # read through: whole, or salvaged
        return history, notices

    @classmethod
    def _open_and_settle(cls, path: Path, now: Now) -> tuple[History, int]:
        connection = connect(path)
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
            damage_mark(self.path).touch()
        return _(
            "Part of your history file {path} cannot be read: it is damaged. "
            "Close BackRoutine and open it again: what can still be read is then "
            "copied into a new history, and the damaged file is kept beside it."
        ).format(path=self.path)

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
                    period.status.value,
                    int(period.hurt),
                    period.ended_at or _iso(self._now()),
                ),
            )
        return int(cursor.lastrowid or 0)

    def mark_hurt(self, period_row: int) -> None:
        with self._writing():
            self._db.execute("UPDATE periods SET hurt = 1 WHERE id = ?", (period_row,))

    def finish(
        self,
        session_id: int,
        status: SessionStatus,
        active_seconds: float,
        paused_seconds: float,
    ) -> None:
        """The session ended (completed or stopped)."""
        status = SessionStatus(status)
        if status not in (SessionStatus.COMPLETED, SessionStatus.STOPPED):
            raise ValueError(f"session status {status.value!r}")
        with self._writing():
            self._db.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, active_seconds = ?,"
                " paused_seconds = ? WHERE id = ?",
                (status.value, _iso(self._now()), active_seconds, paused_seconds, session_id),
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
            f"SELECT id, started_at, owner FROM sessions WHERE status = '{IN_PROGRESS}'"
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
                    f"UPDATE sessions SET status = '{SessionStatus.INTERRUPTED}', ended_at = ?,"
                    " active_seconds = ?, paused_seconds = coalesce(paused_seconds, 0)"
                    f" WHERE id = ? AND status = '{IN_PROGRESS}'",
                    (ended, active, session_id),
                )
            settled += cursor.rowcount
        return settled

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        try:
            with self._db:
                yield
        except sqlite3.Error as exc:
            # Translators: {reason} says why, such as "the disk is full".
            said = _("Could not write to your history ({path}): {reason}").format(
                path=self.path, reason=trouble(exc)
            )
            raise HistoryError(said) from exc

    def _is_unfinished(self, session_id: int, owner: str) -> bool:
        """An "in progress" session that no running process is recording."""
        if session_id in self._running:
            return False
        return not owner or _owner_is_gone(self._lock_path(owner), clean_up=False)


# -- helpers -------------------------------------------------------------------


def _checked_rating(value: int | None) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10:
        raise ValueError(f"a rating is a whole number from 0 to 10, not {value!r}")
    return value


def _cannot_read(path: Path, reasons: list[str]) -> str:
    # Translators: {reason} says why, such as "the file cannot be opened".
    return _("Your history {path} cannot be read: {reason}").format(
        path=path, reason=_("; ").join(reasons)
    )
