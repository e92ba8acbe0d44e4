"""Advisory file locks: held while a process lives, let go by the system when it dies."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path
from typing import IO

from .files import ReadRefused, kind_of


class FileLock:
    """An exclusive advisory lock on a file, released by the system if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self, create: bool = True) -> bool:
        """Take the lock; False if another process holds it (or, without create,
        if there is no lock file at all)."""
        # A pipe, a device or a folder in the lock's place is refused (an OSError),
        # never waited on: the file is opened without blocking and checked as opened.
        flags = os.O_RDWR | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                flags |= os.O_CREAT
            descriptor = os.open(self.path, flags, 0o600)
        except FileNotFoundError:
            return False
        except IsADirectoryError as exc:
            raise ReadRefused(self.path, "it is a folder, not a lock file") from exc
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            os.close(descriptor)
            raise ReadRefused(self.path, f"it is {kind_of(mode)}, not a lock file")
        handle = os.fdopen(descriptor, "r+b")
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
