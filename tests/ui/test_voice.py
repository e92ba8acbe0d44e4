"""Spoken announcements: new words cut off old ones; a missing or broken engine means quiet."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QLocale

from backroutine.core import i18n

QtTextToSpeech = pytest.importorskip(
    "PySide6.QtTextToSpeech",
    reason="Qt's text-to-speech module needs libpulse0 (scripts/system-packages test installs it)",
    exc_type=ImportError,
)
QTextToSpeech = QtTextToSpeech.QTextToSpeech

from backroutine.ui import voice  # noqa: E402 (after the check above)
from backroutine.ui.voice import (  # noqa: E402
    Speaker,
    Voice,
    open_engine,
    pick_locale,
    speech_language,
)

State = QTextToSpeech.State
WAIT_MS = 20_000  # a child process that loads PySide6 on a busy machine


class FakeEngine:
    """Stands in for QTextToSpeech: records calls and speaks until stopped."""

    def __init__(self, state=State.Ready, name="speechd", error="", locales=("en_GB",)) -> None:
        self._state = state
        self._name = name
        self._error = error
        self._locales = [QLocale(name) for name in locales]
        self._locale = self._locales[0]
        self.calls: list[tuple[str, object]] = []

    def availableLocales(self):
        return list(self._locales)

    def locale(self):
        return self._locale

    def setLocale(self, locale) -> None:
        self.calls.append(("setLocale", locale.name()))
        self._locale = locale

    def state(self):
        return self._state

    def engine(self) -> str:
        return self._name

    def errorString(self) -> str:
        return self._error

    def stop(self, hint=None) -> None:
        self.calls.append(("stop", hint))
        self._state = State.Ready

    def say(self, text: str) -> None:
        self.calls.append(("say", text))
        self._state = State.Speaking


@pytest.fixture
def no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail loudly if a speech process is started."""

    def popen(*args, **kwargs):
        raise AssertionError("no speech process should start")

    monkeypatch.setattr(voice.subprocess, "Popen", popen)


def test_no_engine_means_unavailable_with_a_reason_and_say_does_nothing(
    monkeypatch, no_child
) -> None:
    monkeypatch.setattr(voice, "available_engines", lambda: [])
    speech = Voice()

    speech.say("Bridge")  # neither raises nor starts anything

    assert not speech.available
    assert (speech.unavailable_reason or "").startswith("no speech engine found")


def test_speechd_without_speech_dispatcher_counts_as_no_engine(monkeypatch, no_child) -> None:
    def qt_plugins():
        return ["mock", "speechd"]

    def nothing_installed(program):
        return None

    def all_installed(program):
        return f"/usr/bin/{program}"

    engines_here = voice.available_engines
    assert engines_here(qt_plugins, nothing_installed) == []
    assert engines_here(qt_plugins, all_installed) == ["speechd"]

    monkeypatch.setattr(
        voice, "available_engines", lambda: engines_here(qt_plugins, nothing_installed)
    )
    speech = Voice()
    assert not speech.available
    assert (speech.unavailable_reason or "").startswith("no speech engine found")


def test_turned_off_voice_starts_nothing(monkeypatch, no_child) -> None:
    monkeypatch.setattr(voice, "available_engines", lambda: ["speechd"])
    speech = Voice()
    speech.enabled = False

    speech.say("Bridge")

    assert speech.available
    assert speech.last_spoken is None


def test_a_new_announcement_stops_the_one_being_spoken() -> None:
    engine = FakeEngine()
    reports: list[tuple[str, str]] = []
    speaker = Speaker(engine, lambda kind, detail: reports.append((kind, detail)))

    speaker.say("Bridge")
    speaker.say("Switch sides")

    assert engine.calls == [
        ("say", "Bridge"),
        ("stop", QTextToSpeech.BoundaryHint.Immediate),
        ("say", "Switch sides"),
    ]
    assert reports == [("said", "Bridge"), ("said", "Switch sides")]


def test_an_engine_in_its_error_state_is_reported_not_used() -> None:
    broken = FakeEngine(State.Error, name="", error="Text to speech engine not initialized")

    engine, reason = open_engine("speechd", make=lambda name: broken)

    assert engine is None
    assert reason is not None
    assert "did not start" in reason
    assert "Text to speech engine not initialized" in reason


def test_qts_silent_test_engine_is_never_chosen_by_itself() -> None:
    engine, reason = open_engine(None, make=lambda name: FakeEngine(name="mock"), engines=list)

    assert engine is None
    assert (reason or "").startswith("no speech engine found")


def test_speaks_through_a_real_engine_process(qtbot) -> None:
    speech = Voice("mock")  # Qt's test engine: goes through every step but makes no sound

    speech.say("Bridge")
    qtbot.waitUntil(lambda: speech.last_spoken == "Bridge", timeout=WAIT_MS)
    speech.say("  Done \n")
    qtbot.waitUntil(lambda: speech.last_spoken == "Done", timeout=WAIT_MS)

    assert speech.available
    speech.close()


def test_an_engine_that_fails_to_start_turns_voice_off_with_its_reason(qtbot) -> None:
    speech = Voice("no-such-engine")

    speech.say("Bridge")
    qtbot.waitUntil(lambda: not speech.available, timeout=WAIT_MS)

    assert "did not start" in (speech.unavailable_reason or "")
    speech.close()


def test_an_engine_that_stops_answering_is_turned_off_and_ended(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(voice, "START_LIMIT", -1.0)  # any wait at all is too long
    silent_child = [sys.executable, "-c", "import sys; sys.stdin.read()"]
    speech = Voice("speechd", command=silent_child)

    speech.say("Bridge")
    speech.say("Done")

    assert not speech.available
    assert speech.unavailable_reason == "the speech engine is not responding"
    process = speech._process
    assert process is not None
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=WAIT_MS)


def test_a_speech_process_that_cannot_start_turns_voice_off(monkeypatch) -> None:
    monkeypatch.setattr(voice, "available_engines", lambda: ["speechd"])
    speech = Voice(command=["/nonexistent/speech-program"])

    speech.say("Bridge")  # must not raise

    assert not speech.available
    assert "speech failed" in (speech.unavailable_reason or "")


def test_the_engine_takes_a_voice_of_the_routines_language_when_it_has_one() -> None:
    engine = FakeEngine(locales=("en_GB", "de_AT", "de_DE", "pt_BR"))
    reports: list[tuple[str, str]] = []
    speaker = Speaker(engine, lambda kind, detail: reports.append((kind, detail)))

    speaker.use_language("de_DE")
    speaker.use_language("pt")
    speaker.use_language("en")

    assert [call for call in engine.calls if call[0] == "setLocale"] == [
        ("setLocale", "de_DE"),
        ("setLocale", "pt_BR"),
        ("setLocale", "en_GB"),
    ]
    assert reports == [
        ("language", "de_DE\t1\tde_DE"),
        ("language", "pt\t1\tpt_BR"),
        ("language", "en\t1\ten_GB"),
    ]


def test_without_a_voice_of_the_language_the_engine_speaks_english_and_says_so() -> None:
    engine = FakeEngine(locales=("fi_FI", "en_US"))
    reports: list[tuple[str, str]] = []
    speaker = Speaker(engine, lambda kind, detail: reports.append((kind, detail)))

    speaker.use_language("ja")

    assert engine.locale().name() == "en_US"
    assert reports == [("language", "ja\t0\ten_US")]


def test_a_locale_of_the_language_is_chosen_by_region_first_then_the_current_one() -> None:
    available = ["en_GB", "en_US", "zh_TW", "zh_CN", "pt_PT"]
    assert pick_locale("en_US", available, "en_GB") == "en_US"
    assert pick_locale("en", available, "en_US") == "en_US"
    assert pick_locale("zh_CN", available) == "zh_CN"
    assert pick_locale("pt_BR", available) == "pt_PT"
    assert pick_locale("ar", available) is None


@pytest.mark.parametrize("code", ["", "de\tsay\tboo", "x" * 300, "\u202eede", "../de"])
def test_a_routines_odd_language_code_means_the_apps_language(code: str) -> None:
    assert speech_language(code) == i18n.language()


def test_a_routines_language_is_looked_for_as_it_is_written() -> None:
    assert speech_language("pt-br") == "pt_BR"
    assert speech_language("de") == "de"


def test_the_speech_process_says_once_which_language_it_has_no_voice_for(qtbot) -> None:
    # Qt's test engine has English, Norwegian and Finnish voices: no German one.
    speech = Voice("mock")
    speech.speak_in("de")
    speech.say("Bridge")
    qtbot.waitUntil(lambda: speech.language_note is not None, timeout=WAIT_MS)

    note = speech.language_note or ""
    assert "Deutsch" in note and "English" in note
    assert speech.language == "en"  # the announcements are written in English, then

    speech.speak_in("fi")
    qtbot.waitUntil(lambda: speech.language == "fi", timeout=WAIT_MS)
    assert speech.language_note is None
    speech.say("Silta")
    qtbot.waitUntil(lambda: speech.last_spoken == "Silta", timeout=WAIT_MS)
    speech.close()


def test_the_note_is_in_the_apps_language_and_pseudo_speaks_through_english(qtbot) -> None:
    i18n.set_language(i18n.PSEUDO)
    speech = Voice("mock")
    speech.speak_in(i18n.PSEUDO)  # looked for as English, so the mock engine has it
    speech.say("Bridge")
    qtbot.waitUntil(lambda: speech.last_spoken == "Bridge", timeout=WAIT_MS)
    assert speech.language == i18n.PSEUDO and speech.language_note is None

    speech.speak_in("ja")
    qtbot.waitUntil(lambda: speech.language_note is not None, timeout=WAIT_MS)
    assert (speech.language_note or "").startswith(i18n.PSEUDO_OPEN)
    speech.close()
