"""A damaged history file: every session on an intact page comes back, the damaged file
is kept aside byte for byte, and the person is told how many sessions were recovered."""

from __future__ import annotations

import random
import re
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backroutine.core import salvage
from backroutine.core.history import History, Notice, NoticeKind, PeriodRecord

PARIS = timezone(timedelta(hours=1))
SESSIONS = 300
PERIODS = 3  # each session's
PAGE = 4096


def _clock(start: datetime):
    moment = [start]

    def now() -> datetime:
        moment[0] += timedelta(minutes=7)
        return moment[0]

    return now


@pytest.fixture(scope="module")
def intact(tmp_path_factory) -> bytes:
    """A history of 300 sessions with periods, ratings and notes, as its file's bytes.

    Each session's note and each period's name carry its number between '#' signs,
    so a test can tell from the damaged bytes alone which rows were on bad pages."""
    path = tmp_path_factory.mktemp("intact") / "history.sqlite3"
    history, _ = History.open(path, _clock(datetime(2026, 1, 5, 8, 0, tzinfo=PARIS)))
    for number in range(1, SESSIONS + 1):
        session = history.begin("low-back", "Low back", "h", 300.0, pain_before=number % 11)
        for rep in range(1, PERIODS + 1):
            name = f"Bridge #{number:04d}.{rep}#"
            period = PeriodRecord(name, "left", 1, rep, "hold", 10.0, 9.5, "done", position=rep)
            history.add_period(session, period)
        history.finish(session, "completed" if number % 7 else "stopped", 280.0, 3.0)
        history.rate(session, pain_after=number % 5, effort=6, note=f"Note #{number:04d}# ok")
    history.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def _pages(data: bytes) -> dict[str, list[int]]:
    """Page numbers by what they hold (read from an intact copy with SQLite's dbstat)."""
    with sqlite3.connect(":memory:") as raw:
        raw.deserialize(data[:18] + b"\x01\x01" + data[20:])  # not WAL: it is in memory
        rows = raw.execute("SELECT name, pageno, pagetype FROM dbstat").fetchall()
    found: dict[str, list[int]] = {}
    for name, number, kind in rows:
        found.setdefault(f"{name} {kind}", []).append(number)
    found["last"] = [len(data) // PAGE]
    return found


def _markers(data: bytes, kind: bytes) -> set[str]:
    return {m.decode() for m in re.findall(kind + rb" #(\d{4}(?:\.\d)?)#", data)}


def _wreck(data: bytes, pages: list[int]) -> bytes:
    wrecked = bytearray(data)
    noise = random.Random(11)
    for number in pages:
        start = (number - 1) * PAGE
        wrecked[start : start + PAGE] = noise.randbytes(PAGE)
    return bytes(wrecked)


WHERE = {
    "the header page": lambda pages: [1],
    "a sessions leaf page": lambda pages: [pages["sessions leaf"][3]],
    "the sessions branch page": lambda pages: pages["sessions internal"][:1],
    "a periods leaf page": lambda pages: [pages["periods leaf"][5]],
    "an index page": lambda pages: [pages["sessions_by_date leaf"][0]],
    "the last page": lambda pages: pages["last"],
    "five at once": lambda pages: [
        1,
        pages["sessions leaf"][2],
        pages["periods leaf"][2],
        pages["periods_by_session leaf"][0],
        pages["last"][0],
    ],
}


@pytest.mark.parametrize("where", WHERE)
def test_every_session_on_an_intact_page_is_recovered(tmp_path, intact, where):
    wrecked_pages = WHERE[where](_pages(intact))
    damaged = _wreck(intact, wrecked_pages)
    # What a person could still have: the rows whose bytes were not overwritten.
    sessions = _markers(damaged, b"Note")
    periods = {p for p in _markers(damaged, b"Bridge") if p.split(".")[0] in sessions}
    if "sessions leaf" in where or "five" in where:  # the attack did hit sessions
        assert len(sessions) < SESSIONS
    if "periods leaf" in where:
        assert len(sessions) == SESSIONS and len(periods) < SESSIONS * PERIODS
    path = tmp_path / "history.sqlite3"
    path.write_bytes(damaged)

    history, notices = History.open(path, lambda: datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))

    kept = path.with_name("history.sqlite3.damaged-20261123-093000")
    assert kept.read_bytes() == damaged  # the damaged file itself, untouched
    found = history.sessions()
    assert {re.search(r"#(\d{4})#", s.note)[1] for s in found} == sessions
    assert {re.search(r"#(\d{4}\.\d)#", p.exercise)[1] for s in found for p in s.periods} == periods
    first = found[0]  # the ratings and times came back too
    assert (first.pain_after, first.effort, first.status) == (
        int(first.note[6:10]) % 5,
        6,
        "completed" if int(first.note[6:10]) % 7 else "stopped",
    )
    assert len(notices) == 1
    notice = notices[0]
    assert str(kept) in notice and "damaged" in notice
    assert f"{len(sessions)} of" in notice
    lost = SESSIONS - len(sessions)
    if lost and max(sessions) == f"{SESSIONS:04d}":  # the newest are there to count from
        assert f"{lost} could not be read" in notice
    # The new history is whole and goes on: a session started now is kept.
    new = history.begin("r", "R", "h", 60.0)
    assert history.session(new).routine_id == "r"
    history.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # A period whose session was lost is not kept (a new session could take its id).
    assert raw.execute("SELECT count(*) FROM periods").fetchone()[0] == len(periods)
    raw.close()


def test_a_file_damaged_in_a_hundred_places_is_told_in_a_few_lines(tmp_path, intact):
    """SQLite's check lists up to a hundred problems, one a line: the person is told
    what the damage is and how much came back, in a message that fits a window."""
    damaged = intact[:20] + b"\xff" + intact[21:]  # every page's free space now wrong
    path = tmp_path / "history.sqlite3"
    path.write_bytes(damaged)
    history, notices = History.open(path, lambda: datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))
    history.close()
    kept = path.with_name("history.sqlite3.damaged-20261123-093000")
    assert kept.read_bytes() == damaged
    (told,) = notices
    assert told.kind is NoticeKind.SET_ASIDE and told.kind.needs_attention
    notice = told.text
    assert "damaged" in notice and "recovered" in notice and str(kept) in notice
    assert "more" in notice  # the other problems are counted, not listed
    assert notice.count("\n") <= 1 and len(notice) < 600, notice


def test_garbage_from_the_first_byte_starts_a_fresh_history_and_says_nothing_came_back(
    tmp_path,
):
    path = tmp_path / "history.sqlite3"
    garbage = random.Random(3).randbytes(300 * PAGE)
    path.write_bytes(garbage)
    history, notices = History.open(path, lambda: datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))
    kept = path.with_name("history.sqlite3.damaged-20261123-093000")
    assert kept.read_bytes() == garbage
    assert history.sessions() == []
    assert len(notices) == 1 and "nothing" in notices[0] and str(kept) in notices[0]
    history.close()


def test_recovering_stops_at_its_deadline_and_says_so(tmp_path, intact, monkeypatch):
    monkeypatch.setattr(salvage, "SALVAGE_SECONDS", -1.0)  # already past it
    path = tmp_path / "history.sqlite3"
    damaged = _wreck(intact, [1])
    path.write_bytes(damaged)
    history, notices = History.open(path, lambda: datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))
    assert "stopped" in notices[0] and "kept as" in notices[0]
    assert next(tmp_path.glob("*.damaged-*")).read_bytes() == damaged
    history.close()


def test_reading_a_damaged_file_without_changing_it_shows_what_can_be_read(tmp_path, intact):
    """As `backroutine history` and `export` read: the file is left exactly as it is."""
    pages = _pages(intact)
    damaged = _wreck(intact, [pages["sessions leaf"][4], pages["periods leaf"][1]])
    sessions = _markers(damaged, b"Note")
    path = tmp_path / "history.sqlite3"
    path.write_bytes(damaged)
    notices: list[Notice] = []
    history = History.open_read_only(path, notices=notices)
    assert {re.search(r"#(\d{4})#", s.note)[1] for s in history.sessions()} == sessions
    history.close()
    assert path.read_bytes() == damaged
    assert {p.name for p in tmp_path.iterdir()} <= {
        "history.sqlite3",
        "history.sqlite3-shm",  # SQLite's own, made by any reader
        "history.sqlite3-wal",
    }
    assert not path.with_name("history.sqlite3-wal").exists() or not (
        path.with_name("history.sqlite3-wal").stat().st_size
    )
    assert len(notices) == 1 and str(path) in notices[0]
    assert notices[0].kind is NoticeKind.READ_DAMAGED  # the file was left as it is
    assert f"{len(sessions)} of {SESSIONS} sessions" in notices[0]
    assert f"{SESSIONS - len(sessions)} could not be read" in notices[0]


def test_a_page_of_a_long_note_kept_on_overflow_pages_is_followed(tmp_path):
    """A note longer than a page is stored on pages of its own, read back whole."""
    path = tmp_path / "history.sqlite3"
    history, _ = History.open(path, _clock(datetime(2026, 1, 5, 8, 0, tzinfo=PARIS)))
    long_note = "".join(f"line {n} \u202e\u0000 réglé\n" for n in range(2000))
    for number in range(40):
        session = history.begin("r", "R", "h", 60.0)
        history.rate(session, note=long_note if number == 20 else f"short {number}")
    history.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = path.read_bytes()
    path.write_bytes(_wreck(data, [1]))  # only the page-by-page reading can get them
    history, notices = History.open(path, lambda: datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))
    notes = [s.note for s in history.sessions()]
    assert len(notes) == 40 and notes[20] == long_note
    assert "40 of 40 sessions were recovered" in notices[0]
    history.close()


def test_pages_of_noise_that_look_like_leaf_pages_invent_no_session(tmp_path, intact):
    """Overwritten pages whose first byte says "table leaf", with cell pointers and
    lengths of noise: whatever they hold, only sessions that were really kept come back."""
    noise = random.Random(17)
    wanted = {s.note: s for s in _read(intact, tmp_path / "whole")}
    pages = len(intact) // PAGE
    for attempt in range(12):
        wrecked = bytearray(intact)
        # Page 1 too, every other time: then every page is decoded by hand.
        for number in noise.sample(range(2, pages + 1), 4) + [1] * (attempt % 2):
            fake = bytearray(noise.randbytes(PAGE))
            fake[0] = 13  # a table leaf page, says its header
            fake[3:5] = noise.randrange(1, 60).to_bytes(2, "big")
            fake[5:7] = noise.randrange(100, PAGE).to_bytes(2, "big")
            wrecked[(number - 1) * PAGE : number * PAGE] = fake
        for session in _read(bytes(wrecked), tmp_path / str(attempt)):
            original = wanted[session.note]
            assert set(session.periods) <= set(original.periods)  # some may be lost
            assert replace(session, periods=()) == replace(original, periods=())


def _read(data: bytes, folder: Path) -> list:
    folder.mkdir()
    path = folder / "history.sqlite3"
    path.write_bytes(data)
    history, _ = History.open(path, lambda: datetime(2026, 11, 23, 9, 30, tzinfo=PARIS))
    found = history.sessions()
    history.close()
    return found
