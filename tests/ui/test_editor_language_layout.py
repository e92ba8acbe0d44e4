"""The editor's text-language choice in a longer language: the whole entry shows
("Svenska — 15 Texte fehlen"), and the window keeps the routine's name in its title
after a language is added, though the new language has no name written yet."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QStyle, QStyleOptionComboBox

from backroutine.core import i18n
from backroutine.core.settings import Settings
from backroutine.ui.editor import EditorWindow
from backroutine.ui.main_window import MainWindow

from .test_editor_languages import _add, _open


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )


def bundled_editor(qtbot, language: str) -> EditorWindow:
    i18n.set_language(language)
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    qtbot.addWidget(window)
    editor = window.routine_actions.edit(window.library.find("low-back-basics"))
    assert editor is not None
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(50)  # laid out as shown, before a language is added
    return editor


@pytest.mark.parametrize("language", ["de", "ar", "pl"])
def test_each_entry_of_the_language_choice_shows_whole(qtbot, language):
    editor = bundled_editor(qtbot, language)
    _add(editor, "sv")
    QApplication.processEvents()  # the layout takes the combo box's new size
    choice = editor.languages.choice
    entries = [choice.itemText(i) for i in range(choice.count())]

    assert any(entry.startswith(i18n.language_name("sv") + " ") for entry in entries)
    widest = max(choice.fontMetrics().horizontalAdvance(entry) for entry in entries)
    assert text_room(choice) >= widest


def text_room(choice: QComboBox) -> int:
    """How wide a text the closed combo box shows without cutting it."""
    option = QStyleOptionComboBox()
    choice.initStyleOption(option)
    field = choice.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, choice
    )
    return field.width()


@pytest.mark.parametrize("language", ["de", "ar", "en"])
def test_adding_a_language_keeps_the_routines_name_in_the_title(qtbot, language):
    editor = bundled_editor(qtbot, language)
    name = editor.draft.get("name")
    assert name and name in editor.windowTitle()

    _add(editor, "sv")

    assert editor.draft.get("name") == ""  # no Swedish name written yet
    assert name in editor.windowTitle()
    assert i18n._("New routine") not in editor.windowTitle()


def test_a_new_routine_without_a_name_is_still_called_new(window, qtbot, home):
    editor, _path = _open(window, home)
    editor.edit(("name",), "")
    assert i18n._("New routine") in editor.windowTitle()
