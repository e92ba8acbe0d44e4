"""Smoke test in a real X window (Xvfb + Qt's xcb plugin), not only offscreen.

This is what catches missing system libraries: without them Qt cannot load
its xcb plugin and the app never shows a window. CI installs Xvfb and xdotool.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .xserver import needs_x, until, x_server


@pytest.fixture
def display() -> Iterator[str]:
    yield from x_server()


def _launch(
    display: str, home: Path, *command: str
) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "BACKROUTINE_HOME": str(home),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "backroutine", *command],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return app, env


def _window(app: subprocess.Popen[str], env: dict[str, str], title: str) -> str:
    """The X window id of the app's visible window with this exact title."""

    def window_id() -> str:
        if app.poll() is not None:
            _out, err = app.communicate()
            pytest.fail(f"the app exited with {app.returncode} before showing {title!r}:\n{err}")
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
            env=env,
            capture_output=True,
            text=True,
        )
        return found.stdout.split()[0] if found.stdout.strip() else ""

    return until(window_id, 30, f"the {title!r} window to be mapped")


def _press_ctrl_q_and_expect_exit(
    app: subprocess.Popen[str], env: dict[str, str], window: str, presses: int = 1
):
    # No window manager runs here: give the window the focus, then type
    # through XTEST as a person would (events sent to a window are ignored).
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
    subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)
    for _ in range(presses - 1):  # Ctrl+Q again in "Stop the session?" answers yes
        question = _window(app, env, r"Stop the session\?")  # a regular expression
        subprocess.run(["xdotool", "windowfocus", "--sync", question], env=env, check=True)
        subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)
    assert app.wait(timeout=15) == 0
    assert "Traceback" not in app.communicate()[1]


@needs_x
def test_the_app_opens_a_real_window_and_quits_on_ctrl_q_at_once(display, home):
    # Past the first-run safety notice, which is a dialog of its own.
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    app, env = _launch(display, home)
    try:
        # Pressed as soon as the window is mapped: before its contents are built.
        window = _window(app, env, "BackRoutine")
        geometry = subprocess.run(
            ["xdotool", "getwindowgeometry", window], env=env, capture_output=True, text=True
        ).stdout
        assert "Geometry:" in geometry
        _press_ctrl_q_and_expect_exit(app, env, window)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


@needs_x
def test_ctrl_q_quits_from_the_first_run_safety_notice(display, home):
    app, env = _launch(display, home)
    try:
        notice = _window(app, env, "Before you begin")
        _press_ctrl_q_and_expect_exit(app, env, notice)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


@needs_x
def test_a_second_start_hands_its_routine_to_the_running_app(display, home):
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    first, env = _launch(display, home)
    try:
        _window(first, env, "BackRoutine")
        second = subprocess.run(
            [sys.executable, "-m", "backroutine", "run", "camel-pose", "--start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stdout
        # The running app opened the player on it; no second window appeared.
        player = _window(first, env, "Camel pose - BackRoutine")
        windows = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "BackRoutine"],
            env=env,
            capture_output=True,
            text=True,
        ).stdout.split()
        assert windows == [player]
        _press_ctrl_q_and_expect_exit(first, env, player, presses=2)  # a session under way
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


def _activate(env: dict[str, str], window: str) -> None:
    """Make window the active one through the window manager, once it runs and
    manages the window (it starts beside the app, and may not be ready yet)."""

    tries = 0

    def activated() -> bool:
        nonlocal tries
        tries += 1
        if tries % 3 == 0:
            # A window mapped while the window manager was still starting can be
            # missed by it for good; mapped again, it is managed like any other.
            for step in ("windowunmap", "windowmap"):
                subprocess.run(["xdotool", step, "--sync", window], env=env, timeout=5)
        try:
            done = subprocess.run(
                ["xdotool", "windowactivate", "--sync", window],
                env=env,
                capture_output=True,
                timeout=2,
            )
        except subprocess.TimeoutExpired:
            return False
        return done.returncode == 0

    until(activated, 30, f"the window manager to activate window {window}")


@needs_x
def test_closing_the_window_by_its_title_bar_during_a_session_asks_first(display, home):
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    # A window manager, as on a desktop: Alt+F4 is its close, sent to the app as a
    # request (WM_DELETE_WINDOW), the same as a click on the title bar's close button.
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    app, env = _launch(display, home, "run", "camel-pose", "--start")
    try:
        player = _window(app, env, "Camel pose - BackRoutine")
        _activate(env, player)
        subprocess.run(["xdotool", "key", "alt+F4"], env=env, check=True)
        question = _window(app, env, r"Stop the session\?")
        assert app.poll() is None  # still running: nothing ended without asking
        _activate(env, question)
        subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)  # answers yes
        assert app.wait(timeout=15) == 0
        assert "Traceback" not in app.communicate()[1]
    finally:
        for process in (app, manager):
            if process.poll() is None:
                process.kill()
                process.wait()
