"""The working hours in Settings read hours then minutes, in Arabic too, where the
rest of the dialog runs right to left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from backroutine.core import i18n
from backroutine.core.settings import Settings
from backroutine.platform import Probe
from backroutine.ui.language import use_language
from backroutine.ui.settings_dialog import SettingsDialog

NOWHERE = Probe("no probe in tests", None)
# Arabic-Indic digits, as Arabic writes a time, to the digits 0-9.
ARABIC_DIGITS = str.maketrans({chr(0x660 + n): str(n) for n in range(10)})


@pytest.fixture
def arabic(qapp):
    use_language("ar")
    yield
    use_language(i18n.ENGLISH)
    QLocale.setDefault(QLocale.system())


def test_working_hours_read_hours_then_minutes_in_arabic(arabic, qtbot):
    dialog = SettingsDialog(Settings(work_hours="08:15-17:30"), {}, NOWHERE, NOWHERE)
    qtbot.addWidget(dialog)
    assert dialog.isRightToLeft()  # the dialog itself mirrors
    shown = [edit.text() for edit in (dialog.start, dialog.end)]
    assert shown[0] != "08:15"  # written with the locale's digits
    hours_minutes = [text.translate(ARABIC_DIGITS).split(":") for text in shown]
    assert hours_minutes == [["08", "15"], ["17", "30"]]  # the first group is the hour
