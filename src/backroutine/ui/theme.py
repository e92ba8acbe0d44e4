"""Colours and text size: follow the system, or what the person chose."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..core.settings import Settings

LARGE_TEXT = 1.3  # how much bigger "large text" makes every font


class _Original:
    """The palette and font the platform gave, to return to for "system"."""

    palette: QPalette | None = None
    font: QFont | None = None


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202428"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#16191c"),
        (roles.AlternateBase, "#262b30"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#2b3036"),
        (roles.ButtonText, "#e8eaed"),
        (roles.Highlight, "#2a8c82"),
        (roles.HighlightedText, "#ffffff"),
        (roles.ToolTipBase, "#2b3036"),
        (roles.ToolTipText, "#e8eaed"),
        (roles.PlaceholderText, "#9aa3ab"),
        (roles.Link, "#7cc7bf"),
        (roles.BrightText, "#ffffff"),
        (roles.Mid, "#3a4047"),
        (roles.Dark, "#111315"),
        (roles.Light, "#3a4047"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.Text, roles.ButtonText, roles.WindowText):
        palette.setColor(disabled, role, QColor("#6c757d"))
    return palette


def apply_appearance(settings: Settings) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _Original.palette is None or _Original.font is None:
        _Original.palette = QGuiApplication.palette()
        _Original.font = QGuiApplication.font()
    if settings.theme == "dark":
        app.setPalette(_dark_palette())
    elif settings.theme == "light":
        style = app.style()
        app.setPalette(style.standardPalette() if style else QPalette())
    else:
        app.setPalette(_Original.palette)
    font = QFont(_Original.font)
    if settings.text_size == "large":
        font.setPointSizeF(font.pointSizeF() * LARGE_TEXT)
    app.setFont(font)
