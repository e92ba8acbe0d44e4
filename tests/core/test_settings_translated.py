"""The settings speak the person's language: labels, help, tabs, choices, units and
the refusals of a bad settings.yaml, with the file's own words kept as written."""

from __future__ import annotations

from backroutine.core import i18n, settings_table
from backroutine.core.settings import read_settings
from backroutine.core.settings_table import Kind

from ..pseudo_text import leftover


def _pseudo(text: str, *data: str) -> bool:
    """One whole pseudo-translated message, with no English glued to it or put into
    it (but the data named)."""
    whole = text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    return whole and not leftover(text, data)


def test_everything_the_dialog_and_menus_show_of_a_setting_is_translated():
    i18n.set_language(i18n.PSEUDO)
    shown = [s for s in settings_table.SETTINGS if s.section]
    assert shown
    for setting in shown:
        assert _pseudo(setting.shown_label()), setting.key
        assert _pseudo(setting.shown_help()), setting.key
        assert _pseudo(settings_table.section_title(setting.section)), setting.key
        for choice in setting.choices:
            assert _pseudo(choice.shown_label()), (setting.key, choice.value)
        if setting.off:
            assert _pseudo(setting.shown_off()), setting.key
    theme = settings_table.declared("theme")
    assert _pseudo(theme.shown_label_of("dark")) and theme.label_of("dark") == "Dark"


def test_a_number_and_its_unit_take_the_form_that_fits_the_number():
    snooze = settings_table.declared("snooze")
    assert (snooze.amount(1), snooze.amount(10)) == ("1 minute", "10 minutes")
    assert settings_table.declared("volume").amount(80) == "80 %"
    i18n.set_language(i18n.PSEUDO)
    one, ten = snooze.amount(1), snooze.amount(10)
    assert _pseudo(one) and _pseudo(ten) and one != ten
    assert "1" in one and "10" in ten
    # The dialog puts the number between what comes before and after it.
    assert "{count}" in snooze.amount_template(10)


def test_a_bad_value_is_refused_in_the_persons_language_with_the_files_words_intact(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"# mine\ntheme: purple\nvolume: 101\nwobble: 1\n")
    i18n.set_language(i18n.PSEUDO)
    read = read_settings(path)
    theme, volume, unknown = read.problems
    # The file's own words stay as it writes them: its keys, values and choices.
    written = ("theme", "purple", "system", "light", "dark", "volume", "wobble")
    assert all(_pseudo(p.message, *written) for p in read.problems)
    # The keys and words of the file are not translated: they are what to write.
    assert "theme" in theme.message and "system, light, dark" in theme.message
    assert "volume" in volume.message and "0" in volume.message and "100" in volume.message
    assert "wobble" in unknown.message
    notice = read.notice()
    assert str(path) in notice and "2" in notice and i18n.PSEUDO_OPEN in notice
    assert "Some of" not in notice  # no English sentence left around the problems


def test_what_a_value_must_be_is_said_in_the_persons_language():
    i18n.set_language(i18n.PSEUDO)
    for setting in settings_table.SETTINGS:
        # An example is written as settings.yaml writes it ("[mon, tue]").
        written = [setting.example, *(str(c.value) for c in setting.choices)]
        assert _pseudo(setting.allowed(), *written), setting.key
    assert _pseudo(Kind.SWITCH.shown())
    # The docs are written with the English layer: the same words as ever.
    i18n.set_language(i18n.ENGLISH)
    assert settings_table.declared("heads_up").allowed() == "a whole number from 0 to 15 minutes"
