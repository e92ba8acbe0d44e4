"""A setting is added by one declaration: it is then loaded, checked, shown in the
settings dialog and described in the docs, with no other change."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from backroutine.core import settings_table
from backroutine.core.settings import read_settings, write_settings
from backroutine.core.settings_table import Kind, Setting
from backroutine.ui.settings_dialog import SettingsDialog

from ..conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import regenerate

STRETCH = Setting(
    "stretch_pause",
    Kind.NUMBER,
    3,
    "Pause between stretches",
    "A breath between two stretches.",
    settings_table.GENERAL,
    low=0,
    high=10,
    unit="seconds",
)
NOWHERE = SimpleNamespace(how="nothing to ask here", available=False)


def test_one_declaration_is_loaded_checked_shown_and_documented(tmp_path, monkeypatch, qtbot):
    monkeypatch.setattr(settings_table, "SETTINGS", (*settings_table.SETTINGS, STRETCH))
    path = tmp_path / "settings.yaml"

    # Loaded from the file.
    path.write_bytes(b"volume: 40\nstretch_pause: 7\n")
    read = read_settings(path)
    assert read.problems == []
    assert (read.settings.value("stretch_pause"), read.settings.volume) == (7, 40)

    # Checked: out of its range, it is refused at its line and its default used.
    written = b"volume: 40\nstretch_pause: 11\n"
    path.write_bytes(written)
    refused = read_settings(path)
    assert refused.settings.value("stretch_pause") == 3
    notice = refused.notice()
    assert str(path) in notice and "line 2" in notice and "stretch_pause" in notice
    assert "from 0 to 10 seconds" in notice
    assert path.read_bytes() == written  # nothing of the person's is replaced by reading

    # Shown in the dialog, on its tab, with its range and unit; what is set there is kept.
    dialog = SettingsDialog(read.settings, {}, NOWHERE, NOWHERE)
    qtbot.addWidget(dialog)
    row = dialog.rows["stretch_pause"]
    assert (row.accessibleName(), row.minimum(), row.maximum()) == (
        "Pause between stretches",
        0,
        10,
    )
    assert row.text() == "7 seconds"
    row.setValue(1)
    assert row.text() == "1 second"
    chosen = read.settings.changed(**dialog.values())
    write_settings(read, chosen)
    assert read_settings(path).settings.value("stretch_pause") == 1

    # Described in the docs, with what it allows.
    doc = regenerate.settings_doc()
    line = next(x for x in doc.splitlines() if "`stretch_pause`" in x)
    assert "from 0 to 10 seconds" in line and "Pause between stretches" in line
    assert doc.index("## General") < doc.index("`stretch_pause`") < doc.index("## Kept")
