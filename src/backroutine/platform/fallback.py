"""Other Unix-like systems (the BSDs, ...): the freedesktop services where they
exist (X11, D-Bus, the XDG folders), and the plain monotonic clock."""

from __future__ import annotations

import time

from . import linux


class Services(linux.Services):
    name = "this system"
    x11_libraries = False  # the package names in preflight are Debian's
    speech_install = ""

    def session_clock(self) -> float:
        return time.monotonic()
