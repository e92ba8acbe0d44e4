"""Sessions as JSON, CSV and a plain table: for `backroutine history` and `export`."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .durations import format_clock
from .files import atomic_text
from .history import SessionRecord

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


def write_json(sessions: Sequence[SessionRecord], out: TextIO) -> None:
    json.dump([s.as_dict() for s in sessions], out, indent=2, ensure_ascii=False)
    out.write("\n")


def write_sessions_csv(sessions: Sequence[SessionRecord], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SESSION_COLUMNS)
    for session in sessions:
        fields = session.as_dict()
        writer.writerow(_cell(fields[column]) for column in SESSION_COLUMNS)


def write_periods_csv(sessions: Sequence[SessionRecord], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PERIOD_COLUMNS)
    for session in sessions:
        for period in session.periods:
            fields = {"session_id": session.id, **period.as_dict()}
            writer.writerow(_cell(fields[column]) for column in PERIOD_COLUMNS)


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        # A note that a spreadsheet would run as a formula is kept as text.
        return "'" + value
    return value


def pain_text(session: SessionRecord) -> str:
    before = "-" if session.pain_before is None else str(session.pain_before)
    after = "-" if session.pain_after is None else str(session.pain_after)
    return "" if before == after == "-" else f"{before} -> {after}"


def table(sessions: Sequence[SessionRecord]) -> str:
    rows = [("DATE", "START", "ROUTINE", "ACTIVE", "STATUS", "PAIN", "EFFORT")]
    for session in sessions:
        active = "-" if session.active_seconds is None else format_clock(session.active_seconds)
        rows.append(
            (
                session.local_date,
                session.started_at[11:16],
                session.routine_name,
                active,
                session.status.replace("_", " "),
                pain_text(session),
                "" if session.effort is None else str(session.effort),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def write_files(form: str, sessions: Sequence[SessionRecord], target: Path) -> list[Path]:
    """Write sessions as "json" (one file) or "csv" (target, and its periods beside it
    as NAME-periods.csv); each file whole or not at all. Returns the files written."""
    if form == "json":
        with atomic_text(target) as out:
            write_json(sessions, out)
        return [target]
    periods = target.with_name(f"{target.stem}-periods{target.suffix or '.csv'}")
    # With a byte-order mark, spreadsheets read the file as UTF-8 (accents, emoji).
    with atomic_text(target, encoding="utf-8-sig") as out:
        write_sessions_csv(sessions, out)
    with atomic_text(periods, encoding="utf-8-sig") as out:
        write_periods_csv(sessions, out)
    return [target, periods]
