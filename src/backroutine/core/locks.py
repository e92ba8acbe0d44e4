"""Advisory file locks: held while a process lives, let go by the system when it dies."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO


class FileLock:
    """An exclusive advisory lock on a file, released by the system if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self, create: bool = True) -> bool:
        """Take the lock; False if another process holds it (or, without create,
        if there is no lock file at all)."""
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle = open(self.path, "a+b")  # noqa: SIM115 - held with the lock
            else:
                handle = open(self.path, "r+b")  # noqa: SIM115 - held with the lock
        except FileNotFoundError:
            return False
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._file = handle
        return True

    def release(self, remove: bool = True) -> None:
        if self._file is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._file.close()
        self._file = None
