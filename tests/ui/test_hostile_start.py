"""`backroutine run` on a file whose name is not UTF-8 (b"r\\xff.yaml"): Qt once read
the whole command line and crashed on it (a segfault in QApplication). The real
program runs here, offscreen: it plays the routine, a second start hands the same
name over to it and ends by itself, and nothing crashes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

TINY = "name: Tiny\nsteps:\n  - rest: 1s\n"


def _env(home: Path, runtime: Path) -> dict[str, str]:
    runtime.mkdir(mode=0o700)
    return {
        **os.environ,
        "BACKROUTINE_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime),  # the socket's folder: this test's own
    }


def test_run_on_a_name_that_is_not_utf8_plays_and_hands_over(tmp_path, home):
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    routine = os.fsencode(tmp_path) + b"/r\xff.yaml"
    Path(os.fsdecode(routine)).write_text(TINY)
    trace = tmp_path / "trace.jsonl"
    env = _env(home, tmp_path / "run")
    command = [sys.executable, "-m", "backroutine", "run"]
    first = subprocess.Popen(
        [*command, "--start", "--trace", str(trace), routine],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while b'"complete"' not in (trace.read_bytes() if trace.exists() else b""):
            assert first.poll() is None, f"exited with {first.returncode}: {first.stderr.read()!r}"
            assert time.monotonic() < deadline, "the routine never finished"
            time.sleep(0.05)
        # A second start with the same name ends by itself: the first one takes it.
        second = subprocess.run([*command, routine], env=env, capture_output=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert b"already running" in second.stdout
        assert first.poll() is None  # still up, and it played the routine
    finally:
        if first.poll() is None:
            first.terminate()
        _out, err = first.communicate(timeout=30)
    assert b"Traceback" not in err + second.stderr


def test_run_on_a_broken_routine_named_with_bytes_that_are_not_utf8(tmp_path, home):
    routine = os.fsencode(tmp_path) + b"/broken\xfe.yaml"
    Path(os.fsdecode(routine)).write_text("name: Broken\nsteps: 3\n")
    done = subprocess.run(
        [sys.executable, "-m", "backroutine", "run", "--start", routine],
        env=_env(home, tmp_path / "run"),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1  # ended by itself, not by a signal
    err = done.stderr.decode("utf-8")
    assert f"{tmp_path}/broken\\xfe.yaml:2:8: error: steps must be a list" in err
    assert f"backroutine run: {tmp_path}/broken\\xfe.yaml cannot run" in err
