"""The tray's words for a moment: a time today, tomorrow, a weekday or a date, so that
a break on Monday morning is never read, on Friday evening, as one later tonight."""

from __future__ import annotations

from datetime import datetime, timezone

from backroutine.core import i18n
from backroutine.core.when import next_break_text, paused_until_text, said_until, said_when

from ..clocks import BERLIN

FRIDAY_EVENING = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def test_today_is_a_time_and_later_days_say_which_day():
    assert said_when(at(27, 18, 45), FRIDAY_EVENING, BERLIN) == "at 18:45"
    assert said_when(at(28, 9), FRIDAY_EVENING, BERLIN) == "tomorrow at 09:00"
    assert said_when(at(28, 0), FRIDAY_EVENING, BERLIN) == "tomorrow"  # paused until then
    assert said_when(at(30, 9), FRIDAY_EVENING, BERLIN) == "on Monday at 09:00"
    assert said_when(datetime(2026, 12, 7, 9, tzinfo=BERLIN), FRIDAY_EVENING, BERLIN) == (
        "on 7 Dec 2026 at 09:00"
    )


def test_days_and_times_are_written_as_the_persons_locale_writes_them():
    i18n.set_language("de")
    assert said_when(at(30, 9), FRIDAY_EVENING, BERLIN).count("Montag") == 1
    assert "07.12.2026" in said_when(
        datetime(2026, 12, 7, 9, tzinfo=BERLIN), FRIDAY_EVENING, BERLIN
    )
    i18n.set_language("en", "en_US")
    assert "9:00" in said_when(at(28, 9), FRIDAY_EVENING, BERLIN)
    assert "AM" in said_when(at(28, 9), FRIDAY_EVENING, BERLIN)


def test_the_day_is_the_persons_day_not_the_computers():
    late = datetime(2026, 11, 27, 22, 30, tzinfo=timezone.utc)  # 23:30 in Berlin
    after_midnight_in_berlin = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)
    assert said_when(after_midnight_in_berlin, late, BERLIN) == "tomorrow at 00:30"
    assert said_when(late, late, BERLIN) == "at 23:30"


def test_until_says_the_same_moments_without_a_preposition_of_its_own():
    assert said_until(at(27, 18, 45), FRIDAY_EVENING, BERLIN) == "18:45"
    assert said_until(at(28, 0), FRIDAY_EVENING, BERLIN) == "tomorrow"
    assert said_until(at(28, 9), FRIDAY_EVENING, BERLIN) == "tomorrow at 09:00"
    assert said_until(at(30, 9), FRIDAY_EVENING, BERLIN) == "Monday at 09:00"


def test_the_tray_s_lines_are_whole_sentences_in_the_person_s_language():
    i18n.set_language(i18n.PSEUDO)
    lines = [
        next_break_text(at(30, 9), FRIDAY_EVENING, BERLIN),
        next_break_text(at(28, 9), FRIDAY_EVENING, BERLIN),
        paused_until_text(at(27, 19), FRIDAY_EVENING, BERLIN),
        paused_until_text(at(28, 0), FRIDAY_EVENING, BERLIN),
    ]
    for line in lines:
        # One message holding the day and time, never pieces glued: "⟦...⟧ ⟦...⟧".
        assert line.startswith(i18n.PSEUDO_OPEN) and line.endswith("~" + i18n.PSEUDO_CLOSE)
        assert i18n.PSEUDO_CLOSE + " " + i18n.PSEUDO_OPEN not in line
    assert i18n.pseudo("Monday") in lines[0]
