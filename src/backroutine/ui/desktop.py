"""What the desktop can tell: how long since the last key or mouse movement, when
someone comes back to the keyboard after time away, and whether a full-screen
window is in front. Each answer is None where the platform cannot give it; the
features that need it are then off (or work only at reminder time), and the
settings say so.

Coming back is told by the desktop, not found by polling: an X server's idle
counter alarm (XSync IDLETIME, on a display connection of our own, read when its
socket has something) or GNOME's idle monitor over D-Bus.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal, Slot


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


_XErrorHandler = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _ignore_x_error(display: int, event: int) -> int:
    # Xlib's own handler ends the process. Errors here are expected and harmless:
    # a window asked about may have closed between two requests.
    return 0


_x_error = _XErrorHandler(_ignore_x_error)  # kept alive: Xlib holds only a pointer


_XLIB: Any = None


def _xlib() -> Any:
    """libX11, loaded once, with an error handler that does not end the app."""
    global _XLIB
    if _XLIB is None:
        found = ctypes.util.find_library("X11")
        if not found:
            raise OSError("libX11 is not installed")
        library = ctypes.cdll.LoadLibrary(found)
        library.XSetErrorHandler.restype = ctypes.c_void_p
        library.XSetErrorHandler.argtypes = [_XErrorHandler]
        library.XSetErrorHandler(_x_error)
        _XLIB = library
    return _XLIB


class _X11:
    """libX11 and libXss through ctypes, on a display connection of our own."""

    def __init__(self) -> None:
        xss = ctypes.util.find_library("Xss")
        self.x = _xlib()
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
            # A window manager that has not yet had a window to focus, or none at all
            # (or one that does not say which window is in front).
            return False if self._atoms(self.root, b"_NET_SUPPORTING_WM_CHECK") else None
        if not active[0]:
            return False
        fullscreen = self.x.XInternAtom(self.display, b"_NET_WM_STATE_FULLSCREEN", 0)
        return fullscreen in self._atoms(active[0], b"_NET_WM_STATE")


class _XSyncValue(ctypes.Structure):
    _fields_ = [("hi", ctypes.c_int), ("lo", ctypes.c_uint)]


class _XSyncSystemCounter(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("counter", ctypes.c_ulong), ("resolution", _XSyncValue)]


class _XSyncTrigger(ctypes.Structure):
    _fields_ = [
        ("counter", ctypes.c_ulong),
        ("value_type", ctypes.c_int),
        ("wait_value", _XSyncValue),
        ("test_type", ctypes.c_int),
    ]


class _XSyncAlarmAttributes(ctypes.Structure):
    _fields_ = [
        ("trigger", _XSyncTrigger),
        ("delta", _XSyncValue),
        ("events", ctypes.c_int),
        ("state", ctypes.c_int),
    ]


class _XSyncAlarmNotify(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("alarm", ctypes.c_ulong),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("alarm", _XSyncAlarmNotify), ("pad", ctypes.c_long * 24)]


_SYNC_NEGATIVE_TRANSITION = 1  # the counter falls from at least the value to below it
_SYNC_ALARM_NOTIFY = 1  # added to the extension's first event number
_SYNC_ALL_ATTRIBUTES = 0x3F  # counter, value type, value, test type, delta, events


class AwayWatch(QObject):
    """Says `returned` when someone comes back to keyboard or mouse after being away
    for at least `watch(seconds)`. Nothing runs in between: the desktop tells."""

    returned = Signal(float)  # at least this many seconds away

    def __init__(self, how: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.how = how
        self.seconds = 0.0

    def watch(self, seconds: float) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class XSyncAwayWatch(AwayWatch):
    """An alarm on the X server's IDLETIME counter that goes off as it falls back
    to zero from at least the break's length: input after that long away."""

    def __init__(self, display_name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__("the X server's idle counter", parent)
        xext = ctypes.util.find_library("Xext")
        if not xext:
            raise OSError("libXext is not installed")
        self.x = x = _xlib()
        self.xext = xext_lib = ctypes.cdll.LoadLibrary(xext)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        for name in ("XConnectionNumber", "XPending", "XFlush", "XCloseDisplay"):
            getattr(x, name).argtypes = [ctypes.c_void_p]
        x.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(_XEvent)]
        for name in ("XSyncQueryExtension", "XSyncInitialize"):
            getattr(xext_lib, name).argtypes = [
                ctypes.c_void_p,
                ctypes.POINTER(ctypes.c_int),
                ctypes.POINTER(ctypes.c_int),
            ]
        xext_lib.XSyncListSystemCounters.restype = ctypes.POINTER(_XSyncSystemCounter)
        xext_lib.XSyncListSystemCounters.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        xext_lib.XSyncFreeSystemCounterList.argtypes = [ctypes.POINTER(_XSyncSystemCounter)]
        attributes = ctypes.POINTER(_XSyncAlarmAttributes)
        xext_lib.XSyncCreateAlarm.restype = ctypes.c_ulong
        xext_lib.XSyncCreateAlarm.argtypes = [ctypes.c_void_p, ctypes.c_ulong, attributes]
        xext_lib.XSyncChangeAlarm.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_ulong,
            attributes,
        ]
        xext_lib.XSyncDestroyAlarm.argtypes = [ctypes.c_void_p, ctypes.c_ulong]

        self.display = x.XOpenDisplay(display_name.encode() if display_name else None)
        if not self.display:
            raise OSError("cannot open the X display")
        try:
            self.counter = self._idle_counter()
        except OSError:
            x.XCloseDisplay(self.display)
            raise
        self.alarm = 0
        self.notifier = QSocketNotifier(
            x.XConnectionNumber(self.display), QSocketNotifier.Type.Read, self
        )
        self.notifier.activated.connect(self._read)

    def _idle_counter(self) -> int:
        base, error = ctypes.c_int(), ctypes.c_int()
        if not self.xext.XSyncQueryExtension(self.display, ctypes.byref(base), ctypes.byref(error)):
            raise OSError("the X server has no sync extension")
        self.event_base = base.value
        if not self.xext.XSyncInitialize(self.display, ctypes.byref(base), ctypes.byref(error)):
            raise OSError("the X sync extension would not start")
        count = ctypes.c_int()
        counters = self.xext.XSyncListSystemCounters(self.display, ctypes.byref(count))
        if not counters:
            raise OSError("the X server lists no counters")
        try:
            for i in range(count.value):
                if counters[i].name == b"IDLETIME":
                    return int(counters[i].counter)
        finally:
            self.xext.XSyncFreeSystemCounterList(counters)
        raise OSError("the X server keeps no idle counter")

    def watch(self, seconds: float) -> None:
        self.seconds = seconds
        if not self.display:
            return
        milliseconds = max(1, int(seconds * 1000))
        attributes = _XSyncAlarmAttributes()
        attributes.trigger.counter = self.counter
        attributes.trigger.value_type = 0  # absolute
        attributes.trigger.wait_value = _XSyncValue(milliseconds >> 32, milliseconds & 0xFFFFFFFF)
        attributes.trigger.test_type = _SYNC_NEGATIVE_TRANSITION
        attributes.events = 1
        if self.alarm:
            self.xext.XSyncChangeAlarm(
                self.display, self.alarm, _SYNC_ALL_ATTRIBUTES, ctypes.byref(attributes)
            )
        else:
            self.alarm = self.xext.XSyncCreateAlarm(
                self.display, _SYNC_ALL_ATTRIBUTES, ctypes.byref(attributes)
            )
        self.x.XFlush(self.display)

    @Slot()
    def _read(self) -> None:
        came_back = False
        while self.display and self.x.XPending(self.display):
            event = _XEvent()
            self.x.XNextEvent(self.display, ctypes.byref(event))
            if (
                event.type == self.event_base + _SYNC_ALARM_NOTIFY
                and event.alarm.alarm == self.alarm
            ):
                came_back = True
        if came_back:
            self.returned.emit(self.seconds)

    def close(self) -> None:
        if not self.display:
            return
        self.notifier.setEnabled(False)
        if self.alarm:
            self.xext.XSyncDestroyAlarm(self.display, self.alarm)
        self.x.XCloseDisplay(self.display)
        self.display = None


class ScreenSaverAwayWatch(AwayWatch):
    """Wayland desktops: the screen saver or lock coming off (its ActiveChanged
    signal on D-Bus). How long they were away is from when they went idle (asked of
    the desktop as the saver comes on) to when it goes off again."""

    CANDIDATES = (
        ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
        ("org.freedesktop.ScreenSaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
    )

    def __init__(
        self, idle: Callable[[], float | None] | None = None, parent: QObject | None = None
    ) -> None:
        from PySide6.QtDBus import QDBusConnection

        from ..core.clocks import session_clock

        super().__init__("", parent)
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            raise OSError("no D-Bus session")
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
            raise OSError("no screen saver on D-Bus to say when someone comes back")
        self.how = f"the screen saver coming off ({service})"
        self.idle = idle
        self.clock = session_clock()
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


def away_watch(platform_name: str, idle: Probe) -> AwayWatch | str:
    """The desktop's way of telling when someone comes back, or why there is none."""
    if sys.platform in ("win32", "darwin"):
        return "this system only says how long it has been idle when asked"
    makers: list[Callable[[], AwayWatch]] = [lambda: ScreenSaverAwayWatch(idle.ask)]
    if platform_name == "xcb" and not _wayland(platform_name):
        makers.insert(0, XSyncAwayWatch)
    reasons = []
    for make in makers:
        try:
            return make()
        except (OSError, ImportError, AttributeError) as exc:
            reasons.append(str(exc))
    return "; ".join(reasons) or f"not on {platform_name}"


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


def _wayland(platform_name: str) -> bool:
    """A Wayland session, also when Qt talks X11 to its XWayland server."""
    return (
        platform_name.startswith("wayland")
        or bool(os.environ.get("WAYLAND_DISPLAY"))
        or os.environ.get("XDG_SESSION_TYPE") == "wayland"
    )


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
        if platform_name == "xcb" and not _wayland(platform_name):
            x = _x11()
            if x.idle_seconds() is None:
                return Probe("the X server has no screen-saver extension", None)
            return Probe("X11 screen-saver extension", x.idle_seconds)
        if _wayland(platform_name):
            # Under XWayland the X server sees only X windows' input: ask the desktop.
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
        if platform_name == "xcb" and not _wayland(platform_name):
            return Probe("X11 window manager hints", _x11().full_screen)
    except (OSError, AttributeError) as exc:
        return Probe(f"cannot tell here ({exc})", None)
    return Probe(f"cannot tell on {platform_name or sys.platform}", None)
