"""The history file on disk: what is not a file is refused, a damaged one is set aside
(never deleted) and what can still be read of it is copied into a new one."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
from datetime import datetime
from pathlib import Path

from .files import kind_of
from .history_records import HistoryError, Notice, NoticeKind
from .history_schema import connect
from .i18n import N_, _
from .phrases import not_recorded_until
from .salvage import Salvaged, salvage

# What SQLite says of the usual troubles, by its error's name (Python 3.11 on) or,
# before that, by the start of its English message; each said in words for a person.
_SQLITE_TROUBLES = (
    # Translators: why the history could not be written.
    ("SQLITE_FULL", "database or disk is full", N_("the disk is full")),
    # Translators: why the history could not be read or written.
    ("SQLITE_BUSY", "database is locked", N_("another program is using the file")),
    ("SQLITE_LOCKED", "database table is locked", N_("another program is using the file")),
    # Translators: why the history could not be written.
    ("SQLITE_READONLY", "attempt to write a readonly", N_("the file cannot be written")),
    # Translators: why the history could not be read or written.
    ("SQLITE_IOERR", "disk I/O error", N_("the disk could not be read or written")),
    # Translators: why the history could not be read or written.
    ("SQLITE_CANTOPEN", "unable to open database file", N_("the file cannot be opened")),
    # Translators: why the history could not be read or written.
    ("SQLITE_PERM", "access permission denied", N_("permission was refused")),
)
_OS_TROUBLES = {
    errno.ENOSPC: N_("the disk is full"),
    # Translators: why the history could not be written.
    errno.EROFS: N_("the disk is read-only"),
    errno.EACCES: N_("permission was refused"),
    errno.EPERM: N_("permission was refused"),
}


def trouble(exc: BaseException) -> str:
    """Why the history could not be read or written, for a person: the usual causes
    (a full disk, a locked or read-only file) in the person's language, anything
    else as the system put it."""
    if isinstance(exc, OSError) and exc.errno in _OS_TROUBLES:
        return _(_OS_TROUBLES[exc.errno])
    if isinstance(exc, sqlite3.Error):
        name = str(getattr(exc, "sqlite_errorname", "") or "")
        said = str(exc)
        for code, english, words in _SQLITE_TROUBLES:
            if name.startswith(code) or (not name and said.startswith(english)):
                return _(words)
    return str(exc)


def cannot_keep(path: Path, exc: Exception) -> str:
    # Translators: {reason} says why, such as "the disk is full".
    said = _("Your history cannot be kept in {path}: {reason}.").format(
        path=path, reason=trouble(exc)
    )
    # Translators: completes "Sessions still run, but they are not recorded until ...".
    return said + " " + not_recorded_until(_("this is fixed"))


def refuse_what_is_not_a_file(path: Path) -> None:
    """A folder, a pipe, a device or a dangling link where the history file should be
    is never opened (a pipe would hang, a device would never end) nor moved."""
    try:
        mode = path.stat().st_mode  # through a link: what would be read
    except FileNotFoundError:
        if path.is_symlink():
            said = _("Your history {path} is a link to {target}, which is not there.").format(
                path=path, target=os.readlink(path)
            )
            # Translators: completes "Sessions still run, but they are not recorded until ...".
            until = _("the link is removed or points to your history file")
            raise HistoryError(said + " " + not_recorded_until(until)) from None
        return
    except OSError as exc:
        raise HistoryError(cannot_keep(path, exc)) from exc
    if stat.S_ISREG(mode):
        return
    if path.is_symlink():
        # Translators: {kind} is what the file is, such as "a folder" or "a device".
        said = _(
            "Your history {path} is {kind} (through the link to {target}), not a history "
            "file, so it is left as it is."
        ).format(path=path, kind=kind_of(mode), target=os.readlink(path))
    else:
        # Translators: {kind} is what the file is, such as "a folder" or "a device".
        said = _(
            "Your history {path} is {kind}, not a history file, so it is left as it is."
        ).format(path=path, kind=kind_of(mode))
    # Translators: completes "Sessions still run, but they are not recorded until ...".
    raise HistoryError(said + " " + not_recorded_until(_("it is moved away")))


def salvage_into(path: Path, damaged: Path) -> Salvaged:
    """A new history at path holding what can be read from the damaged file."""
    connect(path).close()  # created and brought to the current format
    sides = [damaged.with_name(damaged.name + suffix) for suffix in ("-wal", "-shm")]
    ours = [side for side in sides if not side.exists()]
    connection = sqlite3.connect(
        path.resolve().as_uri(), uri=True, isolation_level=None, check_same_thread=False
    )
    try:
        return salvage(damaged, connection)
    finally:
        connection.close()
        # SQLite's empty -wal and -shm made for reading it: not the person's, not kept.
        for side in ours:
            with contextlib.suppress(OSError):
                if side.name.endswith("-shm") or side.stat().st_size == 0:
                    side.unlink()


def salvage_notice(damage: Exception, found: Salvaged, moved: Path) -> Notice:
    if not found.sessions:
        # Translators: {damage} is what was wrong with the file, {found} a sentence
        # of how many sessions could be read, {moved} where the old file is now.
        text = _(
            "Your history file could not be read ({damage}), so a new one was started: "
            "{found}. The old file was kept as {moved}."
        )
    else:
        # Translators: {damage} is what was wrong with the file, {found} a sentence
        # of how many sessions could be read, {moved} where the damaged file is now.
        text = _(
            "Your history file was damaged ({damage}), so a new one was started with "
            "what could still be read: {found}. The damaged file was kept as {moved}."
        )
    said = text.format(damage=trouble(damage), found=found.summary(), moved=moved)
    return Notice(NoticeKind.SET_ASIDE, said)


def move_aside(path: Path, moment: datetime) -> Path:
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target
