"""Start the Qt application and show the main window (and, if asked, the player)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..core.model import Routine
    from .main_window import MainWindow


def run_app(
    routine: Routine | None = None, start: bool = False, trace: TextIO | None = None
) -> int:
    from .preflight import window_problem

    problem = window_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)
    QApplication.setApplicationName("BackRoutine")
    QApplication.setApplicationDisplayName("BackRoutine")
    window = open_window(routine, start, trace)
    code = app.exec()
    del window
    return code


def open_window(
    routine: Routine | None = None, start: bool = False, trace: TextIO | None = None
) -> MainWindow:
    """Show the main window as a start of the app does (settings, appearance, first-run
    notice), and the player on routine if one is given."""
    from PySide6.QtCore import QTimer

    from ..core.paths import user_paths
    from ..core.settings import load_settings
    from .main_window import MainWindow
    from .theme import apply_appearance

    settings, problems = load_settings(user_paths().settings_file)
    for setting_problem in problems:
        print(setting_problem, file=sys.stderr)
    apply_appearance(settings)
    # On screen first, in the user's size, place and colours; filled in a moment later.
    window = MainWindow(settings=settings, deferred=True)
    window.show()
    if routine is not None:
        window.when_built(lambda: window.play(routine, start=start, trace=trace))

    def first_run_notice() -> None:
        # Not when the player opened with --start: it shows the notice inside itself.
        if not window.settings.safety_notice_seen:
            window.show_safety_notice()

    window.when_built(lambda: QTimer.singleShot(0, first_run_notice))
    return window
