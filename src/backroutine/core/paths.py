"""Every path the app reads or writes: platformdirs, or one folder under BACKROUTINE_HOME."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "backroutine"
HOME_VARIABLE = "BACKROUTINE_HOME"


@dataclass(frozen=True)
class UserPaths:
    """Where the user's own data lives."""

    config_dir: Path
    data_dir: Path
    cache_dir: Path  # things made again at will (the cue sounds at a volume)

    @property
    def routines_dir(self) -> Path:
        return self.data_dir / "routines"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.yaml"


def user_paths(environ: dict[str, str] | None = None) -> UserPaths:
    """BACKROUTINE_HOME=H puts everything under H; otherwise the platform's folders."""
    env = os.environ if environ is None else environ
    home = env.get(HOME_VARIABLE, "").strip()
    if home:
        root = Path(home).expanduser()
        return UserPaths(config_dir=root, data_dir=root, cache_dir=root / "cache")
    return UserPaths(
        config_dir=platformdirs.user_config_path(APP_NAME),
        data_dir=platformdirs.user_data_path(APP_NAME),
        cache_dir=platformdirs.user_cache_path(APP_NAME),
    )


def _package_data(name: str) -> Path:
    # An installed wheel carries the folder inside the package; an editable
    # checkout has it at the top of the repository instead.
    package = Path(__file__).resolve().parents[1]
    packaged = package / name
    if packaged.is_dir():
        return packaged
    checkout = package.parents[1] / name
    return checkout if checkout.is_dir() else packaged


def bundled_routines_dir() -> Path:
    return _package_data("routines")


def assets_dir() -> Path:
    return _package_data("assets")
