"""How the app is started, as text for the entries that start it: the command, and a
freedesktop.org desktop entry for the menus and the autostart folder. Where each
system keeps its start-on-login entry is platform/'s (services().autostart)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import i18n
from .i18n import N_, _

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


# Translators: what the app is, in the system's menus.
GENERIC_NAME = N_("Back exercises")
# Translators: the app's description in the system's menus.
COMMENT = N_("Guided back-care exercises and hourly stretch breaks")


def _localised() -> list[str]:
    """The menu's words in the person's language too, as the desktop entry
    specification writes them (GenericName[de]=...), when that is not English; the
    English lines stay for every other language. A line break in a translation would
    end the entry's line: it is made a space; a backslash is escaped."""
    code = i18n.language()
    if code == i18n.ENGLISH:
        return []
    return [
        f"{key}[{code}]=" + " ".join(_(text).split()).replace("\\", "\\\\")
        for key, text in (("GenericName", GENERIC_NAME), ("Comment", COMMENT))
    ]


def desktop_entry(command: list[str], autostart: bool) -> str:
    """A freedesktop.org desktop entry for the menus, or for the autostart folder."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=BackRoutine",
        f"GenericName={GENERIC_NAME}",
        f"Comment={COMMENT}",
        *_localised(),
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
