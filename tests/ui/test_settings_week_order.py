"""The working days in Settings start the week where the person's locale does, as
the calendar and the editor's days do; the settings file keeps Monday first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHBoxLayout

from backroutine.core import i18n
from backroutine.core.settings import Settings
from backroutine.platform import Probe
from backroutine.ui.settings_dialog import SettingsDialog

NOWHERE = Probe("no probe in tests", None)
WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def shown_days(dialog: SettingsDialog) -> list[str]:
    """The day boxes in the order they stand in their row (from the start of the
    line: the left, or the right in Arabic)."""
    by_box = {box: day for day, box in dialog.days.items()}
    [row] = [r for r in dialog.findChildren(QHBoxLayout) if r.indexOf(dialog.days["mon"]) >= 0]
    placed = [by_box.get(row.itemAt(index).widget()) for index in range(row.count())]
    days = [day for day in placed if day]
    assert len(days) == len(WEEK)
    return days


@pytest.mark.parametrize(
    ("language", "formats", "first"),
    [("en", "en_US", "sun"), ("de", "de_DE", "mon"), ("ar", "ar_EG", "sat")],
)
def test_the_working_days_start_on_the_locales_first_day(qtbot, language, formats, first):
    i18n.set_language(language, formats)
    dialog = SettingsDialog(Settings(work_days=("mon", "sun")), {}, NOWHERE, NOWHERE)
    qtbot.addWidget(dialog)

    shown = shown_days(dialog)
    assert shown[0] == first
    assert shown == [*WEEK[WEEK.index(first) :], *WEEK[: WEEK.index(first)]]
    assert dialog.days["mon"].text() == i18n.day_name(0, "abbreviated")


def test_the_days_chosen_are_written_monday_first_whatever_the_order_shown(qtbot):
    i18n.set_language("en", "en_US")  # the week starts on Sunday
    dialog = SettingsDialog(Settings(work_days=("mon", "sun")), {}, NOWHERE, NOWHERE)
    qtbot.addWidget(dialog)
    dialog.days["sat"].setChecked(True)

    assert dialog.values()["work_days"] == ("mon", "sat", "sun")
