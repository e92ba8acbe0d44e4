"""Messages made whole for translators: a text's language the editor's form cannot
show, and a routine's name numbered to tell it from another."""

from __future__ import annotations

import pytest

from backroutine.core import i18n
from backroutine.core.draft import DraftError, draft_from_text
from backroutine.core.import_plan import free_name


def test_a_language_the_form_cannot_show_is_said_in_the_persons_language():
    i18n.set_language(i18n.PSEUDO)
    with pytest.raises(DraftError) as failed:
        draft_from_text("name:\n  ? [de]\n  : Hallo\nsteps: []\n")
    message = failed.value.message
    assert (failed.value.line, failed.value.column) == (2, 5)
    assert message.startswith(i18n.PSEUDO_OPEN)
    assert "'name'" in message  # the routine format's key, kept as it is


def test_a_numbered_name_is_one_message_a_translator_can_reorder():
    i18n.set_language(i18n.PSEUDO)
    numbered = free_name("Neck", ["Neck"])
    assert numbered.startswith(i18n.PSEUDO_OPEN) and "Neck" in numbered and "2" in numbered


def test_a_long_name_is_cut_so_that_its_number_still_shows():
    name = "Stretch " * 20
    numbered = free_name(name, [name.strip()])
    assert len(numbered) <= 80 and numbered.endswith(" (2)")
    assert free_name(name, [name.strip(), numbered]).endswith(" (3)")
