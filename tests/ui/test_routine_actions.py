"""The library's routine commands: duplicate, move to the trash, import (menu and drop,
with a clash asking to rename or replace), import from another app, export, and the
routines folder watched for changes made elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from backroutine.core.discovery import Source
from backroutine.core.validation import load_routine

from ..special import SAID, make_special
from .test_player import write_user_routine

FIXTURES = Path(__file__).parents[1] / "fixtures" / "importers"
MINE = "name: Neck rolls\nsteps:\n  - exercise: Roll\n    instructions: Slowly.\n    hold: 5s\n"


@pytest.fixture(autouse=True)
def quiet(monkeypatch, tmp_path):
    """Messages are recorded, not shown; the trash is a private one."""
    told: list[str] = []
    for name in ("information", "warning"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **kw: told.append(args[2]))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return told


@pytest.fixture
def actions(window):
    made = window.routine_actions
    made.answers: list[str] = []
    made.ask = lambda title, text, buttons: made.answers.pop(0)
    yield made
    made.close_editors()


def _source(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_duplicating_a_bundled_routine_makes_it_your_own(window, actions, home):
    entry = window.library.find("camel-pose")
    assert entry.source is Source.BUNDLED
    place = [e.id for e in window.library.entries].index("camel-pose")
    copy = actions.duplicate(entry)
    assert copy == home / "routines" / "camel-pose.yaml"
    entry = window.library.find("camel-pose")
    assert entry.source is Source.USER and entry.overrides_bundled  # shown as customised
    assert [e.id for e in window.library.entries].index("camel-pose") == place  # not moved
    # Its pictures came with it, so it still shows them.
    assert entry.runnable and all(
        s.image is None or s.image.is_file() for s in entry.result.routine.steps
    )
    # Duplicating your own makes a copy beside it, under a new name.
    second = actions.duplicate(entry)
    assert second.name == "camel-pose-copy.yaml"
    assert window.library.find("camel-pose-copy").result.name == "Camel pose (copy)"


def test_move_to_trash_never_deletes_outright(window, actions, home, tmp_path, quiet):
    path = home / "routines" / "neck-rolls.yaml"
    path.parent.mkdir()
    path.write_text(MINE)
    window.reload()
    entry = window.library.find("neck-rolls")
    actions.answers = ["Cancel"]
    assert not actions.move_to_trash(entry)
    assert path.exists()
    actions.answers = ["Move to Trash"]
    assert actions.move_to_trash(entry)
    assert not path.exists() and window.library.find("neck-rolls") is None
    trashed = list((tmp_path / "xdg-data" / "Trash" / "files").iterdir())
    assert [p.read_text() for p in trashed] == [MINE]  # in the trash, whole
    assert not actions.move_to_trash(window.library.find("desk-break"))  # bundled: no
    assert "comes with BackRoutine" in quiet[-1]


def test_after_a_move_to_the_trash_the_library_shows_the_routine_beside_it(window, actions, home):
    path = home / "routines" / "neck-rolls.yaml"
    path.parent.mkdir()
    path.write_text(MINE)
    window.reload()
    ids = [e.id for e in window.library.entries]
    after = ids[ids.index("neck-rolls") + 1] if ids[-1] != "neck-rolls" else ids[-2]
    window.library_page.select("neck-rolls")
    actions.answers = ["Move to Trash"]
    assert actions.move_to_trash()
    assert window.library_page.current_entry().id == after  # not back to the top
    # A customised copy of a bundled routine gives way to the original, shown at once.
    actions.duplicate(window.library.find("desk-break"))
    window.library_page.select("desk-break")
    actions.answers = ["Move to Trash"]
    assert actions.move_to_trash()
    shown = window.library_page.current_entry()
    assert shown.id == "desk-break" and shown.source is Source.BUNDLED


def test_importing_a_routine_file_copies_it_with_its_pictures(window, actions, home, tmp_path):
    source = _source(tmp_path, "neck-rolls.yaml", MINE + "    image: images/roll.png\n")
    (source.parent / "images").mkdir()
    (source.parent / "images" / "roll.png").write_bytes(
        (FIXTURES / "workrave" / "side-bend.png").read_bytes()
    )
    (imported,) = actions.import_files([source])
    assert imported == home / "routines" / "neck-rolls.yaml"
    assert (home / "routines" / "images" / "roll.png").is_file()
    assert load_routine(imported).ok
    assert window.library_page.current_entry().id == "neck-rolls"  # chosen in the library


def test_an_id_clash_asks_to_keep_both_or_replace(window, actions, home, tmp_path):
    first = _source(tmp_path, "neck-rolls.yaml", MINE)
    actions.import_files([first])
    changed = _source(tmp_path, "neck-rolls.yaml", MINE.replace("5s", "8s"))
    actions.answers = ["Keep Both"]
    (kept,) = actions.import_files([changed])
    assert kept.name == "neck-rolls-2.yaml"
    assert "hold: 5s" in (home / "routines" / "neck-rolls.yaml").read_text()
    actions.answers = ["Replace"]
    (replaced,) = actions.import_files([changed])
    assert replaced.name == "neck-rolls.yaml" and "hold: 8s" in replaced.read_text()
    actions.answers = ["Cancel"]
    assert actions.import_files([changed]) == []


def test_a_file_with_problems_is_imported_and_its_problems_reported(
    window, actions, tmp_path, quiet
):
    broken = _source(tmp_path, "broken.yaml", "name: Broken\nsteps:\n  - exercise: A\n")
    assert len(actions.import_files([broken])) == 1
    assert not window.library.find("broken").runnable
    assert "with 2 problems (it will not run until they are fixed" in quiet[-1]


def _drag(kind, mime: QMimeData):
    return kind(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_dropping_routine_files_on_the_window_imports_them(window, actions, home, tmp_path, qtbot):
    other = _source(tmp_path, "notes.txt", "not a routine")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    refused = _drag(QDragEnterEvent, mime)
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()  # only routine files are taken
    source = _source(tmp_path, "neck-rolls.yaml", MINE)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    enter = _drag(QDragEnterEvent, mime)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, _drag(QDropEvent, mime))
    qtbot.waitUntil(lambda: window.library.find("neck-rolls") is not None)
    assert (home / "routines" / "neck-rolls.yaml").read_text() == MINE


def test_importing_from_another_app_through_the_menu(window, actions, home, quiet, monkeypatch):
    monkeypatch.setenv("HOME", str(home / "nobody"))  # no app installed: the file dialog
    monkeypatch.setenv("XDG_DATA_DIRS", str(home / "nothing"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    actions.choose_open = lambda title, kinds: [str(FIXTURES / "stretchly" / "config.json")]
    written = actions.import_from_app()
    assert [p.name for p in written] == ["stretchly-mini-breaks.yaml", "stretchly-long-breaks.yaml"]
    assert window.library.find("stretchly-long-breaks").runnable


def test_a_bad_file_from_another_app_is_reported_and_nothing_written(
    window, actions, home, tmp_path, quiet
):
    bad = _source(tmp_path, "config.json", '{"breakIdeas": [')
    assert actions.import_from_app([bad]) == []
    assert "not valid JSON" in quiet[-1] and "Nothing was imported" in quiet[-1]
    assert not (home / "routines").exists()


def test_export_writes_a_copy_with_its_pictures(window, actions, tmp_path):
    target = actions.export(window.library.find("camel-pose"), tmp_path / "share" / "camel")
    assert target == tmp_path / "share" / "camel.yaml"
    result = load_routine(target)
    assert result.ok and result.problems == ()  # its pictures are beside it


def test_a_routine_written_by_another_program_appears_by_itself(window, actions, home, qtbot):
    folder = home / "routines"
    folder.mkdir()
    actions.watch()
    (folder / "neck-rolls.yaml").write_text(MINE)
    qtbot.waitUntil(lambda: window.library.find("neck-rolls") is not None, timeout=5000)
    (folder / "neck-rolls.yaml").write_text(MINE.replace("name: Neck rolls", "name: Neck"))
    qtbot.waitUntil(lambda: window.library.find("neck-rolls").result.name == "Neck", timeout=5000)


def test_two_files_with_one_id_in_one_import_ask_too(window, actions, home, tmp_path):
    a = tmp_path / "a" / "neck-rolls.yaml"
    b = tmp_path / "b" / "neck-rolls.yaml"
    for path, name in ((a, "Neck A"), (b, "Neck B")):
        path.parent.mkdir()
        path.write_text(MINE.replace("Neck rolls", name))
    actions.answers = ["Keep Both"]
    written = actions.import_files([a, b])
    assert [p.name for p in written] == ["neck-rolls.yaml", "neck-rolls-2.yaml"]
    assert "Neck A" in written[0].read_text() and "Neck B" in written[1].read_text()


def test_a_picture_of_the_same_name_is_not_replaced_but_renamed(window, actions, home, tmp_path):
    mine = home / "routines" / "images" / "pose.png"
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"my own picture")
    source = _source(tmp_path, "yoga.yaml", MINE + "    image: images/pose.png\n")
    (source.parent / "images").mkdir()
    theirs = (FIXTURES / "workrave" / "side-bend.png").read_bytes()
    (source.parent / "images" / "pose.png").write_bytes(theirs)
    (imported,) = actions.import_files([source])
    assert mine.read_bytes() == b"my own picture"
    step = load_routine(imported).routine.steps[0]
    assert step.image == home / "routines" / "images" / "pose-2.png"
    assert step.image.read_bytes() == theirs


def test_try_it_asks_before_stopping_a_session_under_way(window, actions, qtbot):
    player = window.play(window.library.find("desk-break").result.routine, start=True)
    actions.answers = ["Cancel"]
    actions._try(window.library.find("camel-pose").result.routine)
    assert window.player is player and player.session.state.value == "running"
    actions.answers = ["Stop and Try"]
    actions._try(window.library.find("camel-pose").result.routine)
    assert window.player.routine.id == "camel-pose"


def test_edit_while_playing_opens_the_routine_being_played(window, actions):
    window.library_page.select("desk-break")
    window.play(window.library.find("camel-pose").result.routine)
    editor = actions.edit()
    assert editor is not None and editor.draft.get("name") == "Camel pose"


def test_trashing_a_routine_closes_its_editor_first(window, actions, home, qtbot):
    path = home / "routines" / "neck-rolls.yaml"
    path.parent.mkdir()
    path.write_text(MINE)
    window.reload()
    editor = actions.edit(window.library.find("neck-rolls"))
    editor.fields[("summary",)].setText("x")
    editor.edit(("summary",), "x")
    editor.answer_unsaved = lambda box: QMessageBox.StandardButton.Cancel
    actions.answers = ["Move to Trash"]
    assert not actions.move_to_trash(window.library.find("neck-rolls"))
    assert path.exists() and editor.isVisible()  # kept: it had unsaved edits
    editor.answer_unsaved = lambda box: QMessageBox.StandardButton.Discard
    actions.answers = ["Move to Trash"]
    assert actions.move_to_trash(window.library.find("neck-rolls"))
    assert not path.exists()
    qtbot.waitUntil(lambda: actions.editors == [])


def test_a_customised_copy_leaves_out_the_schema_line(window, actions, home):
    copy = actions.duplicate(window.library.find("camel-pose"))
    assert not copy.read_text().startswith("# yaml-language-server")
    assert "# " in copy.read_text()  # its other comments stay


def test_pictures_copied_to_edit_a_bundled_routine_go_if_it_is_not_saved(window, actions, home):
    editor = actions.edit(window.library.find("camel-pose"))
    images = home / "routines" / "images"
    assert any(images.iterdir())  # there to be seen while editing
    editor.close()
    assert not images.exists()  # nothing left behind, not even the folder made for them
    (images / "mine").mkdir(parents=True)  # a folder of the person's own is never removed
    editor = actions.edit(window.library.find("camel-pose"))
    editor.close()
    assert [p.name for p in images.iterdir()] == ["mine"]
    editor = actions.edit(window.library.find("camel-pose"))
    editor.edit(("summary",), "Mine")
    assert editor.save()
    editor.close()
    assert any(images.iterdir())  # saved: they belong to your copy now


def test_the_editor_s_first_note_says_what_saving_does_until_it_is_done(window, actions):
    editor = actions.edit(window.library.find("camel-pose"))
    assert "comes with BackRoutine" in editor.note.text() and editor.note.isVisibleTo(editor)
    editor.edit(("summary",), "Mine")
    assert editor.save()
    assert not editor.note.isVisibleTo(editor)  # it is your own version now
    editor.close()


def test_closing_an_unsaved_edit_keeps_pictures_another_routine_uses(window, actions, home):
    editor = actions.edit(window.library.find("low-back-basics"))
    copy = actions.duplicate(window.library.find("low-back-basics"))  # uses the same files
    editor.close()
    result = load_routine(copy)
    assert result.ok and not [p for p in result.problems if "not found" in p.message]


def test_a_routines_folder_made_from_the_menu_is_watched(window, actions, home, qtbot, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    assert not (home / "routines").exists()
    window.menus.open_routines_folder()
    (home / "routines" / "neck-rolls.yaml").write_text(MINE)
    qtbot.waitUntil(lambda: window.library.find("neck-rolls") is not None, timeout=5000)


def test_importing_over_a_link_that_points_nowhere_never_writes_through_it(
    window, actions, home, tmp_path
):
    outside = tmp_path / "outside"
    outside.mkdir()
    routines = home / "routines"
    routines.mkdir(exist_ok=True)
    (routines / "neck-rolls.yaml").symlink_to(outside / "planted.yaml")
    (routines / "images").mkdir()
    (routines / "images" / "roll.png").symlink_to(outside / "planted.png")
    source = _source(tmp_path, "neck-rolls.yaml", MINE + "    image: images/roll.png\n")
    (source.parent / "images").mkdir()
    (source.parent / "images" / "roll.png").write_bytes(
        (FIXTURES / "workrave" / "side-bend.png").read_bytes()
    )
    actions.answers = ["Keep Both"]  # the link counts as a routine of that name
    (imported,) = actions.import_files([source])
    assert imported.name == "neck-rolls-2.yaml"
    assert list(outside.iterdir()) == []  # nothing written through either link
    assert (routines / "neck-rolls.yaml").readlink() == outside / "planted.yaml"
    assert (routines / "images" / "roll.png").readlink() == outside / "planted.png"
    assert "image: images/roll-2.png" in imported.read_text()
    assert load_routine(imported).ok


@pytest.mark.parametrize("kind", ["pipe", "zero"])
def test_a_routine_file_turned_into_a_pipe_or_device_is_said_by_every_command(
    window, actions, home, tmp_path, quiet, kind
):
    said = SAID[kind]
    path = home / "routines" / "neck-rolls.yaml"
    path.parent.mkdir()
    path.write_text(MINE)
    window.reload()
    entry = window.library.find("neck-rolls")
    path.unlink()
    make_special(path, kind)  # after the library read it
    assert actions.edit(entry) is None
    assert "neck-rolls.yaml" in quiet[-1] and said in quiet[-1]
    assert actions.duplicate(entry) is None
    assert "neck-rolls.yaml" in quiet[-1] and said in quiet[-1]
    assert actions.export(entry, tmp_path / "share" / "neck") is None
    assert "neck" in quiet[-1] and said in quiet[-1]
    assert not (tmp_path / "share" / "neck.yaml").exists()


@pytest.mark.parametrize("kind", ["pipe", "urandom", "folder", "huge"])
def test_importing_what_is_not_a_routine_file_reports_it_and_writes_nothing(
    window, actions, home, tmp_path, quiet, kind
):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    source = make_special(folder / "neck-rolls.yaml", kind, head=MINE.encode())
    assert actions.import_files([source]) == []
    assert "neck-rolls.yaml" in quiet[-1] and SAID[kind] in quiet[-1]
    assert not (home / "routines" / "neck-rolls.yaml").exists()


def test_a_routine_picture_that_is_a_pipe_or_device_is_not_copied(
    window, actions, home, tmp_path, quiet
):
    source = _source(
        tmp_path,
        "neck-rolls.yaml",
        MINE + "    image: images/roll.png\n  - exercise: B\n    hold: 5s\n"
        "    image: images/zero.png\n",
    )
    (source.parent / "images").mkdir()
    make_special(source.parent / "images" / "roll.png", "pipe")
    make_special(source.parent / "images" / "zero.png", "zero")
    (imported,) = actions.import_files([source])
    assert imported.read_text().count("images/") == 2  # the routine came in whole
    assert not (home / "routines" / "images").exists() or not any(
        (home / "routines" / "images").iterdir()
    )


@pytest.mark.parametrize("name", [b"r\xff.yaml", "n\u00e4cke #1?.yaml".encode()])
def test_open_in_text_editor_names_the_file_byte_for_byte(window, actions, home, monkeypatch, name):
    """A routine named b"r\\xff.yaml" was opened as file:///.../r%ED%B3%BF.yaml: a file
    that is not there, which a text editor then makes, empty."""
    import os
    from urllib.parse import unquote_to_bytes

    from PySide6.QtGui import QDesktopServices

    (home / "routines").mkdir()
    path = Path(os.fsdecode(os.fsencode(home / "routines") + b"/" + name))
    path.write_text(MINE)
    window.reload()
    (entry,) = [e for e in window.library.entries if e.path == path]
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    actions.open_in_text_editor(entry)
    (url,) = opened
    assert url.scheme() == "file"
    assert unquote_to_bytes(bytes(url.toEncoded()).decode("ascii")[len("file://") :]) == (
        os.fsencode(path)
    )


def test_a_routines_folder_made_by_hand_later_is_watched(window, actions, qtbot, home):
    assert not (home / "routines").exists()  # none at start-up; watching makes none
    actions.watch()
    assert not (home / "routines").exists()
    text = "name: By hand\nsteps:\n  - exercise: Bridge\n    hold: 10s\n"
    path = write_user_routine(home, "by-hand.yaml", text)
    qtbot.waitUntil(lambda: window.library.find("by-hand") is not None, timeout=5000)
    path.write_text(text.replace("By hand", "Edited by hand"), encoding="utf-8")
    qtbot.waitUntil(
        lambda: window.library.find("by-hand").result.routine.name == "Edited by hand",
        timeout=5000,
    )
