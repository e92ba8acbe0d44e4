"""Exports as attacks: any character in a name or note, and histories of any length."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backroutine.core import export
from backroutine.core.history import History
from backroutine.core.history_records import PeriodRecord, SessionRecord

OFFSET = timezone(timedelta(hours=1))

# What a person (or a shared routine file) may type into a name or a note.
HOSTILE = (
    "Neck\r@SUM(1+1)",
    'line one\n=HYPERLINK("http://x")',
    "windows\r\n+cmd|' /C calc'!A0",
    "nul\x00-2+3",
    "\t=tab first",
    "=plain formula",
    "@at first",
    "-minus first",
    "\r\r=two returns",
    "\u200f=after a right-to-left mark",
    "\u202eoverride\n \u202b@after spaces and an embedding",
    "separator\u2028=after U+2028",
    "bell\x07, escape\x1b[31m, form feed\x0c, next line\x85=x",
    'comma, "quotes" and nothing else',
)
FORMULA_START = re.compile("[ \u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]*[=+\\-@]|\t")


def unguarded(text: str) -> list[str]:
    """The lines of text that a spreadsheet (or a reader that splits lines) would run."""
    return [line for line in re.split("[\r\n\u2028\u2029]", text) if FORMULA_START.match(line)]


@pytest.fixture
def hostile_history(tmp_path: Path) -> History:
    """One session per hostile text: in its routine's name, its note and an exercise."""
    moments = (datetime(2026, 11, 1, 8, tzinfo=OFFSET) + timedelta(minutes=m) for m in range(99))
    history, _ = History.open(tmp_path / "history.sqlite3", lambda: next(moments))
    for text in HOSTILE:
        session = history.begin("r", text, "h", 60.0)
        history.add_period(session, PeriodRecord(text, None, 1, 1, "hold", 5.0, 5.0, "done"))
        history.finish(session, "completed", 5.0, 0.0)
        history.rate(session, note=text)
    yield history
    history.close()


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as file:
        return list(csv.DictReader(file))


def test_csv_cells_with_line_breaks_and_formulas_stay_one_row_each_and_inert(
    hostile_history, tmp_path
):
    target = tmp_path / "out.csv"
    written = export.write_files("csv", hostile_history.iter_sessions(), target)
    assert written == [target, tmp_path / "out-periods.csv"]
    sessions, periods = read_csv(target), read_csv(written[1])
    assert len(sessions) == len(periods) == len(HOSTILE)  # one row each, whatever the text
    for row, text in zip(sessions, HOSTILE, strict=True):
        for cell in (row["routine_name"], row["note"]):
            assert unguarded(cell) == [], cell
            # Nothing else is lost: the guards and the control characters aside, it is the text.
            assert cell.replace("'", "") == re.sub(
                "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", "\ufffd", text
            ).replace("'", "")
    assert [p["exercise"] for p in periods] == [s["note"] for s in sessions]
    assert sessions[0]["note"] == "Neck\r'@SUM(1+1)"
    assert sessions[2]["note"] == "windows\r\n'+cmd|' /C calc'!A0"
    assert sessions[3]["note"] == "nul\ufffd-2+3"
    for path in written:
        raw = path.read_bytes()
        assert b"\x00" not in raw and b"\x1b" not in raw
        # Not even a reader that splits the file's lines by hand meets a formula.
        assert unguarded(raw.decode("utf-8-sig")) == []


def test_a_cell_with_a_lone_carriage_return_is_quoted():
    out = io.StringIO()
    record = SessionRecord(
        1, "r", "Neck\rtwist", "h", "2026-11-01T08:00:00+01:00", "2026-11-01", 60.0,
        "completed", None, None, None, None, None, None, "fine\r",
    )  # fmt: skip
    export.write_sessions_csv([record], out)
    assert '"Neck\rtwist"' in out.getvalue() and '"fine\r"' in out.getvalue()
    assert len(list(csv.reader(io.StringIO(out.getvalue(), newline="")))) == 2


def test_json_keeps_every_character_exactly(hostile_history, tmp_path):
    target = tmp_path / "out.json"
    export.write_files("json", hostile_history.iter_sessions(), target)
    sessions = json.loads(target.read_text(encoding="utf-8"))
    assert [s["note"] for s in sessions] == list(HOSTILE)
    assert [s["routine_name"] for s in sessions] == list(HOSTILE)
    # Compact: the list's brackets and one session a line.
    assert len(target.read_text(encoding="utf-8").split("\n")) == len(HOSTILE) + 3


def test_pretty_json_is_the_indented_list_and_keeps_line_separators(hostile_history):
    out = io.StringIO()
    export.write_json(hostile_history.iter_sessions(), out, pretty=True)
    records = [s.as_dict() for s in hostile_history.sessions()]
    assert out.getvalue() == json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    empty = io.StringIO()
    export.write_json(iter(()), empty, pretty=True)
    assert json.loads(empty.getvalue()) == [] and json.loads(_json_of([])) == []


def _json_of(sessions: list[SessionRecord]) -> str:
    out = io.StringIO()
    export.write_json(sessions, out)
    return out.getvalue()


# -- histories of any length ---------------------------------------------------------


def fill(history: History, count: int) -> None:
    """count sessions of two periods each, straight into the file; some share a start."""
    db = sqlite3.connect(history.path)
    base = datetime(2026, 1, 1, 8, tzinfo=OFFSET)
    rows = []
    for number in range(count):
        # Every third session starts at the same second as the one before it.
        moment = base + timedelta(minutes=number - number // 3)
        rows.append(
            (
                number + 1,
                f"routine-{number % 7}",
                f"Routine {number % 7}",
                moment.isoformat(timespec="seconds"),
                moment.timestamp(),
                moment.date().isoformat(),
                f"note {number}" if number % 5 else "",
                number % 11 if number % 2 else None,
            )
        )
    # Inserted out of order: the export follows the time, not the row ids.
    rows.reverse()
    db.executemany(
        "INSERT INTO sessions (id, routine_id, routine_name, routine_hash, started_at,"
        " started_utc, local_date, planned_seconds, status, ended_at, active_seconds,"
        " paused_seconds, note, pain_before)"
        " VALUES (?, ?, ?, 'h', ?, ?, ?, 60, 'completed', ?4, 55, 0, ?, ?)",
        rows,
    )
    db.executemany(
        "INSERT INTO periods (session_id, position, exercise, side, set_number, rep, kind,"
        " planned_seconds, actual_seconds, status, ended_at)"
        " VALUES (?, ?, ?, 'left', 1, 1, 'hold', 10, 9.5, 'done', 'x')",
        [(n, p, f"Exercise {p}") for n in range(1, count + 1) for p in range(2)],
    )
    db.commit()
    db.close()


@pytest.fixture
def long_history(tmp_path: Path) -> History:
    history, _ = History.open(tmp_path / "history.sqlite3")
    fill(history, 2500)
    yield history
    history.close()


def test_a_long_history_exports_the_same_rows_as_the_records_say(long_history, tmp_path):
    records = long_history.sessions()  # the whole list: the reference
    streamed = export.write_files("csv", long_history.iter_sessions(), tmp_path / "s.csv")
    whole = export.write_files("csv", records, tmp_path / "reference" / "s.csv")
    for mine, reference in zip(streamed, whole, strict=True):
        assert mine.read_bytes() == reference.read_bytes()
    sessions = read_csv(streamed[0])
    assert [int(s["id"]) for s in sessions] == [r.id for r in records]
    assert [(s["note"], s["pain_before"]) for s in sessions] == [
        (r.note, "" if r.pain_before is None else str(r.pain_before)) for r in records
    ]
    assert len(read_csv(streamed[1])) == 2 * len(records) == 5000
    export.write_files("json", long_history.iter_sessions(), tmp_path / "s.json")
    assert json.loads((tmp_path / "s.json").read_text()) == [r.as_dict() for r in records]


def test_streamed_sessions_come_in_the_order_and_form_of_the_whole_list(long_history):
    since = datetime(2026, 1, 2).date()
    assert list(long_history.iter_sessions(since, batch=64)) == long_history.sessions(since)
    assert list(long_history.iter_sessions(batch=1000, with_periods=False)) == (
        long_history.sessions(with_periods=False)
    )


def batches_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of sessions each call of History.sessions returns, from now on."""
    held: list[int] = []
    whole = History.sessions

    def sessions(self, *args, **kwargs):
        found = whole(self, *args, **kwargs)
        held.append(len(found))
        return found

    monkeypatch.setattr(History, "sessions", sessions)
    return held


def test_the_history_is_read_a_batch_at_a_time(long_history, monkeypatch):
    held = batches_read(monkeypatch)
    export.write_files(
        "json", long_history.iter_sessions(batch=300), Path(long_history.path.parent / "x.json")
    )
    assert sum(held) == 2500 and max(held) <= 300


@pytest.mark.parametrize("form", ["csv", "json"])
def test_the_writer_takes_sessions_one_at_a_time(long_history, form, tmp_path):
    """Each session is written before the next is asked for: none are gathered first."""
    outs = [io.StringIO(), io.StringIO()]

    def sessions():
        for number, session in enumerate(long_history.iter_sessions()):
            # All the sessions given so far are in the output already.
            assert outs[0].getvalue().count("\n") >= number, number
            yield session

    if form == "json":
        export.write_json(sessions(), outs[0])
    else:
        export.write_csv_pair(sessions(), outs[0], outs[1])
    assert outs[0].getvalue().count("\n") >= 2500
