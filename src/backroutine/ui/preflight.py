"""Before Qt starts: can a window be shown at all? Qt itself aborts without a word we control."""

from __future__ import annotations

import ctypes
import os

from ..core.i18n import _

# The libraries Qt's xcb platform plugin loads, with the Debian/Ubuntu package for each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
}


def _platform(environ: dict[str, str]) -> str:
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen
    return "wayland" if environ.get("WAYLAND_DISPLAY") else "xcb"


def missing_packages() -> list[str]:
    missing = []
    for library, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing


def window_problem(environ: dict[str, str] | None = None) -> str | None:
    """Why no window can open here, in words a person can act on; None if it can."""
    env = dict(os.environ if environ is None else environ)
    from ..platform import services

    if not services().x11_libraries or _platform(env) != "xcb":
        return None
    if not env.get("DISPLAY"):
        # Translators: keep DISPLAY, validate and list as they are (a variable, commands).
        return _(
            "BackRoutine needs a desktop to open its window, and no display was found "
            "(DISPLAY is not set). Start it from your desktop session; the command-line "
            "commands (validate, list) work anywhere."
        )
    missing = missing_packages()
    if missing:
        return _(
            "BackRoutine cannot open a window: Qt's X11 support needs system libraries "
            "that are not installed. On Debian or Ubuntu, install them with:\n{command}"
        ).format(command=f"  sudo apt-get install {' '.join(missing)}")
    return None
