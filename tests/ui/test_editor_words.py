"""The editor, the import dialog and the routine commands in the person's language:
in the pseudo-language every word they show comes out in brackets (⟦...⟧), so any
text that skipped the translation layer is left standing in plain English. The
routine's own texts, file names and numbers are not words of the app."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QToolBar,
    QWidget,
)

from backroutine.core import i18n
from backroutine.core.import_places import AppFile
from backroutine.core.timeline import expand_timeline
from backroutine.core.validation import load_routine
from backroutine.ui.editor import EditorWindow
from backroutine.ui.editor_parts import TimelineStrip
from backroutine.ui.import_dialog import AppFilesDialog

from ..pseudo_text import FILE_PATTERNS, FORMAT_WORDS, QT_KEYS, leftover
from .test_player import write_user_routine

# A routine with an error beside a field of the first step, a note, and an error in a
# step that is not shown (listed below the form, with its step's number).
TROUBLED = """\
name: Desk stretch
summary: Between meetings
tags: [desk]
steps:
  - exercise: Bridge
    instructions: Lift your hips.
    hold: 10s
    reps: 0
  - rest: 20s
    note: Breathe out
  - exercise: Cat
    instructions: Round your back.
    hold: 20m
    sides: both
  - exercise: Cow
    hold: 5s
    reps: 500
"""
# Values as a routine file writes them, shown as hints: they stay as written.
WRITTEN = {"10s", "1m", "3s", "30s", "none", "BackRoutine"}
# Each language is named in itself ("English", "Deutsch"), in every language.
WRITTEN |= {i18n.language_name(code) for code in i18n.SHIPPED}


def shown_texts(top: QWidget) -> list[str]:
    """Every text top and its widgets and actions show or give a screen reader (not
    the values typed into fields, which are the routine's)."""
    texts = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        texts.append(widget.statusTip())
        if isinstance(widget, QLabel) or (
            isinstance(widget, QAbstractButton) and not standard_button(widget)
        ):
            texts.append(widget.text())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QAbstractSpinBox):
            texts.append(widget.text())  # with its prefix and suffix: "3 times"
        elif isinstance(widget, QListWidget):
            for row in range(widget.count()):
                item = widget.item(row)
                texts += [item.text(), item.toolTip()]
                texts.append(str(item.data(Qt.ItemDataRole.AccessibleTextRole) or ""))
        elif isinstance(widget, (QMenu, QToolBar)):
            texts.append(widget.title() if isinstance(widget, QMenu) else widget.windowTitle())
    for action in top.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    return [t for t in texts if t.strip()]


def standard_button(button: QAbstractButton) -> bool:
    """Qt's own buttons (Cancel, OK) are translated by Qt's catalogues, not ours."""
    box = button.parent()
    while box is not None and not isinstance(box, (QDialogButtonBox, QMessageBox)):
        box = box.parent()
    if isinstance(box, QDialogButtonBox):
        return box.standardButton(button) != QDialogButtonBox.StandardButton.NoButton
    if isinstance(box, QMessageBox):
        return box.standardButton(button) != QMessageBox.StandardButton.NoButton
    return False


def untranslated(texts: Iterable[str], exempt: Iterable[str] = ()) -> list[str]:
    allowed = [*exempt, *WRITTEN, *FORMAT_WORDS, *QT_KEYS, *FILE_PATTERNS]
    return [t for t in texts if leftover(t, allowed)]


def routine_texts(editor: EditorWindow) -> set[str]:
    """What the routine itself says, and what the validator says about it (the core
    translates its problems)."""
    draft = editor.draft
    said = set(draft.values.values()) | {v for s in draft.steps for v in s.values.values()}
    problems = editor.checked.result.problems if editor.checked else ()
    said |= {p.message[:1].upper() + p.message[1:] for p in problems}
    return {line for text in said for line in str(text).splitlines()}


@pytest.fixture
def pseudo(window, monkeypatch):
    """The pseudo-language from here on (the window was built before, in English);
    an editor closed with unsaved edits discards them without asking a person."""
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )
    i18n.set_language(i18n.PSEUDO)
    yield
    window.routine_actions.close_editors()


@pytest.fixture
def told(monkeypatch):
    """Messages boxes that would wait for a person are recorded instead."""
    said: list[tuple[str, str]] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, name, lambda _p, title, text, *a, **k: said.append((title, text))
        )
    return said


def test_the_editor_on_a_routine_with_problems_speaks_only_through_the_layer(
    window, home, pseudo, told, qtbot, monkeypatch
):
    write_user_routine(home, "desk-stretch.yaml", TROUBLED)
    window.reload()
    editor = window.routine_actions.edit(window.library.find("desk-stretch"))
    qtbot.waitUntil(lambda: editor.checked is not None)
    assert editor.checked.errors  # the form shows the problems, in pseudo-language words
    exempt = routine_texts(editor)
    assert "⟦" in editor.problems.text() and editor.problems.isVisibleTo(editor)
    assert untranslated(shown_texts(editor), exempt) == []

    # Each page of the step form, an edit (the Undo menu names it), a refused save
    # and the question on closing.
    for row in range(editor.step_list.count()):
        editor.step_list.setCurrentRow(row)
        assert untranslated(shown_texts(editor), exempt) == []
    editor.fields[("name",)].setFocus()
    qtbot.keyClicks(editor.fields[("name",)], " now")
    editor.check()
    assert editor.undo_action.text().startswith("⟦&") and editor.windowTitle().startswith("*⟦")
    assert untranslated(shown_texts(editor), routine_texts(editor)) == []
    assert not editor.save()
    assert untranslated(told[-1][:1]) == [] and told[-1][1].startswith("⟦")
    asked: list[str] = []
    monkeypatch.setattr(
        EditorWindow,
        "answer_unsaved",
        lambda self, box: asked.append(box.text()) or QMessageBox.StandardButton.Discard,
    )
    editor.close()
    assert untranslated(asked, routine_texts(editor)) == [] and asked


def test_the_import_dialog_speaks_only_through_the_layer(qtbot, tmp_path):
    i18n.set_language(i18n.PSEUDO)
    found = AppFile("Workrave", tmp_path / "exercises.xml", "Flatpak")
    dialog = AppFilesDialog([found], lambda: [], None)
    qtbot.addWidget(dialog)
    texts = shown_texts(dialog)
    assert any(t.startswith("⟦") for t in texts)  # its words are there, translated
    assert untranslated(texts, {found.label, str(found.path)}) == []


def answer_box(asked: list[list[str]], button: str) -> None:
    """Once the question is up: its words kept, and the button that says button (in
    the language) pressed; without one, the question is closed (nothing waits)."""
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        asked.append([])
        return
    asked.append([box.windowTitle(), box.text(), *(b.text() for b in box.buttons())])
    chosen = [b for b in box.buttons() if b.text() == i18n._(button)]
    if chosen:
        chosen[0].click()
    else:
        box.reject()


def test_export_duplicate_and_trash_ask_and_tell_through_the_layer(
    window, home, tmp_path, pseudo, told, monkeypatch
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # a private trash
    path = write_user_routine(home, "neck.yaml", "name: Neck\nsteps:\n  - exercise: Roll\n")
    window.reload()
    entry = window.library.find("neck")
    actions = window.routine_actions
    status: list[str] = []
    monkeypatch.setattr(window.pages, "show_status", lambda text, msecs=0: status.append(text))
    asked: list = []

    # Export named without .yaml, over a file that is there with it: asked (Cancel
    # keeps it), then told.
    there = tmp_path / "neck.yaml"
    there.write_text("mine")
    QTimer.singleShot(0, lambda: answer_box(asked, "Cancel"))
    assert actions.export(entry, tmp_path / "neck") is None and there.read_text() == "mine"
    QTimer.singleShot(0, lambda: answer_box(asked, "Replace"))
    assert actions.export(entry, tmp_path / "neck") == there
    files = {str(there), there.name, str(path), path.name}
    assert untranslated(asked[0], files) == [] and untranslated(asked[1], files) == []
    assert untranslated(status, files) == [] and status

    # A duplicate says where it went.
    copy = actions.duplicate(entry)
    assert copy is not None and untranslated(status[-1:], {str(copy)}) == []

    # Moving to the trash asks: its title and buttons are ours (the question itself
    # comes from core/routine_files.py with its own test), then tells.
    QTimer.singleShot(0, lambda: answer_box(asked, "Move to Trash"))
    assert actions.move_to_trash(window.library.find("neck"))
    title, _question, *buttons = asked[-1]
    assert untranslated([title, *buttons]) == []
    assert untranslated(status[-1:], {path.name}) == [] and not path.exists()


def test_an_import_report_is_in_the_person_s_language(window, tmp_path, pseudo, told, monkeypatch):
    monkeypatch.setattr(window.pages, "show_status", lambda text, msecs=0: told.append(("", text)))
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    one = folder / "one.yaml"
    one.write_text("name: One\nsteps:\n  - exercise: A\n    hold: 5s\n    reps: 0\n")
    other = folder / "notes.txt"
    other.write_text("not a routine")
    window.routine_actions.import_files([one, other])
    title, text = told[-1]
    assert untranslated([title, *text.splitlines()], {"one.yaml", "notes.txt"}) == []
    # Again: the routine is there, so the person chooses to keep both or replace it
    # (the question itself is the import plan's, core/import_plan.py).
    asked: list[list[str]] = []
    QTimer.singleShot(0, lambda: answer_box(asked, "Keep Both"))
    (kept,) = window.routine_actions.import_files([one])
    title, _question, *buttons = asked[-1]
    assert kept.name == "one-2.yaml" and len(buttons) == 3
    assert untranslated([title, *buttons]) == []


def test_one_problem_is_said_as_one(window, tmp_path, told):
    """The count decides the words: one problem is "it", not "they"."""
    source = tmp_path / "one.yaml"
    source.write_text(
        "name: One\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n    reps: 0\n"
    )
    window.routine_actions.import_files([source])
    said = told[-1][1]
    assert "with 1 problem (it will not run until it is fixed" in said


def test_the_timeline_strip_starts_where_reading_starts(qtbot, write_routine):
    """Right to left, the routine's first period (getting ready) is at the right."""
    routine = load_routine(
        write_routine("name: R\nprepare: 20s\nsteps:\n  - exercise: A\n    hold: 5s\n")
    ).routine
    assert routine is not None
    firsts = {}
    for direction in (Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft):
        strip = TimelineStrip()
        qtbot.addWidget(strip)
        strip.setLayoutDirection(direction)
        strip.resize(200, 18)
        strip.set_timeline(expand_timeline(routine))
        image = strip.grab().toImage()
        left, right = QColor(image.pixel(5, 9)), QColor(image.pixel(194, 9))
        firsts[direction] = (left, right)
    ltr, rtl = firsts[Qt.LayoutDirection.LeftToRight], firsts[Qt.LayoutDirection.RightToLeft]
    assert ltr[0] != ltr[1]  # getting ready and the exercise are told apart
    assert rtl == (ltr[1], ltr[0])  # and mirrored


def polish(messages: dict[tuple[str, str], tuple[str, str, str]]) -> gettext.GNUTranslations:
    """A tiny Polish catalogue (three plural forms: 1, 2-4, 5 and more)."""
    catalog = Catalog(locale="pl")
    for ids, forms in messages.items():
        catalog.add(ids, forms)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@pytest.mark.parametrize(("errors", "said"), [(2, "2 problemy"), (5, "5 problemów")])
def test_counts_in_the_editor_take_the_language_s_plural_forms(
    window, home, qtbot, monkeypatch, errors, said
):
    problems = (
        "Cannot save yet: {count} problem to fix",
        "Cannot save yet: {count} problems to fix",
    )
    times = ("{count} time", "{count} times")
    catalogue = polish(
        {
            problems: (
                "Nie można jeszcze zapisać: {count} problem do poprawienia",
                "Nie można jeszcze zapisać: {count} problemy do poprawienia",
                "Nie można jeszcze zapisać: {count} problemów do poprawienia",
            ),
            times: ("{count} raz", "{count} razy", "{count} razy"),
        }
    )
    monkeypatch.setattr(i18n, "_translations", catalogue)
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )
    steps = "".join(
        f"  - exercise: E{n}\n    instructions: Go.\n    reps: 0\n" for n in range(errors)
    )
    write_user_routine(home, "counted.yaml", f"name: Counted\nsteps:\n{steps}")
    window.reload()
    editor = window.routine_actions.edit(window.library.find("counted"))
    editor.check()
    assert f"zapisać: {said} do poprawienia" in editor.statusBar().currentMessage()
    assert editor.save_action.toolTip() == editor.statusBar().currentMessage()
    spin = editor.step_fields["reps"]
    spin.setValue(1)
    assert spin.text() == "1 raz"
    spin.setValue(5)
    assert spin.text() == "5 razy"
    window.routine_actions.close_editors()
