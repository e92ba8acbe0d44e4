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
    "def since():\n"
    "    return time.perf_counter() - t0\n"
    "def finish():\n"
    "    app.closeAllWindows(); app.quit()\n"
)
BARE = PROBE + (
    "def report():\n"
    "    print('shown', since(), flush=True); finish()\n"
    "QTimer.singleShot(0, report)\n"
    "from PySide6.QtWidgets import QWidget\n"
    "w = QWidget(); w.setWindowTitle('Bare'); w.resize(1100, 740); w.show()\n"
    "app.exec()\n"
)
# The app's window shows first and fills in its routines a moment later (its
# `built` signal): both moments are reported.
APP = PROBE + (
    "def report():\n"
    "    print('shown', since(), flush=True)\n"
    "    window = next(w for w in app.topLevelWidgets() if hasattr(w, 'built'))\n"
    "    def filled():\n"
    "        print('built', since(), flush=True); QTimer.singleShot(0, finish)\n"
    "    if window.is_built:\n"
    "        filled()\n"
    "    else:\n"
    "        window.built.connect(filled)\n"
    "QTimer.singleShot(0, report)\n"
    "from backroutine.cli import main\n"
    "main([])\n"
)
RUNS = 9


def measure(code: str, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    moments = dict(line.split() for line in done.stdout.splitlines() if line.strip())
    if done.returncode != 0 or "shown" not in moments:
        raise RuntimeError(f"the probe failed ({done.returncode}):\n{done.stderr}")
    return {name: float(value) for name, value in moments.items()}


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (for example start Xvfb :99 and use DISPLAY=:99)", file=sys.stderr)
        return 2
    # The platform's own folders (not BACKROUTINE_HOME), as a user's start-up
    # finds them, but empty ones: nobody's real settings or routines.
    with tempfile.TemporaryDirectory(prefix="backroutine-startup-") as folder:
        return measure_in(Path(folder))


def measure_in(home: Path) -> int:
    config = home / "config" / "backroutine"
    config.mkdir(parents=True)
    (config / "settings.yaml").write_text("safety_notice_seen: true\n")
    env = {
        key: value
        for key, value in os.environ.items()
        # A user's installed copy has its bytecode cached; so should the runs measured.
        if key not in ("BACKROUTINE_HOME", "PYTHONDONTWRITEBYTECODE")
    }
    env.update(
        QT_QPA_PLATFORM="xcb",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    measure(BARE, env), measure(APP, env)  # once unmeasured: bytecode and disk caches
    bare, app = [], []
    for _ in range(RUNS):  # interleaved, so both see the same machine
        bare.append(measure(BARE, env))
        app.append(measure(APP, env))
    bare_median = statistics.median(run["shown"] for run in bare)
    app_median = statistics.median(run["shown"] for run in app)
    built_median = statistics.median(run["built"] for run in app)
    ratio = app_median / bare_median
    print(f"bare PySide6 window shown:  median {bare_median * 1000:.0f} ms over {RUNS} runs")
    print(f"BackRoutine window shown:   median {app_median * 1000:.0f} ms over {RUNS} runs")
    print(f"BackRoutine routines shown: median {built_median * 1000:.0f} ms")
    print(f"ratio (window shown) {ratio:.2f} (the bar is 1.5)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
