"""Advisory file locks: held while a process lives, let go by the system when it dies."""

from __future__ import annotations

import contextlib
import importlib
import os
import stat
from pathlib import Path
from types import ModuleType
from typing import IO

from .files import ReadRefused, kind_of
from .i18n import _

# Which lock the system has is found by trying, not by its name: flock where there is
# fcntl (Linux, macOS, the BSDs), else msvcrt's byte-range lock (Windows).
fcntl: ModuleType | None
try:
    fcntl = importlib.import_module("fcntl")
except ImportError:
    fcntl = None


def _lock(handle: IO[bytes]) -> None:
    """Take an exclusive lock on an open file without waiting; OSError if it is held."""
    if fcntl is not None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    msvcrt = importlib.import_module("msvcrt")
    handle.seek(0)
    msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)


class FileLock:
    """An exclusive advisory lock on a file, released by the system if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] | None = None

    def acquire(self, create: bool = True) -> bool:
        """Take the lock; False if another process holds it (or, without create,
        if there is no lock file at all)."""
        for _attempt in range(3):
            handle = self._open(create)
            if handle is None:
                return False
            try:
                _lock(handle)
            except OSError:
                handle.close()
                return False
            if self._still_named(handle):
                self._file = handle
                return True
            # Its holder let it go and removed it between our open and our lock:
            # the lock is now the file at the path (maybe another's), not this one.
            handle.close()
        return False

    def _open(self, create: bool) -> IO[bytes] | None:
        # A pipe, a device or a folder in the lock's place is refused (an OSError),
        # never waited on: the file is opened without blocking and checked as opened.
        flags = os.O_RDWR | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                flags |= os.O_CREAT
            descriptor = os.open(self.path, flags, 0o600)
        except FileNotFoundError:
            return None
        except IsADirectoryError as exc:
            said = _("it is a folder, not a lock file")
            raise ReadRefused(self.path, said) from exc
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            os.close(descriptor)
            said = _("it is {kind}, not a lock file").format(kind=kind_of(mode))
            raise ReadRefused(self.path, said)
        return os.fdopen(descriptor, "r+b")

    def _still_named(self, handle: IO[bytes]) -> bool:
        """Whether the locked file is still the one at the path."""
        try:
            named = os.stat(self.path)
        except OSError:
            return False
        held = os.fstat(handle.fileno())
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def release(self, remove: bool = True) -> None:
        if self._file is None:
            return
        if remove:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._file.close()
        self._file = None
