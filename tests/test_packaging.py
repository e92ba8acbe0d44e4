"""The Linux menu entry, the icons, and the command a start-on-login entry runs
(the entries themselves: tests/platform/test_autostart.py)."""

from __future__ import annotations

import struct

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
