"""The history store: sessions and periods kept as they happen, never lost or silently dropped."""

from __future__ import annotations

import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from backroutine.core.history import (
    SCHEMA_VERSION,
    History,
    HistoryError,
    NoticeKind,
    PeriodRecord,
    SessionStatus,
)
from backroutine.core.history_records import PeriodStatus
from backroutine.core.history_schema import MIGRATIONS

from ..clocks import WallClock

PARIS = timezone(timedelta(hours=1))


@pytest.fixture
def wall() -> WallClock:
    return WallClock(datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


def hold(rep: int, status: str = "done", seconds: float = 10.0) -> PeriodRecord:
    return PeriodRecord("Bridge", None, 1, rep, "hold", 10.0, seconds, status, position=rep)


def test_a_new_history_is_private_in_wal_mode_at_the_current_version(db_path, wall):
    history, notices = History.open(db_path, wall)
    assert notices == []
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    history.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_every_older_schema_is_brought_up_to_date(db_path, wall, version):
    with sqlite3.connect(db_path) as raw:  # as an older app left it (0: an empty file)
        for step in MIGRATIONS[:version]:
            raw.executescript(step)
        raw.execute(f"PRAGMA user_version = {version}")
    history, notices = History.open(db_path, wall)
    assert notices == []
    session = history.begin("desk-break", "Hourly desk break", "abc", 153.0)
    history.add_period(session, hold(1))
    assert history.session(session).periods[0].exercise == "Bridge"
    history.close()


def test_an_earlier_history_is_read_as_it_is_then_settled_through_its_new_index(db_path, wall):
    """The history command reads a file the previous version wrote without changing
    it; the app's start adds the index that finds unfinished sessions, and keeps the
    format number, so that the previous version still records into it."""
    with sqlite3.connect(db_path) as raw:  # as the previous version left it
        raw.executescript(MIGRATIONS[0])
        raw.execute("PRAGMA user_version = 1")
        for number in range(50):
            status = "in_progress" if number == 30 else "completed"
            raw.execute(
                "INSERT INTO sessions (routine_id, routine_name, routine_hash, started_at,"
                " started_utc, local_date, planned_seconds, owner, status)"
                " VALUES ('r', 'R', 'h', '2026-11-20T08:00:00+01:00', ?, '2026-11-20', 60,"
                " 'gone-long-ago', ?)",
                (1_700_000_000 + number, status),
            )
    before = db_path.read_bytes()
    reader = History.open_read_only(db_path)
    assert len(reader.sessions()) == 50 and reader.session(31).status == "interrupted"
    reader.close()
    assert db_path.read_bytes() == before
    history, notices = History.open(db_path, wall)
    assert "1 session ended without being finished" in notices[0]
    plan = history._db.execute(
        "EXPLAIN QUERY PLAN SELECT id, started_at, owner FROM sessions WHERE status = 'in_progress'"
    ).fetchall()
    assert "sessions_in_progress" in str(plan)  # not a walk through every session
    assert history.session(31).status == "interrupted"
    history.close()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 1  # as it was
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "sessions_in_progress" in names


def test_the_pain_trend_reads_only_the_days_it_shows(db_path, wall):
    history, _ = History.open(db_path, wall)
    ran: list[str] = []
    history._db.set_trace_callback(ran.append)
    history.pain_points(date(2026, 11, 1))
    history._db.set_trace_callback(None)
    plan = history._db.execute(f"EXPLAIN QUERY PLAN {ran[-1]}").fetchall()
    # The days asked for, by the date index; not the whole time index walked in order.
    assert "sessions_by_date (local_date>?)" in str(plan)
    session = history.begin("r", "R", "h", 60.0, pain_before=5)
    history.rate(session, pain_after=3)
    wall.moment += timedelta(days=40)
    history.begin("r", "R", "h", 60.0, pain_before=2)
    points = history.pain_points(date(2026, 12, 1))
    assert [(before, after) for _, before, after in points] == [(2, None)]
    assert history.pain_points(date(2026, 11, 1))[0][1:] == (5, 3)
    history.close()


def test_sessions_of_some_days_are_found_by_day_not_by_walking_all_of_them(db_path, wall):
    history, _ = History.open(db_path, wall)
    ran: list[str] = []
    history._db.set_trace_callback(ran.append)
    history.sessions(since=date(2026, 11, 1), with_periods=False)
    history._db.set_trace_callback(None)
    plan = str(history._db.execute(f"EXPLAIN QUERY PLAN {ran[-1]}").fetchall())
    assert "sessions_by_date (local_date>?)" in plan and "SCAN" not in plan
    history.close()


def test_a_zero_byte_file_is_an_empty_history(db_path, wall):
    db_path.write_bytes(b"")
    history, notices = History.open(db_path, wall)
    assert notices == [] and history.sessions() == []


def test_a_session_is_kept_from_its_start_with_its_periods_ratings_and_end(db_path, wall):
    history, _ = History.open(db_path, wall)
    session = history.begin("low-back-basics", "Low back basics", "h1", 621.0, pain_before=4)
    assert history.session(session).status == "in_progress"
    history.add_period(session, hold(1))
    history.add_period(session, hold(2, "skipped", 3.5))
    wall.moment += timedelta(minutes=11)
    history.finish(session, "completed", active_seconds=600.5, paused_seconds=20.0)
    history.rate(session, pain_after=3, effort=5, note="Easier than Monday")
    record = history.session(session).as_dict()
    assert record["started_at"] == "2026-11-23T09:30:00+01:00"
    assert record["ended_at"] == "2026-11-23T09:41:00+01:00"
    assert (record["status"], record["active_seconds"], record["paused_seconds"]) == (
        "completed",
        600.5,
        20.0,
    )
    assert (record["pain_before"], record["pain_after"], record["effort"]) == (4, 3, 5)
    assert record["note"] == "Easier than Monday"
    assert [(p["rep"], p["status"], p["actual_seconds"]) for p in record["periods"]] == [
        (1, "done", 10.0),
        (2, "skipped", 3.5),
    ]


def test_ratings_outside_0_to_10_are_refused(db_path, wall):
    history, _ = History.open(db_path, wall)
    session = history.begin("r", "R", "h", 60.0)
    for bad in (-1, 11, 2.5, True):
        with pytest.raises(ValueError):
            history.rate(session, pain_after=bad)


KILLED_MID_SESSION = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from backroutine.core.history import History, PeriodRecord
    history, _ = History.open(Path(sys.argv[1]))
    session = history.begin("low-back-basics", "Low back basics", "h", 621.0)
    for rep in (1, 2):
        history.add_period(
            session, PeriodRecord("Bridge", None, 1, rep, "hold", 10.0, 10.0, "done")
        )
    print(session, flush=True)
    time.sleep(120)
    """
)


def test_a_session_killed_mid_way_keeps_its_periods_and_reads_as_interrupted(db_path):
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_MID_SESSION, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        session = int(child.stdout.readline())
        # While it runs, a reader (the history command) sees it in progress.
        reader = History.open_read_only(db_path)
        assert reader.session(session).status == "in_progress"
        reader.close()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
    # Even without anyone settling it (a read-only look), it reads as interrupted.
    reader = History.open_read_only(db_path)
    assert reader.session(session).status == "interrupted"
    reader.close()
    # The app's next start settles it for good, and says so.
    history, notices = History.open(db_path)
    assert notices and "1 session ended without being finished" in notices[0]
    record = history.session(session)
    assert record.status == "interrupted"
    assert [p.rep for p in record.periods] == [1, 2]
    assert record.active_seconds == 20.0
    assert record.ended_at is not None
    history.close()
    again, notices = History.open(db_path)
    assert notices == []  # settled once, not reported at every start
    assert again.session(session).status == "interrupted"
    again.close()


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_one_started(db_path, wall):
    db_path.write_bytes(b"these are not the sessions you are looking for" * 100)
    history, notices = History.open(db_path, wall)
    kept = db_path.with_name("history.sqlite3.damaged-20261123-093000")
    assert kept.read_bytes().startswith(b"these are not")
    assert len(notices) == 1 and str(kept) in notices[0]
    session = history.begin("r", "R", "h", 60.0)
    assert history.session(session) is not None


@pytest.mark.parametrize("read_through", [True, False], ids=["small file", "large file"])
def test_a_damaged_database_is_kept_aside_too(db_path, wall, monkeypatch, read_through):
    if not read_through:  # as for a file too big to read through at every start
        monkeypatch.setattr("backroutine.core.history_schema.FULL_CHECK_BYTES", 0)
    history, _ = History.open(db_path, wall)
    for _ in range(200):
        history.add_period(history.begin("r", "R", "h", 60.0), hold(1))
    history.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db_path.read_bytes())
    page = 4096
    data[2 * page : 4 * page] = b"\xff" * (2 * page)  # wreck two pages in the middle
    db_path.write_bytes(bytes(data))
    history, notices = History.open(db_path, wall)
    assert notices and "kept as" in notices[0]
    assert list(db_path.parent.glob("history.sqlite3.damaged-*"))
    # Only index pages were hit: every session comes back (tests/core/test_history_salvage.py)
    assert [len(s.periods) for s in history.sessions()] == [1] * 200


def test_a_history_from_a_newer_app_is_left_untouched(db_path, wall):
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA user_version = 99")
    before = db_path.read_bytes()
    with pytest.raises(HistoryError, match="newer version of BackRoutine"):
        History.open(db_path, wall)
    assert db_path.read_bytes() == before


def test_a_folder_that_cannot_hold_a_history_is_reported(tmp_path, wall):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(HistoryError, match="Sessions still run"):
        History.open(blocker / "history.sqlite3", wall)


def test_a_full_disk_is_an_error_to_report_not_a_crash(db_path, wall):
    history, _ = History.open(db_path, wall)
    session = history.begin("r", "R", "h", 60.0)
    pages = history._db.execute("PRAGMA page_count").fetchone()[0]
    history._db.execute(f"PRAGMA max_page_count = {pages}")  # as full as a full disk
    with pytest.raises(HistoryError, match="Could not write to your history"):
        for rep in range(1, 2000):
            history.add_period(session, hold(rep, seconds=1.0))


def test_sessions_since_a_day_and_minutes_per_day(db_path, wall):
    history, _ = History.open(db_path, wall)
    for day in (20, 21, 21, 23):
        wall.moment = datetime(2026, 11, day, 10, 0, tzinfo=PARIS)
        session = history.begin("desk-break", "Hourly desk break", "h", 150.0)
        history.finish(session, "completed", 150.0, 0.0)
    assert [s.local_date for s in history.sessions(since=date(2026, 11, 21))] == [
        "2026-11-21",
        "2026-11-21",
        "2026-11-23",
    ]
    minutes = history.minutes_per_day(date(2026, 11, 20), date(2026, 11, 24))
    assert minutes == {
        date(2026, 11, 20): 2.5,
        date(2026, 11, 21): 5.0,
        date(2026, 11, 23): 2.5,
    }


def test_a_session_counts_on_the_day_the_persons_clock_showed(db_path, wall):
    history, _ = History.open(db_path, wall)
    # 23:50 in Paris is already the next day in UTC; it still belongs to the 22nd.
    wall.moment = datetime(2026, 11, 22, 23, 50, tzinfo=PARIS)
    late = history.begin("r", "R", "h", 60.0)
    history.finish(late, "completed", 60.0, 0.0)
    # Then the person flies to New York: 20:00 there on the 23rd.
    wall.moment = datetime(2026, 11, 23, 20, 0, tzinfo=timezone(timedelta(hours=-5)))
    evening = history.begin("r", "R", "h", 60.0)
    history.finish(evening, "completed", 60.0, 0.0)
    counts = history.completed_per_day("r", date(2026, 11, 22), date(2026, 11, 24))
    assert counts == {date(2026, 11, 22): 1, date(2026, 11, 23): 1}
    assert history.session(evening).started_at == "2026-11-23T20:00:00-05:00"


def test_the_streak_counts_days_in_a_row_up_to_today_or_yesterday(db_path, wall):
    history, _ = History.open(db_path, wall)
    for day in (15, 17, 18, 19, 20, 21, 22):  # a gap on the 16th
        wall.moment = datetime(2026, 11, day, 8, 0, tzinfo=PARIS)
        history.finish(history.begin("r", "R", "h", 60.0), "completed", 60.0, 0.0)
        for hour in (9, 10):  # and sessions not finished, later that day
            wall.moment = datetime(2026, 11, day, hour, 0, tzinfo=PARIS)
            history.finish(history.begin("r", "R", "h", 60.0), "stopped", 10.0, 0.0)
    wall.moment = datetime(2026, 11, 16, 8, 0, tzinfo=PARIS)
    history.finish(history.begin("r", "R", "h", 60.0), "stopped", 10.0, 0.0)  # no streak
    wall.moment = datetime(2026, 11, 23, 8, 0, tzinfo=PARIS)
    history.finish(history.begin("r", "R", "h", 60.0), "stopped", 10.0, 0.0)
    # Today's session was stopped, and today is not over: the streak still stands.
    assert history.streak(date(2026, 11, 23)) == 6
    assert history.streak(date(2026, 11, 22)) == 6
    assert history.streak(date(2026, 11, 25)) == 0  # a day missed: it is broken
    assert history.completed_days(date(2026, 11, 16), date(2026, 11, 18)) == {date(2026, 11, 17): 1}


def test_newest_sessions_come_a_page_at_a_time(db_path, wall):
    history, _ = History.open(db_path, wall)
    for minute in range(7):
        wall.moment = datetime(2026, 11, 23, 8, minute, tzinfo=PARIS)
        history.begin("r", f"R{minute}", "h", 60.0, pain_before=minute)
    assert history.count() == 7
    assert [s.routine_name for s in history.newest(0, 3)] == ["R6", "R5", "R4"]
    assert [s.routine_name for s in history.newest(6, 3)] == ["R0"]
    assert history.newest(7, 3) == []
    points = history.pain_points(date(2026, 11, 23))
    assert [before for _when, before, _after in points] == list(range(7))


def test_another_process_running_a_session_is_left_alone_and_no_locks_are_left(db_path, wall):
    # Two histories on one file stand for two processes (the app and `history`,
    # or two app windows): each holds a lock of its own while it records.
    app, _ = History.open(db_path, wall)
    running = app.begin("r", "R", "h", 60.0)
    other, notices = History.open(db_path, wall)
    assert notices == [] and other.session(running).status == "in_progress"
    done = other.begin("r", "R", "h", 60.0)
    other.finish(done, "completed", 60.0, 0.0)
    other.close()
    assert app.session(running).status == "in_progress"
    app.close()  # gone without finishing its session, as after a crash
    later, notices = History.open(db_path, wall)
    assert later.session(running).status == "interrupted"
    assert later.session(done).status == "completed"
    later.close()
    assert list((db_path.parent / "running").glob("*.lock")) == []


def test_reading_on_after_a_session_gives_each_later_one_once(db_path):
    # How an export goes on in a salvaged copy after the sessions it already wrote.
    from dataclasses import replace

    starts = iter(
        datetime(2026, 11, 2, 9, 0, second, 250_000 * n, tzinfo=timezone.utc)
        for second, n in ((0, 0), (1, 0), (1, 1), (1, 2), (5, 0))  # three in one second
    )
    history, _ = History.open(db_path, lambda: next(starts))
    ids = [history.begin("r", f"R{n}", "h", 60.0) for n in range(5)]
    every = list(history.iter_sessions())
    assert [s.id for s in every] == ids
    third = every[2]
    assert [s.id for s in history.iter_sessions(after=third, batch=2)] == ids[3:]
    assert list(history.iter_sessions(after=every[-1])) == []
    # A session this file lacks (lost to the damage): placed by its start, to the second.
    lost = replace(third, id=ids[1] + 1000)
    assert [s.id for s in history.iter_sessions(after=lost)] == [ids[4]]
    history.close()


def test_statuses_are_kept_as_the_words_earlier_versions_wrote_and_read_back_typed(db_path, wall):
    history, _ = History.open(db_path, wall)
    session = history.begin("r", "R", "h", 20.0)
    history.add_period(session, hold(1))
    history.add_period(session, hold(2, PeriodStatus.SKIPPED, 3.0))
    history.finish(session, SessionStatus.COMPLETED, 13.0, 0.0)
    history.close()
    with sqlite3.connect(db_path) as raw:  # what an earlier version reads
        assert raw.execute("SELECT status FROM sessions").fetchall() == [("completed",)]
        assert raw.execute("SELECT status FROM periods ORDER BY id").fetchall() == [
            ("done",),
            ("skipped",),
        ]
    again, _ = History.open(db_path, wall)
    record = again.session(session)
    assert record.status is SessionStatus.COMPLETED and record.completed
    assert [p.status for p in record.periods] == [PeriodStatus.DONE, PeriodStatus.SKIPPED]
    assert record.as_dict()["status"] == "completed"
    assert type(record.as_dict()["status"]) is str  # exports write the word, as before
    again.close()


def test_a_status_word_this_version_does_not_know_is_read_not_a_traceback(db_path, wall):
    """A file changed by hand (or by a later version) with a status of its own."""
    history, _ = History.open(db_path, wall)
    session = history.begin("r", "R", "h", 20.0)
    history.add_period(session, hold(1))
    history.finish(session, SessionStatus.STOPPED, 10.0, 0.0)
    history.close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE sessions SET status = ?", ("paused\u202e\x00",))
        raw.execute("UPDATE periods SET status = 'half-done'")
    before = db_path.read_bytes()
    reader = History.open_read_only(db_path)
    (record,) = reader.sessions()
    assert record.status is SessionStatus.INTERRUPTED and not record.completed
    assert [p.status for p in record.periods] == [PeriodStatus.SKIPPED]
    assert reader.completed_days(date(2026, 11, 1), date(2026, 12, 1)) == {}
    reader.close()
    assert db_path.read_bytes() == before  # read, not rewritten


def test_notices_carry_a_kind_so_no_caller_reads_their_words(db_path, wall):
    history, _ = History.open(db_path, wall)
    history.begin("r", "R", "h", 20.0)  # then the app is killed: never finished
    history._running.clear()
    history.close()
    again, notices = History.open(db_path, wall)
    (notice,) = notices
    assert notice.kind is NoticeKind.INTERRUPTED and not notice.kind.needs_attention
    assert "ended without being finished" in notice.text and str(notice) == notice.text
    again.close()
    db_path.write_bytes(b"not a history at all " * 200)
    fresh, notices = History.open(db_path, wall)
    (notice,) = notices
    assert notice.kind is NoticeKind.SET_ASIDE and notice.kind.needs_attention
    assert "history.sqlite3.damaged-" in notice.text
    fresh.close()


def test_a_reader_left_partway_ends_quietly_after_the_history_is_closed(db_path, wall):
    # `backroutine history | head -1`: the pipe closes, the history is closed, and the
    # reader left partway is closed last; that must not raise (a traceback on exit).
    history, _ = History.open(db_path, wall)
    ids = [history.begin("r", f"R{n}", "h", 60.0) for n in range(3)]
    reader = history.iter_sessions(batch=1)
    assert next(reader).id == ids[0]
    history.close()
    reader.close()
    again, _ = History.open(db_path, wall)  # and nothing was lost
    assert [s.id for s in again.iter_sessions()] == ids
    again.close()
