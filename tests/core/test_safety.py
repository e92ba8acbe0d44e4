"""The pain advice: a calm word when pain after a session is clearly up, and silence otherwise."""

from __future__ import annotations

import pytest

from backroutine.core import i18n, safety
from backroutine.core.safety import hurt_advice, pain_advice

from ..pseudo_text import leftover


@pytest.mark.parametrize(("before", "after"), [(3, 5), (0, 2), (None, 7), (2, 9), (8, 8), (1, 10)])
def test_a_rise_of_two_or_pain_of_seven_calls_for_advice(before, after):
    advice = pain_advice(before, after)
    assert "tell your clinician" in advice
    assert "numbness or weakness" in advice  # the red flags that need care at once


@pytest.mark.parametrize(("before", "after"), [(3, 4), (5, 3), (None, 6), (4, None), (6, 6)])
def test_no_advice_for_steady_or_easing_pain(before, after):
    assert pain_advice(before, after) == ""


def test_the_advice_says_what_changed():
    assert pain_advice(3, 6).startswith("Your pain went up from 3 to 6.")
    assert pain_advice(None, 8).startswith("Your pain is 8 out of 10")


def _pseudo(text: str, *data: str) -> bool:
    """One whole pseudo-translated message, with no English glued to it or put into
    it (but the data named)."""
    whole = text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    return whole and not leftover(text, data)


def test_the_guidance_is_translated_whole_with_the_pain_numbers_intact():
    i18n.set_language(i18n.PSEUDO)
    opening, _space, rest = pain_advice(3, 6).partition(i18n.PSEUDO_CLOSE)
    assert _pseudo(opening + i18n.PSEUDO_CLOSE) and "3" in opening and "6" in opening
    assert _pseudo(rest.strip())  # the advice itself: one whole paragraph
    high = pain_advice(None, 8)
    assert "8" in high and "10" in high and i18n.PSEUDO_OPEN in high
    name = "Cat-cow \u202e{name}\x00"  # braces, right-to-left, NUL: kept as written
    assert _pseudo(hurt_advice(name), name) and name in hurt_advice(name)


def test_the_notice_and_each_red_flag_are_in_the_persons_language():
    i18n.set_language(i18n.PSEUDO)
    assert _pseudo(safety.title())
    flags = safety.red_flags()
    assert len(flags) == len(safety.RED_FLAGS) and all(_pseudo(flag) for flag in flags)
    paragraphs = safety.notice_text().split("\n\n")
    assert [_pseudo(p) for p in paragraphs[:2]] == [True, True]
    heading, *items = paragraphs[2].split("\n")
    assert _pseudo(heading) and all(_pseudo(item.strip(" •")) for item in items)
    banner = safety.banner_text()
    assert _pseudo(banner) and all(flag in banner for flag in flags)
    assert "medical advice" not in banner  # no English left in it
