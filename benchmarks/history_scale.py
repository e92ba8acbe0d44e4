"""The history at scale: 100,000 sessions, about ten years of breaks every waking hour.

    Xvfb :99 & DISPLAY=:99 .venv/bin/python benchmarks/history_scale.py

Fills a history in a temporary BACKROUTINE_HOME (once; kept between runs in
the system's temp folder), then measures, each several times:
- opening the history file as the app does at start (migrations, settling);
- opening the history view in a real window (the bar: under 300 ms);
- `backroutine history --format json --since` one month, as a new process (under 1 s).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from demo_history import fill


def _home() -> Path:
    # Kept between runs, and made again when the history's format changes.
    import hashlib

    from backroutine.core.history import MIGRATIONS

    schema = hashlib.sha256("".join(MIGRATIONS).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"backroutine-history-scale-{schema}"


HOME = _home()
DAYS = 3650
BREAKS = 26  # desk breaks a day; with the program, about 100,000 sessions in all
RUNS = 7


def ensure_history(end: date) -> int:
    import sqlite3

    path = HOME / "history.sqlite3"
    if path.exists():
        with sqlite3.connect(path) as db:
            return int(db.execute("SELECT count(*) FROM sessions").fetchone()[0])
    started = time.perf_counter()
    count = fill(HOME, DAYS, hourly=True, end=end, breaks=BREAKS)
    print(f"filled {count} sessions in {time.perf_counter() - started:.0f} s")
    return count


def measure_open() -> list[float]:
    from backroutine.core.history import History

    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        history, _ = History.open(HOME / "history.sqlite3")
        times.append(time.perf_counter() - started)
        history.close()
    return times


def measure_view() -> list[float]:
    from PySide6.QtWidgets import QApplication

    from backroutine.core.settings import Settings
    from backroutine.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    window.show()
    window.history()  # opened at start, as the app does once its window is shown
    app.processEvents()
    times = []
    for _ in range(RUNS):
        if window.history_page is not None:
            window.close_history()
            window.pages.removeWidget(window.history_page)
            window.history_page.deleteLater()
            window.history_page = None
            app.processEvents()
        started = time.perf_counter()
        window.show_history()
        app.processEvents()  # laid out and painted
        times.append(time.perf_counter() - started)
    window.close()
    return times


def measure_cli(since: date) -> list[float]:
    env = {**os.environ, "BACKROUTINE_HOME": str(HOME)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "backroutine", "history", "--format", "json"]
    command += ["--since", since.isoformat()]
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    print(f"  ({done.stdout.count(b'routine_id')} sessions, {len(done.stdout) / 1e6:.1f} MB)")
    return times


def report(what: str, times: list[float], bar: float | None) -> bool:
    median = statistics.median(times)
    verdict = (
        "" if bar is None else (" ok" if median < bar else f" OVER the {bar * 1000:.0f} ms bar")
    )
    print(
        f"{what}: median {median * 1000:.0f} ms, best {min(times) * 1000:.0f} ms, "
        f"worst {max(times) * 1000:.0f} ms over {len(times)} runs{verdict}"
    )
    return bar is None or median < bar


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("set DISPLAY (for example start Xvfb :99 and use DISPLAY=:99)", file=sys.stderr)
        return 2
    os.environ["BACKROUTINE_HOME"] = str(HOME)
    today = date.today()
    count = ensure_history(today)
    size = (HOME / "history.sqlite3").stat().st_size / 1e6
    print(f"history: {count} sessions, {size:.0f} MB, in {HOME}")
    ok = report("open the history file", measure_open(), None)
    ok &= report("open the history view", measure_view(), 0.300)
    ok &= report("history --format json --since (a month)", measure_cli(today - timedelta(30)), 1.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
