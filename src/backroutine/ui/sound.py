"""Cue sounds for the guided player, played in the background through playsound3 at a volume.

Qt-free: playsound3 starts an outside audio player, so nothing here needs an event loop."""

from __future__ import annotations

import array
import contextlib
import io
import logging
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import time
import wave
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.files import atomic_bytes, private_folder, read_bounded
from ..core.i18n import _
from ..core.paths import assets_dir, user_paths
from ..platform import services

log = logging.getLogger(__name__)

CUE_NAMES = ("start", "tick", "end", "complete")

# A cue lasts under a second; a player still running long after that is stuck, not playing.
_STUCK_AFTER = 30.0
MAX_SOUND_BYTES = 8 * 1024 * 1024  # a cue is well under a second: ~100 KiB


@dataclass(frozen=True)
class Backend:
    """The playsound3 backend that can play here, or why none can."""

    name: str | None
    reason: str | None = None


def find_backend(
    which: Callable[[str], str | None] = shutil.which,
    platform: str | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Backend:
    """Look for an audio player program, cheaply: no sound is played and nothing is run."""
    # Importing playsound3 would run every player once to probe it (~0.1 s), too slow at start-up.
    chosen = environ.get("PLAYSOUND3_BACKEND", "").strip()
    if chosen:
        return Backend(chosen)  # the person chose it on purpose; trust them
    # platform: a system named as Python names it ("linux", "win32"); by default, this one.
    players = (services(system=platform) if platform else services()).sound
    if players.builtin:
        return Backend(players.builtin)
    for name, program in players.programs:
        if which(program):
            return Backend(name)
    # Translators: why cue sounds are off; {install_hint} says what to install.
    return Backend(
        None, _("no audio player found: {install_hint}").format(install_hint=players.install_hint)
    )


class _CueLane:
    """One long-lived background thread that starts the players, in order."""

    # Long-lived on purpose: playsound3 asks Linux to stop a player when the *thread* that started
    # it ends (PR_SET_PDEATHSIG), so a thread per cue would cut its own sound short. Off the UI
    # thread because the first playsound3 import probes every player with a subprocess.

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def submit(self, job: Callable[[], None]) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="cue-sounds", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def _serve(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:  # a job reports its own failures; the lane must outlive any
                log.exception("cue sound job failed")


class SoundCues:
    """Plays a cue by name without waiting for it; any failure turns sound off and says why."""

    def __init__(
        self,
        sounds_dir: Path | None = None,
        *,
        backend: Backend | None = None,
        run_in_background: Callable[[Callable[[], None]], None] | None = None,
        copies_dir: Path | None = None,
    ) -> None:
        self.enabled = True
        self._volume = 1.0
        self._sounds_dir = sounds_dir if sounds_dir is not None else assets_dir() / "sounds"
        chosen = backend if backend is not None else find_backend()
        self._backend = chosen.name
        self._reason: str | None = chosen.reason or self._missing_files()
        self._run = run_in_background if run_in_background is not None else _CueLane().submit
        self._lock = threading.Lock()
        # The volume-scaled copies: one folder per user, reused by every start; what a
        # crashed start left there is removed by the next (see _copies_folder).
        self._copies_home = copies_dir
        self._copies_dir: Path | None = None
        self._remove_copies: weakref.finalize[Any, Any] | None = None
        self._playing: list[tuple[Any, float]] = []  # (playsound3 Sound, when it started)

    @property
    def available(self) -> bool:
        return self._reason is None

    @property
    def unavailable_reason(self) -> str | None:
        return self._reason

    @property
    def volume(self) -> float:
        return self._volume

    @volume.setter
    def volume(self, value: float) -> None:
        value = float(value)
        self._volume = 0.0 if value != value else min(max(value, 0.0), 1.0)  # NaN -> silent

    def cue_path(self, name: str) -> Path:
        """The bundled sound for a cue, at full volume."""
        return self._sounds_dir / f"{name}.wav"

    def play(self, name: str) -> None:
        """Start the cue and return at once; a cue that cannot play is skipped, never raised."""
        percent = round(self._volume * 100)
        if not (self.enabled and self.available) or percent == 0:
            return
        if name not in CUE_NAMES:
            log.warning("no cue sound named %r", name)
            return
        try:
            self._run(lambda: self._play_now(name, percent))
        except Exception as exc:  # e.g. no thread could be started
            self._turn_off(_("sound could not start: {error}").format(error=exc))

    def prepare(self) -> None:
        """Load the audio library in the background now, so the first cue is not late."""
        if self.available:
            try:
                self._run(self._load_library)
            except Exception as exc:
                self._turn_off(_("sound could not start: {error}").format(error=exc))

    def close(self) -> None:
        """Remove the volume-scaled copies (also done at exit)."""
        with self._lock:
            if self._remove_copies is not None:
                self._remove_copies()
            self._copies_dir = None
            self._remove_copies = None

    # -- on the background thread ----------------------------------------------------------

    def _load_library(self) -> None:
        try:
            import playsound3  # noqa: F401
        except Exception as exc:
            self._turn_off(_cannot_load(exc))

    def _play_now(self, name: str, percent: int) -> None:
        if not self.available:
            return  # an earlier cue in the queue already failed
        try:
            path = self._sound_file(name, percent)
        except Exception as exc:
            # Translators: {name} is a cue sound's name as the app calls it ("start",
            # "tick", "end", "complete"); keep it as it is.
            self._turn_off(
                _("the cue sound “{name}” could not be prepared: {error}").format(
                    name=name, error=exc
                )
            )
            return
        try:
            from playsound3 import playsound
        except Exception as exc:
            self._turn_off(_cannot_load(exc))
            return
        try:
            self._sweep()
            sound = playsound(str(path), block=False, backend=self._backend)
        except Exception as exc:
            self._turn_off(_("the audio player failed: {error}").format(error=exc))
            return
        self._playing.append((sound, time.monotonic()))

    def _sweep(self) -> None:
        # Forget players that finished; stop any that hang (a player with no sound device may).
        now = time.monotonic()
        still: list[tuple[Any, float]] = []
        for sound, started in self._playing:
            if not sound.is_alive():
                continue
            if now - started > _STUCK_AFTER:
                sound.stop()
                continue
            still.append((sound, started))
        self._playing = still

    def _sound_file(self, name: str, percent: int) -> Path:
        source = self.cue_path(name)
        if percent >= 100:
            return source
        with self._lock:
            if self._copies_dir is None:
                self._copies_dir = self._copies_folder()
            copy = self._copies_dir / f"{name}-{percent:03d}.wav"
            if not copy.is_file() or copy.is_symlink():
                write_scaled_copy(source, copy, percent / 100)
            return copy

    def _copies_folder(self) -> Path:
        wanted = self._copies_home or user_paths().cache_dir / "sounds"
        try:
            folder = private_folder(wanted)
        except OSError:
            folder = None
        if folder is None:
            # Not ours to use (a link, or made by someone else): a private folder of
            # this run's own, removed with it.
            log.warning("%s is not a folder of this user's; the cue copies go elsewhere", wanted)
            made = Path(tempfile.mkdtemp(prefix="backroutine-sounds-"))
            self._remove_copies = weakref.finalize(
                self, shutil.rmtree, str(made), ignore_errors=True
            )
            return made
        _remove_copies(folder)  # left by a start that crashed
        self._remove_copies = weakref.finalize(self, _remove_copies, folder, True)
        return folder

    def _missing_files(self) -> str | None:
        missing = [name for name in CUE_NAMES if not self.cue_path(name).is_file()]
        if missing:
            return _("the cue sounds are missing from {folder}").format(folder=self._sounds_dir)
        return None

    def _turn_off(self, reason: str) -> None:
        log.warning("sound cues turned off: %s", reason)
        if self._reason is None:
            self._reason = reason


def _cannot_load(error: Exception) -> str:
    # Translators: "playsound3" is the name of a program library; keep it as it is.
    return _("the playsound3 library could not be loaded: {error}").format(error=error)


# A copy ("tick-050.wav"), or one half-written by atomic_bytes (".tick-050-k2j4x.wav").
_COPY_NAME = re.compile(r"^(?:[a-z]+-\d{3}|\.[a-z]+-\d{3}-[^/]+)\.wav$")


def _remove_copies(folder: Path, and_folder: bool = False) -> None:
    """Remove the cue copies (and half-written ones) from the folder; then the folder
    itself if asked and nothing else is in it. Anything else there is left alone."""
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if _COPY_NAME.match(entry.name) and not entry.is_dir():
                with contextlib.suppress(OSError):
                    entry.unlink()
        if and_folder:
            folder.rmdir()


def write_scaled_copy(source: Path, target: Path, gain: float) -> None:
    """Copy a 16-bit WAV file with every sample multiplied by gain (playsound3 has no volume)."""
    data = read_bounded(source, MAX_SOUND_BYTES)  # never a pipe, a device or a huge file
    with wave.open(io.BytesIO(data), "rb") as src:
        params = src.getparams()
        if params.sampwidth != 2:
            raise ValueError(_("{file} is not 16-bit audio").format(file=source.name))
        samples = array.array("h", src.readframes(params.nframes))
    if sys.byteorder == "big":  # WAV samples are little-endian
        samples.byteswap()
    scaled = array.array("h", (round(s * gain) for s in samples))
    if sys.byteorder == "big":
        scaled.byteswap()
    # Written under a temporary name of its own and renamed, so a player never opens a
    # half-written file, and whatever is at target (even a link) is replaced, not written through.
    with atomic_bytes(target) as raw, wave.open(raw, "wb") as out:
        out.setparams(params)
        out.writeframes(scaled.tobytes())
