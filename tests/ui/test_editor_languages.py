"""The editor's text language: a German text added to a person's own routine is
saved beside the English, with their comments; the choice says what each language
still misses."""

from __future__ import annotations

import pytest
import yaml
from PySide6.QtWidgets import QMessageBox

from backroutine.core import i18n
from backroutine.core.validation import load_routine
from backroutine.ui.editor import EditorWindow

from .test_editor import COMMENTED, _typed
from .test_player import write_user_routine


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )
    for name in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **kw: None)


def _add(editor: EditorWindow, code: str) -> None:
    chooser = editor.languages
    chooser.ask = lambda present: code
    chooser.choice.setCurrentIndex(chooser.choice.count() - 1)  # "Add language…"
    chooser.choice.activated.emit(chooser.choice.count() - 1)


def _items(editor: EditorWindow) -> list[str]:
    choice = editor.languages.choice
    return [choice.itemText(i) for i in range(choice.count())]


def _open(window, home) -> tuple[EditorWindow, object]:
    path = write_user_routine(home, "physio-plan.yaml", COMMENTED)
    window.reload()
    return window.routine_actions.edit(window.library.find("physio-plan")), path


def test_german_text_added_to_a_routine_is_saved_beside_the_english_with_its_comments(
    window, qtbot, home
):
    editor, path = _open(window, home)
    try:
        assert _items(editor)[0] == "English"
        _add(editor, "de")
        assert editor.draft.language == "de"
        assert editor.fields[("name",)].text() == ""  # no German name yet
        assert "Deutsch — 3 texts missing" in _items(editor)
        _typed(qtbot, editor.step_fields["instructions"], "Becken anheben.")
        editor.check_timer.timeout.emit()  # as the check after typing does
        assert "Deutsch — 2 texts missing" in _items(editor)
        assert editor.save()
        text = path.read_text(encoding="utf-8")
        assert "# From my physio in May. Ask before changing the holds." in text
        assert "# ten, not more" in text
        data = yaml.safe_load(text)
        assert data["steps"][0]["instructions"] == {
            "en": "Lift your hips.",
            "de": "Becken anheben.",
        }
        assert data["name"] == {"en": "Physio plan"}
        # Back to English: the form shows the English texts again, unchanged.
        choice = editor.languages.choice
        choice.setCurrentIndex(choice.findData("en"))
        choice.activated.emit(choice.currentIndex())
        assert editor.fields[("name",)].text() == "Physio plan"
        assert editor.step_fields["instructions"].toPlainText() == "Lift your hips."
    finally:
        editor.close()
    i18n.set_language("de")
    assert load_routine(path).routine.steps[0].instructions == "Becken anheben."


def test_a_language_added_but_left_empty_leaves_the_file_plain(window, qtbot, home):
    editor, path = _open(window, home)
    try:
        _add(editor, "fr")
        editor.languages.choice.setCurrentIndex(0)
        editor.languages.choice.activated.emit(0)  # back to English
        _typed(qtbot, editor.fields[("name",)], "Physio plan B")
        assert editor.save()
    finally:
        editor.close()
    text = path.read_text(encoding="utf-8")
    assert "# her name for it" in text and "# ten, not more" in text
    data = yaml.safe_load(text)
    assert data["name"] == "Physio plan B"  # plain, as before: no mapping, no French
    assert data["steps"][0]["instructions"] == "Lift your hips."


def test_the_language_choice_speaks_the_persons_language(window, qtbot, home):
    editor, _path = _open(window, home)
    try:
        _add(editor, "de")
        i18n.set_language(i18n.PSEUDO)
        editor.languages.refresh(editor.draft)
        # Every item but the languages' own names ("English") went through the layer.
        assert [item.startswith(i18n.PSEUDO_OPEN) for item in _items(editor)] == [
            False,
            True,
            True,
        ]
    finally:
        i18n.set_language(i18n.ENGLISH)
        editor.close()
