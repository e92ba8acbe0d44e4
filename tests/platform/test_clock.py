"""Sessions run on a clock that keeps counting while the computer sleeps."""

from __future__ import annotations

import time

from backroutine.platform import services


def test_linux_counts_time_asleep():
    # CLOCK_MONOTONIC (time.monotonic) stops during suspend; BOOTTIME does not.
    clock = services(system="linux").session_clock
    assert abs(clock() - time.clock_gettime(time.CLOCK_BOOTTIME)) < 0.05


def test_macos_counts_time_asleep():
    # There CLOCK_MONOTONIC includes time asleep (time.monotonic does not).
    clock = services(system="darwin").session_clock
    assert abs(clock() - time.clock_gettime(time.CLOCK_MONOTONIC)) < 0.05


def test_elsewhere_the_monotonic_clock_is_the_best_there_is():
    for system in ("win32", "freebsd14"):
        clock = services(system=system).session_clock
        assert abs(clock() - time.monotonic()) < 0.05


def test_the_session_clock_never_goes_back():
    clock = services().session_clock
    readings = [clock() for _ in range(1000)]
    assert readings == sorted(readings)
