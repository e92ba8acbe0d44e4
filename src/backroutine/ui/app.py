"""Start the Qt application and show the main window (and, if asked, the player)."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING, TextIO

from ..core.i18n import _
from ..core.i18n import language as spoken_language

if TYPE_CHECKING:
    from ..core.model import Routine
    from ..core.settings import SettingsFile
    from .main_window import MainWindow


def run_app(
    routine: Routine | None = None,
    start: bool = False,
    trace: TextIO | None = None,
    background: bool = False,
    language_asked: str = "",
) -> int:
    """Open the window (or hand over to the one already open). ``language_asked`` is
    the command line's --language, which outranks the setting for this run."""
    from .preflight import window_problem

    problem = window_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from . import language
    from .single_instance import claim, hand_over, routine_request

    # Qt gets only a program name: the command line is ours (argparse read it), and
    # Qt reads argv as UTF-8, so a file name that is not (b"bad\xff.yaml") crashed it.
    app = QApplication.instance() or QApplication(["backroutine"])
    QApplication.setApplicationName("BackRoutine")
    QApplication.setApplicationDisplayName("BackRoutine")
    settings_file = _read_settings()
    # Before anything is said or built.
    said_in = spoken_language()
    chosen = language.use_language(language_asked or settings_file.settings.language)
    if chosen != said_in and (settings_file.problems or settings_file.refused):
        # What the settings file's problems say was written in the language of the
        # command line; read again (a small file), it says it in the window's.
        settings_file = _read_settings()
    lock = claim()
    if lock is None and background:
        return 0  # started at login, and already running: nothing to do
    if lock is None:
        # Already running: that instance shows itself (and the routine), this one ends.
        if hand_over(routine_request(routine.path if routine else None, start)):
            print(_("BackRoutine is already running; it has been brought to the front."))
            if trace is not None:
                print(_("(--trace applies to a new instance only: quit the running one first.)"))
            return 0
        print(
            _("BackRoutine seems to be running but does not answer; starting anyway."),
            file=sys.stderr,
        )
    if trace is not None and trace.seekable():
        with contextlib.suppress(OSError):  # a device such as /dev/null has no size
            trace.truncate(0)  # this instance plays: the trace starts empty
    window = open_window(routine, start, trace, background, settings_file)
    code = app.exec()
    del window, lock
    if language.restart_requested:  # the lock is let go: the new start becomes the app
        language.restart_requested = False
        if not language.relaunch():
            print(_("BackRoutine could not start again; start it yourself."), file=sys.stderr)
    return code


def _read_settings() -> SettingsFile:
    from ..core.paths import user_paths
    from ..core.settings import read_settings

    return read_settings(user_paths().settings_file)


def open_window(
    routine: Routine | None = None,
    start: bool = False,
    trace: TextIO | None = None,
    background: bool = False,
    settings_file: SettingsFile | None = None,
) -> MainWindow:
    """Show the main window as a start of the app does (settings, appearance, first-run
    notice), and the player on routine if one is given. With background (a start at
    login), only the tray icon shows, where there is a tray; else the window."""
    from PySide6.QtCore import QTimer

    from .main_window import MainWindow
    from .theme import apply_appearance

    if settings_file is None:
        settings_file = _read_settings()
    for setting_problem in settings_file.problems:
        print(setting_problem, file=sys.stderr)
    apply_appearance(settings_file.settings)
    # On screen first, in the user's size, place and colours; filled in a moment later.
    # A bad settings file is also said in the window, once it is filled.
    window = MainWindow(settings_file=settings_file, deferred=True)
    window.listen_for_others = True
    if background and window.state.settings.safety_notice_seen:
        window.start_hidden()
    else:
        window.show()
    if routine is not None:
        window.when_built(lambda: window.play(routine, start=start, trace=trace))

    def first_run_notice() -> None:
        # Not when the player opened with --start: it shows the notice inside itself.
        if not window.state.settings.safety_notice_seen:
            window.menus.show_safety_notice()

    window.when_built(lambda: QTimer.singleShot(0, first_run_notice))
    return window
