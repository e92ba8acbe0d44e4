"""The check every pseudo-language test relies on: it finds English that skipped the
translation layer wherever it stands, and nothing else."""

from __future__ import annotations

from backroutine.core.i18n import pseudo

from .pseudo_text import leftover


def test_english_anywhere_is_found():
    assert leftover("Hold") == "Hold"
    assert leftover(pseudo("Time for a break") + " now") == "now"  # glued to a message
    # Put into a message's placeholder, inside its brackets.
    assert leftover(pseudo("Next: {exercise}").format(exercise="the end")) == "the end"
    assert leftover(pseudo("Tags: {tags}").format(tags=pseudo("desk") + ", yoga")) == "yoga"


def test_translated_text_and_named_data_leave_nothing():
    assert leftover(pseudo("Picture: {name}").format(name="Side bend"), ["Side bend"]) == ""
    assert leftover(pseudo("&File")) == ""  # the mnemonic's letter stays plain
    assert leftover(pseudo("<b>Careful</b>: {note}").format(note="2:30")) == ""
    assert leftover("Side bend  ·  2:30  ·  12", ["Side bend"]) == ""


def test_a_message_cut_by_a_page_break_is_still_translated_text():
    text = pseudo("Sessions that were rated, newest first")
    cut = len(text) // 2
    assert leftover(text[:cut] + "\n\x0c" + text[cut:]) == ""


def test_data_is_taken_out_as_whole_words_only():
    assert leftover("desk-break", ["desk"]) == "break"
    assert leftover("Saved /home/a/x.yaml") == "Saved"  # a path, as the system writes it
    # A path with a space in it is named as data, whole.
    assert leftover("/home/a b/x.yaml") == "yaml"
    assert leftover("/home/a b/x.yaml", ["/home/a b/x.yaml"]) == ""
    assert leftover(pseudo("Saved {path}").format(path="/tmp/routines/x.yaml")) == ""
    assert leftover("C:\\Users\\a\\x.yaml ~/x.yaml ./x.yaml") == ""
