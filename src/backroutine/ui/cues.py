"""What the player's cues sound like: a cue sound, and a few spoken words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..core import i18n
from ..core.engine import Cue, CueKind
from ..core.i18n import Translator, _
from ..core.model import Side
from ..core.phrases import SWITCH_SIDES
from ..core.settings import Settings
from ..core.timeline import Period, PeriodKind, Timeline

if TYPE_CHECKING:
    from ..core.model import Routine
    from .sound import SoundCues
    from .voice import Voice

# When several cues fall due at once (a hold ends as a rest starts), one sound plays.
_PRIORITY = {"complete": 4, "start": 3, "end": 2, "tick": 1}


def announcement(
    periods: Sequence[Period], index: int, words: Translator | None = None
) -> str | None:
    """The words to say as period `index` starts, if any, in the language of words
    (the voice's; by default the app's)."""
    t = words or i18n.translator(i18n.language())
    period = periods[index]
    if period.kind is PeriodKind.SWITCH_SIDES:
        return t._(SWITCH_SIDES)
    previous = periods[index - 1] if index > 0 else None
    first_of_step = previous is None or previous.step_index != period.step_index
    if not (period.exercise and first_of_step):
        return None
    if period.side is Side.LEFT:
        # Translators: said aloud as an exercise starts on the person's left side;
        # {exercise} is its name.
        return t._("{exercise}, left side").format(exercise=period.exercise)
    if period.side is Side.RIGHT:
        # Translators: said aloud as an exercise starts on the person's right side.
        return t._("{exercise}, right side").format(exercise=period.exercise)
    return period.exercise


def finished(words: Translator) -> str:
    # Translators: said aloud when the whole routine is finished.
    return words.pgettext("voice", "Done")


def sound_for(cue: Cue, periods: Sequence[Period]) -> str | None:
    if cue.kind is CueKind.COMPLETE:
        return "complete"
    if cue.kind is CueKind.TICK:
        return "tick"
    period = periods[cue.period_index] if cue.period_index < len(periods) else None
    if period is None or not period.kind.is_work:
        return None
    return "start" if cue.kind is CueKind.PERIOD_START else "end"


class CuePlayer:
    """Plays the engine's cues; each part says why when it cannot."""

    def __init__(
        self, settings: Settings, sound: SoundCues | None = None, voice: Voice | None = None
    ) -> None:
        if sound is None:
            from .sound import SoundCues

            sound = SoundCues()
        if voice is None:
            from .voice import Voice

            voice = Voice()
        self.sound = sound
        self.voice = voice
        self._words = i18n.translator(voice.language)
        self._tell: Callable[[str], None] | None = None
        self._told: set[str] = set()
        self.apply(settings)

    def apply(self, settings: Settings) -> None:
        self.sound.enabled = settings.sound
        self.sound.volume = settings.volume / 100
        self.voice.enabled = settings.voice
        self._wanted_sound = settings.sound

    @property
    def sound_available(self) -> bool:
        return self.sound.available

    @property
    def sound_reason(self) -> str:
        return self.sound.unavailable_reason or ""

    @property
    def voice_available(self) -> bool:
        return self.voice.available

    @property
    def voice_reason(self) -> str:
        return self.voice.unavailable_reason or ""

    @property
    def notices(self) -> list[str]:
        """Said once, when the app opens: why a cue the person asked for will be silent."""
        if self._wanted_sound and not self.sound.available:
            return [_("Sound cues are off: {reason}.").format(reason=self.sound_reason)]
        return []

    def prepare(
        self, routine: Routine | None = None, tell: Callable[[str], None] | None = None
    ) -> None:
        """Warm up the sound player and speech engine, so the first cue is on time; the
        voice speaks the routine's language, and tell hears (once) when it cannot."""
        self.sound.prepare()
        if routine is not None:
            # Routine.language: the language its texts were picked in (None: the app's).
            self.voice.speak_in(getattr(routine, "language", None) or i18n.language())
        self._tell = tell
        if self.voice.enabled:
            self.voice.prepare()

    def _voice_words(self) -> Translator:
        """The messages of the language the voice speaks; and its note, said once."""
        note = self.voice.language_note
        if note and note not in self._told and self._tell is not None:
            self._told.add(note)
            self._tell(note)
        if self._words.language != (i18n.shipped_match(self.voice.language) or i18n.ENGLISH):
            self._words = i18n.translator(self.voice.language)
        return self._words

    def play(self, cues: Sequence[Cue], timeline: Timeline) -> None:
        periods = timeline.periods
        sounds = [name for cue in cues if (name := sound_for(cue, periods))]
        if sounds:
            self.sound.play(max(sounds, key=_PRIORITY.__getitem__))
        if not self.voice.enabled:
            return
        words = self._voice_words()
        for cue in cues:
            if cue.kind is CueKind.COMPLETE:
                self.voice.say(finished(words))
            elif cue.kind is CueKind.PERIOD_START and cue.period_index < len(periods):
                said = announcement(periods, cue.period_index, words)
                if said:
                    self.voice.say(said)
