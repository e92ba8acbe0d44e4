"""macOS: idle time from CoreGraphics, a LaunchAgent for start on login, and a
session clock that counts time asleep."""

from __future__ import annotations

import ctypes
import plistlib
import time
from functools import cached_property
from pathlib import Path

from ..core.i18n import N_, _
from . import base
from .base import Autostart, Probe, SoundPlayers, asked

LABEL = "app.backroutine"


def _idle() -> Probe:
    path = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"
    services = ctypes.cdll.LoadLibrary(path)
    since = services.CGEventSourceSecondsSinceLastEventType
    since.restype = ctypes.c_double
    since.argtypes = [ctypes.c_int, ctypes.c_uint32]

    def ask() -> float | None:
        return float(since(0, 0xFFFFFFFF))  # combined session state, any input

    return Probe("CoreGraphics", ask)


class LaunchAgent(base.FileAutostart):
    """A property list in ~/Library/LaunchAgents that runs the app at login."""

    @property
    def path(self) -> Path:
        return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def text(self, command: list[str]) -> str:
        agent = {"Label": LABEL, "ProgramArguments": command, "RunAtLoad": True}
        return plistlib.dumps(agent).decode()


class Services(base.Services):
    name = "macOS"
    sound = SoundPlayers(
        programs=(("afplay", "afplay"), ("ffplay", "ffplay")),
        # Translators: keep the names of the programs as they are.
        install=N_("afplay is missing; install FFmpeg"),
    )

    def session_clock(self) -> float:
        # CLOCK_MONOTONIC (unlike mach_absolute_time, time.monotonic) includes time asleep.
        return time.clock_gettime(time.CLOCK_MONOTONIC)

    @cached_property
    def idle(self) -> Probe:
        return asked(_idle, _("idle time cannot be read here"))

    @cached_property
    def autostart(self) -> Autostart:
        return LaunchAgent()
