"""A wheel built from the checkout carries the routines and assets, and works from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built and unpacked into a folder of its own."""
    wheels = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(REPO)],
        check=True,
        timeout=300,
    )
    (wheel,) = wheels.glob("backroutine-*.whl")
    subprocess.run(
        [*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        timeout=300,
    )
    return target


def run_installed(installed: Path, cwd: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed), "BACKROUTINE_HOME": str(cwd / "home")}
    return subprocess.run(
        [sys.executable, "-m", "backroutine", *argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_installed_wheel_lists_its_bundled_routines_from_another_folder(installed, tmp_path):
    done = run_installed(installed, tmp_path, "list", "--json")
    assert done.returncode == 0, done.stderr
    routines = json.loads(done.stdout)
    ids = {r["id"] for r in routines}
    assert {"desk-break", "low-back-basics", "camel-pose"} <= ids
    for routine in routines:
        # Loaded from inside the installed package, not from the checkout.
        assert Path(routine["path"]).is_relative_to(installed), routine["path"]
        assert routine["problems"] == []  # so every picture was found beside it
        assert routine["total_seconds"] > 0


def test_the_installed_wheel_validates_cleanly_and_carries_its_assets(installed, tmp_path):
    done = run_installed(installed, tmp_path, "validate")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (installed / "backroutine" / "assets" / "icon.svg").is_file()
    assert (installed / "backroutine" / "routines" / "routine.schema.json").is_file()
