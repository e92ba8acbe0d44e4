"""The player, driven through its real widgets and keys with a fake clock."""

from __future__ import annotations

import io
import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from backroutine.core.engine import CueKind, State
from backroutine.core.settings import Settings, load_settings
from backroutine.core.timeline import PeriodKind
from backroutine.ui.main_window import MainWindow
from backroutine.ui.player import PlayerPage

from ..clocks import FakeClock
from .conftest import FakeCues  # noqa: F401 - other tests import it from here


def open_routine(win: MainWindow, qtbot, name: str) -> PlayerPage:
    from .test_main_window import select

    select(win, name)
    start = win.library_page.detail.widget().findChild(QPushButton, "startButton")
    assert start is not None and start.isVisible()
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert win.player is not None
    assert win.pages.currentWidget() is win.player
    return win.player


def wait(player: PlayerPage, clock: FakeClock, seconds: float) -> None:
    """Let time pass, with the player woken whenever it asked to be (as its timer would)."""
    target = clock.now + seconds
    while (due := player.session.next_wakeup()) is not None and due <= target:
        clock.now = max(clock.now, due)
        player.wake()
    clock.now = target
    player.wake()


def write_user_routine(home, name: str, text: str) -> Path:
    folder = home / "routines"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_whole_routine_through_the_real_widgets(window, qtbot, clock, cues):
    player = open_routine(window, qtbot, "Hourly desk break")
    assert player.phase.text() == "Get ready"
    assert player.play_button.text() == "Start"
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.session.state is State.RUNNING
    assert player.countdown.text() == "3"
    assert player.exercise.text() == "Marching in place"
    wait(player, clock, 3)
    assert player.phase.text() == "Keep going"
    assert player.countdown.text() == "45"
    assert player.next_label.text() == "Next: Standing hip-flexor stretch"
    assert player.picture.pixmap() is not None and not player.picture.pixmap().isNull()
    wait(player, clock, 60)  # 63 s in: the stretch's first side
    assert (player.phase.text(), player.counters.text()) == ("Hold", "Left side")
    wait(player, clock, 12)  # past the side switch
    assert player.counters.text() == "Right side"
    total = player.timeline.total_seconds
    wait(player, clock, total)
    assert player.pages.currentIndex() == 1
    assert player.summary_title.text() == "Well done!"
    assert "Active time 2:33" in player.summary_text.text()
    kinds = [c.kind for c in cues.heard]
    assert kinds[0] is CueKind.PERIOD_START and kinds[-1] is CueKind.COMPLETE
    assert kinds.count(CueKind.TICK) >= 3 * 4
    assert window.statusBar().currentMessage() == ""  # no library count under the player
    qtbot.mouseClick(player.library_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.library_page
    assert window.player is None
    assert window.statusBar().currentMessage().endswith("routines")


def test_keys_skip_back_and_pause(window, qtbot, clock):
    player = open_routine(window, qtbot, "Low back basics")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    qtbot.keyClick(player, Qt.Key.Key_Right)  # past the get-ready
    assert player.phase.text() == "Hold"
    assert player.counters.text() == "Rep 1 of 10"
    wait(player, clock, 2.5)
    qtbot.keyClick(player, Qt.Key.Key_Left)  # back to the start of this hold
    assert player.phase.text() == "Hold" and player.countdown.text() == "5"
    qtbot.keyClick(player, Qt.Key.Key_B)  # again, at once: the get-ready before it
    assert player.phase.text() == "Get ready"
    qtbot.keyClick(player, Qt.Key.Key_N)
    qtbot.keyClick(player, Qt.Key.Key_N)  # past the first hold, into the rest after it
    assert (player.phase.text(), player.counters.text()) == ("Rest", "Rep 2 of 10 next")
    qtbot.keyClick(player, Qt.Key.Key_B)  # at the rest's very start: the hold before it
    assert (player.phase.text(), player.counters.text()) == ("Hold", "Rep 1 of 10")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.session.state is State.PAUSED
    assert player.play_button.text() == "Resume"
    assert player.status.text() == "Paused. Press Space to go on."
    wait(player, clock, 30)
    assert player.countdown.text() == "5"  # nothing moved while paused
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.session.state is State.RUNNING


def test_a_click_leaves_space_meaning_pause(window, qtbot):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    qtbot.mouseClick(player.skip_button, Qt.MouseButton.LeftButton)
    assert player.phase.text() == "Hold"
    focused = QApplication.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_Space)
    assert player.session.state is State.PAUSED
    assert player.phase.text() == "Hold"  # not skipped again


def test_untimed_reps_wait_for_done(window, qtbot, clock, home):
    write_user_routine(
        home,
        "cat-cow.yaml",
        "name: Cat cow\nprepare: 0\nsteps:\n  - exercise: Cat-cow\n"
        "    instructions: Round, then arch.\n    reps: 2\n",
    )
    window.reload()
    player = open_routine(window, qtbot, "Cat cow")
    assert player.time_left.text() == "about 0:00 left, plus 2 reps at your pace"
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.phase.text() == "Rep 1 of 2 - press Done"
    assert player.countdown.text() == "—"
    assert player.done_button.isVisible()
    wait(player, clock, 120)
    assert player.phase.text() == "Rep 1 of 2 - press Done"
    qtbot.keyClick(player, Qt.Key.Key_Return)
    assert player.phase.text() == "Rep 2 of 2 - press Done"
    qtbot.mouseClick(player.done_button, Qt.MouseButton.LeftButton)
    assert player.summary_title.text() == "Well done!"


def test_sides_are_shown_and_switched(window, qtbot, clock):
    player = open_routine(window, qtbot, "Hip flexor release")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 5)
    assert (player.phase.text(), player.counters.text()) == ("Hold", "Set 1 of 2  ·  Left side")
    wait(player, clock, 30)
    assert player.phase.text() == "Switch sides"
    assert player.instructions.text() == "Change to the right side and get into position."
    wait(player, clock, 3)
    assert player.counters.text() == "Set 1 of 2  ·  Right side"


def test_esc_asks_before_stopping_and_the_session_waits(window, qtbot, clock):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    answers = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(player.session.state)
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert answers == [State.PAUSED]
    assert player.session.state is State.RUNNING
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert player.summary_title.text() == "Session stopped"


def test_a_sleeping_computer_pauses_the_session_and_says_why(window, qtbot, clock):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 2)
    clock.advance(1800)
    player.wake()
    assert player.session.state is State.PAUSED
    assert player.status.text() == "Paused because the computer was asleep. Press Space to go on."


def test_the_trace_has_one_line_per_period_change(window, clock):
    routine = window.library.find("desk-break").result.routine
    trace = io.StringIO()
    player = PlayerPage(routine, clock=clock, trace=trace)
    player.start()
    wait(player, clock, player.timeline.total_seconds + 1)
    lines = [json.loads(line) for line in trace.getvalue().splitlines()]
    assert len(lines) == len(player.timeline.periods) + 1
    assert lines[0]["kind"] == PeriodKind.PREPARE.value and lines[-1]["kind"] == "complete"
    assert all(set(line) == {"period", "kind", "due", "handled", "late_ms"} for line in lines)
    assert all(line["late_ms"] == 0 for line in lines)


def test_starting_at_once_on_first_run_shows_the_safety_notice_inside(qtbot, home, clock, cues):
    win = MainWindow(settings=Settings(), clock=clock, cue_player=cues)
    qtbot.addWidget(win)
    win.show()
    routine = win.library.find("camel-pose").result.routine
    player = win.play(routine, start=True)
    assert player.session.state is State.RUNNING
    assert player.notice.isVisible()
    assert "not medical advice" in player.notice_text.text()
    saved, _ = load_settings(home / "settings.yaml")
    assert saved.safety_notice_seen


def test_settings_and_window_size_are_kept(window, home):
    window.state.change(sound=False, volume=50, theme="dark")
    window.resize(900, 650)
    window.close()
    saved, problems = load_settings(home / "settings.yaml")
    assert problems == []
    assert (saved.sound, saved.volume, saved.theme) == (False, 50, "dark")
    assert saved.window_geometry


def test_full_screen_toggles_with_f11(window, qtbot):
    window.menus.fullscreen_action.trigger()
    assert window.isFullScreen()
    window.menus.fullscreen_action.trigger()
    assert not window.isFullScreen()


def test_every_player_control_has_a_name(window, qtbot):
    player = open_routine(window, qtbot, "Camel pose")
    for widget in (
        player.back_button,
        player.play_button,
        player.skip_button,
        player.done_button,
        player.stop_button,
        player.countdown,
        player.phase,
        player.progress,
    ):
        assert widget.accessibleName()
