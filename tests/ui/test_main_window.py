"""The main window lists the routines, finds them, and shows their steps or their problems."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMessageBox

from backroutine.ui.library import EntryRole
from backroutine.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, home):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def shown_names(win: MainWindow) -> list[str]:
    return [
        win.library_page.filter.index(row, 0).data(EntryRole).result.name
        for row in range(win.library_page.filter.rowCount())
    ]


def detail_texts(win: MainWindow) -> list[str]:
    return [label.text() for label in win.library_page.detail.widget().findChildren(QLabel)]


def select(win: MainWindow, name: str) -> None:
    row = shown_names(win).index(name)
    win.list.setCurrentIndex(win.library_page.filter.index(row, 0))


def test_the_library_lists_every_bundled_routine(window):
    names = shown_names(window)
    assert {
        "Hourly desk break",
        "Low back basics",
        "Camel pose",
        "Hip flexor release",
        "Dynamic warm-up",
    } <= set(names)
    assert window.statusBar().currentMessage().startswith(f"{len(names)} routines")


def test_choosing_a_routine_shows_its_steps_doses_and_caution(window):
    select(window, "Low back basics")
    texts = detail_texts(window)
    assert "Low back basics" in texts
    assert any(t.startswith("Total 10:21") and "twice a day, every day" in t for t in texts)
    assert "Before you start" in texts
    assert any(t.endswith("Bridge") for t in texts)
    assert "3 x hold 10 s, 10 s rest between" in texts
    pictures = [
        label
        for label in window.library_page.detail.widget().findChildren(QLabel)
        if label.pixmap() is not None and not label.pixmap().isNull()
    ]
    assert len(pictures) >= 5


def test_search_matches_names_tags_and_exercises(window, qtbot):
    qtbot.keyClicks(window.search, "plie")  # finds "Plié squat" without the accent
    assert shown_names(window) == ["Dynamic warm-up"]
    window.search.clear()
    qtbot.keyClicks(window.search, "physio")
    assert shown_names(window) == ["Low back basics"]
    window.search.clear()
    qtbot.keyClicks(window.search, "no such thing")
    assert shown_names(window) == []
    assert window.library_page.empty.isVisible()
    window.search.clear()
    assert not window.library_page.empty.isVisible()
    assert len(shown_names(window)) >= 5


def test_a_broken_routine_is_listed_with_its_problems(window, home, write_routine):
    write_routine(
        "name: My broken one\nsteps:\n  - exercise: A\n    hold: soon\n",
        "mine.yaml",
        folder=home / "routines",
    )
    window.reload()
    assert "My broken one" in shown_names(window)
    select(window, "My broken one")
    texts = detail_texts(window)
    assert "This routine cannot run until these problems are fixed:" in texts
    assert any(t.startswith("Error · Line 4, column 11: hold: cannot read 'soon'") for t in texts)
    assert "1 with problems" in window.statusBar().currentMessage()


def test_routine_text_is_shown_as_plain_text(window, home, write_routine):
    write_routine(
        'name: "<b>Bold</b> <img src=x>"\nsteps:\n  - rest: 5s\n    note: "<i>n</i>"\n',
        "html.yaml",
        folder=home / "routines",
    )
    window.reload()
    select(window, "<b>Bold</b> <img src=x>")
    title = window.library_page.detail.widget().findChild(QLabel, "routineTitle")
    assert title.text() == "<b>Bold</b> <img src=x>"
    assert title.textFormat() is Qt.TextFormat.PlainText
    assert all(
        label.textFormat() is Qt.TextFormat.PlainText
        for label in window.library_page.detail.widget().findChildren(QLabel)
        if label.text()
    )


def test_reload_keeps_the_chosen_routine(window, qtbot):
    select(window, "Camel pose")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.library_page.current_entry() is not None
    assert window.library_page.current_entry().result.name == "Camel pose"


def test_every_control_has_an_accessible_name(window):
    for widget in (window.search, window.list, window.library_page.detail):
        assert widget.accessibleName()


def test_a_deferred_window_shows_first_then_fills_in_its_routines(qtbot, home):
    win = MainWindow(deferred=True)
    qtbot.addWidget(win)
    opened = []
    win.when_built(lambda: opened.append(win.library_page.current_entry()))
    assert not win.is_built and not opened
    with qtbot.waitSignal(win.built, timeout=5000):
        win.show()
    assert "Hourly desk break" in shown_names(win)
    assert opened and opened[0] is not None  # waited for the routines, then ran
    assert win.statusBar().currentMessage().endswith("routines")
    win.when_built(lambda: opened.append("now"))
    assert opened[-1] == "now"


def test_a_window_closed_before_it_was_filled_in_stays_closed(qtbot, home):
    win = MainWindow(deferred=True)
    qtbot.addWidget(win)
    win.show()
    win.close()
    qtbot.wait(400)  # past the fallback that builds a window that is never painted
    assert not win.is_built
    assert (home / "settings.yaml").exists()  # its size and place were still kept


def test_a_folder_of_hostile_routines_hides_nothing_in_the_window(window, home):
    from ..core.test_hostile_names import HOSTILE_IMAGES, hostile_folder

    made = hostile_folder(home / "routines")
    window.reload()
    entries = [
        window.library_page.filter.index(r, 0).data(EntryRole)
        for r in range(window.library_page.filter.rowCount())
    ]
    assert len(entries) == len(made) + 5  # each attack, the good one and the bundled ones
    assert {"desk-break", "low-back-basics", "good"} <= {e.id for e in entries if e.runnable}
    hostile = [e for e in entries if e.path in {made[k] for k in HOSTILE_IMAGES}]
    assert len(hostile) == len(HOSTILE_IMAGES) and not any(e.runnable for e in hostile)
    window.list.setCurrentIndex(window.library_page.filter.index(entries.index(hostile[0]), 0))
    assert "This routine cannot run until these problems are fixed:" in detail_texts(window)


def test_a_broken_settings_file_is_said_in_the_window_and_kept_when_it_closes(qtbot, home):
    written = b"sound: false\nvolume: [30\n\x00"
    (home / "settings.yaml").write_bytes(written)
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    notice = win.settings_notice
    assert notice is not None and notice.isVisible()
    text = notice.text()
    assert "settings.yaml" in text and "could not be read" in text and "default" in text
    assert win.state.settings.sound  # the defaults, not half of the file
    assert (home / "settings.yaml").read_bytes() == written  # nothing written yet
    win.close()  # saves the window's size and place
    kept = [p for p in home.iterdir() if p.name.startswith("settings.yaml.broken-")]
    assert [p.read_bytes() for p in kept] == [written]
    assert kept[0].name in notice.text()
    assert b"window_geometry" in (home / "settings.yaml").read_bytes()


def test_a_settings_file_that_is_a_pipe_is_said_and_left_alone(qtbot, home):
    import os

    os.mkfifo(home / "settings.yaml")  # no writer: reading must not wait for one
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.settings_notice is not None and "pipe" in win.settings_notice.text()
    win.close()
    assert (home / "settings.yaml").is_fifo()
    said = win.statusBar().currentMessage()
    assert "save" in said and "pipe" in said


def test_comments_a_save_does_not_keep_are_kept_aside_and_said(qtbot, home):
    written = b"# my own notes: louder in the afternoon\nvolume: 60\n"
    (home / "settings.yaml").write_bytes(written)
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.state.settings.volume == 60 and win.settings_notice is None  # nothing wrong
    win.state.save()
    kept = [p for p in home.iterdir() if p.name.startswith("settings.yaml.as-written-")]
    assert [p.read_bytes() for p in kept] == [written]
    said = win.statusBar().currentMessage()
    assert kept[0].name in said and "comments" in said
    win.state.save()  # said once: the next save has nothing new to keep
    assert len([p for p in home.iterdir() if p.name.startswith("settings.yaml.")]) == 1


class _PersonsClose(QCloseEvent):
    """A close the window system sent (a click on the title bar's close button)."""

    def spontaneous(self) -> bool:
        return True


def test_closing_the_window_during_a_session_asks_as_ctrl_q_does(window, qtbot, monkeypatch):
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def answer(box: QMessageBox) -> int:
        asked.append(box.text())
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    player = window.play(window.library.find("camel-pose").result.routine, start=True)
    first = _PersonsClose()
    window.closeEvent(first)
    assert len(asked) == 1 and "Stop this session" in asked[0]
    assert not first.isAccepted()  # "No": the session goes on in the open window
    assert window.player is player and player.under_way() and not window._closed
    second = _PersonsClose()
    window.closeEvent(second)
    assert second.isAccepted() and not player.under_way()  # "Yes": stopped, then closed
    assert len(asked) == 2


def test_a_close_from_code_never_waits_on_a_question(window, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(box.text()))
    window.play(window.library.find("camel-pose").result.routine, start=True)
    window.close()  # as pytest-qt's teardown and the app's own quit do
    assert window._closed


def test_large_text_makes_the_detail_s_headings_grow_too(window, qapp):
    from PySide6.QtWidgets import QLabel

    def sizes() -> tuple[float, float]:
        labels = window.library_page.detail.widget().findChildren(QLabel)
        title = next(label for label in labels if label.text() == "Hourly desk break")
        body = max(
            (label for label in labels if label.font().bold() is False and label.text()),
            key=lambda label: len(label.text()),
        )
        return title.font().pointSizeF(), body.font().pointSizeF()

    window.library_page.select("desk-break")
    title, body = sizes()
    window.state.change(text_size="large")
    qapp.processEvents()  # the new font reaches the widgets as an event
    large_title, large_body = sizes()
    assert large_body > body and large_title > title  # the headings grow with the text
    assert large_title > large_body
