"""Fill a history with made-up but plausible sessions, for screenshots and benchmarks.

    python scripts/demo_history.py HOME [--days 42] [--hourly]

HOME gets a history.sqlite3 (BACKROUTINE_HOME=HOME then shows it). The sessions
follow the bundled routines' real timelines: a twice-daily program with pain
ratings that ease over the weeks, and, with --hourly, desk breaks every working
hour. Deterministic: the same arguments give the same history.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from backroutine.core.discovery import known_routines
from backroutine.core.history import SCHEMA_VERSION, History
from backroutine.core.model import Routine
from backroutine.core.timeline import expand_timeline

OFFSET = timezone(timedelta(hours=1))


def _rows(
    routine: Routine, started: datetime, rng: random.Random, skip_chance: float
) -> tuple[list[tuple], float, bool]:
    """The period rows of one session, its active seconds, and whether it was completed."""
    timeline = expand_timeline(routine)
    rows = []
    active = 0.0
    stop_at = len(timeline.periods) if rng.random() > 0.06 else rng.randrange(len(timeline.periods))
    moment = started
    for index, period in enumerate(timeline.periods):
        if index >= stop_at:
            break
        seconds = period.seconds if period.seconds is not None else rng.uniform(2.5, 4.5)
        moment += timedelta(seconds=seconds)
        active += seconds
        if not period.kind.is_work:
            continue
        skipped = rng.random() < skip_chance
        rows.append(
            (
                index,
                period.exercise,
                period.side.value if period.side else None,
                period.set,
                period.rep,
                period.kind.value,
                period.seconds,
                seconds * (rng.uniform(0.2, 0.6) if skipped else 1.0),
                "skipped" if skipped else "done",
                int(skipped and rng.random() < 0.3),
                moment.isoformat(timespec="seconds"),
            )
        )
    return rows, active, stop_at == len(timeline.periods)


def fill(home: Path, days: int, hourly: bool, end: date, breaks: int = 9) -> int:
    """Write the sessions; with hourly, `breaks` desk breaks a day (weekdays only when
    there are at most 9 of them, a working day's worth)."""
    routines = {e.id: e.result.routine for e in known_routines().entries if e.result.routine}
    program, desk = routines["low-back-basics"], routines["desk-break"]
    home.mkdir(parents=True, exist_ok=True)
    History.open(home / "history.sqlite3")[0].close()  # created and migrated as the app does
    db = sqlite3.connect(home / "history.sqlite3")
    rng = random.Random(7)
    count = 0
    first = end - timedelta(days=days - 1)
    for offset in range(days):
        day = first + timedelta(days=offset)
        progress = offset / max(1, days - 1)  # pain eases as the weeks go by
        plan: list[tuple[Routine, time]] = []
        if rng.random() < 0.85:
            plan.append((program, time(7, rng.randrange(0, 50))))
        if rng.random() < 0.7:
            plan.append((program, time(19, rng.randrange(0, 50))))
        if hourly and (day.weekday() < 5 or breaks > 9):
            plan += [
                (desk, time(7 + slot * 16 // breaks, (slot * 37) % 60)) for slot in range(breaks)
            ]
        plan.sort(key=lambda item: item[1])
        for routine, at in plan:
            started = datetime.combine(day, at, OFFSET)
            rows, active, completed = _rows(routine, started, rng, 0.03)
            rated = routine is program
            pain_before = round(6 - 3.5 * progress + rng.uniform(-1, 1)) if rated else None
            pain_after = (
                max(0, pain_before + rng.choice((-1, -1, 0, 0, 0, 1)))
                if pain_before is not None
                else None
            )
            ended = started + timedelta(seconds=active)
            cursor = db.execute(
                "INSERT INTO sessions (routine_id, routine_name, routine_hash, started_at,"
                " started_utc, local_date, planned_seconds, status, ended_at, active_seconds,"
                " paused_seconds, pain_before, pain_after, effort, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    routine.id,
                    routine.name,
                    routine.content_hash,
                    started.isoformat(timespec="seconds"),
                    started.timestamp(),
                    day.isoformat(),
                    expand_timeline(routine).total_seconds,
                    "completed" if completed else "stopped",
                    ended.isoformat(timespec="seconds"),
                    active,
                    0.0,
                    pain_before,
                    pain_after,
                    rng.randrange(3, 7) if rated else None,
                    _note(rng) if rated else "",
                ),
            )
            session_id = cursor.lastrowid
            db.executemany(
                "INSERT INTO periods (session_id, position, exercise, side, set_number, rep,"
                " kind, planned_seconds, actual_seconds, status, hurt, ended_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(session_id, *row) for row in rows],
            )
            count += 1
        if offset % 200 == 0:
            db.commit()
    db.commit()
    db.close()
    return count


NOTES = (
    "Bridge felt easier today.",
    "Stiff in the morning, better after the tilts.",
    "Knee-to-chest pulled a little on the left.",
    "Good session.",
)


def _note(rng: random.Random) -> str:
    return rng.choice(NOTES) if rng.random() < 0.12 else ""


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__)
    options.add_argument("home", type=Path)
    options.add_argument("--days", type=int, default=42)
    options.add_argument("--hourly", action="store_true", help="add hourly desk breaks")
    options.add_argument("--breaks", type=int, default=9, help="desk breaks a day (--hourly)")
    options.add_argument("--end", type=date.fromisoformat, default=date.today())
    args = options.parse_args()
    count = fill(args.home, args.days, args.hourly, args.end, args.breaks)
    print(f"{count} sessions written to {args.home / 'history.sqlite3'} (format {SCHEMA_VERSION})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
