"""Start on login: each system's entry is written when asked and removed when not,
and nothing of the person's is written through or thrown away on the way."""

from __future__ import annotations

import plistlib

import pytest

from backroutine.platform import services


def test_linux_writes_the_xdg_autostart_entry_and_removes_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    autostart = services(system="linux").autostart
    entry = tmp_path / "autostart" / "backroutine.desktop"
    autostart.set_enabled(True, ["/opt/my apps/backroutine"])
    assert autostart.is_enabled()
    text = entry.read_text()
    assert 'Exec="/opt/my apps/backroutine"' in text  # quoted as the spec says: a space
    assert "X-GNOME-Autostart-enabled=true" in text
    autostart.set_enabled(False)
    assert not entry.exists() and not autostart.is_enabled()
    autostart.set_enabled(False)  # already off: nothing to do, no error


def test_macos_writes_a_launch_agent_and_removes_it(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    autostart = services(system="darwin").autostart
    command = ["/Applications/Back Routine/backroutine", "--background"]
    autostart.set_enabled(True, command)
    agent = tmp_path / "Library" / "LaunchAgents" / "app.backroutine.plist"
    assert plistlib.loads(agent.read_bytes()) == {
        "Label": "app.backroutine",
        "ProgramArguments": command,
        "RunAtLoad": True,
    }
    assert autostart.is_enabled()
    autostart.set_enabled(False)
    assert not agent.exists() and not autostart.is_enabled()


def test_a_link_in_the_entrys_place_is_replaced_not_written_through(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    mine = tmp_path / "notes.txt"
    mine.write_bytes(b"my notes\x00\xe2\x80\xae")
    (tmp_path / "config" / "autostart").mkdir(parents=True)
    entry = tmp_path / "config" / "autostart" / "backroutine.desktop"
    entry.symlink_to(mine)
    autostart = services(system="linux").autostart
    autostart.set_enabled(True, ["backroutine"])
    assert not entry.is_symlink() and "Exec=backroutine" in entry.read_text()
    assert mine.read_bytes() == b"my notes\x00\xe2\x80\xae"
    autostart.set_enabled(False)
    assert mine.read_bytes() == b"my notes\x00\xe2\x80\xae"


def test_a_folder_in_the_entrys_place_is_refused_and_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "autostart" / "backroutine.desktop"
    folder.mkdir(parents=True)
    (folder / "keep.txt").write_text("mine")
    autostart = services(system="linux").autostart
    with pytest.raises(OSError) as refused:
        autostart.set_enabled(False)
    assert "backroutine.desktop" in str(refused.value)  # the message names the place
    assert (folder / "keep.txt").read_text() == "mine"


def test_a_system_with_no_known_entry_says_so_when_asked_to_start_on_login():
    autostart = services(system="plan9").autostart  # the fallback: the XDG folder
    assert type(autostart).__name__ == "XdgAutostart"
    from backroutine.platform.base import NoAutostart

    with pytest.raises(OSError, match="start-on-login"):
        NoAutostart().set_enabled(True)
    assert not NoAutostart().is_enabled()


@pytest.mark.parametrize("odd", ["pipe", "link to a pipe", "file"])
def test_an_autostart_folder_that_is_no_folder_is_named_and_left_alone(tmp_path, monkeypatch, odd):
    import os

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "autostart"
    if odd == "pipe":
        os.mkfifo(folder)
    elif odd == "file":
        folder.write_bytes(b"mine\x00")
    else:
        os.mkfifo(tmp_path / "pipe")
        folder.symlink_to(tmp_path / "pipe")
    autostart = services(system="linux").autostart
    with pytest.raises(OSError) as refused:
        autostart.set_enabled(True, ["backroutine"])
    assert "autostart" in str(refused.value) and "not a folder" in str(refused.value)
    assert not autostart.is_enabled()
    assert folder.is_fifo() or folder.read_bytes() == b"mine\x00"  # left as it was


def test_a_folder_in_the_entrys_place_does_not_count_as_starting_on_login(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "autostart" / "backroutine.desktop").mkdir(parents=True)
    autostart = services(system="linux").autostart
    with pytest.raises(OSError):
        autostart.set_enabled(True, ["backroutine"])
    assert not autostart.is_enabled()  # so the setting goes back to off, as it is
