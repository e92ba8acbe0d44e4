"""Reading and writing files safely.

Reading: a path may be a folder, a pipe (FIFO), a device such as /dev/zero, a
link to any of these, or a file far larger than it should be. Every file the
app reads is opened through open_regular or read_bounded, which refuse all of
those with a clear reason, in bounded time and memory: the file is opened
without waiting (O_NONBLOCK), so a pipe swapped in after a look cannot hang
the open, and the opened file itself is checked before a byte is read.

Writing: a crash or a full disk mid-write leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from .i18n import _, format_number, ngettext

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a pipe with no writer: open returns at once
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 64 * 1024


class ReadRefused(OSError):
    """A file that is not read: not a regular file, or larger than allowed.

    An OSError, so code that already handles unreadable files handles these;
    str() and strerror give the reason, e.g. "it is a folder, not a file"."""

    def __init__(self, path: Path, reason: str, *, too_large: bool = False) -> None:
        super().__init__(reason)
        self.strerror = reason
        self.path = path
        self.reason = reason
        self.too_large = too_large

    def __str__(self) -> str:
        return self.reason


def kind_of(mode: int) -> str:
    """What a file of this mode is, in words, for messages ("it is {kind}, not a
    file")."""
    if stat.S_ISDIR(mode):
        # Translators: a kind of file, in "it is {kind}, not a file".
        return _("a folder")
    if stat.S_ISFIFO(mode):
        # Translators: a kind of file, in "it is {kind}, not a file".
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        # Translators: a kind of file, in "it is {kind}, not a file".
        return _("a device")
    if stat.S_ISSOCK(mode):
        # Translators: a kind of file, in "it is {kind}, not a file".
        return _("a socket")
    # Translators: kinds of file, in "it is {kind}, not a file".
    return _("a special file") if not stat.S_ISREG(mode) else _("a file")


def size_text(size: int) -> str:
    """A file's size as the person's locale writes numbers: "2,048 bytes", "4.0 MiB"."""
    if size < 1024 * 1024:
        return ngettext("{size} byte", "{size} bytes", size).format(size=format_number(size, 0))
    # Translators: MiB is the unit mebibyte (1,048,576 bytes).
    return _("{size} MiB").format(size=format_number(size / 2**20, 1))


def _check(path: Path, info: os.stat_result, limit: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        said = _("it is {kind}, not a file").format(kind=kind_of(info.st_mode))
        raise ReadRefused(path, said)
    if limit is not None and info.st_size > limit:
        raise ReadRefused(
            path,
            _("it is {size}; at most {limit} is read").format(
                size=size_text(info.st_size), limit=size_text(limit)
            ),
            too_large=True,
        )


def refuse_special(path: Path) -> None:
    """Raise ReadRefused if path (followed through links) exists and is not a
    regular file: a device, a pipe or a folder is never read, copied or replaced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    _check(path, info, None)


@contextlib.contextmanager
def open_regular(
    path: Path, limit: int | None = None, *, follow: bool = True
) -> Iterator[BinaryIO]:
    """path opened for reading in binary, if it is a regular file (of at most limit
    bytes, if given); else ReadRefused. Never waits on a pipe, never opens a
    device that a first look found. follow=False: a link at path is refused too
    (for a path already resolved and checked, that something may have replaced)."""
    info = os.stat(path) if follow else os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        said = _("it is a link put where a file was; it is not followed")
        raise ReadRefused(path, said)
    _check(path, info, limit)  # a device is not even opened (opening may act)
    flags = _READ_FLAGS if follow else _READ_FLAGS | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    try:
        _check(path, os.fstat(handle), limit)  # what was opened, whatever was looked at
    except BaseException:
        os.close(handle)
        raise
    with os.fdopen(handle, "rb") as data:
        yield data


def read_bounded(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at path, of at most limit bytes; else
    ReadRefused (or the OSError of a file that cannot be read). follow: as for
    open_regular."""
    with open_regular(path, limit, follow=follow) as handle:
        data = handle.read(limit + 1)  # the file may have grown since it was looked at
    if len(data) > limit:
        raise ReadRefused(
            path,
            _("it is over {limit}; at most that is read").format(limit=size_text(limit)),
            too_large=True,
        )
    return data


def read_text_bounded(path: Path, limit: int) -> str:
    """As Path.read_text(encoding="utf-8") (newlines made "\\n"), read through
    read_bounded; a UnicodeDecodeError if the file is not UTF-8."""
    data = read_bounded(path, limit)
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()


def copy_regular(source: Path, target: Path, *, exclusive: bool = False) -> None:
    """Copy the regular file at source to target (ReadRefused if source is a pipe,
    a device or a folder: never an endless copy). With exclusive, FileExistsError
    if anything, even a dangling link, is at target."""
    with open_regular(source) as data, open(target, "xb" if exclusive else "wb") as out:
        shutil.copyfileobj(data, out)


def private_folder(path: Path) -> Path | None:
    """path as a folder only this user can enter: made (0700) if missing, closed
    to others if it is ours. None if it is a link, not a folder, or someone
    else's: a folder prepared by another user is never used."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        path.mkdir(mode=0o700)
    if not hasattr(os, "getuid"):  # a system without owners or modes (Windows) to check
        return path if path.is_dir() and not path.is_symlink() else None
    try:
        # Checked and closed through the folder opened, never through a link.
        handle = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return None  # a link (ELOOP) or not a folder
    try:
        info = os.fstat(handle)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            return None
        if info.st_mode & 0o077:
            os.fchmod(handle, 0o700)
    finally:
        os.close(handle)
    return path


def open_for_writing(path: Path, encoding: str = "utf-8", empty: bool = True) -> TextIO:
    """path opened to write text to (made, or emptied), as open(path, "w") does,
    except that a named pipe no program is reading is an OSError at once, not a
    wait for a reader that may never come. A pipe being read, a device or a
    file is written as usual. With empty False a file keeps what it holds until
    the caller knows it will write (and truncates it then)."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    emptied = os.O_TRUNC if empty else 0
    flags = os.O_WRONLY | os.O_CREAT | emptied | nonblocking | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a pipe with no reader
            said = _("it is a named pipe that no program is reading")
            raise OSError(exc.errno, said) from exc
        raise
    if nonblocking:  # from here on, writes wait for a slow reader as usual
        import fcntl

        fcntl.fcntl(handle, fcntl.F_SETFL, fcntl.fcntl(handle, fcntl.F_GETFL) & ~nonblocking)
    return os.fdopen(handle, "w", encoding=encoding)


def write_new(path: Path, data: bytes) -> None:
    """Write data to a file that must not exist yet (FileExistsError if anything,
    even a dangling link, is at path): nothing is replaced or written through."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


@contextlib.contextmanager
def atomic_bytes(path: Path, mode: int | None = None) -> Iterator[BinaryIO]:
    """Write through the stream yielded; path is replaced only when the block ends well.

    The bytes go to a temporary file beside path, are flushed to disk, then
    renamed over path (whatever is there, even a link, is replaced, never written
    through). mode sets the new file's permissions (default: the usual ones for
    a new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent)
    try:
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@contextlib.contextmanager
def atomic_text(path: Path, mode: int | None = None, encoding: str = "utf-8") -> Iterator[TextIO]:
    """As atomic_bytes, for text (newlines written as given)."""
    with atomic_bytes(path, mode) as raw:
        out = io.TextIOWrapper(raw, encoding=encoding, newline="")
        try:
            yield out
            out.flush()
        finally:
            out.detach()
