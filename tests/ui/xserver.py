"""A private X server (Xvfb) for the tests that need a real display, and a way to
wait for an outside process. `make test` installs Xvfb, xdotool and openbox
(scripts/system-packages)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

_x_tools = pytest.mark.skipif(
    shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="needs Xvfb and xdotool for a real window "
    "(make test installs them as root; else: scripts/system-packages test)",
)


def needs_x(test):
    """For a test that waits on a real X server: marked `integration` (left out by
    pytest -m "not integration"), and skipped with a reason where Xvfb is missing."""
    return pytest.mark.integration(_x_tools(test))


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
    """A private Xvfb. It picks a free display itself and says which once it is ready
    (-displayfd), so two test runs at once never share or race for a number."""
    import os
    import select

    reading, writing = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writing), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(writing,),
    )
    os.close(writing)
    try:
        said = b""
        deadline = time.monotonic() + 10
        while not said.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([reading], [], [], left)[0]:
                pytest.fail("timed out after 10s waiting for Xvfb to start")
            chunk = os.read(reading, 16)
            if not chunk:
                pytest.fail("Xvfb ended before it was ready")
            said += chunk
        yield f":{int(said)}"
    finally:
        os.close(reading)
        server.terminate()
        server.wait(timeout=10)
