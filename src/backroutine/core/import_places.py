"""Where Workrave, Stretchly and Safe Eyes keep the files BackRoutine imports, on
Linux (packages, Flatpak, Snap), Windows and macOS. The caller passes the home folder,
the environment and the root of the file system in: every platform's places are
looked at (a place of another platform is simply not there), and tests use a fake
home. Only regular files are offered (a link to one too); nothing is read here."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .i18n import N_, _

WORKRAVE, STRETCHLY, SAFE_EYES = "Workrave", "Stretchly", "Safe Eyes"
# Translators: how another break app was installed, beside "Flatpak" and "Snap".
INSTALLED = N_("installed")
FLATPAK_IDS = {
    WORKRAVE: "org.workrave.Workrave",
    STRETCHLY: "net.hovancik.Stretchly",
    SAFE_EYES: "io.github.slgobinath.SafeEyes",
}
EXERCISES = ("workrave", "exercises", "exercises.xml")


@dataclass(frozen=True)
class AppFile:
    """A file another break app keeps, found where that app puts it."""

    app: str
    path: Path
    how: str  # how the app was installed: "installed", "Flatpak", "Snap", ...

    @property
    def label(self) -> str:
        how = _(self.how) if self.how == INSTALLED else self.how  # the others are names
        # Translators: another break app's file: "Workrave (Flatpak): /path/to/file".
        return _("{app} ({how}): {path}").format(app=self.app, how=how, path=self.path)


def _paths(env: Mapping[str, str], key: str, default: str) -> list[Path]:
    value = env.get(key) or default
    return [Path(p) for p in value.split(os.pathsep) if p and Path(p).is_absolute()]


def candidates(home: Path, env: Mapping[str, str], root: Path = Path("/")) -> list[AppFile]:
    """Every place the three apps may keep their file, found or not, most likely first."""
    config = _paths(env, "XDG_CONFIG_HOME", str(home / ".config"))[:1] or [home / ".config"]
    data_dirs = _paths(env, "XDG_DATA_DIRS", "/usr/local/share:/usr/share")
    data_home = _paths(env, "XDG_DATA_HOME", str(home / ".local" / "share"))[:1]

    def flatpak(app: str, *inside: str) -> list[Path]:
        """The app's files in a Flatpak installation, the system's and the person's."""
        places = [root / "var" / "lib" / "flatpak", *(d / "flatpak" for d in data_home)]
        active = ("app", FLATPAK_IDS[app], "current", "active", "files", "share")
        return [place.joinpath(*active, *inside) for place in places]

    def per_app(app: str, *inside: str) -> Path:
        """The app's own config folder under Flatpak (~/.var/app/ID/config)."""
        return home.joinpath(".var", "app", FLATPAK_IDS[app], "config", *inside)

    program_files = [
        Path(env[key]) for key in ("ProgramFiles(x86)", "ProgramFiles") if env.get(key)
    ]
    app_data = [Path(env["APPDATA"])] if env.get("APPDATA") else []
    mac_support = home / "Library" / "Application Support"
    found = [
        *(AppFile(WORKRAVE, d.joinpath(*EXERCISES), INSTALLED) for d in data_dirs),
        *(AppFile(WORKRAVE, p, "Flatpak") for p in flatpak(WORKRAVE, *EXERCISES)),
        *(
            AppFile(WORKRAVE, p / "Workrave" / "share" / "exercises" / "exercises.xml", "Windows")
            for p in program_files
        ),
        *(AppFile(STRETCHLY, c / "Stretchly" / "config.json", INSTALLED) for c in config),
        AppFile(STRETCHLY, per_app(STRETCHLY, "Stretchly", "config.json"), "Flatpak"),
        AppFile(
            STRETCHLY,
            home / "snap" / "stretchly" / "current" / ".config" / "Stretchly" / "config.json",
            "Snap",
        ),
        *(AppFile(STRETCHLY, a / "Stretchly" / "config.json", "Windows") for a in app_data),
        AppFile(STRETCHLY, mac_support / "Stretchly" / "config.json", "macOS"),
        *(AppFile(SAFE_EYES, c / "safeeyes" / "safeeyes.json", INSTALLED) for c in config),
        AppFile(SAFE_EYES, per_app(SAFE_EYES, "safeeyes", "safeeyes.json"), "Flatpak"),
    ]
    return found


def app_files(home: Path, env: Mapping[str, str], root: Path = Path("/")) -> list[AppFile]:
    """The files of the three apps that are there: regular files (through links), looked
    at without opening them, so that a pipe or a device is not offered; each once (a link
    to a file already found, or two names for one place, is not offered twice)."""
    found: list[AppFile] = []
    seen: set[tuple[int, int]] = set()
    for candidate in candidates(home, env, root):
        try:
            info = os.stat(candidate.path)
        except (OSError, ValueError):  # missing, no permission, a NUL in a name from env
            continue
        if stat.S_ISREG(info.st_mode) and (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            found.append(candidate)
    return found
