"""Windows: idle time (GetLastInputInfo), full screen (the shell's notification
state), the per-user Run key for start on login, named pipes for the single
instance. Its monotonic clock keeps counting while the computer sleeps."""

from __future__ import annotations

import contextlib
import ctypes
from functools import cached_property
from typing import Any

from ..core.i18n import _
from . import base
from .base import Autostart, Probe, SoundPlayers, asked

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE_NAME = "BackRoutine"


def _idle() -> Probe:
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


def _full_screen() -> Probe:
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    busy = {2, 3, 4}  # QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE

    def ask() -> bool | None:
        state = ctypes.c_int()
        if shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
            return None
        return state.value in busy

    return Probe("SHQueryUserNotificationState", ask)


class RunKey:
    """A value in the user's Run key in the registry."""

    def _winreg(self) -> Any:
        import importlib

        return importlib.import_module("winreg")

    def is_enabled(self) -> bool:
        winreg = self._winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, VALUE_NAME)
                return True
        except OSError:
            return False

    def set_enabled(self, on: bool, command: list[str] | None = None) -> None:
        import subprocess

        from ..core.autostart import launch_command

        winreg = self._winreg()
        line = subprocess.list2cmdline(command or launch_command())
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            if on:
                winreg.SetValueEx(key, VALUE_NAME, 0, winreg.REG_SZ, line)
            else:
                with contextlib.suppress(FileNotFoundError):
                    winreg.DeleteValue(key, VALUE_NAME)


class Services(base.Services):
    name = "windows"
    named_pipes = True  # the single instance listens on a pipe for this user only
    sound = SoundPlayers(builtin="winmm")  # part of every Windows

    @cached_property
    def idle(self) -> Probe:
        return asked(_idle, _("idle time cannot be read here"))

    @cached_property
    def full_screen(self) -> Probe:
        return asked(_full_screen, _("cannot tell here"))

    @cached_property
    def autostart(self) -> Autostart:
        return RunKey()
