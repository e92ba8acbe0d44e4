"""The editor in every shipped language fits a 1280 x 800 screen: German, Polish or
Spanish labels put a field under its label rather than widen the window, and no
field beside a long label is squeezed to a sliver."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QMessageBox

from backroutine.core import i18n
from backroutine.core.settings import Settings
from backroutine.ui.editor import EditorWindow
from backroutine.ui.editor_parts import FIELD_WIDTH
from backroutine.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )


def open_bundled(qtbot, language: str) -> EditorWindow:
    """The editor on the bundled Low back basics, its second step (an exercise with
    every row) shown, in the language."""
    i18n.set_language(language)
    window = MainWindow(settings=Settings(safety_notice_seen=True))
    qtbot.addWidget(window)
    entry = window.library.find("low-back-basics")
    assert entry is not None
    editor = window.routine_actions.edit(entry)
    assert editor is not None
    qtbot.addWidget(editor)
    editor.step_list.setCurrentRow(1)
    return editor


@pytest.mark.parametrize("language", i18n.SHIPPED)
def test_the_editor_fits_a_1280_pixel_screen(qtbot, language):
    editor = open_bundled(qtbot, language)

    assert editor.minimumSizeHint().width() <= 1280
    assert editor.minimumSizeHint().height() <= 800


def test_a_field_beside_a_long_label_is_never_squeezed(qtbot):
    editor = open_bundled(qtbot, "de")
    editor.resize(editor.minimumSizeHint().width(), 740)
    editor.show()
    qtbot.waitExposed(editor)

    narrowest = FIELD_WIDTH * editor.fontMetrics().averageCharWidth()
    forms = [f for f in editor.findChildren(QFormLayout) if f.parentWidget().isVisible()]
    assert forms
    for form in forms:
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = field.widget() if field is not None else None
            if widget is not None and widget.isVisible():
                assert widget.width() >= min(narrowest, widget.sizeHint().width()), row
