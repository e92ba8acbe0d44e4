"""What the desktop and the operating system can do for the app, one small service each:
idle time and coming back after time away, whether a full-screen window is in front,
starting on login, the trash, waking from sleep, the session clock, and the hints
and habits that differ from one system to another.

`services()` is the one place that looks at which system this is: it picks the
module for it and builds its services once. A new platform is one module (a
`Services` class, see base.py) and one line in `_MODULES`. core never imports
this package; the shell (ui) asks it.
"""

from __future__ import annotations

import importlib
import sys
from functools import cache

from .base import Autostart, Probe, Services, SoundPlayers, Trashed

__all__ = ["Autostart", "Probe", "Services", "SoundPlayers", "Trashed", "module_for", "services"]

# sys.platform's prefix, and the module that serves it; anything else gets the fallback.
_MODULES = (
    ("linux", "linux"),
    ("win32", "windows"),
    ("darwin", "macos"),
)


def module_for(system: str) -> str:
    """The module (in this package) that serves a system, named as sys.platform names it."""
    for prefix, module in _MODULES:
        if system.startswith(prefix):
            return module
    return "fallback"


@cache
def services(qt_platform: str | None = None, system: str = sys.platform) -> Services:
    """This system's services, built once: the app always asks `services()`, and gets
    the same object. qt_platform is Qt's name for the window system (xcb, wayland,
    offscreen, ...), which only the desktop probes use; left out, it is asked of the
    running Qt application when a probe is first built. Tests name other systems."""
    module = importlib.import_module(f"{__name__}.{module_for(system)}")
    made: Services = module.Services(qt_platform)
    return made
