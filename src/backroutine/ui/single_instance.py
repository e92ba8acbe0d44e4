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


MAX_MESSAGE = 4096  # a request is one short line of JSON
CONNECTION_MS = 3000  # a client that has not said its line by then is let go
MAX_CONNECTIONS = 8  # open at once; more are closed at once


def server_name() -> str:
    """One name per user and data folder (BACKROUTINE_HOME gives a separate app)."""
    import getpass
    import hashlib

    folder = str(user_paths().data_dir.resolve())
    digest = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"backroutine-{getpass.getuser()}-{digest}"


def private_folder(folder: Path) -> bool:
    """Whether folder is a real folder (not a link) of this user's that no one else
    may enter: the only kind of place where no one else can put a socket first."""
    import os
    import stat

    try:
        info = os.lstat(folder)
    except (OSError, ValueError):
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


def socket_folder() -> Path | None:
    """Where the socket lives: XDG_RUNTIME_DIR when it is private to this user, else a
    folder of ours in the temporary folder; None when neither is safe (another user
    made ours first, or it lets others in), and then there is no socket at all."""
    import os
    import tempfile

    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and private_folder(Path(runtime)):
        return Path(runtime)
    folder = Path(tempfile.gettempdir()) / f"backroutine-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass  # checked below: ours, and private, or not used
    except OSError:
        return None
    return folder if private_folder(folder) else None


def server_address() -> str | None:
    """What the first instance listens on and later starts connect to; None if
    there is no safe place for it."""
    from ..platform import services

    if services().named_pipes:
        return server_name()  # a named pipe, for this user only (UserAccessOption)
    folder = socket_folder()
    return str(folder / f"{server_name()}.sock") if folder is not None else None


def claim() -> FileLock | None:
    """The lock of the first instance, or None if another instance holds it."""
    lock = FileLock(user_paths().data_dir / "running" / "app.lock")
    try:
        return lock if lock.acquire() else None
    except OSError:
        return lock  # no lock can be had here (a read-only folder): run as the only one


def hand_over(request: dict[str, object], address: str | None = None) -> bool:
    """Send the running instance a request; True once it has answered."""

    from PySide6.QtNetwork import QLocalSocket

    address = address or server_address()
    if address is None:
        return False  # no safe place to find it: never talk to a socket others made
    deadline = time.monotonic() + HAND_OVER_SECONDS
    while time.monotonic() < deadline:
        socket = QLocalSocket()
        socket.connectToServer(address)
        if socket.waitForConnected(250):
            socket.write(request_line(request))
            socket.waitForBytesWritten(1000)
            answered = socket.waitForReadyRead(2000) and bytes(socket.readAll().data()).startswith(
                b"ok"
            )
            socket.disconnectFromServer()
            if answered:
                return True
        time.sleep(0.1)
    return False


def request_line(request: dict[str, object]) -> bytes:
    """The line a request is sent as: UTF-8 JSON, as short as it can be. With ASCII
    escapes (six bytes a character) a path in Chinese or Greek grew two or three
    times, went over MAX_MESSAGE at some 700 characters, was refused, and a second
    app started. Only a name's bytes that are not UTF-8 (lone surrogates here, which
    UTF-8 cannot write) are escaped; the listener reads them back the same."""
    import json
    import re

    text = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
    text = re.sub("[\ud800-\udfff]", lambda found: f"\\u{ord(found.group()):04x}", text)
    return (text + "\n").encode("utf-8")


def parse_request(line: bytes) -> dict[str, object] | None:
    """The request in one line from a client, or None if it is not one this app sends:
    too long, not UTF-8 JSON, nested, holding NUL, of the wrong types or keys."""
    import json

    from ..core.names import usable_path

    if len(line) > MAX_MESSAGE or b"\0" in line:
        return None
    try:
        request = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested beyond reason
        return None
    if not isinstance(request, dict):
        return None
    command = request.get("command")
    if command == "show" and request.keys() == {"command"}:
        return {"command": "show"}
    if command != "run" or not request.keys() <= {"command", "path", "start"}:
        return None
    path, start = request.get("path"), request.get("start", False)
    if not isinstance(path, str) or not isinstance(start, bool):
        return None
    if not Path(path).is_absolute() or usable_path(path) is not None:
        return None
    return {"command": "run", "path": path, "start": start}


class Listener(QObject):
    """In the first instance: emits request(dict) for each hand-over received.

    Each client has CONNECTION_MS to send one line of at most MAX_MESSAGE bytes;
    one that sends more, or nothing, is cut off, and others are served meanwhile."""

    # object, not dict: a dict goes through Qt's own strings, which drop the stand-ins
    # for a name's bytes that are not UTF-8, so b"r\xff.yaml" arrived as "r.yaml" (a
    # name that may be another file).
    request = Signal(object)

    def __init__(
        self,
        parent: QObject | None = None,
        address: str | None = None,
        timeout_ms: int = CONNECTION_MS,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.timeout_ms = timeout_ms
        self.received: dict[QLocalSocket, bytearray] = {}
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.setMaxPendingConnections(MAX_CONNECTIONS)
        self.address = address or server_address()
        self.listening = False
        if self.address is not None:
            QLocalServer.removeServer(self.address)  # a stale one, left by a crash
            self.listening = self.server.listen(self.address)
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        import functools

        from PySide6.QtCore import QTimer

        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            if len(self.received) >= MAX_CONNECTIONS:
                socket.abort()
                socket.deleteLater()
                continue
            self.received[socket] = bytearray()
            socket.setReadBufferSize(MAX_MESSAGE + 1)
            timer = QTimer(socket)
            timer.setSingleShot(True)
            timer.timeout.connect(functools.partial(self._drop, socket))
            timer.start(self.timeout_ms)
            socket.readyRead.connect(functools.partial(self._read, socket))
            socket.disconnected.connect(functools.partial(self._drop, socket))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        """Let a client go (done, silent too long, or gone)."""
        if self.received.pop(socket, None) is None:
            return
        try:
            socket.abort()
            socket.deleteLater()
        except RuntimeError:  # already gone with the server, as the app quits
            pass

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self.received.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.read(MAX_MESSAGE + 1 - len(buffer)).data())
        line, newline, _rest = bytes(buffer).partition(b"\n")
        if not newline and len(buffer) <= MAX_MESSAGE:
            return  # more to come, within the time and size allowed
        request = parse_request(line) if newline else None
        del self.received[socket]
        socket.write(b"ok\n" if request is not None else b"bad\n")
        socket.flush()
        socket.disconnectFromServer()  # once the answer is out: then deleted
        if request is not None:
            self.request.emit(request)


def routine_request(path: Path | None, start: bool) -> dict[str, object]:
    if path is None:
        return {"command": "show"}
    return {"command": "run", "path": str(path.resolve()), "start": start}
