"""The window's language: chosen at start-up, Qt's own texts in it, right to left in
Arabic, and a change of it asks to restart (never during a session)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from backroutine.core import i18n
from backroutine.core.discovery import known_routines
from backroutine.core.settings_table import declared
from backroutine.ui import language
from backroutine.ui.language import chosen_language, use_language


@pytest.fixture
def qt_language(qapp):
    """The app's language may be switched; English and left to right come back after."""
    yield
    use_language(i18n.ENGLISH)
    QLocale.setDefault(QLocale.system())


def test_the_setting_wins_over_the_system():
    assert chosen_language("de", ["fr-FR"], {"LANG": "ja_JP.UTF-8"}) == "de"


def test_without_a_setting_the_system_s_first_shipped_language_is_used():
    environ = {"LANGUAGE": "gd:fr_CA:de", "LANG": "ja_JP.UTF-8"}
    assert chosen_language("", [], environ) == "fr"
    # Only the desktop's own list says it (as on Windows or macOS).
    assert chosen_language("", ["C", "pt-BR", "en-US"], {"LANG": "C.UTF-8"}) == "pt_BR"


def test_a_language_not_shipped_falls_back_to_english():
    assert chosen_language("", ["gd-GB"], {"LANG": "ko_KR.UTF-8"}) == "en"
    assert chosen_language("xx", [], {}) == "en"


def test_start_up_speaks_the_language_of_the_setting(qt_language, monkeypatch):
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert use_language("de") == "de"
    assert i18n.language() == "de"
    assert QLocale().language() is QLocale.Language.German


def test_qt_s_own_buttons_are_translated_with_the_language(qt_language):
    use_language("de")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() not in ("Cancel", "")
    use_language("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert english.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_arabic_lays_the_whole_app_out_right_to_left(qt_language):
    use_language("ar")
    assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
    use_language("en")
    assert QApplication.layoutDirection() is Qt.LayoutDirection.LeftToRight


def test_each_language_is_offered_named_in_itself():
    offered = {c.value: c.label for c in declared("language").choices}
    assert set(offered) == {"", *i18n.SHIPPED}
    for code in i18n.SHIPPED:
        assert offered[code] == i18n.language_name(code)


def _answering(window, choice: str, home=None) -> list[str]:
    """Answers the restart question with the button of that role; returns what was asked
    (and, given the home folder, what settings.yaml held while it was asked)."""
    asked: list[str] = []
    role = {"restart": QMessageBox.ButtonRole.AcceptRole}.get(choice)

    def answer(box: QMessageBox) -> object:
        asked.append(box.text())
        if home is not None:
            file = home / "settings.yaml"
            asked.append(file.read_text() if file.exists() else "<no file>")
        chosen = [b for b in box.buttons() if box.buttonRole(b) == role]
        return chosen[0] if chosen else None

    window.language_change.answer = answer
    return asked


def test_changing_the_language_asks_to_restart_and_later_keeps_the_window(window, home):
    asked = _answering(window, "later", home)
    window.state.change(language="de")
    assert len(asked) == 2
    assert "language: de" in asked[1]  # saved by the time the question is asked
    assert window.isVisible() and not language.restart_requested
    window.state.change(volume=50)
    assert len(asked) == 2  # only a change of language asks


def test_no_restart_is_offered_when_the_choice_could_not_be_saved(window, home, monkeypatch):
    import backroutine.ui.app_state as app_state

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(app_state, "write_settings", refuse)
    asked = _answering(window, "restart")
    window.state.change(language="fr")
    assert asked == [] and not language.restart_requested and window.isVisible()


def test_restart_now_quits_and_asks_for_a_new_start(window, home, monkeypatch):
    monkeypatch.setattr(language, "restart_requested", False)
    _answering(window, "restart")
    window.state.change(language="fr")
    assert language.restart_requested
    assert not window.isVisible()
    assert "language: fr" in (home / "settings.yaml").read_text()


def test_no_restart_is_offered_while_a_session_is_under_way(window, qtbot, monkeypatch):
    monkeypatch.setattr(language, "restart_requested", False)
    asked = _answering(window, "restart")
    routine = known_routines().find("camel-pose").result.routine
    window.play(routine, start=True)
    qtbot.waitUntil(lambda: window.pages.under_way() is not None)
    window.state.change(language="de")
    assert asked == [] and not language.restart_requested
    assert window.isVisible() and window.pages.under_way() is routine
    assert window.statusBar().currentMessage()  # told it applies next time


def test_in_arabic_the_whole_window_mirrors(qt_language, qtbot, clock, cues):
    from backroutine.core.settings import Settings
    from backroutine.ui.main_window import MainWindow

    use_language("ar")
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isRightToLeft() and window.list.isRightToLeft()
    bar = window.menuBar()
    first, *_rest, last = bar.actions()
    # The first menu (File) stands at the right, the last (Help) further left.
    assert bar.actionGeometry(first).x() > bar.actionGeometry(last).x()


@pytest.mark.parametrize(
    "given",
    [
        ["--language", "de", "run", "x.yaml"],
        ["--language=de", "run", "x.yaml", "--start"],
        ["--lang", "de", "run", "x.yaml", "--trace", "trace.txt"],
        ["--background"],
    ],
)
def test_a_restart_for_a_new_language_opens_the_window_plainly(monkeypatch, given):
    # Started with --language de, the person chose French: the restart was German
    # again; started at login it came back without its window; with run --start it
    # began a session by itself.
    import sys

    from PySide6.QtCore import QProcess

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(sys, "argv", ["backroutine", *given])
    monkeypatch.setattr(sys, "orig_argv", ["python3", "-X", "utf8", "-m", "backroutine", *given])
    monkeypatch.setattr(
        QProcess,
        "startDetached",
        lambda program, args: started.append((program, args)) or (True, 1),
    )
    assert language.relaunch()
    assert started == [(sys.executable, ["-X", "utf8", "-m", "backroutine"])]
