"""The clock sessions run on: monotonic, and still counting while the computer sleeps.

Python's time.monotonic() stops during suspend on Linux (CLOCK_MONOTONIC) and
macOS (mach_absolute_time), so a session could never notice that the computer
slept: after waking it would simply carry on, with nobody there. The clocks
below keep counting through suspend, so the gap shows and the session pauses.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def _boottime() -> float:
    return time.clock_gettime(time.CLOCK_BOOTTIME)


def _darwin_monotonic() -> float:
    # On macOS, CLOCK_MONOTONIC (unlike mach_absolute_time) includes time asleep.
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def session_clock() -> Callable[[], float]:
    if sys.platform.startswith("linux") and hasattr(time, "CLOCK_BOOTTIME"):
        return _boottime
    if sys.platform == "darwin":
        return _darwin_monotonic
    # Elsewhere (Windows), the monotonic clock is the best there is; on Windows
    # it is built on counters that keep running while the computer sleeps.
    return time.monotonic
