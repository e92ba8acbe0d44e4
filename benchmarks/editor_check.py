"""The editor's live check at 500 steps: what one edit costs on the UI thread.

After each edit the editor checks the whole draft (as `backroutine validate`
would check the file), shows each problem under its field and redraws the
total and the timeline. This times that check after typing in one step's
instructions, in the largest routine the format allows, offscreen. Exits 1 if
the median is over the limit (20 ms by default).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/editor_check.py [--steps 500]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def big_draft(count: int):  # -> RoutineDraft
    from backroutine.core.draft import RoutineDraft, StepDraft

    steps = []
    for number in range(count):
        if number % 5 == 4:
            steps.append(StepDraft(True, {"rest": "20s", "note": "Breathe out slowly."}))
            continue
        values = {
            "exercise": f"Exercise {number + 1}",
            "instructions": "Lie on your back, knees bent. Lift your hips slowly, "
            "hold, and lower them one vertebra at a time.",
            "hold": "10s",
            "reps": "3",
            "rest": "5s",
        }
        if number % 3 == 0:
            values["sides"] = "both"
        steps.append(StepDraft(values=values))
    return RoutineDraft(values={"name": "Long program", "summary": "Every step"}, steps=steps)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--limit-ms", type=float, default=20.0)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from backroutine.ui.editor import EditorWindow

    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        draft = big_draft(args.steps)
        editor = EditorWindow(draft, None, "long-program", Path(folder))
        editor.check_timer.stop()
        times = []
        for edit in range(args.edits):
            row = (edit * 37) % args.steps
            editor.step_list.setCurrentRow(row)
            key = "note" if editor.draft.steps[row].rest_step else "instructions"
            editor.edit_step(key, f"Edited {edit} times.")
            editor.check_timer.stop()
            start = time.perf_counter()
            editor.check()
            times.append((time.perf_counter() - start) * 1000)
            app.processEvents()
        first = times[0]
        median = statistics.median(times)
        print(
            f"editor check at {args.steps} steps: median {median:.1f} ms, "
            f"worst {max(times):.1f} ms, first edit {first:.1f} ms ({args.edits} edits)"
        )
        editor.undo_stack.setClean()
        editor.close()
    return 0 if median <= args.limit_ms else 1


if __name__ == "__main__":
    sys.exit(main())
