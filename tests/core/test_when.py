"""The tray's words for a moment: a time today, tomorrow, a weekday or a date, so that
a break on Monday morning is never read, on Friday evening, as one later tonight."""

from __future__ import annotations

from datetime import datetime, timezone

from backroutine.core import i18n
from backroutine.core.when import next_break_text, paused_until_text

from ..clocks import BERLIN

FRIDAY_EVENING = datetime(2026, 11, 27, 18, 0, tzinfo=BERLIN)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def next_break(moment: datetime, now: datetime = FRIDAY_EVENING) -> str:
    return next_break_text(moment, now, BERLIN)


def test_today_is_a_time_and_later_days_say_which_day():
    assert next_break(at(27, 18, 45)) == "Next break at 18:45"
    assert next_break(at(28, 9)) == "Next break tomorrow at 09:00"
    assert next_break(at(28, 0)) == "Next break tomorrow"  # midnight beginning tomorrow
    assert next_break(at(30, 9)) == "Next break on Monday at 09:00"
    assert next_break(datetime(2026, 12, 7, 9, tzinfo=BERLIN)) == (
        "Next break on 7 Dec 2026 at 09:00"
    )


def test_days_and_times_are_written_as_the_persons_locale_writes_them():
    i18n.set_language("de")
    assert next_break(at(30, 9)).count("Montag") == 1
    assert "07.12.2026" in next_break(datetime(2026, 12, 7, 9, tzinfo=BERLIN))
    i18n.set_language("en", "en_US")
    assert "9:00" in next_break(at(28, 9))
    assert "AM" in next_break(at(28, 9))


def test_the_day_is_the_persons_day_not_the_computers():
    late = datetime(2026, 11, 27, 22, 30, tzinfo=timezone.utc)  # 23:30 in Berlin
    after_midnight_in_berlin = datetime(2026, 11, 27, 23, 30, tzinfo=timezone.utc)
    assert next_break(after_midnight_in_berlin, late) == "Next break tomorrow at 00:30"
    assert next_break(late, late) == "Next break at 23:30"


def test_a_pause_says_the_same_moments_until_its_end():
    def until(moment: datetime) -> str:
        return paused_until_text(moment, FRIDAY_EVENING, BERLIN)

    assert until(at(27, 18, 45)) == "Reminders paused until 18:45"
    assert until(at(28, 0)) == "Reminders paused until tomorrow"
    assert until(at(28, 9)) == "Reminders paused until tomorrow at 09:00"
    assert until(at(30, 9)) == "Reminders paused until Monday at 09:00"


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
