"""Dark and large text can be chosen; "system" gives the platform's own look back."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from backroutine.core.settings import Settings
from backroutine.ui.theme import LARGE_TEXT, apply_appearance


@pytest.fixture
def app(qapp: QApplication):
    apply_appearance(Settings())
    yield qapp
    apply_appearance(Settings())


def window_colour() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window)


def test_dark_then_system_gives_back_the_platform_colours(app):
    platform = window_colour()
    apply_appearance(Settings(theme="dark"))
    assert window_colour() == QColor("#202428")
    assert QGuiApplication.palette().color(QPalette.ColorRole.WindowText).lightness() > 200
    apply_appearance(Settings(theme="system"))
    assert window_colour() == platform


def test_large_text_scales_every_font_and_normal_restores_it(app):
    normal = QGuiApplication.font().pointSizeF()
    apply_appearance(Settings(text_size="large"))
    assert QGuiApplication.font().pointSizeF() == pytest.approx(normal * LARGE_TEXT)
    apply_appearance(Settings(text_size="normal"))
    assert QGuiApplication.font().pointSizeF() == pytest.approx(normal)
