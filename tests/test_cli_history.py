"""`backroutine history` and `backroutine export`: the sessions kept, in the formats promised."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from backroutine.cli import main
from backroutine.core.history import History, PeriodRecord
from backroutine.core.i18n import format_date

from .damaged import history_with_a_bad_page
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
    # The day as the person's locale writes it (the table is for reading; JSON and CSV
    # keep ISO dates).
    day = format_date(date(2026, 11, 2), "short")
    assert lines[1].split()[:6] == [day, "14:05", "Hourly", "desk", "break", "0:08"]
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
        "10 x hold 5 s",
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


def test_export_reads_the_history_a_batch_at_a_time(capsys, home, tmp_path, monkeypatch):
    from .core.test_export import batches_read, fill

    history, _ = History.open(home / "history.sqlite3")
    fill(history, 1200)
    history.close()
    held = batches_read(monkeypatch)
    for form in ("csv", "json"):
        code, out, _ = run(capsys, "export", "--format", form, "-o", str(tmp_path / f"h.{form}"))
        assert code == 0 and out.startswith("1200 sessions written to")
        code, out, _ = run(capsys, "history", "--format", form)
        assert code == 0 and len(out) > 100_000
    assert held and max(held) <= 500 and sum(held) == 4 * 1200


def test_a_pdf_report_of_thousands_of_sessions_reads_a_batch_at_a_time(
    capsys, home, tmp_path, monkeypatch, qapp
):
    """Read and tallied as it comes, the report keeps the newest notes of each routine
    and says how many more the CSV/JSON export holds."""
    import re

    from backroutine.core.report import NOTES_SHOWN, RATED_ROWS

    from .core.test_export import batches_read, fill

    history, _ = History.open(home / "history.sqlite3")
    fill(history, 2100)  # routine-0 to routine-6; "note N" on each N not a multiple of 5
    history.close()
    held = batches_read(monkeypatch)
    report = tmp_path / "report.pdf"
    code, out, err = run(
        capsys, "export", "--format", "pdf", "-o", str(report), "--since", "2026-01-01"
    )
    assert (code, err) == (0, "") and out.startswith("A report of 2100 sessions")
    assert held and max(held) <= 500 and sum(held) == 2100
    text = pdf_text(report).replace("\r\n", " ").replace("\n", " ")
    noted = [[n for n in range(2100) if n % 7 == r and n % 5] for r in range(7)]
    shown = {int(n) for n in re.findall(r"note (\d+)", text)}
    assert shown == {n for notes in noted for n in notes[-NOTES_SHOWN:]}
    assert text.count(f"Notes, the last {NOTES_SHOWN}") == 7
    for notes in noted:
        assert f"And {len(notes) - NOTES_SHOWN} earlier notes" in text
    assert text.count("the CSV/JSON export holds all of them") == 2 * 7  # notes, ratings
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert NOTES_SHOWN == RATED_ROWS  # said as one number
    assert f"the newest {NOTES_SHOWN} notes and ratings of each routine" in said


def test_an_export_that_fails_partway_leaves_the_old_file_whole(
    capsys, history_file, tmp_path, monkeypatch
):
    import sqlite3

    for form in ("csv", "json"):
        target = tmp_path / f"kept.{form}"
        target.write_bytes(b"the export of last month")

        def broken(self, *args, **kwargs):
            raise sqlite3.DatabaseError("database disk image is malformed")

        with monkeypatch.context() as patch:
            patch.setattr(History, "sessions", broken)
            code, out, err = run(capsys, "export", "--format", form, "-o", str(target))
        assert (code, out) == (1, "")
        assert err.startswith("backroutine export: ") and "history.sqlite3" in err
        assert "malformed" in err and str(target) in err
        assert target.read_bytes() == b"the export of last month"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.csv", "kept.json"]


@pytest.mark.parametrize("kind", ["fifo", "folder", "link to a fifo"])
def test_export_onto_a_pipe_or_folder_is_refused_at_once(capsys, history_file, tmp_path, kind):
    import os

    target = tmp_path / "out.csv"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(tmp_path / "pipe")
        if kind == "fifo":
            os.replace(tmp_path / "pipe", target)
        else:
            target.symlink_to(tmp_path / "pipe")
    for form in ("csv", "json", "pdf"):
        code, out, err = run(capsys, "export", "--format", form, "-o", str(target))
        assert (code, out) == (1, ""), form
        assert err.startswith("backroutine export: cannot write") and "out.csv" in err
    assert target.is_dir() if kind == "folder" else target.is_fifo()
    assert {p.name for p in tmp_path.iterdir()} <= {"out.csv", "pipe"}


def test_history_table_shows_no_control_characters(capsys, home):
    history, _ = History.open(home / "history.sqlite3")
    history.finish(history.begin("r", "Neck\x1b[2J\rturn", "h", 60.0), "completed", 60.0, 0.0)
    history.close()
    code, out, _ = run(capsys, "history")
    assert code == 0
    assert "\x1b" not in out and "\r" not in out
    assert "Neck\ufffd[2J\ufffdturn" in out.splitlines()[1]


def report_with(capsys, history_file, tmp_path, name: str, exercise: str, note: str) -> str:
    """The text of the PDF report once a session of a routine so named is added."""
    history, _ = History.open(history_file, lambda: datetime(2026, 11, 3, 9, tzinfo=OFFSET))
    session = history.begin("odd", name, "h", 60.0)
    if exercise:
        history.add_period(session, PeriodRecord(exercise, None, 1, 1, "hold", 5.0, 5.0, "done"))
    history.finish(session, "completed", 60.0, 0.0)
    history.rate(session, pain_before=2, note=note)
    history.close()
    report = tmp_path / "report.pdf"
    code, _, err = run(
        capsys, "export", "--format", "pdf", "-o", str(report), "--since", "2026-10-01"
    )
    assert (code, err) == (0, "")
    return pdf_text(report)


def test_a_long_note_is_cut_short_in_the_report_and_whole_in_the_exports(
    capsys, history_file, tmp_path, qapp
):
    note = "Lower back ok. " + "word " * 20_000 + "LAST-WORDS"
    text = report_with(capsys, history_file, tmp_path, "Hourly desk break", "", note)
    assert "Lower back ok. word word" in text
    assert "the whole note is in the CSV/JSON export" in text.replace("\r\n", " ")
    assert "LAST-WORDS" not in text and text.count("word") < 200
    for form in ("csv", "json"):
        assert run(capsys, "export", "--format", form, "-o", str(tmp_path / f"all.{form}"))[0] == 0
    assert json.loads((tmp_path / "all.json").read_text())[-1]["note"] == note
    with open(tmp_path / "all.csv", newline="", encoding="utf-8-sig") as sessions_file:
        assert list(csv.DictReader(sessions_file))[-1]["note"] == note


def test_any_character_in_a_name_or_note_keeps_the_report_whole(
    capsys, history_file, tmp_path, qapp
):
    name, note = "Odd\x00name \u202eright to left", "kept\x00after \x07bell </p><h1>not a heading"
    text = report_with(capsys, history_file, tmp_path, name, "Tilt\x1b[2J<b>", note)
    # What cannot be shown is marked, not dropped; what looks like HTML is text.
    assert "kept\ufffdafter \ufffdbell </p><h1>not a heading" in text
    assert "Odd\ufffdname" in text
    for later in ("Hourly desk break", "Low back basics", "=fine, knees ok"):
        assert later in text, later


def test_a_report_of_many_routines_draws_a_few_charts_and_lists_every_rating(
    capsys, home, tmp_path, qapp
):
    from backroutine.ui.report_pdf import MAX_CHARTS

    moments = (datetime(2026, 11, 3, 9, tzinfo=OFFSET) + timedelta(minutes=m) for m in range(99))
    history, _ = History.open(home / "history.sqlite3", lambda: next(moments))
    for number in range(MAX_CHARTS + 3):
        session = history.begin(f"r{number:02}", f"Routine {number:02}", "h", 60.0, pain_before=4)
        history.finish(session, "completed", 60.0, 0.0)
    history.close()
    report = tmp_path / "report.pdf"
    code, out, _ = run(
        capsys, "export", "--format", "pdf", "-o", str(report), "--since", "2026-10-01"
    )
    assert code == 0 and out.startswith(f"A report of {MAX_CHARTS + 3} sessions")
    text = pdf_text(report).replace("\r\n", " ")
    assert text.count(f"Pain charts are drawn for the first {MAX_CHARTS} routines") == 3
    assert text.count("Pain before") == MAX_CHARTS + 3  # each routine's ratings table


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


@pytest.mark.parametrize(
    "command", [["history", "--format", "json"], ["export", "--format", "json"]]
)
def test_damage_met_partway_goes_on_with_what_can_be_read_giving_each_session_once(
    capsys, history_file, tmp_path, monkeypatch, command
):
    # A large file is not read through when it is opened: here the damage shows only
    # after the first session has been given.
    import sqlite3

    from backroutine.core.history import HistoryError

    reading = History.iter_sessions
    calls = []

    def damaged_after_one(self, *args, **kwargs):
        calls.append(self)
        for number, session in enumerate(reading(self, *args, **kwargs)):
            if len(calls) == 1 and number == 1:
                cause = sqlite3.DatabaseError("database disk image is malformed")
                raise HistoryError("could not be read") from cause
            yield session

    monkeypatch.setattr(History, "iter_sessions", damaged_after_one)
    target = tmp_path / "out.json"
    argv = [*command, "-o", str(target)] if command[0] == "export" else command
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    written = target.read_text() if command[0] == "export" else out
    notes = [s["note"] for s in json.loads(written)]
    assert notes == ["=fine, knees ok", ""]  # each once, in order
    assert "damaged" in err and "2 of 2 sessions were recovered" in err
    assert len(calls) == 2  # the file, then what could be read of it


def _note_with_rotten_bytes(home):
    """A history whose one long note (kept on overflow pages) has bytes that are not
    UTF-8 in its middle, as a flipped bit or a page of noise leaves them: the file's
    structure is whole, so no check of the file finds it. Returns the file's bytes."""
    import sqlite3

    moments = (datetime(2026, 11, 1, 8, tzinfo=OFFSET) + timedelta(minutes=m) for m in range(99))
    history, _ = History.open(home / "history.sqlite3", lambda: next(moments))
    long_note = "".join(f"line {n:04d} of a long note\n" for n in range(1000))
    for number in range(5):
        session = history.begin("r", "Routine", "h", 60.0)
        history.finish(session, "completed", 60.0, 0.0)
        history.rate(session, note=long_note if number == 2 else f"short {number}")
    history.close()
    path = home / "history.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    at = data.index(b"line 0700 ")
    rotten = data[:at] + b"\xff\xfe\xc3" + data[at + 3 :]
    path.write_bytes(rotten)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    return rotten


def test_one_note_that_is_not_utf8_does_not_hide_the_whole_history(capsys, home):
    rotten = _note_with_rotten_bytes(home)
    code, out, err = run(capsys, "history", "--format", "json")
    assert code == 0, err
    sessions = json.loads(out)
    assert [s["note"][:5] for s in sessions] == ["short", "short", "line ", "short", "short"]
    assert "\ufffd" in sessions[2]["note"] and "line 0999" in sessions[2]["note"]
    code, out, err = run(capsys, "export", "--format", "csv", "-o", str(home / "out.csv"))
    assert code == 0 and "5 sessions" in out, err
    assert (home / "history.sqlite3").read_bytes() == rotten  # read, never rewritten
    # The window's reading: every session, the damaged note shown with U+FFFD.
    history, _ = History.open(home / "history.sqlite3")
    try:
        assert len(history.newest(0, 10)) == 5 and len(history.sessions()) == 5
    finally:
        history.close()


@pytest.mark.parametrize("made", ["zero bytes", "a database with no tables yet"])
def test_a_history_made_but_never_written_reads_as_no_sessions_yet(capsys, home, made):
    """The app stopped just after making its history file (empty, or SQLite's header
    alone): that is no sessions yet, not a file of an unknown format."""
    import sqlite3

    path = home / "history.sqlite3"
    path.write_bytes(b"")
    if made != "zero bytes":
        with sqlite3.connect(path) as raw:
            raw.execute("PRAGMA journal_mode = WAL")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = path.read_bytes()
    code, out, err = run(capsys, "history")
    assert (code, err) == (0, "")
    assert "No sessions" in out and "format" not in out
    code, out, err = run(capsys, "export", "--format", "json", "-o", str(home / "out.json"))
    assert (code, err) == (0, "") and json.loads((home / "out.json").read_text()) == []
    assert path.read_bytes() == before


@pytest.mark.parametrize("found", ["when opened", "further in (a large file)"])
def test_a_pdf_report_of_a_damaged_history_says_so_and_reports_what_can_be_read(
    capsys, home, tmp_path, qapp, monkeypatch, found
):
    """As the CSV and JSON exports do: the person is told the history is damaged and
    how many sessions came back, the report holds those, and the file is untouched."""
    if found != "when opened":
        monkeypatch.setattr("backroutine.core.history_schema.FULL_CHECK_BYTES", 0)
    path = home / "history.sqlite3"
    data = history_with_a_bad_page(path, "desk-break", "Hourly desk break")
    report = tmp_path / "report.pdf"
    code, out, err = run(capsys, "export", "--format", "pdf", "-o", str(report))
    assert code == 0, err
    assert "damaged" in err and "sessions were recovered" in err and str(path) in err
    counted = int(out.split()[3])
    assert 0 < counted < 300 and report.read_bytes().startswith(b"%PDF")
    assert path.read_bytes() == data
