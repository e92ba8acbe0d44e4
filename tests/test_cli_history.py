"""`backroutine history` and `backroutine export`: the sessions kept, in the formats promised."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone

import pytest

from backroutine.cli import main
from backroutine.core.history import History, PeriodRecord

from .test_cli import run

OFFSET = timezone(timedelta(hours=1))


@pytest.fixture
def history_file(home):
    """Two sessions: a completed program session with ratings, and a stopped break."""
    moments = iter(
        [
            datetime(2026, 10, 30, 8, 0, tzinfo=OFFSET),
            datetime(2026, 10, 30, 8, 11, tzinfo=OFFSET),
            datetime(2026, 11, 2, 14, 5, tzinfo=OFFSET),
            datetime(2026, 11, 2, 14, 6, tzinfo=OFFSET),
            datetime(2026, 11, 2, 14, 7, tzinfo=OFFSET),
        ]
    )
    history, _ = History.open(home / "history.sqlite3", lambda: next(moments))
    program = history.begin("low-back-basics", "Low back basics", "h1", 621.0, pain_before=4)
    history.add_period(
        program,
        PeriodRecord("Bridge", None, 1, 1, "hold", 10.0, 10.0, "done", ended_at="x"),
    )
    history.finish(program, "completed", 600.0, 12.0)
    history.rate(program, pain_after=3, effort=6, note="=fine, knees ok")
    desk = history.begin("desk-break", "Hourly desk break", "h2", 153.0)
    history.add_period(
        desk,
        PeriodRecord("Neck turn", "left", 1, 1, "duration", 20.0, 8.0, "skipped"),
    )
    history.finish(desk, "stopped", 8.0, 0.0)
    history.close()
    return home / "history.sqlite3"


def test_history_json_is_the_documented_list_of_sessions(capsys, history_file):
    code, out, err = run(capsys, "history", "--format", "json")
    assert (code, err) == (0, "")
    sessions = json.loads(out)
    assert [s["routine_id"] for s in sessions] == ["low-back-basics", "desk-break"]
    first = sessions[0]
    assert {
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
        "periods",
    } <= set(first)
    assert first["started_at"] == "2026-10-30T08:00:00+01:00"
    assert first["ended_at"] == "2026-10-30T08:11:00+01:00"
    assert (first["status"], first["pain_before"], first["pain_after"]) == ("completed", 4, 3)
    assert first["periods"] == [
        {
            "exercise": "Bridge",
            "side": None,
            "set": 1,
            "rep": 1,
            "kind": "hold",
            "planned_seconds": 10.0,
            "actual_seconds": 10.0,
            "status": "done",
            "hurt": False,
        }
    ]
    assert sessions[1]["periods"][0]["side"] == "left"
    assert sessions[1]["status"] == "stopped"


def test_history_since_a_date_and_as_a_table(capsys, history_file):
    code, out, _ = run(capsys, "history", "--since", "2026-11-01")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "START", "ROUTINE", "ACTIVE", "STATUS", "PAIN", "EFFORT"]
    assert len(lines) == 2
    assert lines[1].split()[:6] == ["2026-11-02", "14:05", "Hourly", "desk", "break", "0:08"]
    code, out, _ = run(capsys, "history")
    assert "4 -> 3" in out and "completed" in out


def test_a_bad_since_date_is_a_usage_error_that_shows_the_form(capsys, history_file):
    with pytest.raises(SystemExit) as exit:
        main(["history", "--since", "1/11/2026"])
    assert exit.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err


def test_no_history_yet_says_where_it_will_be(capsys, home):
    code, out, _ = run(capsys, "history")
    assert code == 0 and out.startswith("No sessions yet.")
    assert not (home / "history.sqlite3").exists()  # looking creates nothing
    code, out, _ = run(capsys, "history", "--format", "json")
    assert json.loads(out) == []


def test_a_damaged_history_is_reported_and_left_as_it_is(capsys, home):
    (home / "history.sqlite3").write_bytes(b"not a database at all" * 50)
    code, out, err = run(capsys, "history")
    assert code == 1 and out == ""
    assert err.startswith("backroutine history: ") and "history.sqlite3" in err
    assert (home / "history.sqlite3").read_bytes().startswith(b"not a database")


def test_export_csv_writes_sessions_and_their_periods(capsys, history_file, tmp_path):
    target = tmp_path / "report.csv"
    code, out, _ = run(capsys, "export", "--format", "csv", "-o", str(target))
    assert code == 0
    assert "2 sessions written to" in out
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    with open(target, newline="", encoding="utf-8-sig") as sessions_file:
        sessions = list(csv.DictReader(sessions_file))
    assert [s["status"] for s in sessions] == ["completed", "stopped"]
    assert sessions[0]["note"] == "'=fine, knees ok"  # not run as a spreadsheet formula
    assert sessions[1]["pain_before"] == ""
    with open(tmp_path / "report-periods.csv", newline="", encoding="utf-8-sig") as periods_file:
        periods = list(csv.DictReader(periods_file))
    assert [(p["session_id"], p["exercise"], p["status"]) for p in periods] == [
        (sessions[0]["id"], "Bridge", "done"),
        (sessions[1]["id"], "Neck turn", "skipped"),
    ]


def test_export_json_since_a_date(capsys, history_file, tmp_path):
    target = tmp_path / "out" / "history.json"
    code, _, _ = run(
        capsys, "export", "--format", "json", "-o", str(target), "--since", "2026-11-01"
    )
    assert code == 0
    assert [s["routine_id"] for s in json.loads(target.read_text())] == ["desk-break"]


def test_export_to_a_place_that_cannot_be_written_says_so(capsys, history_file, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run(capsys, "export", "--format", "json", "-o", str(blocker / "x.json"))
    assert code == 1
    assert err.startswith("backroutine export: cannot write")


def pdf_text(path) -> str:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))


def test_export_pdf_is_a_report_for_a_clinician(capsys, history_file, tmp_path, qapp):
    target = tmp_path / "report.pdf"
    code, out, err = run(
        capsys, "export", "--format", "pdf", "-o", str(target), "--since", "2026-10-01"
    )
    assert (code, err) == (0, "")
    assert out.startswith("A report of 2 sessions written to")
    assert target.read_bytes().startswith(b"%PDF")
    text = pdf_text(target)
    for expected in (
        "Home exercise report",
        "Low back basics",
        "Prescribed: twice a day, every day",
        "Adherence:",
        "Pelvic tilt",
        "10 x hold 5s",
        "Hourly desk break",
        "=fine, knees ok",  # the note, as written
    ):
        assert expected in text, expected


def test_export_pdf_onto_a_folder_fails_loudly_and_leaves_nothing(capsys, history_file, tmp_path):
    target = tmp_path / "a-folder.pdf"
    target.mkdir()
    code, out, err = run(capsys, "export", "--format", "pdf", "-o", str(target))
    assert code == 1 and out == ""
    assert err.startswith("backroutine export: cannot write")
    assert list(tmp_path.iterdir()) == [target] and list(target.iterdir()) == []


def test_history_of_a_damaged_file_shows_what_can_be_read_and_says_how_much(capsys, history_file):
    import sqlite3

    with sqlite3.connect(history_file) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(history_file.read_bytes())
    data[:4096] = b"\xde\xad" * 2048  # the first page, with the list of tables, is gone
    history_file.write_bytes(bytes(data))
    code, out, err = run(capsys, "history", "--format", "json")
    assert code == 0
    assert [s["note"] for s in json.loads(out)] == ["=fine, knees ok", ""]
    assert err.startswith("backroutine history: ") and str(history_file) in err
    assert "damaged" in err and "2 of 2 sessions were recovered" in err
    assert history_file.read_bytes() == bytes(data)  # read, never changed


def test_history_where_the_file_is_a_pipe_says_so_at_once(capsys, home):
    import os

    os.mkfifo(home / "history.sqlite3")
    code, out, err = run(capsys, "export", "--format", "csv", "-o", str(home / "x.csv"))
    assert (code, out) == (1, "")
    assert str(home / "history.sqlite3") in err and "pipe" in err
    assert not (home / "x.csv").exists()
