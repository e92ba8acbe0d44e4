"""Start-up: time until the main window is shown and the event loop runs, against a bare
PySide6 window measured the same way, in fresh processes under the current DISPLAY.

    Xvfb :99 & DISPLAY=:99 .venv/bin/python benchmarks/startup.py

Each run is a new interpreter. The clock starts at its first line (the
interpreter's own start-up is the same for both) and stops when the event loop
first runs with the window shown.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = (
    "import time\n"
    "t0 = time.perf_counter()\n"
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication(sys.argv)\n"
    "def report():\n"
    "    print(time.perf_counter() - t0, flush=True)\n"
    "    app.closeAllWindows(); app.quit()\n"
    "QTimer.singleShot(0, report)\n"
)
BARE = PROBE + (
    "from PySide6.QtWidgets import QWidget\n"
    "w = QWidget(); w.setWindowTitle('Bare'); w.resize(1100, 740); w.show()\n"
    "app.exec()\n"
)
APP = PROBE + "from backroutine.cli import main\nmain([])\n"
RUNS = 9


def measure(code: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    lines = done.stdout.split()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"the probe failed ({done.returncode}):\n{done.stderr}")
    return float(lines[-1])


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (for example start Xvfb :99 and use DISPLAY=:99)", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="backroutine-startup-"))
    (home / "settings.yaml").write_text("safety_notice_seen: true\n")
    env = {**os.environ, "BACKROUTINE_HOME": str(home), "QT_QPA_PLATFORM": "xcb"}
    bare, app = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine
        bare.append(measure(BARE, env))
        app.append(measure(APP, env))
    bare_median, app_median = statistics.median(bare), statistics.median(app)
    ratio = app_median / bare_median
    print(f"bare PySide6 window: median {bare_median * 1000:.0f} ms over {RUNS} runs")
    print(f"BackRoutine window:  median {app_median * 1000:.0f} ms over {RUNS} runs")
    print(f"ratio {ratio:.2f} (the bar is 1.5)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
