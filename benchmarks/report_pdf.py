"""The PDF report for a clinician at its largest: how long it takes to write.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/report_pdf.py

Writes the report (the last 90 days, as `backroutine export --format pdf` does)
from histories made in a temporary BACKROUTINE_HOME:
- 2,000 sessions in range (a program twice a day and 21 desk breaks a day);
- the same sessions, each of a routine of its own (2,000 sections, each rated);
- one session whose note is 100,000 characters with no space in them.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from demo_history import fill

CASES = {
    "2,000 sessions": (90, 21, ""),
    "2,000 sessions, each its own routine": (
        90,
        21,
        "UPDATE sessions SET routine_id = 'r' || id, pain_before = 3, pain_after = 2",
    ),
    "a note of 100,000 characters": (1, 9, "UPDATE sessions SET note = ? WHERE id = 1"),
}


def main() -> int:
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
