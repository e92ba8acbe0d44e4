"""What the history tells the person (a full disk, a locked file, a folder in the
history's place, sessions cut short) is said in their language, with the numbers
and the file's name as they are."""

from __future__ import annotations

import errno
import io
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from backroutine.core import i18n
from backroutine.core.engine import Transition
from backroutine.core.history import History, HistoryError, PeriodRecord
from backroutine.core.history_files import trouble
from backroutine.core.session_trace import SessionTrace

from ..clocks import WallClock
from ..pseudo_text import leftover

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=timezone(timedelta(hours=1)))


def _pseudo(text: str, *data: str) -> bool:
    """A pseudo-translated message, with no English glued to it or put into it (but
    the data named)."""
    return text.startswith(i18n.PSEUDO_OPEN) and not leftover(text, data)


def _hold(rep: int) -> PeriodRecord:
    return PeriodRecord("Bridge", None, 1, rep, "hold", 5.0, 5.0, "done", position=rep)


def _fill_the_disk(history: History) -> HistoryError:
    session = history.begin("r", "R", "h", 60.0)
    pages = history._db.execute("PRAGMA page_count").fetchone()[0]
    history._db.execute(f"PRAGMA max_page_count = {pages}")  # as full as a full disk
    with pytest.raises(HistoryError) as raised:
        for rep in range(1, 2000):
            history.add_period(session, _hold(rep))
    return raised.value


def test_a_full_disk_is_said_plainly_and_in_the_persons_language(tmp_path):
    path = tmp_path / "history.sqlite3"
    history, _ = History.open(path, WallClock(NOW))
    said = str(_fill_the_disk(history))
    assert "the disk is full" in said and str(path) in said
    history.close()
    i18n.set_language(i18n.PSEUDO)
    history, _ = History.open(path, WallClock(NOW))
    said = str(_fill_the_disk(history))
    assert said.startswith(i18n.PSEUDO_OPEN) and str(path) in said
    assert "disk is full" not in said  # the reason too, not SQLite's English
    history.close()


def test_a_file_another_program_holds_is_said_to_be_in_use(tmp_path):
    path = tmp_path / "history.sqlite3"
    history, _ = History.open(path, WallClock(NOW))
    history._db.execute("PRAGMA busy_timeout = 0")  # no waiting for the other program
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryError, match="another program is using the file"):
            history.begin("r", "R", "h", 60.0)
    finally:
        other.execute("ROLLBACK")
        other.close()
        history.close()


def test_the_usual_reasons_are_words_for_a_person_and_the_rest_as_said():
    full = OSError(errno.ENOSPC, "No space left on device")
    assert trouble(full) == "the disk is full"
    assert trouble(OSError(errno.EROFS, "Read-only file system")) == "the disk is read-only"
    # As SQLite says it where Python does not name the error (before Python 3.11).
    assert trouble(sqlite3.OperationalError("database or disk is full")) == "the disk is full"
    assert trouble(sqlite3.DatabaseError("database disk image is malformed")) == (
        "database disk image is malformed"  # damage keeps SQLite's own detail
    )
    i18n.set_language(i18n.PSEUDO)
    assert _pseudo(trouble(full))


@pytest.mark.parametrize("count", [1, 2, 5])
def test_sessions_cut_short_are_counted_in_the_persons_language(tmp_path, count):
    path = tmp_path / "history.sqlite3"
    history, _ = History.open(path, WallClock(NOW))
    for _number in range(count):
        history.begin("r", "R", "h", 60.0)
    history.close()  # the process that ran them has gone: they were cut short
    i18n.set_language(i18n.PSEUDO)
    history, notices = History.open(path, WallClock(NOW))
    history.close()
    (notice,) = notices
    assert _pseudo(notice.text) and f"{count} " in notice.text


def test_a_folder_in_the_historys_place_is_refused_in_the_persons_language(tmp_path):
    folder = tmp_path / "history.sqlite3"
    folder.mkdir()
    i18n.set_language(i18n.PSEUDO)
    with pytest.raises(HistoryError) as raised:
        History.open(folder, WallClock(NOW))
    said = str(raised.value)
    assert _pseudo(said, str(folder)) and str(folder) in said
    assert " Sessions still run" not in said  # the ending is translated too


def test_a_trace_that_cannot_be_written_says_so_in_the_persons_language():
    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    i18n.set_language(i18n.PSEUDO)
    said = SessionTrace(Full()).write([Transition(0, "start", 1.0, 1.001)])
    assert _pseudo(said, "[Errno 28] No space left on device") and "No space left" in said


def test_the_history_path_may_hold_any_character(tmp_path):
    odd = tmp_path / "his{tory}\u202e" / "history.sqlite3"
    odd.parent.mkdir()
    odd.mkdir()
    i18n.set_language(i18n.PSEUDO)
    with pytest.raises(HistoryError) as raised:
        History.open(odd, WallClock(NOW))
    assert str(odd) in str(raised.value)


def test_a_history_that_stops_reading_partway_says_so_in_the_persons_language(tmp_path):
    path = tmp_path / "history.sqlite3"
    history, _ = History.open(path, WallClock(NOW))
    history.begin("r", "R", "h", 60.0)
    history._db.close()  # as a disk that went away under the export
    i18n.set_language(i18n.PSEUDO)
    with pytest.raises(HistoryError) as raised:
        list(history.iter_sessions())
    # SQLite's own words for what failed are kept as it says them.
    sqlite_said = str(raised.value).rsplit(": ", 1)[-1].split(" ~")[0]
    assert _pseudo(str(raised.value), str(path), sqlite_said) and str(path) in str(raised.value)
