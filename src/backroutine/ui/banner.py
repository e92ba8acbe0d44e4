"""The window's body, and the band across its top that says what was wrong with the settings
file and where the person's own file is; it stays until they close it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.i18n import _

if TYPE_CHECKING:
    from .app_state import AppState


def window_body(pages: QWidget, state: AppState) -> tuple[QWidget, QLabel | None]:
    """The window's contents: the pages, under the settings band when the settings
    file had something wrong (and the band's label, which follows the state)."""
    body = QWidget()
    column = QVBoxLayout(body)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    label = None
    if state.settings_file.notice():
        band, label = settings_band(state.settings_file.notice())
        state.band_shown = True
        state.notice_changed.connect(label.setText)
        column.addWidget(band)
    column.addWidget(pages, 1)
    return body, label


def settings_band(text: str) -> tuple[QFrame, QLabel]:
    """The band, and its label (its text changes when a save keeps a copy)."""
    banner = QFrame()
    banner.setObjectName("settingsNotice")
    banner.setFrameShape(QFrame.Shape.StyledPanel)
    banner.setStyleSheet(
        "#settingsNotice { background: #fff4ce; border: 1px solid #c8a600; }"
        " #settingsNotice QLabel { color: #3b2f00; }"
    )
    row = QHBoxLayout(banner)
    row.setContentsMargins(12, 8, 8, 8)
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(_("Settings notice"))
    row.addWidget(label, 1)
    close = QPushButton(_("Close"))
    close.setAccessibleName(_("Close the settings notice"))
    close.clicked.connect(banner.hide)
    row.addWidget(close, 0, QtCore.Qt.AlignmentFlag.AlignTop)
    return banner, label
