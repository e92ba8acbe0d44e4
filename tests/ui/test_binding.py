"""The Qt binding itself: a long session must not wear out Python's None.

PySide6 6.12.0 hands back None without counting the reference. Where None is
not immortal (Python 3.10 and 3.11) every such call takes one count away, and
after some thousands the interpreter aborts ("deallocating None"): the app
dies a few minutes into a session. pyproject.toml keeps that release away from
those Pythons; this test fails if an installed binding has the fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget


def test_calls_that_return_none_leave_none_alone(qapp):
    widget = QWidget()
    calls = (
        QApplication.focusWidget,
        QApplication.activeModalWidget,
        widget.parentWidget,
        lambda: QModelIndex().data(Qt.ItemDataRole.UserRole),
    )
    for call in calls:
        before = sys.getrefcount(None)
        for _ in range(200):
            assert call() is None
        assert sys.getrefcount(None) >= before - 5, f"{call} wears out None"
