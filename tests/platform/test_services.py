"""One place picks the platform's module and builds its services once; each module
answers for its system, and asking one never touches another system's APIs."""

from __future__ import annotations

import os

import pytest

from backroutine.platform import module_for, services
from backroutine.ui.sound import Backend, find_backend

from .private_bus import private_bus, run_offscreen


def test_each_system_gets_its_module_and_anything_else_the_fallback():
    assert module_for("linux") == "linux"
    assert module_for("win32") == "windows"
    assert module_for("darwin") == "macos"
    assert module_for("freebsd14") == module_for("") == "fallback"
    assert services(system="freebsd14").name == "this system"


def test_the_services_are_built_once():
    assert services("xcb") is services("xcb")
    assert services() is services()


def test_the_app_s_services_learn_the_window_system_from_the_running_qt(qapp):
    # Built before Qt is up (the lock, the command line), they still probe the
    # window system the app runs on, not an empty name.
    assert services().qt_platform == qapp.platformName() == "offscreen"


def test_every_module_can_be_asked_from_any_system():
    # Only the answers that need no system call: their modules import and build anywhere.
    windows, mac, linux = (services(system=s) for s in ("win32", "darwin", "linux"))
    assert windows.named_pipes and not linux.named_pipes
    assert linux.x11_libraries and not mac.x11_libraries
    assert "speech-dispatcher" in linux.speech_hint and windows.speech_hint == ""


def test_sound_players_are_the_systems_own():
    nothing = lambda program: None  # noqa: E731 - no player program installed
    assert find_backend(nothing, "win32", {}) == Backend("winmm")  # part of every Windows
    mac = find_backend(nothing, "darwin", {})
    assert mac.name is None and "afplay" in (mac.reason or "")
    linux = find_backend(nothing, "freebsd14", {})  # the fallback looks for the same players
    assert linux.name is None and "GStreamer" in (linux.reason or "")


def test_offscreen_nothing_can_be_told_and_the_reason_is_given():
    desktop = services("offscreen", "linux")
    assert not desktop.idle.available and "offscreen" in desktop.idle.how
    assert not desktop.full_screen.available and "offscreen" in desktop.full_screen.how


def test_windows_and_macos_have_no_away_watch_and_say_why():
    for system in ("win32", "darwin"):
        away = services("offscreen", system).away_watch(services("offscreen", system).idle)
        assert isinstance(away, str) and "idle" in away


def test_another_systems_library_missing_is_a_reason_not_a_crash():
    # Here (Linux) neither CoreGraphics nor user32 can be loaded: each says why.
    for system in ("darwin", "win32"):
        idle = services("offscreen", system).idle
        assert not idle.available and idle.how.startswith("idle time cannot be read here (")
    full_screen = services("offscreen", "win32").full_screen
    assert not full_screen.available and full_screen.how.startswith("cannot tell here (")


# -- the trash ---------------------------------------------------------------------


def test_a_file_goes_to_the_trash_whole_even_with_no_data_folder_yet(qapp, tmp_path, monkeypatch):
    data = tmp_path / "new account" / "share"  # not made yet: Qt will not make it
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    name = "neck \u202eslmay.\x01rolls.yaml"  # right-to-left and control characters
    mine = tmp_path / name
    mine.write_bytes(b"name: Neck\x00\n")
    moved = services(system="linux").trash(mine)
    assert moved and moved.reason == ""
    assert not mine.exists()
    trashed = list((data / "Trash" / "files").iterdir())
    assert [p.read_bytes() for p in trashed] == [b"name: Neck\x00\n"]


def test_what_cannot_go_to_the_trash_stays_and_says_why(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    missing = services(system="linux").trash(tmp_path / "gone.yaml")
    assert not missing and "not there" in missing.reason  # not "no trash": there is one
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    services(system="linux").trash(fifo)  # moved or refused, but never waits on the pipe
    assert fifo.exists() or list((tmp_path / "share" / "Trash" / "files").iterdir())


# -- waking from sleep ---------------------------------------------------------------


@pytest.mark.integration
def test_logind_saying_sleep_and_wake_reaches_the_reminders():
    # One process plays logind on a private system bus; the reminders listen as the app does.
    program = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "from PySide6.QtDBus import QDBusConnection, QDBusMessage\n"
        "app = QCoreApplication(sys.argv)\n"
        "bus = QDBusConnection.systemBus()\n"
        "assert bus.registerService('org.freedesktop.login1')\n"
        "from backroutine.core.settings import Settings\n"
        "from backroutine.ui.reminders import ReminderService\n"
        "heard = []\n"
        "class Listening(ReminderService):\n"
        "    def slept(self, going_to_sleep):\n"
        "        heard.append(going_to_sleep)\n"
        "service = Listening(Settings(), {}, None)\n"
        "def say(going):\n"
        "    m = QDBusMessage.createSignal('/org/freedesktop/login1',"
        " 'org.freedesktop.login1.Manager', 'PrepareForSleep')\n"
        "    m.setArguments([going])\n"
        "    bus.send(m)\n"
        "def done():\n"
        "    print(service.wake.how, '|', heard)\n"
        "    app.quit()\n"
        "for i, step in enumerate([lambda: say(True), lambda: say(False), done]):\n"
        "    QTimer.singleShot(150 * (i + 1), step)\n"
        "app.exec()\n"
    )
    with private_bus() as address:
        [said] = run_offscreen(program, DBUS_SYSTEM_BUS_ADDRESS=address)
    how, heard = said.split(" | ")
    assert "logind" in how
    assert heard == "[True, False]"


def test_no_system_bus_means_no_wake_watch_and_nothing_breaks(tmp_path):
    program = (
        "from PySide6.QtCore import QCoreApplication\n"
        "app = QCoreApplication([])\n"
        "from backroutine.core.settings import Settings\n"
        "from backroutine.ui.reminders import ReminderService\n"
        "service = ReminderService(Settings(), {}, None)\n"
        "print(service.listening_for_wake, service.wake)\n"
    )
    said = run_offscreen(program, DBUS_SYSTEM_BUS_ADDRESS=f"unix:path={tmp_path / 'no-bus'}")
    assert said[-1].split() == ["False", "None"]
