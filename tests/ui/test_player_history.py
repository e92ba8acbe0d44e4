"""The player keeps each session in the history, asks how it felt, and listens to "It hurts"."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox

from backroutine.core.engine import State
from backroutine.core.history import History
from backroutine.core.settings import Settings
from backroutine.ui.main_window import MainWindow

from .test_player import open_routine, wait, write_user_routine


def kept(home) -> list:
    history = History.open_read_only(home / "history.sqlite3")
    try:
        return history.sessions()
    finally:
        history.close()


def test_a_program_session_is_kept_with_pain_effort_and_note(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Low back basics")  # a program: ratings asked
    assert player.pain_before.isVisible()
    player.pain_before.choose(3)
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert not player.pain_before.isVisible()
    wait(player, clock, 5 + 5)  # the get-ready, then the first pelvic tilt
    [session] = kept(home)
    assert (session.status, session.pain_before) == ("in_progress", 3)
    assert [(p.exercise, p.rep, p.status) for p in session.periods] == [("Pelvic tilt", 1, "done")]
    wait(player, clock, player.timeline.total_seconds)
    assert player.summary_title.text() == "Well done!"
    assert player.pain_after.isVisible() and player.effort.isVisible()
    player.pain_after.choose(4)
    player.effort.choose(6)
    assert not player.advice.isVisible()  # 3 -> 4 is no cause for concern
    qtbot.keyClicks(player.note, "Bridge felt easier")
    qtbot.mouseClick(player.library_button, Qt.MouseButton.LeftButton)
    [session] = kept(home)
    assert session.status == "completed"
    assert (session.pain_after, session.effort, session.note) == (4, 6, "Bridge felt easier")
    assert len({p.position for p in session.periods}) == sum(
        p.kind.is_work for p in player.timeline.periods
    )
    assert player.recorded.text() == "Kept in your history on this computer."


def test_pain_that_rises_by_two_brings_calm_advice(window, qtbot, clock):
    player = open_routine(window, qtbot, "Low back basics")
    player.pain_before.choose(2)
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 20)
    QTimer.singleShot(
        0, lambda: QApplication.activeModalWidget().button(QMessageBox.StandardButton.Yes).click()
    )
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert player.summary_title.text() == "Session stopped"
    player.pain_after.choose(4)
    assert player.advice.isVisible()
    assert player.advice.text.text().startswith("Your pain went up from 2 to 4.")
    player.pain_after.choose(3)
    assert not player.advice.isVisible()


def test_a_break_asks_for_no_ratings_unless_set_to(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Hourly desk break")
    assert not player.pain_before.isVisible()
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, player.timeline.total_seconds)
    assert not player.pain_after.isVisible() and player.note.isVisible()
    window.pages.close_player()
    window.state.change(ratings="always")
    player = open_routine(window, qtbot, "Hourly desk break")
    assert player.pain_before.isVisible()


def test_it_hurts_pauses_notes_it_and_can_skip_the_exercise(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Low back basics")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 5 + 2)
    qtbot.keyClick(player, Qt.Key.Key_H)
    assert player.session.state is State.PAUSED
    assert player.hurt_box.isVisible()
    assert "Stop Pelvic tilt for today" in player.hurt_box.text.text()
    qtbot.mouseClick(player.skip_exercise_button, Qt.MouseButton.LeftButton)
    assert not player.hurt_box.isVisible()
    assert player.session.state is State.RUNNING
    assert player.exercise.text() == "Knee-to-chest stretch"
    player.end()
    [session] = kept(home)
    # The hold under way is flagged; the nine reps passed over are kept as skipped.
    assert [(p.exercise, p.rep, p.status, p.hurt) for p in session.periods] == [
        ("Pelvic tilt", 1, "skipped", True)
    ] + [("Pelvic tilt", rep, "skipped", False) for rep in range(2, 11)]
    assert session.status == "stopped"


def test_carry_on_after_it_hurts_resumes_the_same_hold(window, qtbot, clock):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 16)
    exercise = player.exercise.text()
    qtbot.mouseClick(player.hurts_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(player.carry_on_button, Qt.MouseButton.LeftButton)
    assert player.session.state is State.RUNNING
    assert player.exercise.text() == exercise and not player.hurt_box.isVisible()


def test_a_session_the_history_cannot_keep_still_runs_and_says_why(qtbot, home, clock, cues):
    (home / "history.sqlite3").mkdir()  # a folder where the file should be
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    window.show()
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    assert player.notice.isVisible()
    assert player.notice_text.text().startswith("This session is not being recorded.")
    wait(player, clock, player.timeline.total_seconds)
    assert player.summary_title.text() == "Well done!"
    assert player.recorded.text().startswith("Not recorded:")


def test_quitting_mid_session_keeps_it_as_stopped(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 30)
    window.close()
    [session] = kept(home)
    assert session.status == "stopped"
    assert session.active_seconds == pytest.approx(30.0)


def test_esc_before_starting_goes_straight_back_to_the_library(window, qtbot):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Escape)  # no question: there is nothing to lose
    assert window.player is None
    assert window.pages.currentWidget() is window.library_page


def test_the_player_keys_still_work_on_a_button_reached_by_tab(window, qtbot, clock):
    player = open_routine(window, qtbot, "Low back basics")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    player.skip_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(player.skip_button, Qt.Key.Key_Right)  # skips; does not move the focus
    assert player.phase.text() == "Hold"
    assert QApplication.focusWidget() is player.skip_button


def test_do_it_again_gives_the_keys_back_to_the_player(window, qtbot, clock):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, player.timeline.total_seconds)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # habit: nothing restarts
    assert player.summary_title.text() == "Well done!"
    qtbot.mouseClick(player.again_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert player.session.state is State.RUNNING
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert player.session.state is State.PAUSED


def test_skipping_everything_is_not_called_well_done(window, qtbot):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    while player.session.state is State.RUNNING:
        qtbot.keyClick(player, Qt.Key.Key_N)
    assert player.summary_title.text() == "Everything was skipped"
    assert "0 of " in player.summary_text.text()


def test_a_long_exercise_name_shrinks_to_fit_instead_of_being_cut(window, qtbot, clock, home):
    name = "Standing hip-flexor stretch with a chair for balance and a cushion"
    write_user_routine(
        home, "long.yaml", f"name: Long\nprepare: 0\nsteps:\n  - exercise: {name}\n    hold: 5s\n"
    )
    window.reload()
    player = open_routine(window, qtbot, "Long")
    assert player.exercise.text() == name
    room = player.exercise.contentsRect().width()
    assert QFontMetrics(player.exercise.font()).horizontalAdvance(name) <= room


def test_a_trace_that_cannot_be_written_stops_tracing_not_the_session(window, qtbot, clock):
    routine = window.library.find("camel-pose").result.routine
    full = open("/dev/full", "w")  # noqa: SIM115 - its closing fails too, as a full disk's does
    player = window.play(routine, trace=full)
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 20)
    with contextlib.suppress(OSError):
        full.close()
    assert player.session.state is State.RUNNING
    assert "trace file could not be written" in player.notice_text.text()
    assert player.play_button.text() == "Pause"


def test_rests_inside_an_exercise_say_what_they_lead_to():
    from backroutine.core.model import Side
    from backroutine.core.timeline import Period, PeriodKind
    from backroutine.ui.player_words import describe_next, period_counters

    between_reps = Period(PeriodKind.REST, 5, 0, "Bridge", 1, 2, None, 2, 3)
    between_sets = Period(PeriodKind.REST, 30, 0, "Bridge", 2, 2, Side.LEFT, 1, 3)
    assert period_counters(between_reps) == "Rep 2 of 3 next"
    assert period_counters(between_sets) == "Set 2 of 2 next"
    marching = Period(PeriodKind.DURATION, 45, 0, "Marching in place")
    assert describe_next(marching) == "Next: Marching in place, 45 s"


def test_space_after_it_hurts_answers_the_question_too(window, qtbot, clock):
    player = open_routine(window, qtbot, "Low back basics")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 7)
    qtbot.keyClick(player, Qt.Key.Key_H)
    assert player.hurt_box.isVisible()
    qtbot.keyClick(player, Qt.Key.Key_Space)  # resumes: the box must not linger
    assert player.session.state is State.RUNNING
    assert not player.hurt_box.isVisible()


def test_a_note_emptied_again_is_kept_empty(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, player.timeline.total_seconds)
    qtbot.keyClicks(player.note, "oops, wrong routine")
    player.save_note()
    player.note.clear()
    qtbot.mouseClick(player.library_button, Qt.MouseButton.LeftButton)
    [session] = kept(home)
    assert session.note == ""


def _answer_stop_question(answers: list, button: QMessageBox.StandardButton) -> None:
    """Once the stop question is open: note its text, then answer it."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def _ctrl_q(widget, qtbot) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_q_mid_session_asks_and_quits_only_on_yes(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 30)
    answers: list = []
    _answer_stop_question(answers, QMessageBox.StandardButton.No)
    _ctrl_q(player, qtbot)
    assert answers == ["Stop this session now? What you have done so far is kept."]
    assert window.isVisible() and window.player is player
    assert player.session.state is State.RUNNING  # No: it goes on where it was
    wait(player, clock, 10)
    _answer_stop_question(answers, QMessageBox.StandardButton.Yes)
    _ctrl_q(player, qtbot)
    assert len(answers) == 2
    assert not window.isVisible()
    [session] = kept(home)
    assert session.status == "stopped"
    assert session.active_seconds == pytest.approx(40.0)


def test_ctrl_q_in_the_stop_question_answers_yes_and_quits(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 20)
    asked = []

    def press_ctrl_q() -> None:
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow, timeout=2000)
        QTimer.singleShot(3000, box, box.reject)  # a test that fails, not one that hangs
        _ctrl_q(box, qtbot)

    QTimer.singleShot(0, press_ctrl_q)
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    assert len(asked) == 1
    qtbot.waitUntil(lambda: not window.isVisible())  # asked once only, then quit
    assert QApplication.activeModalWidget() is None
    [session] = kept(home)
    assert session.status == "stopped"


def test_ctrl_q_with_no_session_under_way_quits_at_once(window, qtbot, clock, home):
    player = open_routine(window, qtbot, "Camel pose")
    wait(player, clock, 5)  # opened, never started
    _ctrl_q(player, qtbot)  # no question: a modal one here would hang the test
    assert not window.isVisible()
    assert kept(home) == []


def test_another_start_asking_for_a_routine_mid_session_asks_before_stopping_it(
    window, qtbot, clock, home
):
    # `backroutine run hip-flexor-release --start` (or Start Break Now in the tray)
    # while Camel pose is under way: it asked nothing and stopped the session.
    player = open_routine(window, qtbot, "Camel pose")
    qtbot.keyClick(player, Qt.Key.Key_Space)
    wait(player, clock, 30)
    other = str(window.pages.library.find("hip-flexor-release").path)
    request = {"command": "run", "path": other, "start": True}
    answers: list = []
    _answer_stop_question(answers, QMessageBox.StandardButton.No)
    window.handle_request(request)
    assert answers == ["Stop this session now? What you have done so far is kept."]
    assert window.player is player and player.session.state is State.RUNNING
    [session] = kept(home)
    assert session.status == "in_progress"  # nothing lost: it goes on
    _answer_stop_question(answers, QMessageBox.StandardButton.Yes)
    window.handle_request(request)
    assert window.player is not player and window.player.routine.name == "Hip flexor release"
    stopped, *_ = kept(home)  # Camel pose, kept as far as it went
    assert (stopped.routine_name, stopped.status) == ("Camel pose", "stopped")
