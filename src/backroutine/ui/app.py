"""Start the Qt application and show the main window."""

from __future__ import annotations

import sys


def run_app() -> int:
    from .preflight import window_problem

    problem = window_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow()
    window.show()
    return app.exec()
