"""A fresh machine gets set up by `make run` / `make test`, or is told the one command to run."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCRIPT = REPO / "scripts" / "system-packages"
linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="system packages are a Linux concern"
)


def fake_tools(folder: Path, installed: set[str]) -> dict[str, str]:
    """A PATH on which dpkg-query knows only `installed`, and apt-get records its calls."""
    folder.mkdir()
    known = " ".join(sorted(installed))
    (folder / "dpkg-query").write_text(
        "#!/bin/sh\n"
        'shift 3  # -W -f FORMAT\nfor p in "$@"; do\n'
        f'  case " {known} " in *" $p "*) echo "$p ii ";; esac\n'
        "done\n"
    )
    (folder / "apt-get").write_text(f'#!/bin/sh\necho "$@" >> {folder}/apt-get.log\n')
    (folder / "apt-cache").write_text('#!/bin/sh\necho "Package: $2"\n')
    for tool in folder.iterdir():
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def run_script(env: dict[str, str], *argv: str, as_user: bool) -> subprocess.CompletedProcess[str]:
    # The script decides by the effective user id: a stand-in plays root or a user.
    prelude = "import os, runpy, sys\n"
    prelude += f"os.geteuid = lambda: {1000 if as_user else 0}\n"
    prelude += f"sys.argv = [{str(SCRIPT)!r}, *{list(argv)!r}]\n"
    prelude += f"runpy.run_path({str(SCRIPT)!r}, run_name='__main__')\n"
    return subprocess.run(
        [sys.executable, "-c", prelude], env=env, capture_output=True, text=True, timeout=60
    )


@linux_only
def test_a_user_without_the_packages_is_told_the_one_command_and_nothing_runs(tmp_path):
    env = fake_tools(tmp_path / "bin", installed={"libx11-6"})
    done = run_script(env, "test", as_user=True)
    assert done.returncode == 1
    command = done.stderr.strip().splitlines()[-1].strip()
    assert command.startswith("sudo apt-get install")
    wanted = set(run_script(env, "--list", "test", as_user=True).stdout.split())
    named = {word for word in command.split()[3:] if not word.startswith("-")}
    assert named == {p.split("|")[0] for p in wanted} - {"libx11-6"}
    assert {"xvfb", "openbox", "libpulse0", "libxcb-cursor0"} <= named
    assert not (tmp_path / "bin" / "apt-get.log").exists()


@linux_only
def test_the_window_alone_needs_fewer_packages_than_the_tests(tmp_path):
    env = fake_tools(tmp_path / "bin", installed=set())
    done = run_script(env, "run", as_user=True)
    assert done.returncode == 1
    assert "libxcb-cursor0" in done.stderr and "xvfb" not in done.stderr


@linux_only
def test_root_installs_what_is_missing_with_apt_get(tmp_path):
    env = fake_tools(tmp_path / "bin", installed={"libx11-6", "xvfb"})
    done = run_script(env, "test", as_user=False)
    assert done.returncode == 0, done.stderr
    calls = (tmp_path / "bin" / "apt-get.log").read_text().splitlines()
    assert calls[0].startswith("update")
    installed = calls[1].split()
    assert installed[:2] == ["install", "-y"] and "openbox" in installed
    assert "xvfb" not in installed and "libx11-6" not in installed


@linux_only
def test_with_everything_installed_it_says_nothing(tmp_path):
    everything = set(
        subprocess.run([sys.executable, SCRIPT, "--list", "test"], capture_output=True, text=True)
        .stdout.replace("|", " ")
        .split()
    )
    env = fake_tools(tmp_path / "bin", installed=everything)
    done = run_script(env, "test", as_user=True)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_readme_table_of_other_distributions_is_the_scripts_own():
    table = subprocess.run(
        [sys.executable, SCRIPT, "--table"], capture_output=True, text=True, check=True
    ).stdout
    assert "Fedora" in table and "Arch" in table
    assert table in (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_and_make_use_the_one_list():
    assert "make test" in (REPO / ".ci" / "run").read_text()
    assert "apt-get install" not in (REPO / ".ci" / "run").read_text()
    makefile = (REPO / "Makefile").read_text()
    assert "scripts/system-packages" in makefile
    assert re.search(r"^test: system-test ", makefile, re.M)
    assert re.search(r"^run: system-run ", makefile, re.M)


def test_the_window_check_names_packages_from_the_list():
    from backroutine.ui import preflight

    listed = subprocess.run(
        [sys.executable, SCRIPT, "--list", "run"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert set(preflight.XCB_LIBRARIES.values()) <= set(listed)


def test_every_locked_requirement_carries_a_hash_and_pyproject_keeps_ranges():
    meta = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert not any("==" in d for d in meta["dependencies"])
    for lock in ("app.txt", "test.txt"):
        text = (REPO / "requirements" / lock).read_text()
        pins = re.findall(r"^([A-Za-z0-9_.-]+)==", text, re.M)
        assert "pyyaml" in pins and "hatchling" in pins
        entries = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 3)[-1])
        assert all("--hash=sha256:" in e for e in entries if re.match(r"[A-Za-z0-9_.-]+==", e))
    assert "pytest" in (REPO / "requirements" / "test.txt").read_text()


def test_the_license_and_project_urls_are_there():
    meta = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert meta["license"] == "MIT"
    assert (REPO / "LICENSE").read_text().startswith("MIT License")
    assert {"Homepage", "Source", "Issues"} <= set(meta["urls"])


def test_readme_pictures_show_on_a_package_index_and_exist_here():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", readme)
    assert targets
    base = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["urls"]["Source"]
    raw = base.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/"
    for target in targets:
        assert target.startswith(raw), target
        assert (REPO / target[len(raw) :]).is_file(), target
