"""A private D-Bus daemon for the tests that play a desktop service (a screen saver,
logind) in one process while the app's side listens as it would on a real desktop."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def private_bus() -> Iterator[str]:
    """A bus of our own, for as long as the block runs: its address."""
    daemon = shutil.which("dbus-daemon")
    assert daemon, "dbus-daemon is needed (make test installs it; else see scripts/system-packages)"
    bus = subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert bus.stdout is not None
        yield bus.stdout.readline().strip()
    finally:
        bus.terminate()
        bus.wait(timeout=10)


def run_offscreen(program: str, **environ: str) -> list[str]:
    """Runs a Python program with these environment variables set: the lines it printed."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **environ}
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()
