"""Writing a file so that a crash or a full disk mid-write leaves the old one whole."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def atomic_text(path: Path, mode: int | None = None, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Write through the stream yielded; path is replaced only when the block ends well.

    The text goes to a temporary file beside path, is flushed to disk, then
    renamed over path. mode sets the new file's permissions (default: the
    usual ones for a new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        with os.fdopen(handle, "w", encoding=encoding, newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
