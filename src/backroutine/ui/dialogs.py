"""Small things every dialog of the app shares.

(Qt's namespace is reached through QtCore when used: importing it by name at
start-up costs the window some 12 ms.)
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget


def quit_from(dialog: QDialog, window: QWidget) -> None:
    """A modal dialog holds the window's shortcuts back; Ctrl+Q still quits the app."""
    action = QAction(dialog)
    action.setShortcut(QKeySequence("Ctrl+Q"))
    action.triggered.connect(dialog.reject)
    quit_app = getattr(window, "quit", window.close)  # the main window quits, tray or not
    action.triggered.connect(quit_app, QtCore.Qt.ConnectionType.QueuedConnection)
    dialog.addAction(action)
