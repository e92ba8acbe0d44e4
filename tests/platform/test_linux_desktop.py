"""What the desktop tells, tried against real servers: an X server (Xvfb) for idle
time, coming back after time away and full-screen windows (with a real window
manager, openbox), and a private D-Bus session for a Wayland desktop's screen saver."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from backroutine.platform.x11 import X11, XSyncAwayWatch

from ..ui.xserver import needs_x, until, x_server
from .private_bus import private_bus, run_offscreen


@pytest.fixture
def display() -> Iterator[str]:
    yield from x_server()


def _xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True)


@needs_x
def test_idle_time_is_read_from_the_x_server(display):
    probe = (
        "from backroutine.platform import services\n"
        "probe = services('xcb', 'linux').idle\n"
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

    time.sleep(0.6)  # real time of nobody touching the (virtual) keyboard
    before = idle()
    assert before >= 0.5
    subprocess.run(["xdotool", "mousemove", "40", "40"], env=env, check=True)
    assert idle() < before


@needs_x
def test_coming_back_after_time_away_is_told_by_the_x_server(qapp, qtbot, display):
    watch = XSyncAwayWatch(display)
    try:
        watch.watch(0.6)  # a "break" of 0.6 s, so the test is short
        _xdotool(display, "mousemove", "5", "5")
        with qtbot.assertNotEmitted(watch.returned, wait=200):
            _xdotool(display, "mousemove", "6", "6")  # a short pause is not a break
        qtbot.wait(800)  # nobody touches keyboard or mouse for longer than the break
        with qtbot.waitSignal(watch.returned, timeout=3000) as back:
            _xdotool(display, "mousemove", "50", "50")
        assert back.args == [0.6]
        # Set for a longer break, the same short absence no longer counts.
        watch.watch(60.0)
        qtbot.wait(800)
        with qtbot.assertNotEmitted(watch.returned, wait=300):
            _xdotool(display, "key", "shift")
    finally:
        watch.close()


needs_wm = pytest.mark.skipif(
    shutil.which("openbox") is None,
    reason="needs openbox, a window manager that says which window is full screen "
    "(make test installs it as root; else: scripts/system-packages test)",
)


def _window(display: str, full_screen: bool) -> subprocess.Popen[str]:
    show = "w.showFullScreen()" if full_screen else "w.show()"
    program = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication(sys.argv)\n"
        "w = QWidget()\n"
        f"w.setWindowTitle('{'Slides' if full_screen else 'Notes'}')\n"
        f"{show}\n"
        "app.exec()\n"
    )
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    return subprocess.Popen([sys.executable, "-c", program], env=env, text=True)


@needs_x
def test_asking_about_a_window_that_has_gone_does_not_end_the_app(display, monkeypatch):
    # Xlib's default error handler exits the process; a window may close between
    # being named active and being asked whether it is full screen.
    monkeypatch.setenv("DISPLAY", display)
    assert X11()._atoms(0x7FFFFFF, b"_NET_WM_STATE") == []


@needs_x
@needs_wm
def test_a_full_screen_window_in_front_is_seen(display, monkeypatch):
    monkeypatch.setenv("DISPLAY", display)
    assert X11().full_screen() is None  # no window manager yet: it cannot be told
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    windows: list[subprocess.Popen[str]] = []
    try:
        x = X11()
        until(lambda: x.full_screen() is not None, 15, "openbox to start")
        assert x.full_screen() is False  # nothing in front yet
        windows.append(_window(display, full_screen=False))
        until(lambda: x._atoms(x.root, b"_NET_ACTIVE_WINDOW")[:1] != [0], 30, "a window")
        assert x.full_screen() is False
        windows.append(_window(display, full_screen=True))
        # As a person would, bring it to the front (a window manager may keep the
        # focus on the window already there).
        subprocess.run(
            ["xdotool", "search", "--sync", "--name", "^Slides$", "windowactivate", "%@"],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            timeout=30,
        )
        until(lambda: x.full_screen() is True, 30, "the full-screen window to be in front")
        windows.pop().kill()
        until(lambda: x.full_screen() is False, 30, "the full-screen window to go")
    finally:
        for window in windows:
            window.kill()
            window.wait()
        manager.terminate()
        manager.wait(timeout=10)


@pytest.mark.integration
def test_a_wayland_screen_saver_coming_off_is_time_away():
    # One process plays the desktop's screen saver and listens as the app would.
    program = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "from PySide6.QtDBus import QDBusConnection, QDBusMessage\n"
        "app = QCoreApplication(sys.argv)\n"
        "bus = QDBusConnection.sessionBus()\n"
        "assert bus.registerService('org.freedesktop.ScreenSaver')\n"
        "from backroutine.platform.dbus import ScreenSaverAwayWatch\n"
        "idle = [300.0]\n"
        "watch = ScreenSaverAwayWatch(lambda: idle[0])\n"
        "watch.watch(150.0)\n"
        "heard = []\n"
        "watch.returned.connect(heard.append)\n"
        "def say(active):\n"
        "    m = QDBusMessage.createSignal('/ScreenSaver', 'org.freedesktop.ScreenSaver',"
        " 'ActiveChanged')\n"
        "    m.setArguments([active])\n"
        "    bus.send(m)\n"
        "def done():\n"
        "    print(watch.how)\n"
        "    print(' '.join(str(round(s)) for s in heard))\n"
        "    app.quit()\n"
        "steps = [lambda: say(True), lambda: say(False),\n"  # five minutes idle, then back
        "         lambda: idle.__setitem__(0, 0.0), lambda: say(True), lambda: say(False),\n"
        "         done]\n"  # locked and straight back: not a break
        "for i, step in enumerate(steps):\n"
        "    QTimer.singleShot(60 * (i + 1), step)\n"
        "app.exec()\n"
    )
    with private_bus() as address:
        how, heard = run_offscreen(program, DBUS_SESSION_BUS_ADDRESS=address)
    assert how == "the screen saver coming off (org.freedesktop.ScreenSaver)"
    assert heard == "300"  # once: the five minutes away, not the quick lock
