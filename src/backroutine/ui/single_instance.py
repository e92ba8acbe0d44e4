"""One BackRoutine at a time: a second start hands its request to the running one.

The first instance holds a lock file (cheap to test at start-up, where the
window must not wait for Qt's network module, nor even json or hashlib: what
they need is imported where it is used) and, once its window is up,
listens on a local socket. A later start finds the lock taken, sends one line
of JSON (show the window, or run a routine) and exits.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.locks import FileLock
from ..core.paths import user_paths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

HAND_OVER_SECONDS = 5.0  # the first instance may still be starting up


def server_name() -> str:
    """One name per user and data folder (BACKROUTINE_HOME gives a separate app)."""
    import getpass
    import hashlib

    folder = str(user_paths().data_dir.resolve())
    digest = hashlib.sha256(folder.encode()).hexdigest()[:12]
    return f"backroutine-{getpass.getuser()}-{digest}"


def claim() -> FileLock | None:
    """The lock of the first instance, or None if another instance holds it."""
    lock = FileLock(user_paths().data_dir / "running" / "app.lock")
    try:
        return lock if lock.acquire() else None
    except OSError:
        return lock  # no lock can be had here (a read-only folder): run as the only one


def hand_over(request: dict[str, object]) -> bool:
    """Send the running instance a request; True once it has answered."""
    import json

    from PySide6.QtNetwork import QLocalSocket

    deadline = time.monotonic() + HAND_OVER_SECONDS
    while time.monotonic() < deadline:
        socket = QLocalSocket()
        socket.connectToServer(server_name())
        if socket.waitForConnected(250):
            socket.write((json.dumps(request) + "\n").encode())
            socket.waitForBytesWritten(1000)
            answered = socket.waitForReadyRead(2000) and bytes(socket.readAll().data()).startswith(
                b"ok"
            )
            socket.disconnectFromServer()
            if answered:
                return True
        time.sleep(0.1)
    return False


class Listener(QObject):
    """In the first instance: emits request(dict) for each hand-over received."""

    request = Signal(dict)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(server_name())  # a stale one, left by a crash
        self.listening = self.server.listen(server_name())
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        import functools

        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(functools.partial(self._read, socket))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        import json

        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            request = json.loads(line)
        except ValueError:
            request = None
        socket.write(b"ok\n" if isinstance(request, dict) else b"bad\n")
        socket.flush()
        socket.disconnectFromServer()
        if isinstance(request, dict):
            self.request.emit(request)


def routine_request(path: Path | None, start: bool) -> dict[str, object]:
    if path is None:
        return {"command": "show"}
    return {"command": "run", "path": str(path.resolve()), "start": start}
