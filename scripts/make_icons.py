"""Render assets/icon.svg to the PNG sizes desktops use, and write the Linux menu entry.

    .venv/bin/python scripts/make_icons.py

Writes assets/icons/backroutine-SIZE.png and packaging/linux/backroutine.desktop
(tests/test_packaging.py checks both are current).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from backroutine.core.autostart import desktop_entry

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 32, 48, 64, 128, 256)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ROOT / "assets" / "icon.svg"))
    folder = ROOT / "assets" / "icons"
    folder.mkdir(exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(folder / f"backroutine-{size}.png"))
    menu = ROOT / "packaging" / "linux" / "backroutine.desktop"
    menu.parent.mkdir(parents=True, exist_ok=True)
    menu.write_text(desktop_entry(["backroutine"], autostart=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
