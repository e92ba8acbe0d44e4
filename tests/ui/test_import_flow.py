"""The import flow on screen: the same routine imported twice asks to replace it or
keep both (the replaced one goes to the trash), the break apps' files found on this
computer are offered, and a success is shown as a success, trouble as a warning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from backroutine.core.import_places import SAFE_EYES, STRETCHLY, AppFile
from backroutine.core.validation import load_routine
from backroutine.ui.import_dialog import AppFilesDialog, files_dialog

FIXTURES = Path(__file__).parents[1] / "fixtures" / "importers"
MINE = "name: Neck rolls\nsteps:\n  - exercise: Roll\n    instructions: Slowly.\n    hold: 5s\n"


@pytest.fixture(autouse=True)
def shown(monkeypatch, tmp_path):
    """Each message box shown, as (icon, text); the trash is a private one."""
    told: list[tuple[str, str]] = []
    for icon in ("information", "warning"):
        monkeypatch.setattr(
            QMessageBox, icon, lambda *a, icon=icon, **kw: told.append((icon, a[2]))
        )
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return told


@pytest.fixture
def actions(window):
    made = window.routine_actions
    made.questions = []
    made.answers = []

    def ask(title, text, buttons):
        made.questions.append((text, buttons))
        return made.answers.pop(0)

    made.ask = ask
    yield made
    made.close_editors()


def _trashed(tmp_path: Path) -> list[str]:
    trash = tmp_path / "xdg-data" / "Trash" / "files"
    return sorted(p.read_text() for p in trash.iterdir()) if trash.is_dir() else []


def test_the_same_app_file_imported_twice_asks_and_replace_sends_the_old_to_the_trash(
    window, actions, home, tmp_path
):
    workrave = FIXTURES / "workrave" / "exercises.xml"
    (first,) = actions.import_from_app([workrave])
    first.write_text(first.read_text().replace("Side bend", "My side bend"))  # their edit
    edited = first.read_text()
    actions.answers = ["Cancel"]
    assert actions.import_from_app([workrave]) == []
    (question, buttons), *_ = actions.questions
    assert "Workrave exercises (workrave-exercises)" in question  # named, id too
    assert buttons == ["Keep Both", "Replace", "Cancel"]
    assert first.read_text() == edited  # Cancel: nothing touched
    actions.answers = ["Keep Both"]
    (both,) = actions.import_from_app([workrave])
    assert both.name == "workrave-exercises-2.yaml" and first.read_text() == edited
    actions.answers = ["Replace"]
    (replaced,) = actions.import_from_app([workrave])
    assert replaced == first and "My side bend" not in replaced.read_text()
    assert _trashed(tmp_path) == [edited]  # the replaced one is in the trash, whole


def test_kept_both_the_two_are_told_apart_in_the_library(window, actions, home, tmp_path):
    stretchly = FIXTURES / "stretchly" / "config.json"
    written = actions.import_from_app([stretchly])
    before = {p: p.read_text() for p in written}
    actions.answers = ["Keep Both"] * len(written)
    again = actions.import_from_app([stretchly])
    assert len(again) == len(written) and all(p.read_text() == t for p, t in before.items())
    names = [e.result.name for e in window.library.entries]
    assert len(set(names)) == len(names)  # no two alike in the list
    assert all(load_routine(p).routine.name.endswith(" (2)") for p in again)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    commented = MINE.replace("name:", "# from my physio\nname:")
    (elsewhere / "neck-rolls.yaml").write_text(commented)
    actions.import_files([elsewhere / "neck-rolls.yaml"])
    actions.answers = ["Keep Both"]
    (kept,) = actions.import_files([elsewhere / "neck-rolls.yaml"])
    # Renamed, and its comments are not lost to the new name.
    assert kept.read_text() == commented.replace("Neck rolls", "Neck rolls (2)")
    assert (home / "routines" / "neck-rolls.yaml").read_text() == commented


def test_a_routine_file_with_a_name_already_in_the_library_asks(window, actions, home, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "neck-rolls.yaml").write_text(MINE)
    (elsewhere / "neck-rolls-v2.yaml").write_text(MINE.replace("5s", "8s"))
    actions.import_files([elsewhere / "neck-rolls.yaml"])
    actions.answers = ["Replace"]
    (replaced,) = actions.import_files([elsewhere / "neck-rolls-v2.yaml"])
    ((question, _),) = actions.questions
    assert "Neck rolls" in question and "same name" in question
    assert replaced.name == "neck-rolls.yaml" and "hold: 8s" in replaced.read_text()
    assert not (home / "routines" / "neck-rolls-v2.yaml").exists()
    assert _trashed(tmp_path) == [MINE]
    assert [e.result.name for e in window.library.entries].count("Neck rolls") == 1


def test_a_successful_import_with_notes_is_shown_as_a_success(window, actions, shown):
    actions.import_from_app([FIXTURES / "workrave" / "exercises.xml"])
    ((icon, text),) = shown
    assert icon == "information"
    assert "Imported workrave-exercises.yaml" in text and "pictures in turn" in text


def test_a_picture_left_out_is_still_a_warning(window, actions, shown, tmp_path):
    path = tmp_path / "safeeyes.json"
    path.write_text(json.dumps({"short_breaks": [{"name": "Walk", "image": "/etc/passwd"}]}))
    (written,) = actions.import_from_app([path])
    ((icon, text),) = shown
    assert icon == "warning" and "picture is left out" in text
    assert written.is_file()


def test_a_clean_routine_file_import_says_so_in_passing(window, actions, shown, tmp_path):
    source = tmp_path / "neck-rolls.yaml"
    source.write_text(MINE)
    actions.import_files([source])
    assert shown == []
    assert "imported as neck-rolls.yaml" in window.statusBar().currentMessage()


def test_the_menu_offers_the_apps_files_found_in_the_home_folder(
    window, actions, home, tmp_path, monkeypatch
):
    fake = tmp_path / "person"
    config = fake / ".config" / "safeeyes"
    config.mkdir(parents=True)
    (config / "safeeyes.json").write_bytes((FIXTURES / "safeeyes" / "safeeyes.json").read_bytes())
    monkeypatch.setenv("HOME", str(fake))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "nothing"))
    offered: list[list[str]] = []

    def pick_all(dialog: AppFilesDialog) -> int:
        offered.append([dialog.files.item(r).text() for r in range(dialog.files.count())])
        dialog.import_button.click()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(AppFilesDialog, "exec", pick_all)
    actions.choose_open = lambda *a: pytest.fail("the file dialog is not needed")
    written = actions.import_from_app()
    assert offered == [[f"Safe Eyes (installed): {config / 'safeeyes.json'}"]]
    assert [p.name for p in written] == [
        "safe-eyes-short-breaks.yaml",
        "safe-eyes-long-breaks.yaml",
    ]


def test_the_apps_files_dialog_imports_the_ticked_or_another_file(qtbot, tmp_path):
    found = [
        AppFile(STRETCHLY, tmp_path / "a" / "config.json", "Flatpak"),
        AppFile(SAFE_EYES, tmp_path / "\u202eb\0" / "safeeyes.json", "installed"),
    ]
    dialog = AppFilesDialog(found, lambda: [str(tmp_path / "other.json")], None)
    qtbot.addWidget(dialog)
    assert "\u202e" not in dialog.files.item(1).text()  # shown readable
    dialog.files.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.ticked() == [str(found[1].path)]
    dialog.files.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.import_button.isEnabled()  # nothing to import
    dialog.other_button.click()
    assert dialog.chosen == [str(tmp_path / "other.json")]


def test_the_file_dialog_shows_hidden_folders(qtbot, tmp_path):
    dialog = files_dialog(None, "Import", "All files (*)", tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.filter() & QDir.Filter.Hidden
    assert dialog.testOption(dialog.Option.DontUseNativeDialog)


# -- attacks: odd files, odd names, one file many times ------------------------------


def _routines(home: Path) -> dict[str, bytes]:
    folder = home / "routines"
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def test_odd_files_named_yaml_are_each_refused_by_name(window, actions, shown, home, tmp_path):
    own = home / "routines"
    own.mkdir(exist_ok=True)
    (own / "neck-rolls.yaml").write_text(MINE)
    before = _routines(home)
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "loop.yaml").symlink_to(odd / "loop.yaml")
    os.mkfifo(odd / "pipe.yaml")
    (odd / "folder.yaml").mkdir()
    (odd / "null.yaml").symlink_to("/dev/zero")
    (odd / "huge.yaml").write_bytes(b"name: x\n" + b"#" * (9 * 1024 * 1024))
    names = ["loop.yaml", "pipe.yaml", "folder.yaml", "null.yaml", "huge.yaml"]
    assert actions.import_files([odd / n for n in names]) == []
    ((icon, text),) = shown
    assert icon == "warning"
    for name in names:
        assert name in text
    assert _routines(home) == before


def test_a_name_with_control_and_rtl_characters_is_shown_harmless(window, actions, shown, tmp_path):
    source = tmp_path / "evil\x1b[2J\u202egnp.yaml"
    source.write_text(MINE.replace("Neck rolls", "Evil\x07 \u202eroll"))
    (written,) = actions.import_files([source])
    assert written.is_file() and "\x1b" not in written.name and "\u202e" not in written.name
    said = window.statusBar().currentMessage() + "".join(t for _, t in shown)
    assert "\x1b" not in said and "\u202e" not in said


def test_one_file_three_times_in_one_batch_keeps_all_or_none(window, actions, shown, tmp_path):
    source = tmp_path / "neck-rolls.yaml"
    source.write_text(MINE)
    actions.answers = ["Keep Both", "Cancel"]
    written = actions.import_files([source, source, source])
    assert [p.name for p in written] == ["neck-rolls.yaml", "neck-rolls-2.yaml"]
    first, kept = (p.read_text() for p in written)
    assert first == MINE
    assert kept == MINE.replace("Neck rolls", "Neck rolls (2)")  # told apart by its name
    assert actions.answers == []  # asked once for each copy after the first


def test_a_replace_that_cannot_be_written_says_the_old_one_is_in_the_trash(
    window, actions, shown, home, tmp_path, monkeypatch
):
    from backroutine.ui import routine_actions

    source = tmp_path / "neck-rolls.yaml"
    source.write_text(MINE)
    (first,) = actions.import_files([source])
    first.write_text(MINE + "# my edit\n")
    shown.clear()

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(routine_actions, "save_text", full_disk)
    actions.answers = ["Replace"]
    assert actions.import_files([source]) == []
    ((icon, text),) = shown
    assert icon == "warning" and "neck-rolls.yaml" in text and "No space" in text
    assert "in the trash" in text and "restore" in text
    assert _trashed(tmp_path) == [MINE + "# my edit\n"]  # the edited one, whole
