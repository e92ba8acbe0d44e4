"""Timing of period changes in a real window with both cores busy.

Runs `backroutine run ROUTINE --start --trace FILE` on a generated 60-second
routine under the current DISPLAY (start Xvfb first), with one busy process
per core, and reports how late each period change was handled.

    Xvfb :99 & DISPLAY=:99 .venv/bin/python benchmarks/player_timing.py
"""

from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUTINE = """\
name: Timing check
prepare: 2s
steps:
  - exercise: Hold
    instructions: Hold still.
    hold: 3s
    reps: 4
    rest: 1s
  - exercise: Reps
    instructions: Move.
    reps: 6
    tempo: 2s
    sides: both
  - rest: 2s
  - exercise: Last
    instructions: Keep going.
    duration: 9s
"""


def burn(stop_at: float) -> None:
    while time.time() < stop_at:
        pass


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (for example start Xvfb :99 and use DISPLAY=:99)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="backroutine-timing-"))
    routine = work / "timing-check.yaml"
    routine.write_text(ROUTINE, encoding="utf-8")
    (work / "settings.yaml").write_text("safety_notice_seen: true\nsound: false\nvoice: false\n")
    trace = work / "trace.jsonl"
    env = {**os.environ, "BACKROUTINE_HOME": str(work), "QT_QPA_PLATFORM": "xcb"}
    load = [
        multiprocessing.Process(target=burn, args=(time.time() + 90,))
        for _ in range(os.cpu_count() or 2)
    ]
    for process in load:
        process.start()
    command = [sys.executable, "-m", "backroutine", "run", str(routine), "--start"]
    app = subprocess.Popen(
        [*command, "--trace", str(trace)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if trace.exists() and '"complete"' in trace.read_text():
                break
            time.sleep(0.5)  # waiting on another process, not timing anything
    finally:
        app.terminate()
        app.wait(timeout=10)
        for process in load:
            process.terminate()
    lines = [json.loads(line) for line in trace.read_text().splitlines()]
    late = sorted(line["late_ms"] for line in lines[1:])  # the first is the start itself
    if not late:
        print("no period changes were traced", file=sys.stderr)
        return 1
    p99 = late[min(len(late) - 1, int(len(late) * 0.99))]
    total = lines[-1]["due"] - lines[0]["due"]
    print(f"{len(late)} period changes over {total:.1f} s, {len(load)} busy processes")
    print(f"lateness ms: median {statistics.median(late):.2f}  p99 {p99:.2f}  max {late[-1]:.2f}")
    ok = late[-1] <= 20 and p99 <= 5
    print("OK" if ok else "TOO LATE: the bar is every change within 20 ms, p99 under 5 ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
