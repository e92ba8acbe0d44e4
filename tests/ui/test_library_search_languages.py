"""The library's search against texts in other scripts and with invisible
characters: a soft hyphen in a German name, direction marks and vowel signs in
Arabic, Japanese written in half-width letters."""

from __future__ import annotations

import pytest

from backroutine.ui.library import fold

from .test_player import write_user_routine


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("Hüft\u00adbeuger dehnen", "hüftbeuger"),  # a soft hyphen, for line breaks
        ("تمرين\u200f الجسر", "تمرين الجسر"),  # a right-to-left mark after a word
        ("تَمْرِين", "تمرين"),  # vowel signs
        ("ﾌﾞﾘｯｼﾞ", "ブリッジ"),  # half-width katakana
        ("Bridge", "\u200fbridge"),  # a mark typed along with the word
    ],
)
def test_a_word_is_found_whatever_invisible_marks_either_side_holds(name, typed):
    assert all(word in fold(name) for word in fold(typed).split())


def test_the_library_finds_an_arabic_name_with_direction_marks(window, qtbot, home):
    text = "format: 1\nname: {ar: 'تمرين\u200f الجسر', en: Bridge drill}\nsteps:\n"
    write_user_routine(home, "bridge-drill.yaml", text + "  - exercise: B\n    hold: 5s\n")
    window.reload()
    qtbot.keyClicks(window.search, "drill")
    assert window.library_page.filter.rowCount() == 1
    window.search.clear()
    window.search.setText("\u00adDrill")
    assert window.library_page.filter.rowCount() == 1
