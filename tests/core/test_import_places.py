"""Finding the files of installed break apps, in a fake home and a fake root: every
platform's places are looked at, only regular files are offered, each once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backroutine.core.import_places import SAFE_EYES, STRETCHLY, WORKRAVE, app_files


@pytest.fixture
def places(tmp_path):
    home, root = tmp_path / "home", tmp_path / "root"
    home.mkdir()
    root.mkdir()
    return home, root


def _put(path: Path, text: str = "{}") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _found(home, root, env=None):
    return [(f.app, f.path) for f in app_files(home, env or {}, root)]


def test_nothing_installed_finds_nothing(places):
    home, root = places
    assert _found(home, root, {"XDG_DATA_DIRS": str(root / "usr" / "share")}) == []


def test_linux_files_in_the_hidden_config_folder_and_the_system_share(places):
    home, root = places
    share = root / "usr" / "share"
    env = {"XDG_DATA_DIRS": f"{root / 'usr' / 'local' / 'share'}:{share}"}
    workrave = _put(share / "workrave" / "exercises" / "exercises.xml", "<exercises/>")
    stretchly = _put(home / ".config" / "Stretchly" / "config.json")
    safe_eyes = _put(home / ".config" / "safeeyes" / "safeeyes.json")
    assert _found(home, root, env) == [
        (WORKRAVE, workrave),
        (STRETCHLY, stretchly),
        (SAFE_EYES, safe_eyes),
    ]


def test_xdg_config_home_is_followed(places, tmp_path):
    home, root = places
    safe_eyes = _put(tmp_path / "conf" / "safeeyes" / "safeeyes.json")
    _put(home / ".config" / "safeeyes" / "safeeyes.json")  # not where the app looks now
    assert _found(home, root, {"XDG_CONFIG_HOME": str(tmp_path / "conf")}) == [
        (SAFE_EYES, safe_eyes)
    ]


def test_flatpak_and_snap_installations(places):
    home, root = places
    active = ("current", "active", "files", "share", "workrave", "exercises", "exercises.xml")
    system = _put(root.joinpath("var", "lib", "flatpak", "app", "org.workrave.Workrave", *active))
    stretchly = _put(
        home / ".var" / "app" / "net.hovancik.Stretchly" / "config" / "Stretchly" / "config.json"
    )
    snap = _put(home / "snap" / "stretchly" / "current" / ".config" / "Stretchly" / "config.json")
    safe_eyes = _put(
        home.joinpath(".var", "app", "io.github.slgobinath.SafeEyes", "config")
        / "safeeyes"
        / "safeeyes.json"
    )
    found = app_files(home, {}, root)
    assert [(f.app, f.path) for f in found] == [
        (WORKRAVE, system),
        (STRETCHLY, stretchly),
        (STRETCHLY, snap),
        (SAFE_EYES, safe_eyes),
    ]
    assert [f.how for f in found] == ["Flatpak", "Flatpak", "Snap", "Flatpak"]
    assert all(str(f.path) in f.label and f.app in f.label for f in found)


def test_windows_and_macos_places(places, tmp_path):
    home, root = places
    env = {"APPDATA": str(tmp_path / "Roaming"), "ProgramFiles(x86)": str(tmp_path / "PF86")}
    workrave = _put(tmp_path / "PF86" / "Workrave" / "share" / "exercises" / "exercises.xml")
    windows = _put(tmp_path / "Roaming" / "Stretchly" / "config.json")
    mac = _put(home / "Library" / "Application Support" / "Stretchly" / "config.json")
    assert _found(home, root, env) == [
        (WORKRAVE, workrave),
        (STRETCHLY, windows),
        (STRETCHLY, mac),
    ]


def test_a_pipe_a_folder_or_a_dangling_link_is_not_offered_and_a_link_once(places):
    home, root = places
    config = home / ".config"
    (config / "Stretchly").mkdir(parents=True)
    os.mkfifo(config / "Stretchly" / "config.json")  # opening it would wait for ever
    (config / "safeeyes" / "safeeyes.json").mkdir(parents=True)  # a folder of that name
    snap = home / "snap" / "stretchly" / "current" / ".config" / "Stretchly"
    snap.mkdir(parents=True)
    (snap / "config.json").symlink_to(home / "gone.json")
    assert _found(home, root) == []
    real = _put(home / "real.json")
    (snap / "config.json").unlink()
    (snap / "config.json").symlink_to(real)
    (config / "Stretchly" / "config.json").unlink()
    (config / "Stretchly" / "config.json").symlink_to(real)  # the same file twice
    assert _found(home, root) == [(STRETCHLY, config / "Stretchly" / "config.json")]


def test_odd_environment_values_are_passed_over(places):
    home, root = places
    env = {"XDG_CONFIG_HOME": "relative/dir", "XDG_DATA_DIRS": "\0:", "APPDATA": "a\0b"}
    stretchly = _put(home / ".config" / "Stretchly" / "config.json")
    assert _found(home, root, env) == [(STRETCHLY, stretchly)]
