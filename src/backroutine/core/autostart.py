"""How the app is started, as text for the entries that start it: the command, and a
freedesktop.org desktop entry for the menus and the autostart folder. Where each
system keeps its start-on-login entry is platform/'s (services().autostart)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

DESKTOP_NAME = "backroutine.desktop"


def launch_command(background: bool = True) -> list[str]:
    """How to start the app: its own command if installed, else the module; from a
    login, in the tray (--background)."""
    extra = ["--background"] if background else []
    here = Path(sys.executable).parent
    for name in ("backroutine", "backroutine.exe"):
        script = here / name
        if script.exists():
            return [str(script), *extra]
    found = shutil.which("backroutine")
    if found:
        return [found, *extra]
    return [sys.executable, "-m", "backroutine", *extra]


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_exec(command: list[str]) -> str:
    """The Exec value as the desktop entry specification quotes it (not as a shell does)."""
    quoted = []
    for argument in command:
        argument = argument.replace("%", "%%")
        if _RESERVED & set(argument):
            for special in ("\\", '"', "`", "$"):
                argument = argument.replace(special, "\\" + special)
            argument = f'"{argument}"'
        quoted.append(argument)
    return " ".join(quoted)


def desktop_entry(command: list[str], autostart: bool) -> str:
    """A freedesktop.org desktop entry for the menus, or for the autostart folder."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=BackRoutine",
        "GenericName=Back exercises",
        "Comment=Guided back-care exercises and hourly stretch breaks",
        f"Exec={desktop_exec(command)}",
        "Icon=backroutine",
        "Terminal=false",
        "Categories=Utility;Education;",
        "Keywords=back;stretch;break;exercise;physiotherapy;",
        "StartupWMClass=backroutine",
    ]
    if autostart:
        lines += ["X-GNOME-Autostart-enabled=true", "X-KDE-autostart-phase=2"]
    return "\n".join(lines) + "\n"
