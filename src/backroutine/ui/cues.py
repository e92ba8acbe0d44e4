"""What the player's cues sound like: a cue sound, and a few spoken words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.engine import Cue, CueKind
from ..core.phrases import SWITCH_SIDES
from ..core.settings import Settings
from ..core.timeline import Period, PeriodKind, Timeline

if TYPE_CHECKING:
    from .sound import SoundCues
    from .voice import Voice

# When several cues fall due at once (a hold ends as a rest starts), one sound plays.
_PRIORITY = {"complete": 4, "start": 3, "end": 2, "tick": 1}


def announcement(periods: Sequence[Period], index: int) -> str | None:
    """The words to say as period `index` starts, if any."""
    period = periods[index]
    if period.kind is PeriodKind.SWITCH_SIDES:
        return SWITCH_SIDES
    previous = periods[index - 1] if index > 0 else None
    first_of_step = previous is None or previous.step_index != period.step_index
    if period.exercise and first_of_step:
        side = f", {period.side.value} side" if period.side else ""
        return f"{period.exercise}{side}"
    return None


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
            return [f"Sound cues are off: {self.sound_reason}."]
        return []

    def prepare(self) -> None:
        """Warm up the sound player and speech engine, so the first cue is on time."""
        self.sound.prepare()
        if self.voice.enabled:
            self.voice.prepare()

    def play(self, cues: Sequence[Cue], timeline: Timeline) -> None:
        periods = timeline.periods
        sounds = [name for cue in cues if (name := sound_for(cue, periods))]
        if sounds:
            self.sound.play(max(sounds, key=_PRIORITY.__getitem__))
        for cue in cues:
            if cue.kind is CueKind.COMPLETE:
                self.voice.say("Done")
            elif cue.kind is CueKind.PERIOD_START and cue.period_index < len(periods):
                words = announcement(periods, cue.period_index)
                if words:
                    self.voice.say(words)
