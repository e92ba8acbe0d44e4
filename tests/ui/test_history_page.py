"""The history view: sessions by date, the calendar, the charts, adherence, and export."""

from __future__ import annotations

import json
from datetime import date

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from backroutine.core.history import History
from backroutine.ui.library import AdherenceRole

from ..damaged import THIRD_SESSIONS_LEAF, history_with_a_bad_page, overwrite_page
from .test_main_window import shown_names
from .test_player import open_routine, wait


def do_a_program_session(window, qtbot, clock, pain=(4, 3)):
    player = open_routine(window, qtbot, "Low back basics")
    player.pain_before.choose(pain[0])
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, player.timeline.total_seconds)
    player.pain_after.choose(pain[1])
    qtbot.mouseClick(player.library_button, Qt.MouseButton.LeftButton)


def adherence_of(window, name: str) -> str:
    row = shown_names(window).index(name)
    return window.library_page.filter.index(row, 0).data(AdherenceRole)


def test_a_session_shows_in_the_history_and_the_library_counts_it(window, qtbot, clock):
    assert adherence_of(window, "Low back basics") == "0 of 2 today  ·  0 of 14 this week"
    do_a_program_session(window, qtbot, clock)
    assert adherence_of(window, "Low back basics") == "1 of 2 today  ·  1 of 14 this week"
    assert adherence_of(window, "Hourly desk break") == ""  # no schedule, nothing to count
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    page = window.history_view.page
    assert window.pages.currentWidget() is page
    model = page.model
    assert model.rowCount() == 1
    cells = [model.index(0, column).data() for column in range(model.columnCount())]
    assert cells[2:6] == ["Low back basics", "10:21", "completed", "4 -> 3"]
    assert page.summary.text().startswith("This week: 1 session, 10 minutes. Streak: 1 day")
    assert "Low back basics: 1 of 2 today, 1 of 14 this week." in page.summary.text()
    assert "Pelvic tilt: 10 done" in page.session_detail.text()
    today = date.today()
    marked = page.calendar.dateTextFormat(QDate(today.year, today.month, today.day))
    assert marked.toolTip() == "1 session"
    assert "Low back basics, 10:21, completed, pain 4 -> 3" in page.day_detail.text()
    assert page.minutes_view.chart().series()[0].barSets()[0].at(29) > 10
    pain = page.pain_view.chart().series()
    assert [s.name() for s in pain[::2]] == ["Before", "After"]
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.library_page


def test_an_empty_history_says_so(window, qtbot):
    page = window.history_view.show()
    assert page.empty.isVisible() and not page.table.isVisible()
    assert page.model.rowCount() == 0


def test_a_long_history_is_read_a_page_at_a_time(window, qtbot, home):
    history, _ = History.open(home / "history.sqlite3")
    for number in range(450):
        session = history.begin("desk-break", f"Break {number}", "h", 153.0)
        history.finish(session, "completed", 153.0, 0.0)
    history.close()
    page = window.history_view.show()
    model = page.model
    assert model.rowCount() == 200  # not all 450 at once
    assert model.index(0, 2).data() == "Break 449"  # newest first
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert model.index(449, 2).data() == "Break 0"


def test_export_writes_csv_json_and_a_pdf_report(window, qtbot, clock, tmp_path):
    do_a_program_session(window, qtbot, clock)
    window.history_view.write_export("csv", tmp_path / "sessions.csv")
    window.history_view.write_export("json", tmp_path / "sessions.json")
    window.history_view.write_export("pdf", tmp_path / "report.pdf")
    assert (tmp_path / "sessions.csv").read_text().count("\n") == 2
    assert (tmp_path / "sessions-periods.csv").read_text().count("\n") == 54  # 53 + header
    sessions = json.loads((tmp_path / "sessions.json").read_text())
    assert [s["routine_id"] for s in sessions] == ["low-back-basics"]
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "Written:" in window.statusBar().currentMessage()


def test_export_to_a_place_that_cannot_be_written_says_so(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(
        "backroutine.ui.main_window.QMessageBox.warning",
        lambda _parent, title, text: shown.append((title, text)),
    )
    blocker = tmp_path / "file"
    blocker.write_text("")
    window.history_view.write_export("json", blocker / "out.json")
    assert shown and shown[0][0] == "Export" and "Could not write" in shown[0][1]


WAL = ("-wal", "-shm")  # SQLite's files beside a database, moved aside with it


def window_telling(qtbot, monkeypatch):
    """A main window, and the (title, text) of each warning it shows."""
    from backroutine.core.settings import Settings
    from backroutine.ui.main_window import MainWindow

    told = []
    monkeypatch.setattr(
        "backroutine.ui.main_window.QMessageBox.warning",
        lambda _parent, title, text: told.append((title, text)),
    )
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    qtbot.addWidget(window)
    return window, told


def test_a_damaged_history_is_set_aside_and_the_person_told_where(qtbot, home, monkeypatch):
    (home / "history.sqlite3").write_bytes(b"scrambled" * 500)
    window, told = window_telling(qtbot, monkeypatch)
    assert window.state.history() is not None
    [(title, text)] = told
    kept = next(home.glob("history.sqlite3.damaged-*"))
    assert title == "Your history" and str(kept) in text
    assert kept.read_bytes().startswith(b"scrambled")


def test_a_history_with_a_bad_page_comes_back_and_the_window_says_how_much(
    qtbot, home, monkeypatch
):
    import re

    history, _ = History.open(home / "history.sqlite3")
    for number in range(120):
        session = history.begin("camel-pose", "Camel pose", "h", 140.0)
        history.finish(session, "completed", 140, 0)
        history.rate(session, note=f"session {number} " + "x" * 200)
    history.close()
    data = overwrite_page(home / "history.sqlite3", THIRD_SESSIONS_LEAF, b"\x00")
    lost = 120 - len(set(re.findall(rb"session (\d+) x", data)))
    window, told = window_telling(qtbot, monkeypatch)
    page = window.history_view.show()
    [(title, text)] = told
    assert 0 < lost < 120
    assert title == "Your history", text
    assert f"{120 - lost} of 120 sessions were recovered" in text
    assert f"({lost} could not be read)" in text
    [kept] = [p for p in home.glob("history.sqlite3.damaged-*") if p.suffix[-4:] not in WAL]
    assert str(kept) in text
    assert page.model._total == 120 - lost  # and the view shows them


def test_a_damaged_history_that_cannot_be_set_aside_shows_what_it_can_and_says_so(
    qtbot, home, monkeypatch
):
    import sqlite3

    history, _ = History.open(home / "history.sqlite3")
    for _ in range(30):
        history.finish(history.begin("camel-pose", "Camel pose", "h", 140.0), "completed", 9, 0)
    history.close()
    raw = sqlite3.connect(home / "history.sqlite3")
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = bytearray((home / "history.sqlite3").read_bytes())
    data[:4096] = b"\x00" * 4096  # the list of tables is gone; the sessions are not
    (home / "history.sqlite3").write_bytes(bytes(data))

    def stuck(*_args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("backroutine.core.history.move_aside", stuck)
    window, _told = window_telling(qtbot, monkeypatch)
    assert window.state.history() is not None
    problem = window.statusBar().currentMessage()  # in the window, not only on stderr
    assert "could not be set aside" in problem and "30 of 30 sessions were recovered" in problem
    page = window.history_view.show()
    assert page is not None and page.model._total == 30
    assert (home / "history.sqlite3").read_bytes() == bytes(data)  # left exactly as it was


def test_damage_met_later_in_a_large_file_is_said_and_recovered_at_the_next_start(
    qtbot, home, monkeypatch
):

    monkeypatch.setattr("backroutine.core.history_schema.FULL_CHECK_BYTES", 0)  # as if large
    path = home / "history.sqlite3"
    history, _ = History.open(path)
    for _ in range(1000):
        history.finish(history.begin("camel-pose", "Camel pose", "h", 140.0), "completed", 9, 0)
    history.close()
    first_time_leaf = (
        "SELECT min(pageno) FROM dbstat WHERE name = 'sessions_by_time' AND pagetype = 'leaf'"
    )
    data = overwrite_page(path, first_time_leaf, b"\xff")  # not where opening looks
    window, told = window_telling(qtbot, monkeypatch)
    assert window.state.history() is not None and told == []  # opened: the damage is further in
    assert window.history_view.show() is None
    [(title, text)] = told
    assert title == "History" and str(path) in text and "open it again" in text
    assert path.read_bytes() == bytes(data)
    # The next start reads the whole file, finds the damage and recovers the sessions.
    again, notices = History.open(path)
    assert again.count() == 1000 and "1000 of 1000 sessions" in notices[0]
    [kept] = [p for p in home.glob("history.sqlite3.damaged-*") if p.suffix[-4:] not in WAL]
    assert kept.read_bytes() == bytes(data)
    again.close()
    assert not path.with_name("history.sqlite3.check").exists()
    assert History.open(path)[1] == []  # and not again at the start after


def test_a_history_that_can_only_be_read_is_shown_and_sessions_say_not_recorded(
    qtbot, home, clock, cues, monkeypatch
):
    from backroutine.core.history import HistoryError
    from backroutine.core.settings import Settings
    from backroutine.ui.main_window import MainWindow

    history, _ = History.open(home / "history.sqlite3")
    history.finish(history.begin("camel-pose", "Camel pose", "h", 140.0), "completed", 140, 0)
    history.close()

    def read_only_disk(*_args, **_kwargs):
        raise HistoryError(
            "Your history cannot be kept in it: attempt to write a readonly database"
        )

    monkeypatch.setattr(History, "open", classmethod(read_only_disk))
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    window.show()
    page = window.history_view.show()
    assert page is not None and page.model.index(0, 2).data() == "Camel pose"
    window.pages.back_to_library()
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.notice_text.text().startswith("This session is not being recorded.")
    wait(player, clock, player.timeline.total_seconds)
    assert player.summary_title.text() == "Well done!"


@pytest.mark.parametrize("form", ["csv", "json", "pdf"])
def test_damage_met_by_an_export_in_the_window_is_said_and_recovered_at_the_next_start(
    qtbot, home, monkeypatch, tmp_path, form
):
    """A large file is not read through when it is opened: an export is often the
    first reading to meet its damage. The person is told, nothing is written, and
    the next start recovers the sessions (as the history page's reading does)."""

    monkeypatch.setattr("backroutine.core.history_schema.FULL_CHECK_BYTES", 0)  # as if large
    path = home / "history.sqlite3"
    data = history_with_a_bad_page(path, "camel-pose", "Camel pose")  # not where opening looks
    window, told = window_telling(qtbot, monkeypatch)
    assert window.state.history() is not None and told == []
    target = tmp_path / f"export.{form}"
    window.history_view.write_export(form, target)
    [(title, text)] = told
    assert title == "Export" and str(path) in text and "open it again" in text
    assert not target.exists()
    assert path.read_bytes() == bytes(data)
    again, notices = History.open(path)
    assert 0 < again.count() < 300 and "sessions were recovered" in notices[0]
    again.close()


def test_sessions_found_interrupted_are_told_in_passing_not_in_a_dialog(qtbot, home, monkeypatch):
    history, _ = History.open(home / "history.sqlite3")
    history.begin("stretch", "Stretch", "h", 60.0)
    history._running.clear()  # as if the app had been killed during it
    history.close()
    window, told = window_telling(qtbot, monkeypatch)
    assert window.state.history() is not None
    assert told == []
    assert "1 session ended without being finished" in window.statusBar().currentMessage()
    [session] = window.state.history().sessions()
    assert session.status == "interrupted"  # what was done is kept


def test_where_a_notice_goes_is_decided_by_its_kind_not_its_words(qtbot, home, monkeypatch):
    """Reworded or translated, a notice still goes where its kind says."""
    from backroutine.core.history import Notice, NoticeKind

    opened = History.open

    def reworded(path, *args):
        history, _ = opened(path, *args)
        return history, [
            Notice(NoticeKind.INTERRUPTED, "Une séance interrompue, kept as it was."),
            Notice(NoticeKind.SET_ASIDE, "Fichier endommagé mis de côté."),
        ]

    monkeypatch.setattr(History, "open", reworded)
    window, told = window_telling(qtbot, monkeypatch)
    assert window.state.history() is not None
    assert told == [("Your history", "Fichier endommagé mis de côté.")]
    assert window.statusBar().currentMessage() == "Une séance interrompue, kept as it was."


@pytest.mark.parametrize("days", [1, 2, 3, 5, 6, 7, 30, 90])
def test_the_pain_chart_names_each_day_on_its_axis_once(qapp, days):
    # A first report covers one day: its axis read "25 Nov" seven times over.
    from datetime import datetime, timedelta

    from PySide6.QtCharts import QDateTimeAxis

    from backroutine.ui.charts import pain_chart

    first = date(2026, 11, 25) - timedelta(days=days - 1)
    chart = pain_chart([(datetime(2026, 11, 25, 14, 34), 3, None)], first, date(2026, 11, 25))
    [axis] = [a for a in chart.axes() if isinstance(a, QDateTimeAxis)]
    start, end = axis.min().toMSecsSinceEpoch(), axis.max().toMSecsSinceEpoch()
    count = axis.tickCount()
    ticks = [start + (end - start) * n // (count - 1) for n in range(count)]
    labels = [axis.min().fromMSecsSinceEpoch(t).toString(axis.format()) for t in ticks]
    if days == 1:  # the hours of that day, the day said once
        assert labels == ["00:00", "06:00", "12:00", "18:00", "00:00"]
        assert axis.titleText() == "25 Nov"
    else:
        assert len(set(labels)) == len(labels) >= 2, labels


def test_the_charts_follow_the_window_s_dark_colours(window, qtbot):
    def lightness(view) -> int:  # of the chart's background, as the view draws it
        view.resize(200, 120)
        return view.grab().toImage().pixelColor(100, 60).lightness()

    page = window.history_view.show()
    assert lightness(page.minutes_view) > 128  # light colours: a light chart
    window.state.change(theme="dark")  # switched while the page is open
    QApplication.processEvents()  # the new colours reach the page as an event
    assert lightness(page.minutes_view) < 128 and lightness(page.pain_view) < 128
    window.state.change(theme="light")
    QApplication.processEvents()
    assert lightness(page.minutes_view) > 128
