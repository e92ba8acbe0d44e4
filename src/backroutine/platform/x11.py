"""X11, through libX11, libXss and libXext with ctypes: idle time (the screen-saver
extension), whether the window in front is full screen (the window manager's hints),
and coming back after time away: an alarm on the X server's IDLETIME counter (XSync),
on a display connection of our own, read when its socket has something.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Slot

from ..core.i18n import _
from .watches import AwayWatch


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
            raise OSError(_("libX11 is not installed"))
        library = ctypes.cdll.LoadLibrary(found)
        library.XSetErrorHandler.restype = ctypes.c_void_p
        library.XSetErrorHandler.argtypes = [_XErrorHandler]
        library.XSetErrorHandler(_x_error)
        _XLIB = library
    return _XLIB


class X11:
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
            raise OSError(_("cannot open the X display"))
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


class XSyncAwayWatch(AwayWatch):
    """An alarm on the X server's IDLETIME counter that goes off as it falls back
    to zero from at least the break's length: input after that long away."""

    def __init__(self, display_name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(_("the X server's idle counter"), parent)
        xext = ctypes.util.find_library("Xext")
        if not xext:
            raise OSError(_("libXext is not installed"))
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
            raise OSError(_("cannot open the X display"))
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
            raise OSError(_("the X server has no sync extension"))
        self.event_base = base.value
        if not self.xext.XSyncInitialize(self.display, ctypes.byref(base), ctypes.byref(error)):
            raise OSError(_("the X sync extension would not start"))
        count = ctypes.c_int()
        counters = self.xext.XSyncListSystemCounters(self.display, ctypes.byref(count))
        if not counters:
            raise OSError(_("the X server lists no counters"))
        try:
            for i in range(count.value):
                if counters[i].name == b"IDLETIME":
                    return int(counters[i].counter)
        finally:
            self.xext.XSyncFreeSystemCounterList(counters)
        raise OSError(_("the X server keeps no idle counter"))

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


_X: X11 | None = None


def x11() -> X11:
    """The one connection the probes share, opened when first asked."""
    global _X
    if _X is None:
        _X = X11()
    return _X
