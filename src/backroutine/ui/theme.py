"""Colours and text size: follow the system, or what the person chose."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..core.settings import Settings

if TYPE_CHECKING:
    from .app_state import AppState

LARGE_TEXT = 1.3  # how much bigger "large text" makes every font


class _Original:
    """The font the platform gave, to return to for normal text, and whether the
    app has asked the platform for a colour scheme of its own."""

    font: QFont | None = None
    scheme_set = False


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


def _ask_platform_for(theme: str) -> None:
    """Tell the platform which scheme the app wants (window frames, native dialogs).

    "system" hands the choice back to the platform, which then also follows the
    desktop's light/dark switch while the app runs. Qt's namespace is reached only
    here, not at start-up with the system theme, where nothing needs saying."""
    if theme == "system" and not _Original.scheme_set:
        return
    schemes = QtCore.Qt.ColorScheme
    scheme = {"dark": schemes.Dark, "light": schemes.Light}.get(theme, schemes.Unknown)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8 and later
        hints.setColorScheme(scheme)
    _Original.scheme_set = theme != "system"


def apply_appearance(settings: Settings) -> None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _Original.font is None:
        _Original.font = QGuiApplication.font()
    _ask_platform_for(settings.theme)
    if settings.theme == "dark":
        app.setPalette(_dark_palette())
    elif settings.theme == "light":
        style = app.style()
        app.setPalette(style.standardPalette() if style else QPalette())
    else:
        # A palette that sets no colour of its own: every colour comes from the
        # platform, and keeps following it (a desktop switching to dark, say).
        app.setPalette(QPalette())
    font = QFont(_Original.font)
    if settings.text_size == "large":
        font.setPointSizeF(font.pointSizeF() * LARGE_TEXT)
    app.setFont(font)


def apply_changed_appearance(keys: frozenset[str], state: AppState) -> None:
    """Follows the settings: the colours and text size, when either changed."""
    if keys & {"theme", "text_size"}:
        apply_appearance(state.settings)
