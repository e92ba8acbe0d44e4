"""The Qt binding itself: a long session must not wear out Python's None.

PySide6 6.12.0 hands back None without counting the reference. Where None is
not immortal (Python 3.10 and 3.11) every such call takes one count away, and
after some thousands the interpreter aborts ("deallocating None"): the app
dies a few minutes into a session. pyproject.toml keeps that release away from
those Pythons; this test fails if an installed binding has the fault.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QWidget


# From Python 3.12 None is immortal (PEP 683): its count is pinned, a lost reference
# takes nothing away and sys.getrefcount(None) never falls, so this check would pass
# whatever the binding does.
@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 (PEP 683): a binding that drops its "
    "references cannot wear it out, and the count this test watches cannot fall",
)
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
