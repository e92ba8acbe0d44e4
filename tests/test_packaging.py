"""The Linux menu entry, the icons, and the start-on-login entry."""

from __future__ import annotations

import struct
import sys

import pytest

from backroutine.core import autostart

from .conftest import REPO


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_menu_entry_and_icons_are_current():
    menu = REPO / "packaging" / "linux" / "backroutine.desktop"
    assert menu.read_text() == autostart.desktop_entry(["backroutine"], autostart=False), (
        "run scripts/make_icons.py"
    )
    for size in (16, 32, 48, 64, 128, 256):
        assert png_size(REPO / "assets" / "icons" / f"backroutine-{size}.png") == (size, size)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG autostart folder")
def test_start_on_login_writes_the_autostart_entry_and_removes_it(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    entry = tmp_path / "autostart" / "backroutine.desktop"
    command = ["/opt/my apps/backroutine"]
    autostart.set_enabled(True, command)
    assert autostart.is_enabled()
    text = entry.read_text()
    assert 'Exec="/opt/my apps/backroutine"' in text  # quoted as the spec says: a space
    assert "X-GNOME-Autostart-enabled=true" in text
    autostart.set_enabled(False)
    assert not entry.exists() and not autostart.is_enabled()
    autostart.set_enabled(False)  # already off: nothing to do, no error


def test_the_launch_command_is_this_installation_starting_in_the_tray():
    command = autostart.launch_command()
    assert command[-1] == "--background"
    assert command[0].endswith(("backroutine", "backroutine.exe")) or command[1:3] == [
        "-m",
        "backroutine",
    ]


def test_exec_lines_are_quoted_as_the_desktop_entry_specification_says():
    assert autostart.desktop_exec(["/usr/bin/backroutine"]) == "/usr/bin/backroutine"
    assert autostart.desktop_exec(["/home/a b/py", "-m", "backroutine"]) == (
        '"/home/a b/py" -m backroutine'
    )
    assert autostart.desktop_exec(['/x/50% "off"/$HOME']) == '"/x/50%% \\"off\\"/\\$HOME"'
