"""Reading the history: sessions as typed records, and the counts the pages, the
reminders and the reports ask for. Nothing here writes."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from .history_files import trouble
from .history_records import (
    PERIOD_COLUMNS,
    SESSION_COLUMNS,
    HistoryError,
    PeriodRecord,
    SessionRecord,
    SessionRow,
    SessionStatus,
    period_from_row,
)
from .i18n import _

T = TypeVar("T")

COMPLETED = SessionStatus.COMPLETED.value


class HistoryReading:
    """The queries of a history; History adds opening and writing."""

    _db: sqlite3.Connection
    path: Path

    def _is_unfinished(self, session_id: int, owner: str) -> bool:
        raise NotImplementedError

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
            f"SELECT {SESSION_COLUMNS} FROM sessions {clause} ORDER BY {order}", values
        )
        periods: dict[int, list[PeriodRecord]] = {}
        if with_periods and rows:
            periods = self._lenient(lambda: self._periods(clause, values))
        found = []
        for row in rows:
            read = SessionRow.read(row, periods)
            record = read.record
            if record.status is SessionStatus.IN_PROGRESS and self._is_unfinished(
                record.id, read.owner
            ):
                # Not settled (a read-only look), but just as interrupted.
                ended_at, active = self._what_was_kept(record.id, record.started_at)
                record = replace(
                    record,
                    status=SessionStatus.INTERRUPTED,
                    ended_at=ended_at,
                    active_seconds=active,
                    paused_seconds=record.paused_seconds or 0.0,
                )
            found.append(record)
        return found

    def _periods(self, clause: str, values: list[Any]) -> dict[int, list[PeriodRecord]]:
        """The periods of the sessions a WHERE clause finds, by session id."""
        periods: dict[int, list[PeriodRecord]] = {}
        for row in self._db.execute(
            f"SELECT {PERIOD_COLUMNS} FROM periods"
            f" WHERE session_id IN (SELECT id FROM sessions {clause}) ORDER BY id",
            values,
        ):
            session_id, period = period_from_row(row)
            periods.setdefault(session_id, []).append(period)
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
                # A reader left partway (output piped into `head`) is closed after
                # the history: its cursor went with the connection.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    ids.close()
        except sqlite3.Error as exc:
            # Translators: {reason} says why, such as "the file cannot be opened".
            said = _("Your history {path} could not be read: {reason}").format(
                path=self.path, reason=trouble(exc)
            )
            raise HistoryError(said) from exc

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

    def session(self, session_id: int) -> SessionRecord | None:
        found = self.sessions(session_id=session_id)
        return found[0] if found else None

    def completed_per_day(self, routine_id: str, since: date, until: date) -> dict[date, int]:
        """How many sessions of a routine were completed on each day in [since, until)."""
        rows = self._db.execute(
            "SELECT local_date, count(*) FROM sessions WHERE routine_id = ?"
            " AND status = ? AND local_date >= ? AND local_date < ?"
            " GROUP BY local_date",
            (routine_id, COMPLETED, since.isoformat(), until.isoformat()),
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
            f" WHERE status = '{COMPLETED}' AND local_date <= ? ORDER BY local_date DESC"
            " LIMIT 1) UNION ALL SELECT (SELECT local_date FROM sessions"
            f" WHERE status = '{COMPLETED}' AND local_date < done.day"
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
            "SELECT local_date, count(*) FROM sessions WHERE status = ?"
            " AND local_date >= ? AND local_date < ? GROUP BY local_date",
            (COMPLETED, since.isoformat(), until.isoformat()),
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


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "replace")
