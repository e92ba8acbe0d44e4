"""The settings dialog against a settings.yaml written by hand: OK with no change
leaves the file byte for byte; one change changes that key alone, and what the
person wrote that a save cannot keep is kept beside."""

from __future__ import annotations

from backroutine.core.settings import read_settings

from .test_settings_dialog import run_dialog

HAND_WRITTEN = (
    b"# mine\n"
    b"safety_notice_seen: true\n"
    b"work_hours: 9:00 - 17:30   # I start early\n"
    b"work_days: [Monday, tue, WED]\n"
    b"theme: Dark\n"
    b"volume: 0x50\n"
    b"program_times: {low-back-basics: ['8:00']}\n"
)


def test_ok_with_no_change_leaves_a_hand_written_file_byte_for_byte(own_window, home):
    (home / "settings.yaml").write_bytes(HAND_WRITTEN)
    window = own_window()
    assert window.state.settings.theme == "dark"  # "Dark" is the same choice
    run_dialog(window, lambda dialog: None)
    assert (home / "settings.yaml").read_bytes() == HAND_WRITTEN
    assert sorted(p.name for p in home.iterdir() if p.name.startswith("settings")) == [
        "settings.yaml"
    ]


def test_one_change_changes_that_key_alone_and_keeps_the_hand_written_file(own_window, home):
    (home / "settings.yaml").write_bytes(HAND_WRITTEN)
    window = own_window()
    before = window.state.settings
    run_dialog(window, lambda dialog: dialog.rows["volume"].setValue(30))
    after = read_settings(home / "settings.yaml")
    assert after.problems == []
    assert after.settings == before.changed(volume=30)
    (kept,) = home.glob("settings.yaml.as-written-*")
    assert kept.read_bytes() == HAND_WRITTEN  # the comments are not lost
