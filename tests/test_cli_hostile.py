"""The command line against hostile names: a folder of attacks beside the bundled
routines, file names that are not UTF-8 or hold terminal escapes, arguments holding
NUL, a trace file that is a pipe no one reads. Every bad file is reported at its
line, the others still listed; nothing crashes, hangs or writes raw escapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from backroutine.cli import main

from .core.test_hostile_names import HOSTILE_IMAGES, hostile_folder

BUNDLED = {"camel-pose", "desk-break", "dynamic-warm-up", "hip-flexor-release", "low-back-basics"}


def backroutine(home: Path, *argv: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """The real command, as a terminal runs it (arguments and output as bytes)."""
    env = {**os.environ, "BACKROUTINE_HOME": str(home), "PYTHONIOENCODING": ""}
    return subprocess.run(
        [sys.executable, "-m", "backroutine", *argv],
        env=env,
        capture_output=True,
        timeout=60,
    )


def test_validate_reports_each_attack_at_its_line_and_checks_the_rest(home):
    made = hostile_folder(home / "routines")
    done = backroutine(home, "validate")
    err = done.stderr.decode("utf-8")  # valid UTF-8, whatever the names were
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr and b"\x1b" not in done.stdout + done.stderr
    for kind, (_written, said) in HOSTILE_IMAGES.items():
        line = next(line for line in err.splitlines() if made[kind].name in line)
        assert line.startswith(f"{made[kind]}:5:12: error: ") and said in line, kind
    # The file names themselves, shown as what they are.
    assert "bad\\xff\\xfe.yaml:1:1: warning:" in err
    assert "bad\\x1b[2Jname.yaml:1:1: warning:" in err
    assert "evil\\u202elmay.yaml:1:1: warning:" in err
    checked = len(made) + len(BUNDLED)
    assert done.stdout.decode().startswith(f"{checked} files checked: {len(HOSTILE_IMAGES)} errors")


def test_list_json_lists_every_file_with_its_problems(home):
    made = hostile_folder(home / "routines")
    done = backroutine(home, "list", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout.decode("utf-8"))
    assert len(listed) == len(made) + len(BUNDLED)
    runnable = {entry["id"] for entry in listed if entry["total_seconds"] is not None}
    assert BUNDLED | {"good", "bad", "evillmay", "bad-2jname"} <= runnable
    for kind in HOSTILE_IMAGES:
        (entry,) = [e for e in listed if e["path"] == str(made[kind])]
        assert entry["total_seconds"] is None
        assert any(p["severity"] == "error" and p["line"] == 5 for p in entry["problems"])
    paths = [entry["path"] for entry in listed]
    assert any(path.endswith("bad\\xff\\xfe.yaml") for path in paths)
    assert all(path.isprintable() for path in paths)


def test_list_as_a_table_shows_hostile_names_escaped(home):
    hostile_folder(home / "routines")
    (home / "routines" / "shouty.yaml").write_text(
        'name: "Red\\e[31m \\u202eevil"\nsteps:\n  - rest: 5s\n'
    )
    done = backroutine(home, "list")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert "Red\\x1b[31m \\u202eevil" in out and "\x1b" not in out
    for routine_id in BUNDLED:
        assert routine_id in out


@pytest.mark.parametrize("kind", ["nul", "right-to-left", "dot-dot"])
def test_run_on_a_hostile_routine_says_why_and_opens_nothing(home, capsys, kind):
    made = hostile_folder(home / "routines")
    code = main(["run", str(made[kind])])
    _out, err = capsys.readouterr()
    assert code == 1
    assert f"{made[kind]}:5:12: error:" in err and "cannot run until these are fixed" in err


def test_run_still_finds_the_others_among_attacks(home, capsys):
    from backroutine.cli import find_routine

    hostile_folder(home / "routines")
    for name in ("desk-break", "good", str(home / "routines" / "good.yaml")):
        routine, code = find_routine(name, sys.stderr)
        assert routine is not None and code == 0, name


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "a\0b.yaml"],
        ["run", "routine\0.yaml"],
        ["run", "desk-break", "--trace", "trace\0.jsonl"],
        ["import", "exercises\0.xml"],
        ["export", "--format", "json", "-o", "out\0.json"],
        ["validate", "\ud800.yaml"],
    ],
)
def test_an_argument_no_file_can_be_named_is_a_usage_error(capsys, argv):
    code = main(argv)
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith(f"backroutine {argv[0]}: ") and "\0" not in err
    assert "cannot be written as a file name" in err or "NUL" in err


LONG_NAME = "a" * 300 + ".yaml"  # longer than a file name may be (255 bytes)
LONG_PATH = "/".join(["d" * 200] * 25) + "/r.yaml"  # longer than a path may be


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", LONG_NAME],
        ["validate", LONG_PATH],
        ["run", LONG_NAME],
        ["run", "--start", LONG_PATH],
        ["import", LONG_NAME],
    ],
)
def test_a_name_too_long_for_any_file_system_is_a_usage_error(home, argv):
    """The system answers such a name with ENAMETOOLONG, which once came out as a
    traceback (validate, run) or as 'cannot write to' the routines folder (import)."""
    (home / "routines").mkdir()
    (home / "routines" / "mine.yaml").write_text("name: Mine\nsteps:\n  - rest: 5s\n")
    routines = sorted(p.name for p in (home / "routines").iterdir())
    done = backroutine(home, *argv)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert err.startswith(f"backroutine {argv[0]}: ") and "too long" in err
    assert "cannot write" not in err
    assert sorted(p.name for p in (home / "routines").iterdir()) == routines


def test_discover_reads_a_name_too_long_as_a_file_it_cannot_read(tmp_path):
    from backroutine.core.discovery import discover

    given = tmp_path / LONG_NAME
    library = discover(bundled_dir=None, user_dir=None, paths=[given])
    (entry,) = library.entries
    assert entry.result.routine is None
    assert any("cannot read" in str(p) and LONG_NAME in str(p) for p in entry.problems)


def test_a_trace_pipe_that_no_one_reads_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "trace.fifo"
    os.mkfifo(fifo)
    code = main(["run", "desk-break", "--trace", str(fifo)])
    assert code == 2
    said = capsys.readouterr().err
    assert f"cannot write {fifo}" in said and "pipe" in said and "no program is reading" in said


def test_validate_a_file_named_with_bytes_that_are_not_utf8(tmp_path, home):
    bad = Path(os.fsdecode(os.fsencode(tmp_path) + b"/bad\xff.yaml"))
    bad.write_text("name: x\nsteps: 3\n")
    done = backroutine(home, "validate", os.fsencode(bad))
    assert done.returncode == 1
    err = done.stderr.decode("utf-8")
    assert f"{tmp_path}/bad\\xff.yaml:2:8: error: steps must be a list" in err
    assert bad.read_text() == "name: x\nsteps: 3\n"  # read, never changed
