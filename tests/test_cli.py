"""The command line contract: exit codes, PATH:LINE:COLUMN lines, list output, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from backroutine import __version__
from backroutine.cli import main

from .conftest import SHARED

PROBLEM_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (error|warning): .+$")
GOOD = "name: Good\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_files_exits_0(capsys, write_routine, tmp_path):
    write_routine(GOOD, "good.yaml")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert (code, err) == (0, "")
    assert out == "1 file checked: no problems\n"


def test_validate_warnings_only_still_exits_0(capsys, write_routine):
    path = write_routine("name: W\nsteps:\n  - exercise: A\n    hold: 5s\n", "w.yaml")
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0
    assert (
        err
        == f"{path}:3:5: warning: step 1 (A) has no instructions; add a few words on how to do it\n"
    )
    assert out == "1 file checked: 0 errors, 1 warning\n"


def test_validate_errors_exit_1_with_one_line_per_problem(capsys, write_routine, tmp_path):
    write_routine(GOOD, "good.yaml")
    write_routine(
        "name: Bad\nsteps:\n  - exercise: A\n    instructions: x\n    hold: 5x\n", "bad.yaml"
    )
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 1
    match = PROBLEM_LINE.match(lines[0])
    assert match and match["path"] == str(tmp_path / "bad.yaml")
    assert (match["line"], match["col"]) == ("5", "11")
    assert out == "2 files checked: 1 error, 0 warnings\n"


def test_validate_paths_keep_the_form_they_were_given_in(
    capsys, write_routine, tmp_path, monkeypatch
):
    write_routine("name: Bad\nsteps: []\n", "bad.yaml", folder=tmp_path / "mine")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "validate", "mine")
    assert code == 1
    assert err.startswith(f"mine{os.sep}bad.yaml:2:8: error: steps is empty")


def test_validate_usage_errors_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "no such file or folder" in err
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "validate", str(tmp_path / "empty"))
    assert code == 2
    assert "no routine files" in err
    with pytest.raises(SystemExit) as exited:
        main(["validate", "--no-such-flag"])
    assert exited.value.code == 2


def test_validate_with_no_path_checks_bundled_and_user_routines(capsys, home, write_routine):
    write_routine("name: Mine\nsteps: 5\n", "mine.yaml", folder=home / "routines")
    write_routine(GOOD, "desk-break.yaml", folder=home / "routines")
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert f"{home / 'routines' / 'mine.yaml'}:2:8: error:" in err
    assert "replaces the bundled routine 'desk-break'" in err
    assert re.match(r"^\d+ files checked: 1 error, 1 warning$", out.strip())


def test_list_json_describes_each_routine(capsys, home, write_routine):
    write_routine("name: Broken\nsteps: nope\n", "broken.yaml", folder=home / "routines")
    write_routine(GOOD, "desk-break.yaml", folder=home / "routines")
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    routines = {r["id"]: r for r in json.loads(out)}
    assert {"low-back-basics", "camel-pose", "hip-flexor-release", "dynamic-warm-up"} <= set(
        routines
    )
    keys = {
        "id",
        "name",
        "summary",
        "tags",
        "total_seconds",
        "untimed_reps",
        "source",
        "overrides_bundled",
        "path",
        "problems",
    }
    assert all(set(r) == keys for r in routines.values())
    camel = routines["camel-pose"]
    assert camel["source"] == "bundled" and camel["problems"] == []
    assert camel["total_seconds"] > 0 and camel["untimed_reps"] == 0
    mine = routines["desk-break"]
    assert (mine["source"], mine["overrides_bundled"], mine["name"]) == ("user", True, "Good")
    assert mine["total_seconds"] == 10 and mine["path"] == str(
        home / "routines" / "desk-break.yaml"
    )
    broken = routines["broken"]
    assert (broken["name"], broken["total_seconds"]) == ("Broken", None)
    assert broken["problems"][0]["severity"] == "error"
    assert broken["problems"][0]["line"] == 2


def test_list_table_marks_customised_and_broken(capsys, home, write_routine):
    write_routine("name: Broken\nsteps: nope\n", "broken.yaml", folder=home / "routines")
    write_routine(GOOD, "desk-break.yaml", folder=home / "routines")
    code, out, _ = run(capsys, "list")
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines() if line}
    assert "user (customised)" in rows["desk-break"]
    assert "0:10" in rows["desk-break"]
    assert "1 error: not runnable" in rows["broken"]
    assert "bundled" in rows["low-back-basics"]


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"backroutine {__version__}\n"


def test_the_real_command_runs_as_a_module(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: !!python/object/apply:os.system [echo pwned]\nsteps: []\n")
    done = subprocess.run(
        [sys.executable, "-m", "backroutine", "validate", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "pwned" not in done.stdout + done.stderr
    assert done.stderr.startswith(f"{bad}:1:7: error: the tag !!python/object/apply:os.system")
    assert "Traceback" not in done.stderr


CORPUS = SHARED / "corpora" / "yaml-test-suite"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpora beside the checkout")
def test_every_yaml_test_suite_file_gets_a_clean_verdict(capsys):
    files = sorted(CORPUS.glob("*.yaml"))
    assert len(files) > 300
    for path in files:
        code = main(["validate", str(path)])
        out, err = capsys.readouterr()
        assert code in (0, 1), path
        assert "Traceback" not in out + err, path
        lines = err.splitlines()
        assert lines, f"{path}: no verdict"
        for line in lines:
            assert PROBLEM_LINE.match(line), f"{path}: {line!r}"
            assert line.startswith(f"{path}:")
        assert out.startswith("1 file checked: ")


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("no-such-routine", "no routine with the id 'no-such-routine'"),
        ("missing.yaml", "no such file"),
        (".", "is a folder; give one routine file, or an id"),
    ],
)
def test_run_refuses_what_is_not_one_routine_with_a_usage_error(
    capsys, tmp_path, monkeypatch, target, says
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").write_text(GOOD)  # the folder holds a routine: still refused
    code, out, err = run(capsys, "run", target)
    assert code == 2 and out == ""
    assert says in err and "Traceback" not in err


def test_a_trace_to_a_pipe_nobody_reads_is_refused_at_once(capsys, tmp_path):
    pipe = tmp_path / "trace.jsonl"
    os.mkfifo(pipe)  # no reader: an ordinary open for writing would wait forever
    code, _out, err = run(capsys, "run", "desk-break", "--trace", str(pipe))
    assert code == 2 and "trace.jsonl" in err and "pipe" in err
    assert pipe.is_fifo()


def test_run_on_a_broken_routine_lists_its_problems_and_opens_nothing(capsys, write_routine):
    path = write_routine("name: B\nsteps:\n  - exercise: A\n    hold: soon\n", "b.yaml")
    code, _, err = run(capsys, "run", str(path))
    assert code == 1
    assert PROBLEM_LINE.match(err.splitlines()[0])
    assert err.splitlines()[-1].endswith("cannot run until these are fixed")


@pytest.mark.parametrize("answered", [True, False])
def test_run_with_a_trace_handed_to_a_running_app_keeps_the_file(
    capsys, tmp_path, monkeypatch, qapp, answered
):
    # `backroutine run ROUTINE --trace FILE` while the app runs: that one plays and
    # this one writes nothing, so the file there (an earlier trace) is kept whole.
    from backroutine.ui import app, single_instance

    trace = tmp_path / "trace.jsonl"
    trace.write_text('{"earlier": "trace"}\n')
    monkeypatch.setattr(single_instance, "claim", lambda: None)
    monkeypatch.setattr(single_instance, "hand_over", lambda request: answered)
    opened = []
    monkeypatch.setattr(app, "open_window", lambda *args: opened.append(trace.read_text()))
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    code, out, err = run(capsys, "run", "desk-break", "--trace", str(trace))
    assert code == 0 and "Traceback" not in err
    if answered:
        assert "already running" in out and "--trace" in out
        assert trace.read_text() == '{"earlier": "trace"}\n' and opened == []
    else:  # no answer: this one plays, and its trace starts empty
        assert opened == [""]
