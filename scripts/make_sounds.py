"""Synthesise the player's four cue sounds into assets/sounds/ (stdlib only, same bytes every run).

Run from the repository: `python scripts/make_sounds.py [FOLDER]` (default FOLDER: assets/sounds).
"""

from __future__ import annotations

import argparse
import array
import math
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44_100
PEAK_DBFS = -3.0
FULL_SCALE = 32_767

DEFAULT_FOLDER = Path(__file__).resolve().parents[1] / "assets" / "sounds"


@dataclass(frozen=True)
class Note:
    """One struck tone: partials are (frequency ratio, amplitude), each ringing down on its own."""

    frequency: float
    onset: float  # seconds from the start of the cue
    decay: float  # time constant of the fundamental's exponential decay, seconds
    attack: float = 0.004
    partials: tuple[tuple[float, float], ...] = ((1.0, 1.0),)


@dataclass(frozen=True)
class Cue:
    name: str
    duration: float
    notes: tuple[Note, ...]
    # Every cue fades to exact silence at its end, so it never stops with a click.
    fade_out: float = 0.025


# Bell-like: a little of the octave and twelfth gives brightness; higher partials die sooner.
BRIGHT = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))
SOFT = ((1.0, 1.0), (2.0, 0.12))
# A wood block's body rings at a few inharmonic modes that die within a few tens of milliseconds.
WOOD = ((1.0, 1.0), (2.57, 0.3), (4.1, 0.08))

E5, A5 = 659.26, 880.00
D5 = 587.33
C5, G5 = 523.25, 783.99

CUES = (
    Cue(
        "start",
        0.35,
        (
            Note(E5, onset=0.0, decay=0.10, partials=BRIGHT),
            Note(A5, onset=0.11, decay=0.12, partials=BRIGHT),
        ),
    ),
    Cue("tick", 0.08, (Note(1100.0, onset=0.0, decay=0.014, attack=0.002, partials=WOOD),)),
    Cue(
        "end",
        0.40,
        (
            Note(A5, onset=0.0, decay=0.12, attack=0.008, partials=SOFT),
            Note(D5, onset=0.14, decay=0.14, attack=0.008, partials=SOFT),
        ),
    ),
    Cue(
        "complete",
        0.90,
        (
            Note(C5, onset=0.0, decay=0.35, partials=BRIGHT),
            Note(E5, onset=0.15, decay=0.35, partials=BRIGHT),
            Note(G5, onset=0.30, decay=0.40, partials=BRIGHT),
        ),
        fade_out=0.15,  # the last chord is still ringing: let it die away, not stop
    ),
)


def _note_samples(note: Note, count: int) -> list[float]:
    out = [0.0] * count
    start = round(note.onset * SAMPLE_RATE)
    attack_samples = max(1, round(note.attack * SAMPLE_RATE))
    for i in range(start, count):
        t = (i - start) / SAMPLE_RATE
        # A raised-cosine attack starts from exact zero: no step, so no click.
        rise = 0.5 - 0.5 * math.cos(math.pi * (i - start) / attack_samples)
        attack = rise if i - start < attack_samples else 1.0
        value = 0.0
        for ratio, amplitude in note.partials:
            decay = math.exp(-t * ratio / note.decay)
            value += amplitude * decay * math.sin(2.0 * math.pi * note.frequency * ratio * t)
        out[i] = attack * value
    return out


def render(cue: Cue) -> array.array[int]:
    """The cue as 16-bit samples, normalised to the peak level and faded to silence at the end."""
    count = round(cue.duration * SAMPLE_RATE)
    mix = [0.0] * count
    for note in cue.notes:
        for i, value in enumerate(_note_samples(note, count)):
            mix[i] += value
    fade = round(cue.fade_out * SAMPLE_RATE)
    for k in range(fade):
        mix[count - fade + k] *= 0.5 + 0.5 * math.cos(math.pi * (k + 1) / fade)
    peak = max(abs(v) for v in mix)
    gain = FULL_SCALE * 10 ** (PEAK_DBFS / 20) / peak
    return array.array("h", (round(v * gain) for v in mix))


def write_wav(path: Path, samples: array.array[int]) -> None:
    data = samples
    if sys.byteorder == "big":  # WAV is little-endian
        data = array.array("h", samples)
        data.byteswap()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(data.tobytes())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    folder: Path = parser.parse_args(argv).folder
    folder.mkdir(parents=True, exist_ok=True)
    for cue in CUES:
        path = folder / f"{cue.name}.wav"
        write_wav(path, render(cue))
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
