"""Getting back what can still be read from a damaged history file.

Two passes, both reading the damaged file without ever writing to it:

1. Through SQLite: each table is copied a range of row ids at a time; a range
   that cannot be read is halved until single rows, so a bad page loses only
   the rows on it (and a bad branch page only the rows SQLite cannot reach).
2. Only for the row ids the first pass could not read: the file's pages are
   read one by one and the rows on intact leaf pages of the sessions or
   periods table are decoded by hand (the file format is documented and
   stable). This finds rows under a damaged branch page, and rows in a file
   whose first page (the one that says where each table starts) is gone.
   Holes in a sparse file are skipped, not read.

A row is kept only if every one of its values has the type and range the app
writes; a period whose session was lost is left out. Both passes stop at a
deadline, so a huge file costs a minute at most, not hours; memory stays
small (a megabyte of the file at a time). Pages of the -wal file that were
never copied into the main file are read by the first pass only.
"""

from __future__ import annotations

import bisect
import os
import sqlite3
import struct
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .history_records import PERIOD_STATUSES, STATUSES
from .i18n import _, ngettext

SALVAGE_SECONDS = 60.0  # at most this long, whatever the file's size (a 2 GB file: 30 s)
CHUNK = 50_000  # row ids copied by one statement while nothing fails
READ_BYTES = 1 << 20  # the file is read this much at a time
MAX_ROW_BYTES = 16 << 20  # a row said to be longer is damage (a long note is 1 MB)

# The tables copied, in this order (a period needs its session). Their columns are
# read from the new history's own tables; _fits knows what each holds.
TABLES = ("sessions", "periods")
SESSION_STATUSES = STATUSES  # the words a session's status is stored as

Row = tuple[object, ...]
Ranges = list[tuple[int, int]]  # row ids from, to (both included), in order
EVERY_ID: Ranges = [(-(1 << 63), (1 << 63) - 1)]


class OutOfTime(Exception):
    """The deadline passed; what was copied so far is kept."""


@dataclass
class Salvaged:
    """What came back from a damaged file."""

    sessions: int = 0
    sessions_lost: int = 0  # at least this many could not be read
    periods: int = 0
    finished: bool = True  # False when the deadline stopped it

    def summary(self) -> str:
        """A sentence for the person: how many sessions came back, how many did not."""
        if not self.finished:
            # Translators: a "session" is one time the person did a routine; recovering
            # reads what is left of a damaged history file.
            text = ngettext(
                "{count} session was recovered before recovering was stopped after "
                "{seconds} seconds; more may still be in the old file",
                "{count} sessions were recovered before recovering was stopped after "
                "{seconds} seconds; more may still be in the old file",
                self.sessions,
            )
            return text.format(count=self.sessions, seconds=f"{SALVAGE_SECONDS:.0f}")
        if not self.sessions and not self.sessions_lost:
            return _("nothing in it could be read as sessions")
        total = self.sessions + self.sessions_lost
        if self.sessions_lost:
            # Translators: {count} of {total} sessions of a damaged history file came back;
            # {lost} could not be read. The form follows {total}.
            text = ngettext(
                "{count} of {total} session were recovered ({lost} could not be read)",
                "{count} of {total} sessions were recovered ({lost} could not be read)",
                total,
            )
        else:
            # Translators: {count} of {total} sessions of a damaged history file came back.
            # The form follows {total}.
            text = ngettext(
                "{count} of {total} session were recovered",
                "{count} of {total} sessions were recovered",
                total,
            )
        return text.format(count=self.sessions, total=total, lost=self.sessions_lost)


def salvage(
    source: Path, target: sqlite3.Connection, clock: Callable[[], float] = time.monotonic
) -> Salvaged:
    """Copy every session and period that can be read from source into target's
    (empty, current-format) tables. Source is opened read-only and never written."""
    deadline = clock() + SALVAGE_SECONDS

    def late() -> bool:
        return clock() > deadline

    result = Salvaged()
    target.execute("PRAGMA synchronous = NORMAL")
    # A statement that meets damage (or the deadline) undoes the whole transaction
    # it is in, so the first pass commits each statement by itself; the second
    # reads the file itself, checks the deadline page by page, and commits once.
    tables = {
        table: tuple(row[1] for row in target.execute(f"PRAGMA main.table_info({table})"))
        for table in TABLES
    }
    target.set_progress_handler(late, 20_000)
    attached = False
    unread = {table: list(EVERY_ID) for table in tables}  # row ids SQLite could not read
    try:
        attached = _attach(source, target)
        if attached:
            for table, columns in tables.items():
                unread[table] = _copy_table(target, table, columns, late)
    except OutOfTime:
        result.finished = False
    finally:
        target.set_progress_handler(None, 0)
        if attached:
            target.execute("DETACH DATABASE damaged")
    if any(unread.values()) and result.finished:
        target.execute("BEGIN")
        try:
            _page_by_page(source, target, tables, unread, late)
        except OutOfTime:
            result.finished = False
        finally:
            target.execute("COMMIT")
    _drop_orphans(target)
    ((result.sessions, top),) = target.execute("SELECT count(*), max(id) FROM sessions")
    ((result.periods,),) = target.execute("SELECT count(*) FROM periods")
    # Session ids are given in turn from 1 and never deleted: a gap is a lost one.
    result.sessions_lost = max(0, int(top or 0) - result.sessions)
    return result


def _drop_orphans(target: sqlite3.Connection) -> None:
    """A period whose session was lost cannot be shown, and would join a new session
    that is later given the lost one's id: it stays only in the damaged file."""
    # By the gaps in the session ids (few, and found in the id order the table is
    # kept in), not by looking up each of millions of periods.
    gaps = target.execute(
        "SELECT id + 1, following - 1 FROM (SELECT id, coalesce(lead(id) OVER"
        " (ORDER BY id), 1 << 62) AS following FROM sessions) WHERE following > id + 1"
        " UNION ALL SELECT -(1 << 62), coalesce(min(id), 1 << 62) - 1 FROM sessions"
    ).fetchall()
    for low, high in gaps:
        target.execute("DELETE FROM periods WHERE session_id BETWEEN ? AND ?", (low, high))


def _interrupted(exc: sqlite3.Error) -> bool:
    return "interrupt" in str(exc).lower()


# -- the first pass: through SQLite -----------------------------------------------


def _attach(source: Path, target: sqlite3.Connection) -> bool:
    """The damaged file, read-only, as the schema "damaged"; False if SQLite cannot
    read even its list of tables."""
    for options in ("mode=ro", "immutable=1"):
        try:
            target.execute(
                "ATTACH DATABASE ? AS damaged", (f"{source.resolve().as_uri()}?{options}",)
            )
        except sqlite3.Error as exc:
            if _interrupted(exc):
                raise OutOfTime from exc
            continue
        try:
            target.execute("SELECT count(*) FROM damaged.sqlite_master").fetchone()
            return True
        except sqlite3.Error as exc:
            target.execute("DETACH DATABASE damaged")
            if _interrupted(exc):
                raise OutOfTime from exc
    return False


def _copy_table(
    target: sqlite3.Connection, table: str, columns: tuple[str, ...], late: Callable[[], bool]
) -> Ranges:
    """Copy what SQLite can read of a table; the ranges of row ids it could not read."""
    names = ", ".join(columns)
    copy = (
        f"INSERT OR IGNORE INTO main.{table} ({names}) SELECT {names} FROM damaged.{table}"
        " WHERE rowid BETWEEN ? AND ?"
    )
    failed: Ranges = []

    def lost(low: int, high: int) -> None:
        if failed and failed[-1][1] >= low - 1:
            failed[-1] = (failed[-1][0], max(high, failed[-1][1]))
        else:
            failed.append((low, high))

    def read(query: str, *values: object) -> Any:
        try:
            return target.execute(query, values).fetchone()[0]
        except sqlite3.Error as exc:
            if _interrupted(exc):
                raise OutOfTime from exc
            raise

    def copy_range(low: int, high: int) -> None:
        if late():
            raise OutOfTime
        try:
            target.execute(copy, (low, high))
        except sqlite3.Error as exc:
            if _interrupted(exc):
                raise OutOfTime from exc
            if low < high:  # halve it: only the rows on the bad page stay behind
                middle = (low + high) // 2
                copy_range(low, middle)
                copy_range(middle + 1, high)
            else:
                lost(low, low)

    try:
        read(f"SELECT count(*) FROM (SELECT {names} FROM damaged.{table} LIMIT 0)")
    except sqlite3.Error:
        return list(EVERY_ID)  # the table cannot be found at all: the second pass's work
    ends: list[int | None] = []
    for query in (
        f"SELECT min(rowid) FROM damaged.{table}",
        f"SELECT max(rowid) FROM damaged.{table}",
    ):
        try:
            found = read(query)
            ends.append(0 if found is None else int(found))
        except sqlite3.Error:
            ends.append(None)
    first, last = ends
    if first is None and last is None:
        return list(EVERY_ID)  # every search starts at a page that is gone
    step = CHUNK if last is not None else CHUNK // 50
    low = max(1, first or 1)
    barren = 0  # steps in a row that copied nothing (when the end is not known)
    while last is None or low <= last:
        before = target.total_changes
        copy_range(low, low + step - 1 if last is None else min(low + step - 1, last))
        barren = 0 if target.total_changes > before else barren + 1
        if last is None and barren > 3:
            lost(low, EVERY_ID[0][1])  # the newest rows' page is bad: the rest is unknown
            break
        low += step
        try:
            after = read(f"SELECT min(rowid) FROM damaged.{table} WHERE rowid >= ?", low)
        except sqlite3.Error:
            continue
        if after is None:
            break
        low = int(after)  # over a gap in the ids at once
    return failed


# -- the second pass: page by page ---------------------------------------------------

HEADER = b"SQLite format 3\x00"
PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)
TABLE_LEAF = 13


def _page_by_page(
    source: Path,
    target: sqlite3.Connection,
    tables: dict[str, tuple[str, ...]],
    unread: dict[str, Ranges],
    late: Callable[[], bool],
) -> None:
    """Decode the leaf pages whose rows the first pass could not read."""

    def wanted(table: str, low: int, high: int) -> bool:
        ranges = unread[table]
        at = bisect.bisect_left(ranges, (low,)) - 1  # the last range starting before low
        return any(start <= high and low <= end for start, end in ranges[max(0, at) : at + 2])

    with open(source, "rb") as handle:
        reader = _Pages(handle.fileno(), tables)
        for number, page in reader.pages():
            if late():
                raise OutOfTime
            if number == 1 or page[0] != TABLE_LEAF:
                continue  # page 1 holds only the list of tables
            for table, row in reader.rows(page, wanted):
                columns = tables[table]
                try:
                    target.execute(
                        f"INSERT OR IGNORE INTO main.{table} ({', '.join(columns)})"
                        f" VALUES ({', '.join('?' * len(columns))})",
                        row,
                    )
                except sqlite3.Error as exc:
                    if _interrupted(exc):
                        raise OutOfTime from exc
                    # a row that does not fit the table is left behind


class _Pages:
    """The pages of a database file whose own header may be lost."""

    def __init__(self, descriptor: int, tables: dict[str, tuple[str, ...]]) -> None:
        self.fd = descriptor
        self.tables = tables
        self.size = os.fstat(descriptor).st_size
        first = os.pread(descriptor, 100, 0)
        self.page_size, reserved = _header_sizes(first)
        if not self.page_size:
            self.page_size, reserved = self._guess_page_size(), 0
        self.usable = self.page_size - reserved

    def _guess_page_size(self) -> int:
        """The size at which most pages look like pages (the header that said is lost)."""
        sample = os.pread(self.fd, 4 << 20, 0)
        best, best_score = 4096, 0
        for size in PAGE_SIZES:
            score = sum(
                _looks_like_leaf(sample[start : start + size])
                for start in range(size, len(sample) - size + 1, size)
            )
            if score > best_score:
                best, best_score = size, score
        return best

    def pages(self) -> Iterator[tuple[int, bytes]]:
        """(number, bytes) of each page that holds data, skipping holes in a sparse file."""
        size = self.page_size
        position = 0
        while position < self.size:
            try:
                position = os.lseek(self.fd, position, os.SEEK_DATA)
            except OSError:
                break  # only holes from here on
            position -= position % size
            block = os.pread(self.fd, READ_BYTES, position)
            if len(block) < size:
                break
            for start in range(0, len(block) - size + 1, size):
                yield (position + start) // size + 1, block[start : start + size]
            position += len(block) - len(block) % size

    def page(self, number: int) -> bytes:
        if number < 1 or (number - 1) * self.page_size >= self.size:
            raise ValueError("no such page")
        return os.pread(self.fd, self.page_size, (number - 1) * self.page_size)

    def rows(
        self, page: bytes, wanted: Callable[[str, int, int], bool]
    ) -> Iterator[tuple[str, Row]]:
        """The rows on a table leaf page that fit the sessions or periods table, if
        wanted(table, first row id, last row id) says some may not be in yet."""
        try:
            count, content = struct.unpack_from(">HH", page, 3)
            offsets = [
                offset
                for (offset,) in struct.iter_unpack(">H", page[8 : 8 + 2 * count])
                if content <= offset < self.usable
            ]
            table = self._table_of(page, offsets[0])
            first = _varint(page, _varint(page, offsets[0])[1])[0]
            last = _varint(page, _varint(page, offsets[-1])[1])[0]
        except (ValueError, IndexError, struct.error):
            return
        if table is None or not wanted(table, min(first, last), max(first, last)):
            return
        for offset in offsets:
            try:
                found = self._cell(page, offset)
            except (ValueError, IndexError, struct.error, UnicodeDecodeError):
                continue
            if found is not None:
                yield found

    def _table_of(self, page: bytes, offset: int) -> str | None:
        """Which table a page's rows are from, by how many values its first row has."""
        _size, offset = _varint(page, offset)
        _rowid, offset = _varint(page, offset)
        header_size, at = _varint(page, offset)
        values = 0
        while at < offset + header_size:
            _kind, at = _varint(page, at)
            values += 1
        for table, columns in self.tables.items():
            if values == len(columns):
                return table
        return None

    def _cell(self, page: bytes, offset: int) -> tuple[str, Row] | None:
        size, offset = _varint(page, offset)
        rowid, offset = _varint(page, offset)
        payload = self._payload(page, offset, size)
        values = _record(payload)
        for table, columns in self.tables.items():
            if len(values) == len(columns) and values[0] is None:
                row = (rowid, *values[1:])
                if _fits(table, row):
                    return table, row
        return None

    def _payload(self, page: bytes, offset: int, size: int) -> bytes:
        usable = self.usable
        most = usable - 35
        if size > MAX_ROW_BYTES:
            raise ValueError("a row longer than any the app writes")
        if size <= most:
            return page[offset : offset + size]
        least = (usable - 12) * 32 // 255 - 23
        local = least + (size - least) % (usable - 4)
        if local > most:
            local = least
        parts = [page[offset : offset + local]]
        got = local
        (following,) = struct.unpack_from(">I", page, offset + local)
        seen: set[int] = set()
        while got < size:
            if following in seen or len(seen) > size // (usable - 4) + 1:
                raise ValueError("an overflow chain that loops")
            seen.add(following)
            overflow = self.page(following)
            (following,) = struct.unpack_from(">I", overflow, 0)
            take = min(size - got, usable - 4)
            parts.append(overflow[4 : 4 + take])
            got += take
        return b"".join(parts)


def _header_sizes(first: bytes) -> tuple[int, int]:
    """Page size and reserved bytes from the file's header, (0, 0) if it is lost."""
    if len(first) < 100 or not first.startswith(HEADER):
        return 0, 0
    (size,) = struct.unpack_from(">H", first, 16)
    size = 65536 if size == 1 else size
    if size not in PAGE_SIZES or first[20] >= size // 2:
        return 0, 0
    return size, first[20]


def _looks_like_leaf(page: bytes) -> bool:
    if len(page) < 8 or page[0] != TABLE_LEAF:
        return False
    count, content = struct.unpack_from(">HH", page, 3)
    if count == 0 or not 8 + 2 * count <= (content or 65536) <= len(page):
        return False
    (offset,) = struct.unpack_from(">H", page, 8)
    return bool(content <= offset < len(page))


def _varint(data: bytes, offset: int) -> tuple[int, int]:
    value = 0
    for index in range(8):
        byte = data[offset + index]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, offset + index + 1
    return (value << 8) | data[offset + 8], offset + 9


INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _record(payload: bytes) -> list[object]:
    header_size, offset = _varint(payload, 0)
    if header_size > len(payload) or header_size < 1:
        raise ValueError("a record header past its end")
    kinds = []
    while offset < header_size:
        kind, offset = _varint(payload, offset)
        kinds.append(kind)
    values: list[object] = []
    body = header_size
    for kind in kinds:
        if kind == 0:
            values.append(None)
        elif kind in INT_SIZES:
            width = INT_SIZES[kind]
            values.append(int.from_bytes(payload[body : body + width], "big", signed=True))
            body += width
        elif kind == 7:
            (number,) = struct.unpack_from(">d", payload, body)
            values.append(number)
            body += 8
        elif kind in (8, 9):
            values.append(kind - 8)
        elif kind >= 12:
            width = (kind - 12) // 2
            chunk = payload[body : body + width]
            values.append(chunk.decode("utf-8") if kind % 2 else bytes(chunk))
            body += width
        else:
            raise ValueError("a reserved value type")
        if body > len(payload):
            raise ValueError("a value past the record's end")
    return values


def _number(value: object, empty: bool = False) -> bool:
    if value is None:
        return empty
    return isinstance(value, int | float) and not isinstance(value, bool)


def _rating(value: object) -> bool:
    return value is None or (isinstance(value, int) and 0 <= value <= 10)


def _text(value: object, empty: bool = False) -> bool:
    return isinstance(value, str) or (empty and value is None)


def _a_day(value: object) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _fits(table: str, row: Row) -> bool:
    """Whether a decoded row has the types and ranges the app writes into that table."""
    if not isinstance(row[0], int) or row[0] < 1:
        return False
    if table == "sessions":
        return (
            all(_text(value) for value in row[1:5])
            and _number(row[5])
            and _a_day(row[6])
            and _number(row[7])
            and _text(row[8])
            and row[9] in SESSION_STATUSES
            and _text(row[10], empty=True)
            and _number(row[11], empty=True)
            and _number(row[12], empty=True)
            and all(_rating(value) for value in row[13:16])
            and _text(row[16])
        )
    return (
        isinstance(row[1], int)
        and isinstance(row[2], int)
        and _text(row[3])
        and _text(row[4], empty=True)
        and isinstance(row[5], int)
        and isinstance(row[6], int)
        and _text(row[7])
        and _number(row[8], empty=True)
        and _number(row[9])
        and row[10] in PERIOD_STATUSES
        and row[11] in (0, 1)
        and _text(row[12])
    )
