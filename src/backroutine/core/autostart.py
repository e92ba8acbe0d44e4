"""Start on login: the platform's per-user entry, written when asked and removed when not.

Linux (and other XDG desktops): ~/.config/autostart/backroutine.desktop.
Windows: the user's Run key in the registry. macOS: a LaunchAgent property list.
"""

from __future__ import annotations

import contextlib
import plistlib
import shutil
import sys
from pathlib import Path

import platformdirs

from .files import atomic_text

DESKTOP_NAME = "backroutine.desktop"
MAC_LABEL = "app.backroutine"
WINDOWS_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


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


def autostart_path() -> Path:
    if sys.platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"{MAC_LABEL}.plist"
    return Path(platformdirs.user_config_dir()) / "autostart" / DESKTOP_NAME


def is_enabled() -> bool:
    if sys.platform == "win32":
        return _windows_value() is not None
    return autostart_path().exists()


def set_enabled(on: bool, command: list[str] | None = None) -> None:
    """Write or remove the entry. Raises OSError if that cannot be done."""
    command = command or launch_command()
    if sys.platform == "win32":
        _windows_set(on, command)
        return
    path = autostart_path()
    if not on:
        if path.exists():
            path.unlink()
        return
    if sys.platform == "darwin":
        plist = plistlib.dumps(
            {"Label": MAC_LABEL, "ProgramArguments": command, "RunAtLoad": True}
        ).decode()
        with atomic_text(path) as out:
            out.write(plist)
        return
    with atomic_text(path) as out:
        out.write(desktop_entry(command, autostart=True))


def _windows_value() -> str | None:
    if sys.platform != "win32":
        return None
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, "BackRoutine")
            return str(value)
    except OSError:
        return None


def _windows_set(on: bool, command: list[str]) -> None:
    if sys.platform != "win32":
        return
    import subprocess
    import winreg

    line = subprocess.list2cmdline(command)
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, WINDOWS_KEY, 0, winreg.KEY_SET_VALUE) as key:
        if on:
            winreg.SetValueEx(key, "BackRoutine", 0, winreg.REG_SZ, line)
        else:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, "BackRoutine")
