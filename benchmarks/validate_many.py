"""How long does `backroutine validate DIR` take on a big folder of routines?

Generates realistic routine files (3-12 steps each: holds, reps, tempo, sides,
sets, rests, a few sentences of instructions, some pictures, and about 2% with
deliberate mistakes), then times the real command as a user runs it, and the
same work in-process. Exits 1 if the command's median wall-clock time is over
the limit (1.0 s by default), 2 if the command did not report exactly the
mistakes that were planted.

    python benchmarks/validate_many.py [--count 1000] [--keep DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from backroutine.core.discovery import discover

EXERCISES = [
    ("Bridge", "bridge.svg"),
    ("Pelvic tilt", "pelvic-tilt.svg"),
    ("Knee-to-chest stretch", "knee-to-chest.svg"),
    ("Bird dog", "bird-dog.svg"),
    ("Cat-cow", None),
    ("Child's pose", "childs-pose.svg"),
    ("Kneeling hip-flexor stretch", "hip-flexor.png"),
    ("Standing back extension", None),
    ("Side-lying leg lift", None),
    ("Bodyweight squat", "squat.svg"),
    ("Marching in place", None),
    ("Dead bug", None),
    ("Prone press-up", None),
    ("Seated piriformis stretch", None),
    ("Wall sit", None),
    ("Side plank", None),
]
SENTENCES = [
    "Lie on your back with your knees bent and your feet flat on the floor.",
    "Gently draw in your lower belly and keep breathing normally.",
    "Lift your hips until your shoulders, hips and knees are in a straight line.",
    "Keep the movement slow and controlled; do not hold your breath.",
    "Relax your shoulders and let your neck stay long.",
    "You should feel a gentle stretch, never sharp pain.",
    "Return slowly to the starting position and rest for a moment.",
    "Keep your back flat and your hips level throughout.",
    "Stand tall with your feet hip-width apart and your weight even.",
    "Stop if the exercise brings on pain down your leg.",
    "Tighten your buttocks and push through your heels.",
    "Reach long through the opposite arm and leg without rotating.",
]
CAUTIONS = [
    "Keep the movement small and pain-free.",
    "Don't bounce into the stretch.",
    "Stop if you feel numbness or tingling.",
]
TAGS = ["physio", "low-back", "desk", "warm-up", "stretch", "core", "hips", "morning"]

# Deliberate mistakes, one each: an extra first step, or a damaged top level.
_FIRST = "steps:\n  - exercise: {}\n    instructions: Planted mistake.\n    {}"
MISTAKES: list[Callable[[str], str]] = [
    lambda text: text.replace("steps:", _FIRST.format("Bridge", "hold: 10x"), 1),
    lambda text: text.replace("steps:", _FIRST.format("Squat", "reps: 0"), 1),
    lambda text: text.replace("steps:", _FIRST.format("Plank", "hold: 30s\n    duration: 1m"), 1),
    lambda text: text.replace("steps:", _FIRST.format("Lunge", "reps: 5\n    rest: 5s"), 1),
    lambda text: text.replace("summary:", "sumary:", 1),
    lambda text: text.replace("steps:", "steps: [", 1),
]

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def duration(rng: random.Random, choices: list[int]) -> str:
    seconds = rng.choice(choices)
    style = rng.randrange(4)
    if style == 0:
        return str(seconds)
    if style == 1 or seconds < 60:
        return f"{seconds}s"
    minutes, rest = divmod(seconds, 60)
    if style == 2:
        return f"{minutes}m{rest}s" if rest else f"{minutes}m"
    return f'"{minutes}:{rest:02d}"'


def step(rng: random.Random, with_image: bool) -> list[str]:
    if rng.random() < 0.15:
        lines = [f"  - rest: {duration(rng, [15, 20, 30, 45, 60])}"]
        if rng.random() < 0.5:
            lines.append("    note: Walk around the room and shake out your legs.")
        return lines
    name, picture = rng.choice(EXERCISES)
    sentences = rng.sample(SENTENCES, rng.randint(2, 5))
    lines = [f"  - exercise: {name}", "    instructions: >"]
    lines += [f"      {sentence}" for sentence in sentences]
    if with_image and picture:
        lines.append(f"    image: images/{picture}")
    if rng.random() < 0.3:
        lines.append(f"    caution: {rng.choice(CAUTIONS)}")
    dose = rng.randrange(4)
    if dose == 0:
        lines.append(f"    hold: {duration(rng, [5, 10, 15, 20, 30, 45, 60])}")
        lines.append(f"    reps: {rng.randint(1, 10)}")
        if rng.random() < 0.7:
            lines.append(f"    rest: {duration(rng, [3, 5, 10])}")
    elif dose == 1:
        lines.append(f"    duration: {duration(rng, [30, 45, 60, 90, 120])}")
    elif dose == 2:
        lines.append(f"    reps: {rng.randint(5, 20)}")
        lines.append(f"    tempo: {rng.choice(['2s', '3s', '4', '2.5s'])}")
    else:
        lines.append(f"    reps: {rng.randint(5, 15)}")
    if rng.random() < 0.3:
        lines.append(f"    sides: {rng.choice(['left', 'right', 'both', 'both'])}")
    if rng.random() < 0.3:
        lines.append(f"    sets: {rng.randint(2, 3)}")
        lines.append(f"    rest_between_sets: {duration(rng, [15, 20, 30, 60])}")
    return lines


def routine(rng: random.Random, number: int) -> str:
    with_images = rng.random() < 0.1
    lines = [
        "format: 1",
        f"name: Routine {number} {rng.choice(['morning', 'desk', 'evening', 'gentle'])}",
        "summary: A generated routine for the validation benchmark",
        "description: >",
        f"  {' '.join(rng.sample(SENTENCES, 3))}",
        f"tags: [{', '.join(rng.sample(TAGS, rng.randint(1, 3)))}]",
    ]
    if rng.random() < 0.3:
        lines += ["schedule:", f"  per_day: {rng.randint(1, 3)}", "  days: [mon, wed, fri]"]
    if rng.random() < 0.3:
        lines.append(f"caution: {rng.choice(CAUTIONS)}")
    lines.append("steps:")
    for _ in range(rng.randint(3, 12)):
        lines += step(rng, with_images)
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, seed: int) -> set[str]:
    """Write count routines (and their pictures) into folder; the names of the broken ones."""
    rng = random.Random(seed)
    images = folder / "images"
    images.mkdir(parents=True, exist_ok=True)
    for name, picture in EXERCISES:
        if picture and picture.endswith(".svg"):
            (images / picture).write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
                f"<title>{name}</title><circle cx='5' cy='5' r='4'/></svg>\n",
                encoding="utf-8",
            )
        elif picture:
            (images / picture).write_bytes(PNG)
    broken_numbers = set(rng.sample(range(1, count + 1), max(1, round(count * 0.02))))
    broken: set[str] = set()
    for number in range(1, count + 1):
        text = routine(rng, number)
        name = f"routine-{number:04d}.yaml"
        if number in broken_numbers:
            text = rng.choice(MISTAKES)(text)
            broken.add(name)
        (folder / name).write_text(text, encoding="utf-8")
    return broken


def run_command(
    folder: Path, env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[str]]:
    command = [sys.executable, "-m", "backroutine", "validate", str(folder)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    return time.perf_counter() - start, done


def figures(label: str, times: list[float], count: int | None = None) -> str:
    best, median = min(times), statistics.median(times)
    per_file = f"{median / count * 1e3:5.2f} ms/file" if count else " " * 13
    shown = ", ".join(f"{t:.3f}" for t in times)
    return f"{label:<34} best {best:6.3f} s   median {median:6.3f} s   {per_file}   runs: {shown}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="routines to generate")
    parser.add_argument("--keep", type=Path, help="generate into this (new or empty) folder")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each measurement")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--limit", type=float, default=1.0, help="seconds allowed (median)")
    args = parser.parse_args(argv)
    if args.count < 1 or args.runs < 1:
        parser.error("--count and --runs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="backroutine-bench-") as scratch:
        if args.keep is not None:
            folder = args.keep
            if folder.exists() and any(folder.iterdir()):
                parser.error(f"--keep {folder}: the folder must be new or empty")
        else:
            folder = Path(scratch) / "routines"
        env = dict(os.environ, BACKROUTINE_HOME=str(Path(scratch) / "home"))

        started = time.perf_counter()
        broken = generate(folder, args.count, args.seed)
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        print(
            f"generated {args.count} routines ({size / 1024:.0f} KiB, {len(broken)} with "
            f"planted mistakes) in {folder} in {made:.2f} s"
        )
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs\n")

        # Start-up alone, to tell interpreter and import cost from validation.
        startup: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "backroutine", "--version"],
                capture_output=True,
                env=env,
                check=True,
            )
            startup.append(time.perf_counter() - start)

        command: list[float] = []
        done: subprocess.CompletedProcess[str] | None = None
        for _ in range(args.runs):
            seconds, done = run_command(folder, env)
            command.append(seconds)
        assert done is not None

        in_process: list[float] = []
        library = None
        for _ in range(args.runs):
            start = time.perf_counter()
            library = discover(bundled_dir=None, user_dir=None, paths=[folder])
            in_process.append(time.perf_counter() - start)
        assert library is not None

        print(figures("backroutine --version (start-up)", startup))
        print(figures("backroutine validate DIR", command, args.count))
        print(figures("discover() in-process", in_process, args.count))
        print(f"\ncommand says: {done.stdout.strip()} (exit status {done.returncode})")

        # The benchmark only means something if every file was really checked.
        reported = {
            Path(m.group(1)).name
            for m in re.finditer(r"^(.*?):\d+:\d+: error: ", done.stderr, re.MULTILINE)
        }
        in_library = {e.path.name for e in library.entries if not e.runnable}
        if len(library.entries) != args.count or reported != broken or in_library != broken:
            print(
                "\nFAIL: the command did not report exactly the planted mistakes:\n"
                f"  files loaded: {len(library.entries)} of {args.count}\n"
                f"  missed: {sorted(broken - reported)}\n"
                f"  unexpected: {sorted(reported - broken)}\n"
                f"  in-process disagrees: {sorted(in_library ^ broken)}",
                file=sys.stderr,
            )
            return 2
        if done.returncode != 1:
            print(f"\nFAIL: expected exit status 1, got {done.returncode}", file=sys.stderr)
            return 2

        median = statistics.median(command)
        if median > args.limit:
            print(
                f"\nFAIL: validate took {median:.3f} s (median); the limit is {args.limit:g} s",
                file=sys.stderr,
            )
            return 1
        print(f"\nOK: median {median:.3f} s is within the {args.limit:g} s limit")
        return 0


if __name__ == "__main__":
    sys.exit(main())
