"""The single-instance channel, attacked over real sockets: a client that sends 10 MB,
one that connects and says nothing, malformed, deeply nested, NUL-holding and
wrongly typed messages, and another user's socket or folder waiting where ours would
go. Each is refused or cut off without a traceback; the app keeps serving others."""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from backroutine.ui import single_instance
from backroutine.ui.single_instance import (
    MAX_MESSAGE,
    Listener,
    hand_over,
    parse_request,
    server_address,
    socket_folder,
)

RUN = {"command": "run", "path": "/home/me/routine.yaml", "start": True}


@pytest.mark.parametrize(
    "line",
    [
        b"{not json",
        b"",
        b"[" * 3000 + b"]" * 3000,  # deep, and under the size limit
        b'{"command": "run", "path": ' + b"[" * 2000 + b"]" * 2000 + b"}",
        b'{"command": "run", "path": "/a\x00b.yaml"}',  # a raw NUL
        b'{"command": "run", "path": "/a\\u0000b.yaml"}',  # NUL as JSON writes it
        b'{"command": "run", "path": "/a\\ud800.yaml"}',  # not valid text
        b'{"command": "run", "path": 5}',
        b'{"command": "run", "path": "/a.yaml", "start": "yes"}',
        b'{"command": "run", "path": "relative.yaml"}',
        b'{"command": "run", "path": "/a.yaml", "then": "rm -rf"}',
        b'{"command": ["show"]}',
        b'{"command": "quit"}',
        b'["show"]',
        b'"show"',
        b'{"command": "show", "path": "/x"}',
        b'{"command": "run", "path": "/\xff.yaml"}',  # not UTF-8
        json.dumps({**RUN, "path": "/" + "a" * MAX_MESSAGE}).encode(),
        # A name no file system allows: asking about it raised in the window.
        json.dumps({**RUN, "path": "/tmp/" + "a" * 300 + ".yaml"}).encode(),
    ],
)
def test_a_message_that_is_not_a_request_is_refused(line):
    assert parse_request(line) is None


def test_the_requests_the_app_sends_are_taken():
    assert parse_request(b'{"command": "show"}') == {"command": "show"}
    assert parse_request(json.dumps(RUN).encode()) == RUN
    # A file name that is not UTF-8 travels as JSON escapes and comes back whole.
    odd = os.fsdecode(b"/tmp/r\xff.yaml")
    assert parse_request(json.dumps({**RUN, "path": odd}).encode()) == {**RUN, "path": odd}


@pytest.fixture
def private(tmp_path: Path) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def listener(qtbot, private):
    made = Listener(address=str(private / "app.sock"), timeout_ms=300)
    assert made.listening
    heard: list[dict] = []
    made.request.connect(heard.append)
    made.heard = heard
    yield made
    made.server.close()


def connect(listener: Listener) -> socket.socket:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(listener.address)
    return client


def answer(qtbot, client: socket.socket) -> bytes:
    """What the server says before it closes (waiting while Qt serves)."""
    client.setblocking(False)
    got = bytearray()
    closed = False

    def done() -> bool:
        nonlocal closed
        try:
            chunk = client.recv(4096)
        except BlockingIOError:
            return False
        except ConnectionResetError:
            chunk = b""
        got.extend(chunk)
        closed = not chunk
        return closed

    qtbot.waitUntil(done, timeout=5000)
    return bytes(got)


def test_a_request_is_answered_and_passed_on(qtbot, listener):
    client = connect(listener)
    client.sendall(json.dumps(RUN).encode() + b"\n")
    assert answer(qtbot, client) == b"ok\n"
    assert listener.heard == [RUN]


@pytest.mark.parametrize(
    "line", [b"{not json", b"[" * 4000, b'{"command": "run", "path": "/a\x00"}', b"\xff\xfe"]
)
def test_a_bad_message_gets_bad_and_nothing_happens(qtbot, listener, line):
    client = connect(listener)
    client.sendall(line + b"\n")
    assert answer(qtbot, client) == b"bad\n"
    assert listener.heard == []


def test_ten_megabytes_are_cut_off_and_others_still_served(qtbot, listener):
    flood = connect(listener)
    sent = []

    def send() -> None:
        try:
            flood.sendall(b"{" + b" " * (10 * 1024 * 1024))
            sent.append("all")
        except OSError:
            sent.append("cut off")  # the server closed on it

    sender = threading.Thread(target=send)
    sender.start()
    qtbot.waitUntil(lambda: not sender.is_alive(), timeout=10_000)
    assert sent == ["cut off"]
    assert listener.received == {}  # no buffer kept for it
    assert listener.heard == []
    client = connect(listener)
    client.sendall(b'{"command": "show"}\n')
    assert answer(qtbot, client) == b"ok\n"
    assert listener.heard == [{"command": "show"}]


def test_a_silent_client_neither_holds_the_app_nor_stays(qtbot, listener):
    silent = connect(listener)
    silent.sendall(b'{"command": ')  # and then nothing, and stays connected
    second = connect(listener)
    second.sendall(json.dumps(RUN).encode() + b"\n")
    assert answer(qtbot, second) == b"ok\n"
    assert listener.heard == [RUN]
    # The silent one is let go after its time, with no request made of it.
    assert answer(qtbot, silent) == b""
    assert listener.heard == [RUN]


# Under PATH_MAX, and each name under 255 bytes, but over MAX_MESSAGE as ASCII escapes.
CHINESE = "/home/\u7528\u6237/" + "/".join(["\u8fd0\u52a8\u8ba1\u5212" * 20] * 9) + ".yaml"


@pytest.mark.parametrize(
    "path",
    [RUN["path"], CHINESE, os.fsdecode(b"/tmp/r\xff\xfe.yaml")],
    ids=["ascii", "chinese", "not-utf-8"],
)
def test_hand_over_reaches_a_listener(qtbot, listener, path):
    # As a second start does it: from another process (it waits for the answer).
    request = {**RUN, "path": path}
    code = (
        "import sys\n"
        "from backroutine.ui.single_instance import hand_over\n"
        f"print(hand_over({request!r}, {listener.address!r}))\n"
    )
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
    assert other.stdout.read().strip() == "True"
    assert listener.heard == [request]


def test_too_many_clients_at_once_are_closed_and_the_rest_served(qtbot, listener):
    idle = [connect(listener) for _ in range(single_instance.MAX_CONNECTIONS + 4)]
    qtbot.waitUntil(lambda: len(listener.received) == single_instance.MAX_CONNECTIONS)
    qtbot.waitUntil(lambda: listener.received == {}, timeout=5000)  # all timed out
    client = connect(listener)
    client.sendall(b'{"command": "show"}\n')
    assert answer(qtbot, client) == b"ok\n"
    for each in idle:
        each.close()


def test_a_routine_named_with_odd_bytes_is_the_one_the_window_plays(qtbot, home, listener):
    """b"r\\xff.yaml" once reached the window as "r.yaml": another file, when one has
    that name, played in its place."""
    from backroutine.ui.main_window import MainWindow

    folder = home / "given"
    folder.mkdir()
    odd = Path(os.fsdecode(os.fsencode(folder) + b"/r\xff.yaml"))
    odd.write_text("name: The one asked for\nsteps:\n  - rest: 5s\n")
    (folder / "r.yaml").write_text("name: A decoy\nsteps:\n  - rest: 5s\n")
    window = MainWindow()
    qtbot.addWidget(window)
    played: list[str] = []
    window.play = lambda routine, start=False: played.append(routine.name)
    listener.request.connect(window.handle_request)
    request = {"command": "run", "path": str(odd), "start": False}
    code = (
        "from backroutine.ui.single_instance import hand_over\n"
        f"print(hand_over({request!r}, {listener.address!r}))\n"
    )
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: other.poll() is not None, timeout=30_000)
    assert other.stdout.read().strip() == "True"
    qtbot.waitUntil(lambda: played != [])
    assert played == ["The one asked for"]


# -- where the socket lives ----------------------------------------------------------


@pytest.fixture
def temp(monkeypatch) -> Iterator[Path]:
    """The temporary folder, as the fallback sees it (short: a socket's path may be
    at most 107 bytes); no runtime folder unless a test sets one."""
    folder = Path(tempfile.mkdtemp(prefix="br-"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    yield folder
    shutil.rmtree(folder)


def test_the_runtime_folder_is_used_when_it_is_private(temp, private, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(private))
    assert socket_folder() == private
    assert server_address().startswith(f"{private}/backroutine-")


@pytest.mark.parametrize("kind", ["open to others", "a link", "another user's", "relative"])
def test_a_runtime_folder_others_could_enter_is_not_used(temp, tmp_path, monkeypatch, kind):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    if kind == "open to others":
        runtime.chmod(0o755)
    elif kind == "a link":
        runtime = tmp_path / "runtime-link"
        runtime.symlink_to(tmp_path / "runtime")
    elif kind == "another user's":
        uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: uid + 1)
    monkeypatch.setenv("XDG_RUNTIME_DIR", "runtime" if kind == "relative" else str(runtime))
    folder = socket_folder()
    if kind == "another user's":
        assert folder is None  # the fallback folder is ours by the real uid, not this one
    else:
        assert folder == temp / f"backroutine-{os.getuid()}"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("kind", ["a link", "open to others", "another user's"])
def test_a_fallback_folder_made_first_by_someone_else_is_not_used(temp, tmp_path, kind, qtbot):
    if kind == "another user's":  # made by us, while we are seen as the next user
        uid = os.getuid()
        monkey = pytest.MonkeyPatch()
        monkey.setattr(os, "getuid", lambda: uid + 1)
    folder = temp / f"backroutine-{os.getuid()}"
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    theirs.chmod(0o777)
    if kind == "a link":
        folder.symlink_to(theirs)
    elif kind == "open to others":
        folder.mkdir()
        folder.chmod(0o777)
    else:
        folder.mkdir(mode=0o700)
    # Their socket, waiting where ours would go, to take what is handed over.
    trap = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    trap.bind(str(folder / f"{single_instance.server_name()}.sock"))
    trap.listen()
    trap.setblocking(False)
    try:
        assert socket_folder() is None and server_address() is None
        assert hand_over({"command": "show"}) is False  # nothing sent anywhere
        made = Listener()
        assert not made.listening and made.address is None
        with pytest.raises(BlockingIOError):
            trap.accept()  # no one ever connected to it
    finally:
        trap.close()
        if kind == "another user's":
            monkey.undo()
