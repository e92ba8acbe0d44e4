"""Exercise pictures, drawn at the size they are shown (SVG stays crisp)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImageReader, QPixmap

from ..core.files import read_bounded
from ..core.validation import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, picture_problem


@lru_cache(maxsize=256)
def _load(path: str, width: int, height: int, ratio: float, mtime: float) -> QPixmap:
    # Read once, bounded, and drawn from those very bytes: Qt never opens the path
    # itself, so a pipe or a device put in the picture's place cannot make it wait,
    # and a name that is not UTF-8 (which Qt would look up under other bytes) shows.
    file = Path(path)
    try:
        data = read_bounded(file, MAX_IMAGE_BYTES)
    except OSError:
        return QPixmap()
    if file.suffix.lower() not in IMAGE_SUFFIXES or picture_problem(file.name, file.suffix, data):
        return QPixmap()  # too big, not a picture, or reaching outside itself
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
