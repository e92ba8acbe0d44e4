"""Small things every dialog of the app shares.

(Qt's namespace is reached through QtCore when used: importing it by name at
start-up costs the window some 12 ms.)
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget


def quit_from(
    dialog: QDialog, window: QWidget, answer: int | None = None, then_quit: bool = True
) -> None:
    """A modal dialog holds the window's shortcuts back; Ctrl+Q still quits the app.

    Ctrl+Q closes the dialog with answer (rejects it when None), then quits the app
    unless then_quit is False (the dialog was itself asked by quitting)."""
    action = QAction(dialog)
    action.setShortcut(QKeySequence("Ctrl+Q"))
    if answer is None:
        action.triggered.connect(dialog.reject)
    else:
        action.triggered.connect(lambda: dialog.done(answer))
    if then_quit:
        quit_app = getattr(window, "quit", window.close)  # the main window quits, tray or not
        action.triggered.connect(quit_app, QtCore.Qt.ConnectionType.QueuedConnection)
    dialog.addAction(action)
