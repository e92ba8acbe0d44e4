"""What the desktop can tell: how long since the last key or mouse movement, and
whether a full-screen window is in front. Each answer is None where the platform
cannot give it; the features that need it are then off, and the settings say so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Probe:
    """One way of asking; `how` names it, or says why there is none."""

    how: str
    ask: Callable[[], Any] | None  # idle: seconds or None; full screen: True/False/None

    @property
    def available(self) -> bool:
        return self.ask is not None


# -- X11 -------------------------------------------------------------------------


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


class _X11:
    """libX11 and libXss through ctypes, on a display connection of our own."""

    def __init__(self) -> None:
        x11 = ctypes.util.find_library("X11")
        xss = ctypes.util.find_library("Xss")
        if not x11:
            raise OSError("libX11 is not installed")
        self.x = ctypes.cdll.LoadLibrary(x11)
        self.xss = ctypes.cdll.LoadLibrary(xss) if xss else None
        self.x.XOpenDisplay.restype = ctypes.c_void_p
        self.x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x.XInternAtom.restype = ctypes.c_ulong
        self.x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self.x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_ulong,
            ctypes.c_long,
            ctypes.c_long,
            ctypes.c_int,
            ctypes.c_ulong,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_void_p),
        ]
        self.x.XFree.argtypes = [ctypes.c_void_p]
        self.display = self.x.XOpenDisplay(None)
        if not self.display:
            raise OSError("cannot open the X display")
        self.root = self.x.XDefaultRootWindow(self.display)
        if self.xss is not None:
            self.xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
            self.xss.XScreenSaverQueryInfo.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.POINTER(_XScreenSaverInfo),
            ]
            self.info = self.xss.XScreenSaverAllocInfo()

    def idle_seconds(self) -> float | None:
        if self.xss is None or not self.xss.XScreenSaverQueryInfo(
            self.display, self.root, self.info
        ):
            return None
        return float(self.info.contents.idle) / 1000.0

    def _atoms(self, window: int, name: bytes) -> list[int]:
        atom = self.x.XInternAtom(self.display, name, 0)
        kind, form = ctypes.c_ulong(), ctypes.c_int()
        count, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self.x.XGetWindowProperty(
            self.display,
            window,
            atom,
            0,
            64,
            0,
            0,  # AnyPropertyType
            ctypes.byref(kind),
            ctypes.byref(form),
            ctypes.byref(count),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return []
        try:
            if form.value != 32:
                return []
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [values[i] for i in range(count.value)]
        finally:
            self.x.XFree(data)

    def full_screen(self) -> bool | None:
        active = self._atoms(self.root, b"_NET_ACTIVE_WINDOW")
        if not active:
            return None  # no window manager that says which window is in front
        if not active[0]:
            return False
        fullscreen = self.x.XInternAtom(self.display, b"_NET_WM_STATE_FULLSCREEN", 0)
        return fullscreen in self._atoms(active[0], b"_NET_WM_STATE")


# -- D-Bus (Wayland desktops) ------------------------------------------------------


def _dbus_idle(service: str, path: str, interface: str, method: str, scale: float) -> Probe:
    try:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface
    except ImportError:
        return Probe("no D-Bus", None)
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        return Probe("no D-Bus session", None)
    remote = QDBusInterface(service, path, interface, bus)
    if not remote.isValid():
        return Probe(f"{service} is not there", None)

    def ask() -> float | None:
        reply = remote.call(method)
        arguments = reply.arguments()
        if not arguments:
            return None
        value: float = float(arguments[0]) * scale
        return value

    return Probe(service, ask)


# -- Windows and macOS -------------------------------------------------------------


def _windows_idle() -> Probe:
    class LastInput(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

    user32 = ctypes.windll.user32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]

    def ask() -> float | None:
        info = LastInput(ctypes.sizeof(LastInput), 0)
        if not user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        elapsed: float = ((kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF) / 1000.0
        return elapsed

    return Probe("GetLastInputInfo", ask)


def _windows_full_screen() -> Probe:
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    busy = {2, 3, 4}  # QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE

    def ask() -> bool | None:
        state = ctypes.c_int()
        if shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
            return None
        return state.value in busy

    return Probe("SHQueryUserNotificationState", ask)


def _mac_idle() -> Probe:
    path = "/System/Library/Frameworks/ApplicationServices.framework/ApplicationServices"
    services = ctypes.cdll.LoadLibrary(path)
    since = services.CGEventSourceSecondsSinceLastEventType
    since.restype = ctypes.c_double
    since.argtypes = [ctypes.c_int, ctypes.c_uint32]

    def ask() -> float | None:
        return float(since(0, 0xFFFFFFFF))  # combined session state, any input

    return Probe("CoreGraphics", ask)


# -- choosing ----------------------------------------------------------------------


_X: _X11 | None = None


def _x11() -> _X11:
    global _X
    if _X is None:
        _X = _X11()
    return _X


def idle_probe(platform_name: str) -> Probe:
    """How to learn idle time here; platform_name is Qt's (xcb, wayland, windows, ...)."""
    try:
        if sys.platform == "win32":
            return _windows_idle()
        if sys.platform == "darwin":
            return _mac_idle()
        if platform_name == "xcb":
            x = _x11()
            if x.idle_seconds() is None:
                return Probe("the X server has no screen-saver extension", None)
            return Probe("X11 screen-saver extension", x.idle_seconds)
        if platform_name.startswith("wayland") or os.environ.get("WAYLAND_DISPLAY"):
            for candidate in (
                _dbus_idle(
                    "org.gnome.Mutter.IdleMonitor",
                    "/org/gnome/Mutter/IdleMonitor/Core",
                    "org.gnome.Mutter.IdleMonitor",
                    "GetIdletime",
                    0.001,
                ),
                _dbus_idle(
                    "org.freedesktop.ScreenSaver",
                    "/ScreenSaver",
                    "org.freedesktop.ScreenSaver",
                    "GetSessionIdleTime",
                    1.0,
                ),
            ):
                if candidate.available:
                    return candidate
            return Probe("this Wayland desktop does not say how long it has been idle", None)
    except (OSError, AttributeError) as exc:
        return Probe(f"idle time cannot be read here ({exc})", None)
    return Probe(f"idle time cannot be read on {platform_name or sys.platform}", None)


def full_screen_probe(platform_name: str) -> Probe:
    """How to learn whether a full-screen window (a talk, a call, a game) is in front."""
    try:
        if sys.platform == "win32":
            return _windows_full_screen()
        if platform_name == "xcb":
            return Probe("X11 window manager hints", _x11().full_screen)
    except (OSError, AttributeError) as exc:
        return Probe(f"cannot tell here ({exc})", None)
    return Probe(f"cannot tell on {platform_name or sys.platform}", None)
