"""A private X server (Xvfb) for the tests that need a real display, and a way to
wait for an outside process. `make test` installs Xvfb, xdotool and openbox
(scripts/system-packages)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

needs_x = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="needs Xvfb and xdotool for a real window "
    "(make test installs them as root; else: scripts/system-packages test)",
)


def free_display() -> int:
    for number in range(91, 400):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number")


def until(check, seconds: float, what: str):
    """Polls an outside process's state; fails with what was awaited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {seconds:g}s waiting for {what}")


def x_server() -> Iterator[str]:
    number = free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), 10, "Xvfb to start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
