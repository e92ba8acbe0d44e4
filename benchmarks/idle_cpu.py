"""Idle cost: the app waiting in the tray for its next reminder, measured for 60 s (Linux).

    Xvfb :99 & DISPLAY=:99 .venv/bin/python benchmarks/idle_cpu.py [SECONDS]

Starts `trayer` (a stand-alone system tray) when it is installed, starts the app
with a fresh BACKROUTINE_HOME, closes its window to the tray, lets it settle,
then reads from /proc, over the measured time, the CPU ticks it used (user and
system, every thread) and how many times its threads woke up (context switches).
Only timers for due events should run: the next reminder is an hour away.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SETTLE = 5.0


def per_thread(pid: int) -> dict[str, tuple[int, int]]:
    """CPU ticks (user + system) and context switches, by thread id."""
    found = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            status = (task / "status").read_text().splitlines()
        except OSError:
            continue  # a thread that just ended
        switches = sum(
            int(line.split()[1])
            for line in status
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches"))
        )
        found[task.name] = (int(fields[11]) + int(fields[12]), switches)
    return found


def difference(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]):
    """What the threads alive at the end did in between (a new one: all of it); and how
    many threads ended meanwhile (their last moments cannot be read)."""
    ticks = switches = 0
    for thread, (end_ticks, end_switches) in after.items():
        start_ticks, start_switches = before.get(thread, (0, 0))
        ticks += end_ticks - start_ticks
        switches += end_switches - start_switches
    return ticks, switches, len(set(before) - set(after))


def main() -> int:
    if not os.environ.get("DISPLAY") or not Path("/proc/self/stat").exists():
        print("needs Linux and a DISPLAY (start Xvfb :99, use DISPLAY=:99)", file=sys.stderr)
        return 2
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    home = Path(tempfile.mkdtemp(prefix="backroutine-idle-"))
    (home / "settings.yaml").write_text(
        # Breaks every 4 hours and no program: nothing falls due while measured.
        "safety_notice_seen: true\ntray_notice_seen: true\nbreak_every: 240\n"
        "program_reminders: false\nwork_days: [mon, tue, wed, thu, fri, sat, sun]\n"
        "work_hours: '00:00-23:59'\n"
    )
    env = {**os.environ, "BACKROUTINE_HOME": str(home), "QT_QPA_PLATFORM": "xcb"}
    tray = None
    if shutil.which("trayer"):
        tray = subprocess.Popen(["trayer", "--edge", "top"], env=env, stderr=subprocess.DEVNULL)
        time.sleep(1)
    app = subprocess.Popen(
        [sys.executable, "-m", "backroutine"], env=env, stderr=subprocess.DEVNULL
    )
    try:
        time.sleep(SETTLE)
        window = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", "^BackRoutine$"],
            env=env,
            capture_output=True,
            text=True,
        ).stdout.split()
        if tray is not None and window:
            subprocess.run(["xdotool", "windowclose", window[0]], env=env)  # to the tray
            time.sleep(1)
        hidden = tray is not None and app.poll() is None
        before = per_thread(app.pid)
        time.sleep(seconds)
        after = per_thread(app.pid)
    finally:
        app.terminate()
        app.wait(timeout=10)
        if tray is not None:
            tray.terminate()
    hertz = os.sysconf("SC_CLK_TCK")
    used, switches, ended = difference(before, after)
    print(f"{'in the tray' if hidden else 'window open (no tray)'} for {seconds:.0f} s:")
    print(f"  CPU: {used} ticks ({used / hertz * 1000:.0f} ms, {used / hertz / seconds:.3%})")
    print(f"  wake-ups (context switches of its {len(after)} threads): {switches}")
    if ended:
        print(f"  ({ended} threads ended meanwhile)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
