"""Cue sounds: the right file at the right volume, never a blocked or crashed player."""

from __future__ import annotations

import array
import math
import os
import subprocess
import sys
import threading
import wave
from pathlib import Path

import playsound3
import pytest

from backroutine.core import i18n
from backroutine.core.settings import Settings
from backroutine.ui import sound
from backroutine.ui.cues import CuePlayer
from backroutine.ui.sound import CUE_NAMES, Backend, SoundCues, find_backend

REPO = Path(__file__).resolve().parents[2]
SOUNDS = REPO / "assets" / "sounds"
SCRIPT = REPO / "scripts" / "make_sounds.py"
DURATIONS = {"start": 0.35, "tick": 0.08, "end": 0.40, "complete": 0.90}


class FinishedSound:
    """What playsound3 returns for a sound that has already played."""

    def is_alive(self) -> bool:
        return False

    def stop(self) -> None:
        pass


def run_now(job):
    job()


def samples(path: Path) -> array.array:
    with wave.open(str(path), "rb") as wav:
        data = array.array("h", wav.readframes(wav.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


@pytest.fixture
def played(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, bool, str | None]]:
    """Every playsound3 call, instead of a real player."""
    calls: list[tuple[Path, bool, str | None]] = []

    def fake_playsound(path, block=True, backend=None):
        calls.append((Path(path), block, backend))
        return FinishedSound()

    monkeypatch.setattr(playsound3, "playsound", fake_playsound)
    return calls


@pytest.fixture
def cues():
    cue_sounds = SoundCues(SOUNDS, backend=Backend("gstreamer"), run_in_background=run_now)
    yield cue_sounds
    cue_sounds.close()


def test_each_cue_plays_its_own_file_without_waiting(cues, played) -> None:
    for name in CUE_NAMES:
        cues.play(name)

    assert played == [(SOUNDS / f"{name}.wav", False, "gstreamer") for name in CUE_NAMES]
    assert cues.available and cues.unavailable_reason is None


def test_a_lower_volume_plays_a_copy_with_scaled_samples(cues, played) -> None:
    cues.volume = 0.5
    cues.play("complete")

    copy = played[0][0]
    assert copy != SOUNDS / "complete.wav"
    original = samples(SOUNDS / "complete.wav")
    assert samples(copy) == array.array("h", (round(s * 0.5) for s in original))
    with wave.open(str(copy)) as scaled, wave.open(str(SOUNDS / "complete.wav")) as source:
        assert scaled.getparams() == source.getparams()


def test_copies_are_made_once_per_volume_and_removed_on_close(cues, played) -> None:
    cues.volume = 0.3
    cues.play("tick")
    cues.play("tick")
    cues.volume = 0.6
    cues.play("tick")

    first, again, louder = (path for path, _, _ in played)
    assert first == again != louder
    folder = first.parent
    assert sorted(p.name for p in folder.iterdir()) == ["tick-030.wav", "tick-060.wav"]
    cues.close()
    assert not folder.exists()


def test_volume_stays_between_zero_and_one(cues) -> None:
    cues.volume = 1.7
    assert cues.volume == 1.0
    cues.volume = -0.2
    assert cues.volume == 0.0
    cues.volume = float("nan")
    assert cues.volume == 0.0


def test_nothing_plays_at_volume_zero_or_when_turned_off(cues, played) -> None:
    cues.volume = 0.0
    cues.play("start")
    cues.volume = 0.004  # rounds to 0 %
    cues.play("start")
    cues.volume = 0.8
    cues.enabled = False
    cues.play("start")

    assert played == []


def test_an_unknown_cue_is_skipped(cues, played) -> None:
    cues.play("fanfare")

    assert played == []
    assert cues.available


def test_a_failing_player_turns_sound_off_with_a_reason(cues, monkeypatch) -> None:
    attempts = []

    def broken_playsound(path, block=True, backend=None):
        attempts.append(path)
        raise playsound3.PlaysoundException("gst-play-1.0 crashed")

    monkeypatch.setattr(playsound3, "playsound", broken_playsound)

    cues.play("start")  # must not raise
    cues.play("end")

    assert not cues.available
    assert "gst-play-1.0 crashed" in (cues.unavailable_reason or "")
    assert len(attempts) == 1


def test_play_returns_while_the_player_is_still_starting(monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()

    def slow_playsound(path, block=True, backend=None):
        started.set()
        release.wait(10)
        return FinishedSound()

    monkeypatch.setattr(playsound3, "playsound", slow_playsound)
    cues = SoundCues(SOUNDS, backend=Backend("gstreamer"))  # the real background thread

    cues.play("tick")  # returns although slow_playsound has not finished

    assert started.wait(10)
    assert not release.is_set()
    release.set()
    cues.close()


def test_no_audio_player_is_reported_and_nothing_plays(monkeypatch, played) -> None:
    monkeypatch.setattr(
        sound, "find_backend", lambda: Backend(None, "no audio player found: install GStreamer")
    )
    cues = SoundCues(SOUNDS, run_in_background=run_now)

    cues.play("start")

    assert not cues.available
    assert cues.unavailable_reason == "no audio player found: install GStreamer"
    assert played == []


def test_missing_sound_files_are_reported(tmp_path) -> None:
    cues = SoundCues(tmp_path, backend=Backend("gstreamer"))

    assert not cues.available
    assert str(tmp_path) in (cues.unavailable_reason or "")


def _crashed_run(home: Path, volume: float) -> Path:
    """A start that played a cue at volume, then died without closing anything."""
    cues = SoundCues(SOUNDS, backend=Backend("gstreamer"), run_in_background=run_now)
    cues.volume = volume
    cues.play("tick")
    cues._remove_copies.detach()  # as if killed: nothing removed at exit
    folder = home / "cache" / "sounds"
    (folder / ".tick-050-x1y2.wav").write_bytes(b"half written")  # killed mid-write
    return folder


def test_copies_left_by_crashed_starts_do_not_pile_up(played, home) -> None:
    for volume in (0.1, 0.2, 0.3, 0.4, 0.5):
        folder = _crashed_run(home, volume)
    assert played[-1][0].parent == folder
    left = {p.name for p in folder.iterdir()}
    assert left == {"tick-050.wav", ".tick-050-x1y2.wav"}  # only the last start's, not five
    assert folder.stat().st_mode & 0o777 == 0o700
    (folder / "notes.txt").write_text("not a copy")  # not ours to remove
    cues = SoundCues(SOUNDS, backend=Backend("gstreamer"), run_in_background=run_now)
    cues.volume = 0.7
    cues.play("tick")
    assert {p.name for p in folder.iterdir()} == {"tick-070.wav", "notes.txt"}
    cues.close()
    assert {p.name for p in folder.iterdir()} == {"notes.txt"}


@pytest.mark.parametrize("hostile", ["link", "someone else's", "a file"])
def test_a_copies_folder_prepared_by_someone_else_is_never_used(
    played, home, tmp_path, monkeypatch, hostile
) -> None:
    folder = home / "cache" / "sounds"
    folder.parent.mkdir(parents=True)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    if hostile == "link":
        folder.symlink_to(theirs)  # copies written there could be swapped under the player
    elif hostile == "a file":
        folder.write_bytes(b"")
    else:
        folder.mkdir(mode=0o777)
        real_uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: real_uid + 1)  # so the folder is not ours
    cues = SoundCues(SOUNDS, backend=Backend("gstreamer"), run_in_background=run_now)
    cues.volume = 0.4
    cues.play("start")
    monkeypatch.undo()
    copy = played[0][0]
    assert copy.name == "start-040.wav" and cues.available
    assert not copy.is_relative_to(folder) and not copy.is_relative_to(theirs)
    assert list(theirs.iterdir()) == []
    private = copy.parent
    assert private.stat().st_mode & 0o777 == 0o700
    cues.close()
    assert not private.exists()


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_cue_sound_turned_into_a_pipe_or_device_turns_sound_off_and_says_why(
    tmp_path, played, kind
) -> None:
    sounds = tmp_path / "sounds"
    sounds.mkdir()
    for name in CUE_NAMES:
        (sounds / f"{name}.wav").write_bytes((SOUNDS / f"{name}.wav").read_bytes())
    cues = SoundCues(sounds, backend=Backend("gstreamer"), run_in_background=run_now)
    assert cues.available
    (sounds / "tick.wav").unlink()
    if kind == "pipe":
        os.mkfifo(sounds / "tick.wav")  # no writer: reading it would wait forever
    else:
        (sounds / "tick.wav").symlink_to("/dev/zero")
    cues.volume = 0.5
    cues.play("tick")
    assert not cues.available and "tick" in (cues.unavailable_reason or "")
    assert ("pipe" if kind == "pipe" else "device") in (cues.unavailable_reason or "")
    assert played == []
    cues.close()


@pytest.mark.parametrize(
    ("programs", "expected"),
    [
        ({"gst-play-1.0", "ffplay", "aplay"}, "gstreamer"),
        ({"ffplay", "aplay"}, "ffplay"),
        ({"aplay"}, "alsa"),  # aplay alone plays .wav; playsound3's own check also wants mpg123
    ],
)
def test_the_backend_follows_playsound3s_preference(programs, expected) -> None:
    def which(program):
        return f"/usr/bin/{program}" if program in programs else None

    assert find_backend(which, "linux", {}) == Backend(expected)


def test_no_player_program_gives_an_install_hint() -> None:
    found = find_backend(lambda program: None, "linux", {})

    assert found.name is None
    assert found.reason is not None
    assert found.reason.startswith("no audio player found")
    assert "GStreamer" in found.reason


def test_why_sound_is_off_is_said_in_the_persons_language(tmp_path) -> None:
    i18n.set_language(i18n.PSEUDO)
    no_player = find_backend(lambda program: None, "linux", {}).reason or ""
    no_files = SoundCues(tmp_path, backend=Backend("gstreamer")).unavailable_reason or ""
    cues = CuePlayer(Settings(), SoundCues(tmp_path, backend=Backend("gstreamer")))

    assert no_player.startswith(i18n.PSEUDO_OPEN)
    assert no_files.startswith(i18n.PSEUDO_OPEN) and str(tmp_path) in no_files
    assert cues.notices and cues.notices[0].startswith(i18n.PSEUDO_OPEN)


def test_a_backend_chosen_in_the_environment_wins() -> None:
    found = find_backend(lambda program: None, "linux", {"PLAYSOUND3_BACKEND": "ffplay"})

    assert found == Backend("ffplay")


def test_creating_sound_cues_loads_neither_playsound3_nor_qt() -> None:
    code = (
        "import sys; from backroutine.ui.sound import SoundCues; SoundCues();"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'playsound3', 'PySide6'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"


# -- the sound files ----------------------------------------------------------------------


@pytest.mark.parametrize("name", CUE_NAMES)
def test_cue_sound_format_length_and_level(name: str) -> None:
    path = SOUNDS / f"{name}.wav"
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
        duration = wav.getnframes() / wav.getframerate()
    assert duration == pytest.approx(DURATIONS[name], abs=0.02)
    assert path.stat().st_size < 100_000
    peak = max(abs(s) for s in samples(path))
    assert 20 * math.log10(peak / 32_767) == pytest.approx(-3.0, abs=0.5)


@pytest.mark.parametrize("name", CUE_NAMES)
def test_cue_sounds_start_and_end_in_near_silence(name: str) -> None:
    data = samples(SOUNDS / f"{name}.wav")
    quiet = 0.05 * 32_767  # the envelopes rise from and fall to zero: no click
    assert max(abs(s) for s in data[:10]) < quiet
    assert max(abs(s) for s in data[-10:]) < quiet
    assert data[0] == 0
    assert data[-1] == 0


def test_make_sounds_is_deterministic_and_matches_the_committed_files(tmp_path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        subprocess.run([sys.executable, str(SCRIPT), str(folder)], check=True, capture_output=True)

    for name in CUE_NAMES:
        made = (first / f"{name}.wav").read_bytes()
        assert made == (second / f"{name}.wav").read_bytes()
        assert made == (SOUNDS / f"{name}.wav").read_bytes(), f"rerun {SCRIPT.name}"


def test_the_sound_notice_is_short_in_the_status_bar_and_says_why_in_its_tooltip(
    qtbot, home, clock
):
    from PySide6.QtWidgets import QLabel

    from backroutine.ui.main_window import MainWindow

    from .conftest import FakeCues

    cues = FakeCues()
    cues.notices = ("Sound cues are off: x.",)
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    [notice] = [
        label
        for label in window.statusBar().findChildren(QLabel)
        if label.accessibleName() == "Sound notice"
    ]
    assert notice.text() == "Sound cues are off"
    assert "Sound cues are off: x." in notice.toolTip()
