"""Starting the app: the first-run notice, and `run ROUTINE --start`."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from backroutine.core.discovery import known_routines
from backroutine.core.engine import State
from backroutine.ui.app import open_window


@pytest.fixture
def dialogs(qapp):
    """The titles of modal dialogs that open during the test (each closed at once,
    so a dialog that should not be there cannot hang the test)."""
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(dialog.windowTitle())
            dialog.done(0)

    poll = QTimer()
    poll.timeout.connect(look)
    poll.start(20)
    yield seen
    poll.stop()


def test_a_first_start_shows_the_safety_notice(qtbot, home, dialogs):
    window = open_window()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: dialogs == ["Before you begin"])
    assert "safety_notice_seen: true" in (home / "settings.yaml").read_text()


def test_run_start_on_a_first_start_shows_the_notice_inside_the_running_player(
    qtbot, home, dialogs
):
    routine = known_routines().find("camel-pose").result.routine
    window = open_window(routine, start=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.player is not None)
    qtbot.wait(300)  # past the moment a first-run dialog would have opened
    assert dialogs == []  # nothing blocks the session's keys
    assert window.player.session.state is State.RUNNING
    assert "not medical advice" in window.player.notice_text.text()


def test_a_start_at_login_waits_in_the_tray(qtbot, home, dialogs):
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    window = open_window(background=True)
    window.reminding.force_tray = True  # as on a desktop with a tray
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.reminding.tray is not None)
    qtbot.wait(100)
    assert window.reminding.tray.isVisible() and not window.isVisible()
    window.quit()


def test_a_start_at_login_without_a_tray_shows_the_window(qtbot, home, dialogs):
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    window = open_window(background=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(window.isVisible)
    assert window.reminding.tray is None
