"""Hostile things to put where the app expects a file."""

from __future__ import annotations

import os
from pathlib import Path

# What each kind is called in the app's messages.
SAID = {
    "pipe": "named pipe",
    "zero": "device",
    "urandom": "device",
    "folder": "folder",
    "huge": "MiB",
}


def make_special(path: Path, kind: str, head: bytes = b"") -> Path:
    """Put at path: a named pipe that nobody ever writes to ("pipe": an ordinary open
    would wait forever), a link to /dev/zero or /dev/urandom (an ordinary read fills
    the memory), a folder, or a 3 GiB sparse file starting with head ("huge")."""
    if kind == "pipe":
        os.mkfifo(path)
    elif kind in ("zero", "urandom"):
        path.symlink_to(f"/dev/{kind}")
    elif kind == "folder":
        path.mkdir()
    elif kind == "huge":
        with path.open("wb") as out:
            out.write(head)
            out.truncate(3 * 2**30)  # sparse: no disk used
    else:
        raise ValueError(kind)
    return path
