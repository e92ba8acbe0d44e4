"""The settings dialog's rows come from the settings table in the person's language:
tab titles, labels, tooltips, choices and units (the dialog's own words are its own)."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QTabWidget

from backroutine.core import i18n, settings_table
from backroutine.core.settings import Settings
from backroutine.ui.settings_dialog import SettingsDialog

from ..pseudo_text import leftover

NOWHERE = SimpleNamespace(how="nothing to ask here", available=False)


def _pseudo(text: str, *data: str) -> bool:
    """One whole pseudo-translated message, with no English glued to it or put into
    it (but the data named)."""
    whole = text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    return whole and not leftover(text, data)


def test_the_declared_rows_are_shown_in_the_persons_language(qtbot):
    i18n.set_language(i18n.PSEUDO)
    dialog = SettingsDialog(Settings(heads_up=0), {}, NOWHERE, NOWHERE)
    qtbot.addWidget(dialog)
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None and tabs.count() == 3
    assert all(_pseudo(tabs.tabText(index)) for index in range(tabs.count()))
    for key, row in dialog.rows.items():
        assert _pseudo(row.accessibleName()) and _pseudo(row.toolTip()), key
        if isinstance(row, QCheckBox):
            assert _pseudo(row.text()), key
        if isinstance(row, QComboBox) and key == "language":
            # "Follow the system", then each language named in itself, untranslated.
            names = [row.itemText(i) for i in range(1, row.count())]
            assert _pseudo(row.itemText(0))
            assert names == [i18n.language_name(code) for code in i18n.SHIPPED]
        elif isinstance(row, QComboBox):
            assert all(_pseudo(row.itemText(i)) for i in range(row.count())), key
    snooze = dialog.rows["snooze"]
    assert isinstance(snooze, QSpinBox)
    snooze.setValue(1)
    one = snooze.suffix()
    snooze.setValue(10)
    # The unit around the number is translated, in the form that fits the number.
    assert (
        _pseudo(snooze.prefix() + "{count}" + snooze.suffix(), "{count}") and snooze.suffix() != one
    )
    assert "10" in snooze.text()
    heads_up = dialog.rows["heads_up"]
    assert isinstance(heads_up, QSpinBox) and _pseudo(heads_up.text())  # "No heads-up"
    form = tabs.widget(0).layout()
    assert form.labelForField(snooze).text() == settings_table.declared("snooze").shown_label()
