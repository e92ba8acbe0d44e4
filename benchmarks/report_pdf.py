"""The PDF report for a clinician at its largest: how long it takes to write.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/report_pdf.py [--sessions 200000]

Writes the report (the last 90 days, as `backroutine export --format pdf` does)
from histories made in a temporary BACKROUTINE_HOME:
- 2,000 sessions in range (a program twice a day and 21 desk breaks a day);
- the same sessions, each of a routine of its own (2,000 sections, each rated);
- one session whose note is 100,000 characters with no space in them;
- with --sessions, the whole of a history of about that many sessions (made and
  kept in BR_BENCH_DIR as benchmarks/history_scale.py makes them), in a child
  process of its own that reports its time and peak memory (goal: under 30 s
  and 150 MB at 200,000 sessions: the report is tallied a batch at a time).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_history import fill
from history_scale import CACHE, base_history, measure_child, scaled_history

CASES = {
    "2,000 sessions": (90, 21, ""),
    "2,000 sessions, each its own routine": (
        90,
        21,
        "UPDATE sessions SET routine_id = 'r' || id, pain_before = 3, pain_after = 2",
    ),
    "a note of 100,000 characters": (1, 9, "UPDATE sessions SET note = ? WHERE id = 1"),
}


def whole_history(sessions: int, cap_mb: int) -> None:
    """The report over every session of a long history, in a child process."""
    CACHE.mkdir(parents=True, exist_ok=True)
    base = base_history(date.today())
    with sqlite3.connect(base) as db:
        (per_copy,) = db.execute("SELECT count(*) FROM sessions").fetchone()
    home = scaled_history(base, max(1, round(sessions / per_copy)))
    with sqlite3.connect(home / "history.sqlite3") as db:
        count, first = db.execute("SELECT count(*), min(local_date) FROM sessions").fetchone()
    with tempfile.TemporaryDirectory(prefix="backroutine-report-", dir=CACHE) as out:
        arguments = ["export", "--format", "pdf", "-o", f"{out}/report.pdf", "--since", first]
        result = measure_child(home, arguments, cap_mb)
        pages = (Path(out) / "report.pdf").read_bytes().count(b"/Type /Page\n")
    print(f"the whole history, {count} sessions: {result} ({pages} pages)")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("--sessions", type=int, default=0, help="about how many, in all")
    options.add_argument("--memory-cap", type=int, default=4096, help="MB, for the child")
    args = options.parse_args()
    if args.sessions:
        # First, while this process is small: Linux gives a child the peak memory of
        # the process it was forked from, so a child of a large one is over-reported.
        whole_history(args.sessions, args.memory_cap)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from backroutine.ui.report_pdf import make_report_pdf

    with tempfile.TemporaryDirectory(prefix="backroutine-report-") as base:
        for name, (days, breaks, change) in CASES.items():
            home = Path(base) / str(len(os.listdir(base)))
            fill(home, days, hourly=True, end=date.today(), breaks=breaks)
            if change:
                with sqlite3.connect(home / "history.sqlite3") as db:
                    db.execute(change, ("x" * 100_000,) if "?" in change else ())
            os.environ["BACKROUTINE_HOME"] = str(home)
            started = time.perf_counter()
            count = make_report_pdf(home / "report.pdf", None)
            took = time.perf_counter() - started
            pages = (home / "report.pdf").read_bytes().count(b"/Type /Page\n")
            print(f"{name}: {count} sessions in the report, {took:.2f} s ({pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
