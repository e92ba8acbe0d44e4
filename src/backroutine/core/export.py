"""Sessions as JSON, CSV and a plain table: for `backroutine history` and `export`."""

from __future__ import annotations

import csv
import errno
import json
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Generic, TextIO, TypeVar

from .durations import format_clock
from .files import atomic_text
from .history_records import SessionRecord
from .i18n import N_, _, format_date, format_time
from .names import display_width, pad

T = TypeVar("T")

SESSION_COLUMNS = (
    "id",
    "routine_id",
    "routine_name",
    "started_at",
    "ended_at",
    "status",
    "planned_seconds",
    "active_seconds",
    "paused_seconds",
    "pain_before",
    "pain_after",
    "effort",
    "note",
)
PERIOD_COLUMNS = (
    "session_id",
    "exercise",
    "side",
    "set",
    "rep",
    "kind",
    "planned_seconds",
    "actual_seconds",
    "status",
    "hurt",
)


class Counted(Generic[T]):
    """An iterable that counts what has been taken from it (sessions written, say)."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[T]:
        for item in self._items:
            self.count += 1
            yield item


def write_json(sessions: Iterable[SessionRecord], out: TextIO, pretty: bool = False) -> None:
    """One JSON list of sessions, written as they come. Compact: one session a line;
    pretty: indented by two spaces."""
    first = True
    for session in sessions:
        if pretty:
            # Strings in JSON never hold a raw line feed, so each one here is layout.
            text = json.dumps(session.as_dict(), indent=2, ensure_ascii=False)
            out.write(("[\n  " if first else ",\n  ") + text.replace("\n", "\n  "))
        else:
            text = json.dumps(session.as_dict(), separators=(",", ":"), ensure_ascii=False)
            out.write(("[\n" if first else ",\n") + text)
        first = False
    out.write("[]\n" if first else "\n]\n")


def write_sessions_csv(sessions: Iterable[SessionRecord], out: TextIO) -> None:
    writer = _writer(out, SESSION_COLUMNS)
    for session in sessions:
        _session_row(writer, session)


def write_csv_pair(sessions: Iterable[SessionRecord], out: TextIO, periods_out: TextIO) -> None:
    """Sessions to out and their periods to periods_out, in one pass over sessions."""
    writer, periods = _writer(out, SESSION_COLUMNS), _writer(periods_out, PERIOD_COLUMNS)
    for session in sessions:
        _session_row(writer, session)
        _period_rows(periods, session)


def _writer(out: TextIO, columns: tuple[str, ...]) -> Any:
    # Rows end in CR LF (as RFC 4180 has it), so the csv module quotes every cell that
    # holds either: a lone CR is never read as the end of a row.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    return writer


def _session_row(writer: Any, session: SessionRecord) -> None:
    fields = session.as_dict()
    writer.writerow([_cell(fields[column]) for column in SESSION_COLUMNS])


def _period_rows(writer: Any, session: SessionRecord) -> None:
    for period in session.periods:
        fields = {"session_id": session.id, **period.as_dict()}
        writer.writerow([_cell(fields[column]) for column in PERIOD_COLUMNS])


# Control characters other than tab and line breaks: NUL ends a cell early in some
# readers, others refuse the file. They become U+FFFD (the JSON export keeps them).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A line (the cell's first, or one after a line break) that a spreadsheet, or a reader
# that splits lines, could run as a formula: = + - @ first, perhaps after spaces or
# invisible marks (right-to-left and the like), or a tab; and a leading CR.
_BLANKS = " \u00a0\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_FORMULA_LINE = re.compile(f"\\A(?=\r)|(?:\\A|(?<=[\r\n\u2028\u2029]))(?=\t|[{_BLANKS}]*[=+\\-@])")

# Most cells hold none of the above: one look tells.
_RISKY = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\u2028\u2029]|\\A[{_BLANKS}]*[=+\\-@]")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):  # CSV is for programs too: fixed English words
        return "yes" if value else "no"
    if isinstance(value, str) and _RISKY.search(value):
        # Such a line is kept as text: an apostrophe goes before it.
        return _FORMULA_LINE.sub("'", _CONTROLS.sub("\ufffd", value))
    return value


def pain_text(session: SessionRecord) -> str:
    before = "-" if session.pain_before is None else str(session.pain_before)
    after = "-" if session.pain_after is None else str(session.pain_after)
    if before == after == "-":
        return ""
    # Translators: the pain before a session and after it, in the history's table;
    # turn the arrow where your language reads the other way ("{after} <- {before}").
    return _("{before} -> {after}").format(before=before, after=after)


def table(sessions: Sequence[SessionRecord]) -> str:
    return "\n".join(table_lines(sessions, table_widths(sessions)))


# The table is for people (`backroutine history`): its headings, dates and times are
# in their language; JSON and CSV keep fixed English names and ISO dates for programs.
TABLE_HEADINGS = (
    # Translators: the headings of `backroutine history`'s table.
    N_("DATE"),
    N_("START"),
    N_("ROUTINE"),
    # Translators: a heading: the time spent exercising, without pauses.
    N_("ACTIVE"),
    N_("STATUS"),
    # Translators: a heading: the pain ratings before and after ("4 -> 3").
    N_("PAIN"),
    # Translators: a heading: how hard the session felt (a number).
    N_("EFFORT"),
)


def _headings() -> tuple[str, ...]:
    return tuple(_(heading) for heading in TABLE_HEADINGS)


def table_widths(sessions: Iterable[SessionRecord]) -> list[int]:
    """The width of each column of the table of these sessions."""
    widths = [display_width(heading) for heading in _headings()]
    for session in sessions:
        row = _table_row(session)
        widths = [max(w, display_width(cell)) for w, cell in zip(widths, row, strict=True)]
    return widths


def table_lines(sessions: Iterable[SessionRecord], widths: Sequence[int]) -> Iterator[str]:
    """The table's lines, its headings first, as sessions come."""
    yield _table_line(_headings(), widths)
    for session in sessions:
        yield _table_line(_table_row(session), widths)


def _table_line(row: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(pad(cell, width) for cell, width in zip(row, widths, strict=True)).rstrip()


# In a terminal, a control character could move the cursor or start an escape sequence,
# and a direction embedding, override or isolate would turn the rest of the line.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _table_row(session: SessionRecord) -> tuple[str, ...]:
    active = "-" if session.active_seconds is None else format_clock(session.active_seconds)
    return (
        _shown_date(session.local_date),
        _shown_time(session.started_at),
        _TERMINAL_CONTROLS.sub("\ufffd", session.routine_name),
        active,
        session.status.label,
        pain_text(session),
        "" if session.effort is None else str(session.effort),
    )


def _shown_date(iso: str) -> str:
    """A session's day as the person's locale writes it; as kept if it is no date."""
    try:
        return format_date(date.fromisoformat(iso), "short")
    except ValueError:
        return _TERMINAL_CONTROLS.sub("\ufffd", iso)


def _shown_time(iso: str) -> str:
    """The time of day a session started, as the locale writes it."""
    try:
        return format_time(datetime.fromisoformat(iso))
    except ValueError:
        return _TERMINAL_CONTROLS.sub("\ufffd", iso[11:16])


def check_target(path: Path) -> None:
    """Raise OSError if path is there and is not a file that an export may replace
    (a folder, a device, a pipe, a socket, or a link to one)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return  # not there (or a dangling link, replaced and never written through)
    if stat.S_ISDIR(mode):
        said = _("it is a folder; choose a file name")
        raise IsADirectoryError(errno.EISDIR, said, str(path))
    if not stat.S_ISREG(mode):
        said = _("it is not a plain file (a device, pipe or socket); choose another name")
        raise OSError(errno.EEXIST, said, str(path))


def write_files(
    form: str, sessions: Iterable[SessionRecord], target: Path, pretty: bool = False
) -> list[Path]:
    """Write sessions as "json" (one file) or "csv" (target, and its periods beside it
    as NAME-periods.csv), as they come from sessions, which is read once; each file
    whole or not at all. Returns the files written."""
    check_target(target)
    if form == "json":
        with atomic_text(target) as out:
            write_json(sessions, out, pretty=pretty)
        return [target]
    periods = target.with_name(f"{target.stem}-periods{target.suffix or '.csv'}")
    check_target(periods)
    # With a byte-order mark, spreadsheets read the file as UTF-8 (accents, emoji).
    with (
        atomic_text(target, encoding="utf-8-sig") as out,
        atomic_text(periods, encoding="utf-8-sig") as periods_out,
    ):
        write_csv_pair(sessions, out, periods_out)
    return [target, periods]
