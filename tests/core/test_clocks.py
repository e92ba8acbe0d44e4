"""Sessions run on a clock that keeps counting while the computer sleeps."""

from __future__ import annotations

import sys
import time

from backroutine.core.clocks import session_clock


def test_the_session_clock_counts_time_asleep_where_the_platform_can():
    clock = session_clock()
    if sys.platform.startswith("linux"):
        # CLOCK_MONOTONIC (time.monotonic) stops during suspend; BOOTTIME does not.
        assert abs(clock() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 0.05
    elif sys.platform == "darwin":
        assert abs(clock() - time.clock_gettime(time.CLOCK_MONOTONIC)) < 0.05
    else:
        assert clock is time.monotonic


def test_the_session_clock_never_goes_back():
    clock = session_clock()
    readings = [clock() for _ in range(1000)]
    assert readings == sorted(readings)
