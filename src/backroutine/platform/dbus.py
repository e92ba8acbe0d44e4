"""Freedesktop services over D-Bus, for Wayland desktops (GNOME, KDE, ...) and
logind: idle time asked of the desktop, the screen saver coming off as a sign of
someone coming back, and the computer going to sleep and waking."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, Slot

from ..core.i18n import _
from .base import Probe
from .watches import AwayWatch, WakeWatch


class ScreenSaverAwayWatch(AwayWatch):
    """Wayland desktops: the screen saver or lock coming off (its ActiveChanged
    signal on D-Bus). How long they were away is from when they went idle (asked of
    the desktop as the saver comes on) to when it goes off again."""

    CANDIDATES = (
        ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
        ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    )

    def __init__(
        self,
        idle: Callable[[], float | None] | None = None,
        parent: QObject | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        from PySide6.QtDBus import QDBusConnection

        super().__init__("", parent)
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            raise OSError(_("no D-Bus session"))
        names = bus.interface()
        for service, path, interface in self.CANDIDATES:
            if names is None or not names.isServiceRegistered(service).value():
                continue
            # Spelt as Qt's SLOT() macro spells it.
            if bus.connect(
                service,
                path,
                interface,
                "ActiveChanged",
                self,
                "1_active(bool)",  # type: ignore[call-overload]
            ):
                break
        else:
            raise OSError(_("no screen saver on D-Bus to say when someone comes back"))
        # Translators: how the app learns that someone is back at the computer.
        self.how = _("the screen saver coming off ({service})").format(service=service)
        self.idle = idle
        if clock is None:
            from . import services

            clock = services().session_clock
        self.clock = clock
        self.away_since: float | None = None

    def watch(self, seconds: float) -> None:
        self.seconds = seconds

    @Slot(bool)
    def _active(self, active: bool) -> None:
        now = self.clock()
        if active:
            idle = self.idle() if self.idle is not None else None
            self.away_since = now - (idle or 0.0)
        elif self.away_since is not None:
            away, self.away_since = now - self.away_since, None
            if away >= self.seconds:
                self.returned.emit(away)

    def close(self) -> None:
        self.away_since = None


def dbus_idle(service: str, path: str, interface: str, method: str, scale: float) -> Probe:
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return Probe(_("no D-Bus"), None)
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return Probe(_("no D-Bus session"), None)
    remote = QDBusInterface(service, path, interface, bus)
    if not remote.isValid():
        return Probe(_("{service} is not there").format(service=service), None)

    def ask() -> float | None:
        reply = remote.call(method)
        arguments = reply.arguments()
        if not arguments:
            return None
        value: float = float(arguments[0]) * scale
        return value

    return Probe(service, ask)


def desktop_idle() -> Probe:
    """Idle time as GNOME (Mutter) or KDE (the freedesktop screen saver) tells it."""
    for candidate in (
        dbus_idle(
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            "GetIdletime",
            0.001,
        ),
        dbus_idle(
            "org.freedesktop.ScreenSaver",
            "/ScreenSaver",
            "org.freedesktop.ScreenSaver",
            "GetSessionIdleTime",
            1.0,
        ),
    ):
        if candidate.available:
            return candidate
    return Probe(_("this Wayland desktop does not say how long it has been idle"), None)


class LogindWakeWatch(WakeWatch):
    """logind's PrepareForSleep on the system bus: True as the computer goes to
    sleep, False as it wakes."""

    def __init__(self, parent: QObject | None = None) -> None:
        from PySide6.QtDBus import QDBusConnection

        super().__init__("logind (PrepareForSleep)", parent)
        bus = QDBusConnection.systemBus()
        if not bus.isConnected():
            raise OSError(_("no D-Bus system bus"))
        connected = False
        # Spelt as Qt's SLOT() macro spells it; a binding that wants otherwise is let be.
        with contextlib.suppress(TypeError, ValueError):
            connected = bus.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                "1_prepare(bool)",  # type: ignore[call-overload]
            )
        if not connected:
            raise OSError(_("logind does not say when the computer sleeps"))

    @Slot(bool)
    def _prepare(self, going_to_sleep: bool) -> None:
        self.sleeping.emit(going_to_sleep)
