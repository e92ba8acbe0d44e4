"""What the voice says: whole messages in the language the voice speaks, and one
word (once) when it has no voice of the routine's language."""

from __future__ import annotations

from types import SimpleNamespace

from backroutine.core import i18n
from backroutine.core.engine import Cue, CueKind
from backroutine.core.model import Side
from backroutine.core.settings import Settings
from backroutine.core.timeline import Period, PeriodKind, Timeline
from backroutine.ui.cues import CuePlayer

PERIODS = (
    Period(PeriodKind.PREPARE, 5.0, 0, "Neck turn", 1, 1, Side.LEFT),
    Period(PeriodKind.HOLD, 10.0, 0, "Neck turn", 1, 1, Side.LEFT),
    Period(PeriodKind.SWITCH_SIDES, 3.0, 0, "Neck turn", 1, 1, Side.RIGHT),
    Period(PeriodKind.HOLD, 10.0, 0, "Neck turn", 1, 1, Side.RIGHT),
    Period(PeriodKind.HOLD, 10.0, 1, "Bridge", 1, 1),
)
TIMELINE = Timeline(PERIODS, 38.0, 0)


class FakeSound:
    available = True
    unavailable_reason = None
    enabled = True
    volume = 1.0

    def prepare(self) -> None:
        pass

    def play(self, name: str) -> None:
        pass


class FakeVoice:
    """Stands in for Voice: records what it was asked to say and in what language."""

    available = True
    unavailable_reason = None

    def __init__(self, has_voice_for: tuple[str, ...] = ("en",)) -> None:
        self.enabled = True
        self.has_voice_for = has_voice_for
        self.asked = ""
        self.said: list[str] = []

    def speak_in(self, language: str) -> None:
        self.asked = language

    def prepare(self) -> None:
        pass

    def say(self, text: str) -> None:
        self.said.append(text)

    @property
    def language(self) -> str:
        wanted = self.asked or i18n.language()
        lookup = "en" if wanted == i18n.PSEUDO else wanted
        return wanted if lookup in self.has_voice_for else "en"

    @property
    def language_note(self) -> str | None:
        if self.language == (self.asked or i18n.language()):
            return None
        return f"No voice for {self.asked}"


def every_cue() -> list[Cue]:
    starts = [Cue(CueKind.PERIOD_START, index, 0.0) for index in range(len(PERIODS))]
    return [*starts, Cue(CueKind.COMPLETE, len(PERIODS), 0.0)]


def test_announcements_in_english_by_default() -> None:
    voice = FakeVoice()
    cues = CuePlayer(Settings(), FakeSound(), voice)

    cues.play(every_cue(), TIMELINE)

    assert voice.said == ["Neck turn, left side", "Switch sides", "Bridge", "Done"]


def test_every_announcement_goes_through_the_translation_layer() -> None:
    i18n.set_language(i18n.PSEUDO)
    voice = FakeVoice()
    cues = CuePlayer(Settings(), FakeSound(), voice)
    cues.prepare(SimpleNamespace(language=i18n.PSEUDO))

    cues.play(every_cue(), TIMELINE)

    fixed = [said for said in voice.said if said != "Bridge"]  # a name from the routine
    assert len(fixed) == 3
    assert all(said.startswith("⟦") and said.endswith("⟧") for said in fixed), fixed
    assert "Neck turn" in fixed[0]  # the exercise's own name, in the message


def test_announcements_follow_the_voices_language_not_the_windows() -> None:
    voice = FakeVoice()
    cues = CuePlayer(Settings(), FakeSound(), voice)
    cues.prepare(SimpleNamespace(language=i18n.PSEUDO))

    cues.play([Cue(CueKind.PERIOD_START, 2, 0.0)], TIMELINE)

    assert i18n.language() == i18n.ENGLISH
    assert voice.said[0].startswith("⟦") and "Switch" not in voice.said[0]


def test_the_routines_language_reaches_the_voice() -> None:
    voice = FakeVoice()
    cues = CuePlayer(Settings(), FakeSound(), voice)

    cues.prepare(SimpleNamespace(language="de"))
    assert voice.asked == "de"
    cues.prepare(SimpleNamespace(name="a routine of plain strings"))
    assert voice.asked == i18n.language()


def test_no_voice_for_the_routines_language_is_told_once() -> None:
    voice = FakeVoice(has_voice_for=("en",))
    cues = CuePlayer(Settings(), FakeSound(), voice)
    told: list[str] = []
    cues.prepare(SimpleNamespace(language="de"), told.append)

    for _ in range(5):
        cues.play(every_cue(), TIMELINE)
    cues.prepare(SimpleNamespace(language="de"), told.append)
    cues.play(every_cue(), TIMELINE)

    assert told == ["No voice for de"]
    assert voice.said[:4] == ["Neck turn, left side", "Switch sides", "Bridge", "Done"]


def test_a_voice_turned_off_says_nothing_and_tells_nothing() -> None:
    voice = FakeVoice(has_voice_for=())
    cues = CuePlayer(Settings(voice=False), FakeSound(), voice)
    told: list[str] = []
    cues.prepare(SimpleNamespace(language="de"), told.append)

    cues.play(every_cue(), TIMELINE)

    assert voice.said == [] and told == []
