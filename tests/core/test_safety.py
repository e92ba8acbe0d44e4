"""The pain advice: a calm word when pain after a session is clearly up, and silence otherwise."""

from __future__ import annotations

import pytest

from backroutine.core.safety import pain_advice


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
