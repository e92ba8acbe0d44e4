"""Spoken announcements ("Bridge", "Switch sides", "Done") through QtTextToSpeech, with the
engine in a child process (this module, run with -m) so a stuck speech service never freezes us."""

# Why a child process: on Linux, creating a speech-dispatcher engine takes about a second, and
# PySide6 holds the GIL all that time, so neither the UI thread nor a worker thread may do it; and
# a speech-dispatcher with no working sound device deadlocks, after which every call into it (and
# the engine's destructor at exit) blocks for good. A child can be waited for without blocking
# and killed when it stops answering.

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from ..core import i18n
from ..core.i18n import _, pgettext

if TYPE_CHECKING:
    from PySide6.QtCore import QLocale
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger(__name__)

# Qt's "mock" engine exists for Qt's own tests: it reports speaking but makes no sound.
TEST_ENGINE = "mock"
START_LIMIT = 20.0  # seconds the child may take to load its engine
ANSWER_LIMIT = 5.0  # seconds the child may take to confirm an announcement
MAX_CHARS = 200  # also keeps each line under PIPE_BUF, so a pipe write is never torn


def available_engines(
    listed: Callable[[], Sequence[str]] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """The speech engines that can speak here: Qt's plugins, without its silent test engine."""
    if listed is None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        listed = QTextToSpeech.availableEngines
    # Qt always ships its speechd plugin, but it only speaks through speech-dispatcher.
    return sorted(
        name
        for name in listed()
        if name != TEST_ENGINE and (name != "speechd" or which("speech-dispatcher"))
    )


def _install_hint() -> str:
    from ..platform import services

    return services().speech_hint


def _no_engine() -> str:
    # Translators: why spoken announcements are off. {install_hint} is empty or a
    # clause that says what to install, such as "; install speech-dispatcher".
    return _("no speech engine found{install_hint}").format(install_hint=_install_hint())


# A language code as a routine file or the settings give it: "de", "pt_BR", "zh_Hans".
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Za-z]{2,4})?$")


def speech_language(code: str) -> str:
    """The language to speak for a routine whose texts are in ``code``: that one
    when it is a language code, else the app's (a routine of plain strings)."""
    code = i18n.normalise(code or "")
    return code if _LANGUAGE_CODE.match(code) else i18n.language()


def pick_locale(wanted: str, available: Sequence[str], current: str = "") -> str | None:
    """Of the engine's locales ("en_GB", "pt_BR"), the one to speak ``wanted`` in:
    the same language and region, else the same language (the current locale
    first), else None."""
    if wanted in available:
        return wanted
    base = wanted.split("_")[0]
    same = [name for name in available if name.split("_")[0] == base]
    if current in same:
        return current
    return same[0] if same else None


class Voice:
    """Speaks short announcements without waiting; a missing or failing engine turns it off."""

    def __init__(self, engine: str | None = None, *, command: Sequence[str] | None = None) -> None:
        self.enabled = True
        self._engine = engine
        self._command = list(command) if command is not None else None
        self._reason: str | None = None
        # The language the announcements are wanted in, the one a voice is looked for
        # in (English for the pseudo-language), and the child's answer:
        # (looked for, whether a voice of it was found, the locale it speaks in).
        self._wanted = ""
        self._lookup = ""
        self._answer: tuple[str, bool, str] | None = None
        self._checked = False
        self._process: subprocess.Popen[bytes] | None = None
        self._end_process: weakref.finalize[Any, Any] | None = None
        self._started_at = 0.0
        self._ready = False
        self._waiting_since: float | None = None
        self._last_spoken: str | None = None
        self._closed = False
        # Set by whoever ends the child (close() or the exit finaliser), so its end is expected.
        self._ending = threading.Event()

    @property
    def available(self) -> bool:
        if not self._checked:
            # Checked on first use, not at construction: loading QtTextToSpeech costs a few ms.
            self._checked = True
            if self._engine is None:
                try:
                    engines = available_engines()
                except Exception as exc:
                    self._turn_off(
                        _("the speech library could not be loaded: {error}").format(error=exc)
                    )
                else:
                    if not engines:
                        self._turn_off(_no_engine())
        return self._reason is None

    @property
    def unavailable_reason(self) -> str | None:
        return None if self.available else self._reason

    @property
    def last_spoken(self) -> str | None:
        """The last text the engine confirmed it started to say."""
        return self._last_spoken

    def speak_in(self, language: str) -> None:
        """Speak the language of a routine's texts from now on ("" for the app's): the
        engine takes a voice of it when it has one."""
        self._wanted = speech_language(language)
        self._lookup = i18n.ENGLISH if self._wanted == i18n.PSEUDO else self._wanted
        if self._process is not None:
            self._write("language", self._lookup)

    @property
    def language(self) -> str:
        """The language announcements are to be written in: the one asked for while
        a voice of it speaks (or until the engine has answered), else the voice's."""
        answer = self._answer
        wanted = self._wanted or i18n.language()
        if answer is None or answer[0] != self._lookup or answer[1]:
            return wanted
        return i18n.shipped_match(answer[2]) or i18n.ENGLISH

    @property
    def language_note(self) -> str | None:
        """What to tell the person when the engine has no voice of the language asked
        for, in the app's language; None when it has one (or has not answered yet)."""
        answer = self._answer
        if answer is None or answer[0] != self._lookup or answer[1]:
            return None
        return _("No voice for {language} is installed; announcements use {other}.").format(
            language=i18n.language_name(self._wanted), other=i18n.language_name(self.language)
        )

    def prepare(self) -> None:
        """Start the engine now, in the background, so the first announcement is on time."""
        if self.available and not self._closed and self._process is None:
            try:
                self._start()
            except Exception as exc:
                self._turn_off(_("the speech engine could not start: {error}").format(error=exc))

    def say(self, text: str) -> None:
        """Speak text, cutting off whatever is being said; returns at once and never raises."""
        words = " ".join(str(text).split())[:MAX_CHARS]
        if not (self.enabled and words and not self._closed and self.available):
            return
        try:
            if self._process is None:
                self._start()
            elif self._stuck():
                self._turn_off(_("the speech engine is not responding"))
                self.close()
                return
            self._send(words)
        except Exception as exc:
            self._turn_off(_("speech failed: {error}").format(error=exc))

    def close(self) -> None:
        """Stop the engine's process (also done at exit)."""
        self._closed = True
        if self._end_process is not None:
            self._end_process()

    def _start(self) -> None:
        process = subprocess.Popen(
            self._command or _child_command(self._engine),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_child_env(),
        )
        assert process.stdin is not None
        # A child that stopped reading must not block the UI: writes that do not fit are dropped.
        with contextlib.suppress(OSError, AttributeError):
            os.set_blocking(process.stdin.fileno(), False)
        self._process = process
        self._started_at = time.monotonic()
        self._end_process = weakref.finalize(self, _end_child, process, self._ending)
        threading.Thread(
            target=self._listen, args=(process,), name="voice-listener", daemon=True
        ).start()
        if self._lookup:
            self._write("language", self._lookup)

    def _stuck(self) -> bool:
        now = time.monotonic()
        if not self._ready:
            return now - self._started_at > START_LIMIT
        return self._waiting_since is not None and now - self._waiting_since > ANSWER_LIMIT

    def _send(self, words: str) -> None:
        if self._write("say", words) and self._waiting_since is None:
            self._waiting_since = time.monotonic()

    def _write(self, kind: str, text: str) -> bool:
        """One line to the child; False when it was not sent."""
        process = self._process
        if process is None or process.stdin is None:
            return False
        try:
            os.write(process.stdin.fileno(), f"{kind}\t{text}\n".encode())
        except BlockingIOError:
            log.warning("speech engine is busy; dropped %r", text)
            return False
        except OSError:
            self._turn_off(_("the speech engine stopped"))
            return False
        return True

    def _listen(self, process: subprocess.Popen[bytes]) -> None:
        # On its own thread: a blocking read releases the GIL, so the UI never waits for the child.
        assert process.stdout is not None
        for raw in process.stdout:
            kind, _tab, detail = raw.decode("utf-8", "replace").rstrip("\r\n").partition("\t")
            if kind == "ready":
                self._ready = True
                if self._waiting_since is not None:
                    self._waiting_since = time.monotonic()  # it could not answer while loading
            elif kind == "said":
                self._last_spoken = detail
                self._waiting_since = None
            elif kind == "language":
                lookup, found, using = [*detail.split("\t"), "", ""][:3]
                self._answer = (lookup, found == "1", using)
            elif kind in ("unavailable", "error"):
                self._turn_off(detail or _("the speech engine failed"))
        process.wait()
        if not self._ending.is_set():
            self._turn_off(_("the speech engine stopped unexpectedly"))

    def _turn_off(self, reason: str) -> None:
        if self._reason is None:
            log.warning("spoken announcements turned off: %s", reason)
            self._reason = reason


def _end_child(process: subprocess.Popen[bytes], ending: threading.Event) -> None:
    # Never waits: a child stuck inside a speech call only goes when it is killed.
    ending.set()
    with contextlib.suppress(Exception):
        if process.stdin is not None:
            process.stdin.close()
    with contextlib.suppress(Exception):
        if process.poll() is None:
            process.kill()


def _child_command(engine: str | None) -> list[str]:
    # The child says why it cannot speak in the app's language, as the window does.
    command = [sys.executable, "-m", "backroutine.ui.voice", "--language", i18n.language()]
    return [*command, "--engine", engine] if engine else command


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # The child must import this same backroutine, also from a checkout that is not installed.
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    return env


# -- in the child process ------------------------------------------------------------------


class SpeechEngine(Protocol):
    def state(self, /) -> Any: ...
    def stop(self, hint: Any = ..., /) -> None: ...
    def say(self, text: str, /) -> None: ...
    def availableLocales(self, /) -> list[QLocale]: ...
    def locale(self, /) -> QLocale: ...
    def setLocale(self, locale: QLocale, /) -> None: ...


class Speaker:
    """Owns the engine in the child: each new text cuts off the one being spoken."""

    def __init__(self, engine: SpeechEngine, report: Callable[[str, str], None]) -> None:
        self.engine = engine
        self.report = report

    def say(self, text: str) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        state = self.engine.state()
        if state in (
            QTextToSpeech.State.Speaking,
            QTextToSpeech.State.Synthesizing,
            QTextToSpeech.State.Paused,
        ):
            # A late "Bridge" talking over "Switch sides" is worse than a cut-off word.
            self.engine.stop(QTextToSpeech.BoundaryHint.Immediate)
        self.engine.say(text)
        self.report("said", text)

    def use_language(self, wanted: str) -> None:
        """Take a voice of the language when the engine has one, else an English one
        (else keep the engine's own); report which, so that the app words its
        announcements in the language they will be spoken in."""
        from PySide6.QtCore import QLocale

        current = self.engine.locale().name()
        available = [locale.name() for locale in self.engine.availableLocales()]
        found = pick_locale(wanted, available, current) if wanted else None
        chosen = found or pick_locale(i18n.ENGLISH, available, current)
        if chosen and chosen != current:
            self.engine.setLocale(QLocale(chosen))
        using = self.engine.locale().name()
        self.report("language", f"{wanted}\t{int(found is not None)}\t{using}")


def open_engine(
    name: str | None,
    make: Callable[[str | None], QTextToSpeech] | None = None,
    engines: Callable[[], list[str]] = available_engines,
) -> tuple[QTextToSpeech | None, str | None]:
    """The first engine that starts (Qt's default first), or why none did."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    def qt_engine(candidate: str | None) -> QTextToSpeech:
        return QTextToSpeech(candidate) if candidate else QTextToSpeech()

    make = make or qt_engine
    candidates: list[str | None] = [name] if name else [None, *engines()]
    failures: list[tuple[str | None, str]] = []
    for candidate in candidates:
        engine = make(candidate)
        started = engine.state() != QTextToSpeech.State.Error and bool(engine.engine())
        if started and (name or engine.engine() != TEST_ENGINE):
            return engine, None
        # Qt's default is one of the named engines: report each failure once, by name.
        if not started and (candidate or len(candidates) == 1):
            why = engine.errorString() or _("it did not start")
            label = candidate or pgettext("speech engine", "default")
            failures.append((candidate, f"{label}: {why}"))
    if not failures:
        return None, _no_engine()
    # speechd is only the bridge to speech-dispatcher: it fails to load or start without it.
    hint = _install_hint() if any(name in (None, "speechd") for name, _why in failures) else ""
    # Translators: {failures} names each engine tried and why it failed; {install_hint}
    # is empty or a clause that says what to install, such as "; install speech-dispatcher".
    return None, _("the speech engine did not start ({failures}){install_hint}").format(
        failures="; ".join(why for _name, why in failures), install_hint=hint
    )


def serve(engine_name: str | None, lines: IO[bytes], out: IO[bytes]) -> int:
    """The child's loop: read "say<TAB>text" lines, speak the newest, report back."""
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    app = QCoreApplication.instance() or QCoreApplication([])

    def report(kind: str, detail: str) -> None:
        with contextlib.suppress(OSError):
            out.write(f"{kind}\t{detail}\n".encode())
            out.flush()

    engine, reason = open_engine(engine_name)
    if engine is None:
        report("unavailable", reason or _no_engine())
        return 1
    engine.errorOccurred.connect(
        lambda _reason, message: report(
            "error", _("the speech engine failed: {message}").format(message=message)
        )
    )
    speaker = Speaker(engine, report)

    class Inbox(QObject):
        arrived = Signal()
        ended = Signal()

    inbox = Inbox()
    newest: list[str] = []
    language: list[str] = []
    lock = threading.Lock()

    def read() -> None:
        for raw in lines:
            kind, _tab, text = raw.decode("utf-8", "replace").rstrip("\r\n").partition("\t")
            if kind in ("say", "language") and text:
                with lock:
                    # Announcements that queued up meanwhile are stale; so is a language.
                    (newest if kind == "say" else language)[:] = [text]
                inbox.arrived.emit()
        inbox.ended.emit()

    def speak_newest() -> None:
        with lock:
            wanted = language.pop() if language else None
            text = newest.pop() if newest else None
        if wanted:
            speaker.use_language(speech_language(wanted))
        if text:
            speaker.say(text)

    inbox.arrived.connect(speak_newest)
    inbox.ended.connect(app.quit)
    report("ready", engine.engine())
    threading.Thread(target=read, name="voice-inbox", daemon=True).start()
    return app.exec()


def _die_with_parent() -> None:
    # Linux only: if the app is killed outright, the speech process goes too.
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6").prctl(pr_set_pdeathsig, signal.SIGTERM)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="BackRoutine's speech process (internal).")
    parser.add_argument("--engine", default=None)
    parser.add_argument("--language", default=i18n.ENGLISH)
    args = parser.parse_args(argv)
    i18n.set_language(args.language)
    _die_with_parent()
    code = serve(args.engine, sys.stdin.buffer, sys.stdout.buffer)
    sys.stdout.flush()
    # Skip destructors: a stuck speech-dispatcher makes the engine's destructor block for good.
    os._exit(code)


if __name__ == "__main__":
    main()
