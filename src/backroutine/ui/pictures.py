"""Exercise pictures, drawn at the size they are shown (SVG stays crisp)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImageReader, QPixmap

from ..core.routine_files import picture_bytes
from ..core.validation import image_problem


@lru_cache(maxsize=256)
def _load(path: str, width: int, height: int, ratio: float, mtime: float) -> QPixmap:
    file = Path(path)
    if image_problem(file):
        return QPixmap()  # too big, not a picture, or reaching outside itself
    try:
        data = picture_bytes(file)  # at most 5 MiB, and still a plain file
    except OSError:
        return QPixmap()
    # Read from memory: Qt would look for a name that is not UTF-8 under other bytes.
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, file.suffix.lower().lstrip(".").encode())
    natural = reader.size()
    target = QSize(int(width * ratio), int(height * ratio))
    if natural.isValid() and not natural.isEmpty():
        target = natural.scaled(target, Qt.AspectRatioMode.KeepAspectRatio)
    reader.setScaledSize(target)
    image = reader.read()
    if image.isNull():
        return QPixmap()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def picture(path: Path | None, width: int, height: int) -> QPixmap:
    """The picture fitted into width x height, or a null pixmap if it cannot be read."""
    if path is None:
        return QPixmap()
    try:
        mtime = path.stat().st_mtime
    except (OSError, ValueError):
        return QPixmap()
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return _load(str(path), width, height, ratio, mtime)
