"""The services that tell rather than answer: Qt objects with a signal, so nothing
polls. Each platform subclasses them where its desktop can tell."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AwayWatch(QObject):
    """Says `returned` when someone comes back to keyboard or mouse after being away
    for at least `watch(seconds)`. Nothing runs in between: the desktop tells."""

    returned = Signal(float)  # at least this many seconds away

    def __init__(self, how: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.how = how
        self.seconds = 0.0

    def watch(self, seconds: float) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class WakeWatch(QObject):
    """Says `sleeping(True)` as the computer goes to sleep and `sleeping(False)` as it
    wakes again."""

    sleeping = Signal(bool)

    def __init__(self, how: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.how = how
