"""The settings dialog: every reminder setting, checked before it is kept, applied at once."""

from __future__ import annotations

from PySide6.QtCore import QTime, QTimer

from backroutine.core.settings import load_settings


def run_dialog(window, fill) -> object:
    """Open the dialog as the menu does, fill it in, and press OK."""
    seen = {}

    def opened(dialog) -> None:
        seen["dialog"] = dialog
        fill(dialog)
        QTimer.singleShot(0, dialog._accept)
        QTimer.singleShot(50, dialog, lambda: dialog.isVisible() and dialog.reject())  # OK refused

    window.menus.settings_dialog_opened = opened
    window.menus.show_settings()
    return seen["dialog"]


def test_breaks_programs_and_general_settings_are_kept_and_applied(window, home, qtbot):
    qtbot.waitUntil(lambda: window.reminding.reminders is not None)

    def fill(dialog) -> None:
        dialog.rows["break_every"].setValue(30)
        dialog.start.setTime(QTime(8, 0))
        dialog.end.setTime(QTime(16, 0))
        dialog.days["fri"].setChecked(False)
        dialog.rows["heads_up"].setValue(0)
        dialog.times["low-back-basics"].setText("7:30, 19:00")
        dialog.rows["theme"].setCurrentIndex(dialog.rows["theme"].findData("dark"))

    dialog = run_dialog(window, fill)
    assert dialog.result() == dialog.DialogCode.Accepted
    saved, problems = load_settings(home / "settings.yaml")
    assert problems == []
    assert (saved.break_every, saved.work_hours, saved.heads_up) == (30, "08:00-16:00", 0)
    assert saved.work_days == ("mon", "tue", "wed", "thu")
    assert saved.program_times == {"low-back-basics": ("07:30", "19:00")}
    assert saved.theme == "dark"
    assert window.reminding.reminders.breaks.settings.every_minutes == 30  # applied at once
    (view,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    dark = [a for a in view.actions() if a.text() == "&Dark"]
    assert dark[0].isChecked()  # the View menu follows


def test_settings_that_cannot_work_are_refused_with_the_reason(window, home):
    def fill(dialog) -> None:
        for box in dialog.days.values():
            box.setChecked(False)
        dialog.times["low-back-basics"].setText("morning")

    dialog = run_dialog(window, fill)
    assert dialog.result() == dialog.DialogCode.Rejected
    assert "Choose at least one working day." in dialog.problem.text()
    assert "Low back basics: write times as 08:00, 20:00." in dialog.problem.text()
    assert (
        not (home / "settings.yaml").exists()
        or "morning" not in (home / "settings.yaml").read_text()
    )


def test_the_dialog_says_whether_natural_breaks_can_be_known(window):
    dialog = run_dialog(window, lambda dialog: None)
    texts = [label.text() for label in dialog.findChildren(type(dialog.problem))]
    # Offscreen there is no desktop to ask: the feature is off, and the reason given.
    assert "Off: idle time cannot be read on offscreen." in texts


def test_the_dialog_says_when_time_away_is_noticed():
    from backroutine.platform import Probe
    from backroutine.ui.settings_dialog import natural_breaks_text

    idle = Probe("X11 screen-saver extension", lambda: 0.0)
    told = natural_breaks_text(idle, "the X server's idle counter")
    assert told.endswith("noticed as you come back (the X server's idle counter).")
    asked = natural_breaks_text(Probe("GetLastInputInfo", lambda: 0.0), "")
    assert "when it runs into a reminder (GetLastInputInfo)" in asked
    assert "earlier in the interval is not counted" in asked
    saver = natural_breaks_text(Probe("no D-Bus session", None), "the screen saver coming off")
    assert saver.startswith("On:") and "noticed as you come back" in saver


def test_ok_without_changes_changes_nothing(window, home):
    window.state.change(break_routine="my-own-break", program_times={"gone-routine": ("07:00",)})
    before = window.state.settings
    dialog = run_dialog(window, lambda dialog: None)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert window.state.settings == before  # no routine swapped in, no default times pinned


def test_each_plain_setting_is_a_row_as_declared_and_a_choice_has_one_label(window, qtbot):
    from backroutine.core import settings_table
    from backroutine.core.settings_table import Kind

    dialog = run_dialog(window, lambda dialog: None)
    plain = [
        s
        for s in settings_table.SETTINGS
        if s.section and s.kind in (Kind.SWITCH, Kind.NUMBER, Kind.CHOICE)
    ]
    assert sorted(dialog.rows) == sorted(s.key for s in plain)
    for s in plain:
        row = dialog.rows[s.key]
        assert row.accessibleName() == s.label
        if s.kind is Kind.NUMBER:
            assert (row.minimum(), row.maximum()) == (s.low, s.high)
        if s.kind is Kind.CHOICE:
            shown = [(row.itemText(i), row.itemData(i)) for i in range(row.count())]
            assert shown == [(c.label, c.value) for c in s.choices]
    assert dialog.rows["heads_up"].specialValueText() == "No heads-up"
    assert dialog.rows["snooze"].text() == "10 minutes"
    # The View menu names the colours as the dialog does.
    (view,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&View"]
    labels = [a.text() for a in view.actions() if a.actionGroup() is not None]
    assert labels == ["&System colours", "&Light", "&Dark"]
    assert dialog.rows["theme"].itemText(0) == "System colours"
    # So do the other settings the menus switch: the same words, an Alt+letter added.
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    shown = {a.text().replace("&", "") for m in menus.values() for a in m.actions()}
    for key in ("sound", "voice"):
        assert settings_table.declared(key).label in shown
        assert dialog.rows[key].accessibleName() == settings_table.declared(key).label
    assert settings_table.declared("text_size").label_of("large") in shown
    assert dialog.rows["text_size"].findText("Large text") >= 0


def test_the_title_bar_names_the_app_once(window):
    dialog = run_dialog(window, lambda dialog: None)
    # The window system adds " — BackRoutine" (the app's display name) to the title.
    assert "Settings" in dialog.windowTitle() and "BackRoutine" not in dialog.windowTitle()


def test_after_the_dialog_a_menu_choice_leaves_one_item_checked(window):
    def fill(dialog) -> None:
        dialog.rows["theme"].setCurrentIndex(dialog.rows["theme"].findData("dark"))

    run_dialog(window, fill)
    assert window.state.settings.theme == "dark"
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    colours = [a for a in view.actions() if a.actionGroup() is not None]
    assert [a.text() for a in colours if a.isChecked()] == ["&Dark"]  # followed the dialog
    light = next(a for a in colours if a.text() == "&Light")
    light.trigger()
    assert window.state.settings.theme == "light"
    assert [a.text() for a in colours if a.isChecked()] == ["&Light"]  # not Light and Dark
