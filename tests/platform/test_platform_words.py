"""What the platform modules tell a person (why a probe is missing, what to install)
goes through the translation layer, even what is written at import time."""

from __future__ import annotations

from backroutine.core import i18n
from backroutine.platform import SoundPlayers, services
from backroutine.platform.base import Services


def test_hints_and_reasons_are_translated_when_read():
    linux = services(system="linux")
    english = linux.speech_hint
    i18n.set_language(i18n.PSEUDO)
    assert linux.speech_hint.startswith(i18n.PSEUDO_OPEN) and linux.speech_hint != english
    assert linux.sound.install_hint.startswith(i18n.PSEUDO_OPEN)
    assert SoundPlayers().install_hint.startswith(i18n.PSEUDO_OPEN)
    nothing = Services(qt_platform="offscreen")
    assert nothing.idle.how.startswith(i18n.PSEUDO_OPEN) and "offscreen" in nothing.idle.how
    assert nothing.away_watch(nothing.idle).startswith(i18n.PSEUDO_OPEN)


def test_a_system_with_nothing_to_install_says_nothing():
    i18n.set_language(i18n.PSEUDO)
    assert services(system="win32").speech_hint == ""
