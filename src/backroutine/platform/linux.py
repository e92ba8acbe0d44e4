"""Linux desktops: X11 (libX11, XSync) and Wayland ones (GNOME, KDE over D-Bus),
logind for sleep and wake, the XDG autostart folder and trash, and a session clock
that counts time asleep (CLOCK_BOOTTIME)."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.i18n import N_, _
from . import base
from .base import Autostart, Probe, SoundPlayers, Trashed

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from .watches import AwayWatch, WakeWatch


def wayland(qt_platform: str) -> bool:
    """A Wayland session, also when Qt talks X11 to its XWayland server."""
    return (
        qt_platform.startswith("wayland")
        or bool(os.environ.get("WAYLAND_DISPLAY"))
        or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    )


class XdgAutostart(base.FileAutostart):
    """A desktop entry in the XDG autostart folder (~/.config/autostart)."""

    @property
    def path(self) -> Path:
        import platformdirs

        from ..core.autostart import DESKTOP_NAME

        return Path(platformdirs.user_config_dir()) / "autostart" / DESKTOP_NAME

    def text(self, command: list[str]) -> str:
        from ..core.autostart import desktop_entry

        return desktop_entry(command, autostart=True)


class Services(base.Services):
    """X11 and Wayland desktops on Linux."""

    name = "linux"
    x11_libraries = True
    # Translators: said after "no speech engine found"; keep the package names.
    speech_install = N_("; install speech-dispatcher and espeak-ng")
    sound = SoundPlayers(
        # The programs playsound3 drives, in the order playsound3 itself prefers them. The
        # alsa backend only needs aplay for .wav (playsound3's own check also wants mpg123,
        # which we never use).
        programs=(("gstreamer", "gst-play-1.0"), ("ffplay", "ffplay"), ("alsa", "aplay")),
        # Translators: keep the names of the programs and packages as they are.
        install=N_("install GStreamer (gstreamer1.0-plugins-base-apps), FFmpeg or alsa-utils"),
    )

    # time.monotonic() (CLOCK_MONOTONIC) stops during suspend; CLOCK_BOOTTIME does not.
    if hasattr(time, "CLOCK_BOOTTIME"):

        def session_clock(self) -> float:
            return time.clock_gettime(time.CLOCK_BOOTTIME)

    def _x11_here(self) -> bool:
        return self.qt_platform == "xcb" and not wayland(self.qt_platform)

    @cached_property
    def idle(self) -> Probe:
        try:
            if self._x11_here():
                from .x11 import x11

                x = x11()
                if x.idle_seconds() is None:
                    return Probe(_("the X server has no screen-saver extension"), None)
                # Translators: how idle time is learned: the X server's extension.
                return Probe(_("X11 screen-saver extension"), x.idle_seconds)
            if wayland(self.qt_platform):
                # Under XWayland the X server sees only X windows' input: ask the desktop.
                from .dbus import desktop_idle

                return desktop_idle()
        except (OSError, AttributeError, ImportError) as exc:
            return Probe(_("idle time cannot be read here ({reason})").format(reason=exc), None)
        return super().idle

    @cached_property
    def full_screen(self) -> Probe:
        try:
            if self._x11_here():
                from .x11 import x11

                # Translators: how a full-screen window is noticed: the X11 window
                # manager's hints.
                return Probe(_("X11 window manager hints"), x11().full_screen)
        except (OSError, AttributeError, ImportError) as exc:
            return Probe(_("cannot tell here ({reason})").format(reason=exc), None)
        return super().full_screen

    def away_watch(self, idle: Probe) -> AwayWatch | str:
        def screen_saver() -> AwayWatch:
            from .dbus import ScreenSaverAwayWatch

            return ScreenSaverAwayWatch(idle.ask, clock=self.session_clock)

        def x_server() -> AwayWatch:
            from .x11 import XSyncAwayWatch

            return XSyncAwayWatch()

        makers: list[Callable[[], AwayWatch]] = [screen_saver]
        if self._x11_here():
            makers.insert(0, x_server)
        reasons = []
        for make in makers:
            try:
                return make()
            except (OSError, ImportError, AttributeError) as exc:
                reasons.append(str(exc))
        return "; ".join(reasons) or _("not on {platform}").format(platform=self.qt_platform)

    def wake_watch(self, parent: QObject | None = None) -> WakeWatch | None:
        try:
            from .dbus import LogindWakeWatch

            return LogindWakeWatch(parent)
        except (OSError, ImportError):
            return None

    @cached_property
    def autostart(self) -> Autostart:
        return XdgAutostart()

    def trash(self, path: Path) -> Trashed:
        from PySide6.QtCore import QStandardPaths

        # Qt puts the trash in the data folder (~/.local/share) but will not make that
        # folder itself; a new account may not have it yet.
        data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        with contextlib.suppress(OSError):
            Path(data).mkdir(mode=0o700, parents=True, exist_ok=True)
        return super().trash(path)
