"""The services every platform offers, with the answers of a system that can do none
of it: each platform's module subclasses Services and overrides what it can do.

Nothing here imports Qt at import time: the app asks some of these questions (a
window's preflight, the single-instance address) before Qt has started.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from ..core.i18n import N_, _

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from .watches import AwayWatch, WakeWatch


class Probe(NamedTuple):
    """One way of asking; `how` names it, or says why there is none."""

    how: str
    ask: Callable[[], Any] | None  # idle: seconds or None; full screen: True/False/None

    @property
    def available(self) -> bool:
        return self.ask is not None


def asked(make: Callable[[], Probe], unavailable: str) -> Probe:
    """A probe that needs a system library, or why it cannot be had ("idle time cannot be
    read here (the reason)")."""
    try:
        return make()
    except (OSError, AttributeError) as exc:
        # Translators: why a way of asking the system is missing, then the system's reason.
        return Probe(
            _("{unavailable} ({reason})").format(unavailable=unavailable, reason=exc), None
        )


class Trashed(NamedTuple):
    """What became of a file sent to the trash: moved, or left where it was (and why)."""

    moved: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.moved


class SoundPlayers(NamedTuple):
    """How sound cues can be played here: a player built into the system, or the
    programs to look for (playsound3 backend, program), and what to install if none."""

    builtin: str | None = None
    programs: tuple[tuple[str, str], ...] = ()
    # What to install when none is found: marked only (made at import time), and
    # translated when read as install_hint.
    install: str = N_("no audio player is known on this system")

    @property
    def install_hint(self) -> str:
        return _(self.install)


class Autostart(Protocol):
    """The per-user entry that starts the app on login."""

    def is_enabled(self) -> bool: ...

    def set_enabled(self, on: bool, command: list[str] | None = None) -> None:
        """Write or remove the entry. Raises OSError if that cannot be done."""


class FileAutostart:
    """An entry that is a file of its own: there while on, removed when off."""

    @property
    def path(self) -> Path:
        raise NotImplementedError

    def text(self, command: list[str]) -> str:
        raise NotImplementedError

    def is_enabled(self) -> bool:
        return self.path.is_file()  # a folder or a pipe in its place starts nothing

    def set_enabled(self, on: bool, command: list[str] | None = None) -> None:
        from ..core.autostart import launch_command
        from ..core.files import atomic_text
        from ..core.names import readable

        path = self.path
        if not on:
            if path.exists() or path.is_symlink():
                path.unlink()  # a folder in its place is not removed: an OSError says so
            return
        folder = path.parent
        if folder.exists() and not folder.is_dir():  # a pipe, a file, a link to one
            said = _(
                "{path} is not a folder, so the start-on-login entry cannot be written in "
                "it; move it away and try again"
            )
            raise OSError(said.format(path=readable(folder)))
        with atomic_text(path) as out:
            out.write(self.text(command or launch_command()))


class NoAutostart:
    def is_enabled(self) -> bool:
        return False

    def set_enabled(self, on: bool, command: list[str] | None = None) -> None:
        if on:
            raise OSError(_("this system has no start-on-login entry the app knows how to write"))


class Services:
    """A system that can tell nothing: idle time, full screen and coming back are
    unknown, there is no trash or start-on-login entry, and the session clock is the
    plain monotonic one. Each platform's module overrides what it can do."""

    name = "this system"
    # Whether Qt's xcb plugin needs system libraries that may be missing (preflight).
    x11_libraries = False
    # Whether the single-instance server is a named pipe rather than a socket file.
    named_pipes = False
    # What to install for speech, said after "no speech engine found": marked only (a
    # class attribute is made at import time), translated when read as speech_hint.
    speech_install = ""
    sound = SoundPlayers()

    def __init__(self, qt_platform: str | None = None) -> None:
        self._qt_platform = qt_platform

    @property
    def speech_hint(self) -> str:
        return _(self.speech_install) if self.speech_install else ""

    @property
    def qt_platform(self) -> str:
        """Qt's name for the window system (xcb, wayland, windows, cocoa, offscreen): as
        given, or asked of the running application (the app builds its services before
        Qt's window system is up, for the command line and the lock)."""
        if self._qt_platform is not None:
            return self._qt_platform
        from PySide6.QtGui import QGuiApplication

        return QGuiApplication.platformName() if QGuiApplication.instance() else ""

    def session_clock(self) -> float:
        """Monotonic seconds that keep counting while the computer sleeps, where the
        system has such a clock (a session must see the gap, and pause)."""
        return time.monotonic()

    @cached_property
    def idle(self) -> Probe:
        """How to learn the seconds since the last key or mouse movement."""
        if self.qt_platform:
            said = _("idle time cannot be read on {platform}").format(platform=self.qt_platform)
        else:
            said = _("idle time cannot be read on this system")
        return Probe(said, None)

    @cached_property
    def full_screen(self) -> Probe:
        """How to learn whether a full-screen window (a talk, a call, a game) is in front."""
        if self.qt_platform:
            return Probe(_("cannot tell on {platform}").format(platform=self.qt_platform), None)
        return Probe(_("cannot tell on this system"), None)

    def away_watch(self, idle: Probe) -> AwayWatch | str:
        """The desktop's way of telling when someone comes back, or why there is none."""
        return _("this system only says how long it has been idle when asked")

    def wake_watch(self, parent: QObject | None = None) -> WakeWatch | None:
        """Something that says when the computer goes to sleep and wakes, or None."""
        return None

    @cached_property
    def autostart(self) -> Autostart:
        return NoAutostart()

    def trash(self, path: Path) -> Trashed:
        """Move a file to the system's trash, never deleting it outright."""
        from PySide6.QtCore import QFile

        if not os.path.lexists(path):  # removed by hand meanwhile: not the trash's fault
            return Trashed(False, _("it is not there any more"))
        answer = QFile.moveToTrash(str(path))
        moved = answer[0] if isinstance(answer, tuple) else answer
        if moved:
            return Trashed(True)
        return Trashed(False, _("this system may have no trash"))
