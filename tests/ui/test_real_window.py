"""Smoke test in a real X window (Xvfb + Qt's xcb plugin), not only offscreen.

This is what catches missing system libraries: without them Qt cannot load
its xcb plugin and the app never shows a window. CI installs Xvfb and xdotool.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

needs_x = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="needs Xvfb and xdotool (apt-get install xvfb xdotool; .ci/run installs them)",
)


def _free_display() -> int:
    for number in range(91, 400):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def _until(check, seconds: float, what: str):
    """Polls an outside process's state; fails with what was awaited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {seconds:g}s waiting for {what}")


@pytest.fixture
def display() -> Iterator[str]:
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10, "Xvfb to start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _launch(display: str, home: Path) -> tuple[subprocess.Popen[str], dict[str, str]]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "BACKROUTINE_HOME": str(home),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "backroutine"],
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

    return _until(window_id, 30, f"the {title!r} window to be mapped")


def _press_ctrl_q_and_expect_exit(app: subprocess.Popen[str], env: dict[str, str], window: str):
    # No window manager runs here: give the window the focus, then type
    # through XTEST as a person would (events sent to a window are ignored).
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
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
        _press_ctrl_q_and_expect_exit(first, env, player)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


@needs_x
def test_idle_time_is_read_from_the_x_server(display):
    probe = (
        "from backroutine.ui.desktop import idle_probe\n"
        "probe = idle_probe('xcb')\n"
        "print(probe.how, '|', probe.ask())\n"
    )
    env = {**os.environ, "DISPLAY": display}

    def idle() -> float:
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        how, seconds = done.stdout.split("|")
        assert how.strip() == "X11 screen-saver extension"
        return float(seconds)

    time.sleep(1.2)  # a real second of nobody touching the (virtual) keyboard
    before = idle()
    assert before >= 1.0
    subprocess.run(["xdotool", "mousemove", "40", "40"], env=env, check=True)
    assert idle() < before
