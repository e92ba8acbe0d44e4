"""The history at scale: 100,000 sessions (ten years of breaks every waking hour),
then 1,000,000 (a hundred years of them).

    .venv/bin/python benchmarks/history_scale.py [--sessions 1000000] [--skip-exports]

The 100,000 sessions are written once by scripts/demo_history.py; the million
is made from them by SQL (the same ten years copied nine more times, each copy
shifted ten years back, with new ids). Both files are kept between runs in
BR_BENCH_DIR (default /var/tmp/br-bench, outside the repository), so a rerun
only measures. Measured, each several times unless said:
- opening the history as the app does at start (migrations, settling);
- each query the history view makes, and the view built offscreen;
- `backroutine history --format json --since` a month (once, a child);
- `backroutine export` CSV and JSON, each in a child process of its own that
  reports its own peak memory (a child is stopped at --memory-cap);
- `backroutine export --format pdf --since` the last 90 days (once, a child).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from demo_history import fill

CACHE = Path(os.environ.get("BR_BENCH_DIR", "/var/tmp/br-bench"))
DAYS = 3650
BREAKS = 26  # desk breaks a day; with the program, about 100,000 sessions in all
RUNS = 7
SHIFT_DAYS = DAYS  # each copy of the ten years goes this much further back


def _schema() -> str:
    from backroutine.core.history_schema import MIGRATIONS

    return hashlib.sha256("".join(MIGRATIONS).encode()).hexdigest()[:12]


def base_history(end: date) -> Path:
    """The 100,000 sessions written as the app would (kept: the slow part)."""
    path = CACHE / f"base-{DAYS}d-{BREAKS}b-{end.isoformat()}.sqlite3"
    if not path.exists():
        for stale in CACHE.glob("base-*.sqlite3"):  # ending on another day
            stale.unlink()
        started = time.perf_counter()
        home = Path(tempfile.mkdtemp(dir=CACHE))
        count = fill(home, DAYS, hourly=True, end=end, breaks=BREAKS)
        with sqlite3.connect(home / "history.sqlite3") as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (home / "history.sqlite3").replace(path)
        shutil.rmtree(home)
        print(f"filled {count} sessions in {time.perf_counter() - started:.0f} s")
    return path


def scaled_history(base: Path, copies: int) -> Path:
    """A home whose history is `copies` shifted copies of the base, at today's format."""
    home = CACHE / f"home-{base.stem}-x{copies}-{_schema()}"
    path = home / "history.sqlite3"
    if path.exists():
        return home
    for stale in CACHE.glob(f"home-{base.stem}-x{copies}-*"):  # an older format's
        shutil.rmtree(stale)
    started = time.perf_counter()
    work = CACHE / f"building-{os.getpid()}.sqlite3"
    shutil.copyfile(base, work)
    db = sqlite3.connect(work)
    db.execute("PRAGMA journal_mode = OFF")
    (sessions,) = db.execute("SELECT max(id) FROM sessions").fetchone()
    (periods,) = db.execute("SELECT max(id) FROM periods").fetchone()
    for copy in range(1, copies):
        shift = f"'-{copy * SHIFT_DAYS} days'"
        db.execute(
            "INSERT INTO sessions (id, routine_id, routine_name, routine_hash, started_at,"
            " started_utc, local_date, planned_seconds, owner, status, ended_at,"
            " active_seconds, paused_seconds, pain_before, pain_after, effort, note)"
            f" SELECT id + {copy * sessions}, routine_id, routine_name, routine_hash,"
            f" date(substr(started_at, 1, 10), {shift}) || substr(started_at, 11),"
            f" started_utc - {copy * SHIFT_DAYS * 86400},"
            f" date(local_date, {shift}), planned_seconds, owner, status,"
            f" date(substr(ended_at, 1, 10), {shift}) || substr(ended_at, 11),"
            " active_seconds, paused_seconds, pain_before, pain_after, effort, note"
            f" FROM sessions WHERE id <= {sessions}"
        )
        db.execute(
            "INSERT INTO periods (id, session_id, position, exercise, side, set_number, rep,"
            " kind, planned_seconds, actual_seconds, status, hurt, ended_at)"
            f" SELECT id + {copy * periods}, session_id + {copy * sessions}, position,"
            " exercise, side, set_number, rep, kind, planned_seconds, actual_seconds,"
            f" status, hurt, date(substr(ended_at, 1, 10), {shift}) || substr(ended_at, 11)"
            f" FROM periods WHERE id <= {periods}"
        )
        db.commit()
    db.close()
    from backroutine.core.history import History

    History.open(work)[0].close()  # brought to today's format, as the app would
    home.mkdir(parents=True, exist_ok=True)
    work.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    print(f"made {copies} copies of {sessions} sessions in {time.perf_counter() - started:.0f} s")
    return home


def timed(action: Callable[[], object], runs: int = RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def report(what: str, times: list[float], bar: float | None = None) -> bool:
    median = statistics.median(times)
    verdict = (
        "" if bar is None else (" ok" if median < bar else f" OVER the {bar * 1000:.0f} ms bar")
    )
    print(
        f"{what}: median {median * 1000:.1f} ms, best {min(times) * 1000:.1f} ms, "
        f"worst {max(times) * 1000:.1f} ms over {len(times)} runs{verdict}",
        flush=True,
    )
    return bar is None or median < bar


def measure_open(path: Path) -> list[float]:
    from backroutine.core.history import History

    def once() -> None:
        History.open(path)[0].close()

    return timed(once)


def view_queries(path: Path, today: date) -> dict[str, Callable[[], object]]:
    """Each query the history page and the library's adherence line make, as they make them."""
    from backroutine.core.adherence import week_of
    from backroutine.core.history import History

    history, _ = History.open(path)
    monday, next_monday = week_of(today)
    month = today - timedelta(days=29)
    first = date(today.year, today.month, 1)
    following = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    newest = history.newest(0, 1)[0].id
    return {
        "count": history.count,
        "newest (first page of 200)": lambda: history.newest(0, 200),
        "newest (tenth page of 200)": lambda: history.newest(1800, 200),
        "sessions this week": lambda: history.sessions(
            since=monday, until=next_monday, with_periods=False
        ),
        "streak": lambda: history.streak(today),
        "completed_per_day (a routine, a week)": lambda: history.completed_per_day(
            "low-back-basics", monday, next_monday
        ),
        "completed_per_day (a routine, 4 weeks)": lambda: history.completed_per_day(
            "low-back-basics", today - timedelta(days=28), next_monday
        ),
        "session (the selected one, with periods)": lambda: history.session(newest),
        "completed_days (the month's calendar)": lambda: history.completed_days(first, following),
        "sessions (the selected day)": lambda: history.sessions(
            since=today, until=today + timedelta(days=1), with_periods=False
        ),
        "minutes_per_day (30 days)": lambda: history.minutes_per_day(
            month, today + timedelta(days=1)
        ),
        "pain_points (30 days)": lambda: history.pain_points(month),
    }


def measure_view(path: Path, today: date) -> bool:
    queries = view_queries(path, today)
    medians = []
    for name, query in queries.items():
        query()  # the first read of a page from disk is not what is measured
        times = timed(query)
        medians.append(statistics.median(times))
        report(f"  {name}", times)
    print(f"  all the view's queries: {sum(medians) * 1000:.1f} ms (sum of medians)")
    ok = sum(medians) < 0.100
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from backroutine.core.discovery import known_routines
    from backroutine.core.history import History
    from backroutine.ui.history_page import HistoryPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    history, _ = History.open(path)
    routines = {e.id: e.result.routine for e in known_routines().entries if e.result.routine}

    def build() -> None:
        page = HistoryPage(history, routines)
        page.resize(1000, 700)
        page.show()
        app.processEvents()
        page.close()
        page.deleteLater()
        app.processEvents()

    build()
    ok &= report("the history view built and shown (offscreen)", timed(build), 0.300)
    history.close()
    return ok


CHILD = """
import resource, sys, time
from backroutine.cli import main
started = time.perf_counter()
code = main(sys.argv[1:])
seconds = time.perf_counter() - started
# ru_maxrss keeps the parent's size from before exec on Linux (this script is large by
# then); VmHWM is this program's own high-water mark.
try:
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError, ValueError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"BENCH {code} {seconds:.3f} {peak:.0f}", file=sys.stderr)
"""


def measure_child(home: Path, arguments: list[str], cap_mb: int) -> str:
    """One `backroutine` command in a child process of its own: its time and peak memory."""
    env = {**os.environ, "BACKROUTINE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def capped() -> None:
        import resource

        limit = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *arguments],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=capped,
        timeout=1800,
    )
    wall = time.perf_counter() - started
    lines = [line for line in done.stderr.splitlines() if line.startswith("BENCH ")]
    if not lines:
        last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        return f"FAILED after {wall:.1f} s under a {cap_mb} MB cap: {last[:160]}"
    _, code, seconds, peak = lines[-1].split()
    said = (done.stdout.strip().splitlines() or [""])[-1][:80]
    return f"{float(seconds):.1f} s, peak memory {peak} MB (exit {code}: {said})"


def measure_exports(home: Path, today: date, cap_mb: int) -> None:
    out = Path(tempfile.mkdtemp(dir=CACHE))
    try:
        for form in ("csv", "json"):
            target = out / f"sessions.{form}"
            result = measure_child(home, ["export", "--format", form, "-o", str(target)], cap_mb)
            size = sum(p.stat().st_size for p in out.glob("sessions*")) / 1e6
            print(f"export {form}: {result}, {size:.0f} MB written", flush=True)
            for written in out.glob("sessions*"):
                written.unlink()
        since = (today - timedelta(days=89)).isoformat()
        target = out / "report.pdf"
        arguments = ["export", "--format", "pdf", "-o", str(target), "--since", since]
        print(f"report PDF, last 90 days: {measure_child(home, arguments, cap_mb)}", flush=True)
    finally:
        shutil.rmtree(out)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--sessions", type=int, default=1_000_000, help="about how many")
    options.add_argument("--skip-exports", action="store_true")
    options.add_argument("--memory-cap", type=int, default=6144, help="MB, for each export")
    args = options.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    today = date.today()
    base = base_history(today)
    with sqlite3.connect(base) as db:
        (per_copy,) = db.execute("SELECT count(*) FROM sessions").fetchone()
    home = scaled_history(base, max(1, round(args.sessions / per_copy)))
    path = home / "history.sqlite3"
    with sqlite3.connect(path) as db:
        (count,) = db.execute("SELECT count(*) FROM sessions").fetchone()
    print(f"history: {count} sessions, {path.stat().st_size / 1e6:.0f} MB, in {home}")
    os.environ["BACKROUTINE_HOME"] = str(home)
    ok = report("open the history file (History.open, settling included)", measure_open(path))
    print("the history view's queries:")
    ok &= measure_view(path, today)
    month = (today - timedelta(days=30)).isoformat()
    arguments = ["history", "--format", "json", "--since", month]
    print(f"history --format json --since (a month): {measure_child(home, arguments, 4096)}")
    if not args.skip_exports:
        measure_exports(home, today, args.memory_cap)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
