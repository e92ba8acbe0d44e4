"""The routine editor, driven through its widgets: a routine built from nothing, saved,
read back and run; undo and redo; reorder by keys and by dragging; problems shown
beside their fields as you type; comments kept; a failed save leaves the file as it
was; a file changed on disk is read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from backroutine.core.validation import load_routine
from backroutine.ui.editor import EditorWindow

from ..special import SAID, make_special
from .test_player import wait, write_user_routine


def _typed(qtbot, widget, text: str) -> None:
    """Replace the field's text by typing, as a person would."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def _checked(editor: EditorWindow) -> None:
    editor.check_timer.stop()
    editor.check()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Nothing may wait for a person: closing discards, messages are only recorded."""
    told: list[str] = []
    monkeypatch.setattr(
        EditorWindow, "answer_unsaved", lambda self, box: QMessageBox.StandardButton.Discard
    )
    for name in ("information", "warning", "question"):
        monkeypatch.setattr(QMessageBox, name, lambda *args, **kw: told.append(args[2]))
    return told


@pytest.fixture(autouse=True)
def close_editors(window):
    yield
    window.routine_actions.close_editors()


@pytest.fixture
def new_editor(window, qtbot) -> EditorWindow:
    editor = window.routine_actions.new_routine()
    return editor


def test_a_routine_built_entirely_in_the_editor_saves_reloads_and_runs(
    window, qtbot, home, clock, new_editor
):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Evening stretch")
    _typed(qtbot, e.fields[("summary",)], "Ten quiet minutes")
    _typed(qtbot, e.fields[("tags",)], "evening, physio")
    e.program.setChecked(True)
    e.per_day.setValue(2)
    # The first exercise: named, instructed, a 20 s hold done 3 times, both sides.
    _typed(qtbot, e.step_fields["exercise"], "Knee to chest")
    _typed(qtbot, e.step_fields["instructions"], "Lie on your back and hug one knee.")
    _typed(qtbot, e.step_fields["hold"], "20s")
    e.sides.setCurrentIndex(e.sides.findData("both"))
    e.sides.activated.emit(e.sides.currentIndex())
    # A rest, then a timed exercise chosen through the dose chooser.
    e.add_rest_action.trigger()
    _typed(qtbot, e.rest_length, "15")
    e.add_exercise_action.trigger()
    _typed(qtbot, e.step_fields["exercise"], "Marching")
    _typed(qtbot, e.step_fields["instructions"], "March on the spot.")
    e.dose.setCurrentIndex(e.dose.findData("duration"))
    e.dose.activated.emit(e.dose.currentIndex())
    _typed(qtbot, e.step_fields["duration"], "1m")
    _checked(e)
    assert e.total.text() == "Total 3:28  ·  2 exercises"  # 5+3x20+3+3x20, 15, 5+60
    assert e.save_action.isEnabled()
    assert e.save()
    path = home / "routines" / "evening-stretch.yaml"
    assert e.path == path and e.windowTitle() == "Edit Evening stretch - BackRoutine"
    result = load_routine(path)
    assert result.ok and result.problems == ()
    routine = result.routine
    assert (routine.name, routine.summary, routine.tags) == (
        "Evening stretch",
        "Ten quiet minutes",
        ("evening", "physio"),
    )
    assert routine.schedule.per_day == 2
    assert [getattr(s, "name", "rest") for s in routine.steps] == [
        "Knee to chest",
        "rest",
        "Marching",
    ]
    assert path.read_text().startswith("name: Evening stretch\nsummary: Ten quiet minutes\n")
    assert "    hold: 20s\n    reps: 3\n    sides: both\n" in path.read_text()
    # The library has it; opened again, the editor shows what was saved.
    entry = window.library.find("evening-stretch")
    assert entry is not None and entry.runnable
    e.close()
    again = window.routine_actions.edit(entry)
    assert again.fields[("name",)].text() == "Evening stretch"
    assert again.step_list.count() == 3 and again.step_list.item(2).text() == "3. Marching"
    again.close()
    # And it runs to the end.
    player = window.play(entry.result.routine, start=True)
    wait(player, clock, player.timeline.total_seconds + 1)
    assert player.summary_title.text() == "Well done!"


def test_undo_and_redo_every_edit(new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Desk")
    e.add_rest_action.trigger()
    assert e.step_list.count() == 2
    e.undo_stack.undo()  # the rest goes
    assert e.step_list.count() == 1
    e.undo_stack.undo()  # the name's typing, as one change
    assert e.fields[("name",)].text() == "My routine"
    e.undo_stack.redo()
    e.undo_stack.redo()
    assert e.fields[("name",)].text() == "Desk" and e.step_list.count() == 2
    assert e.windowTitle() == "*Edit Desk - BackRoutine"  # unsaved


def test_steps_reorder_by_keys_and_by_dragging(new_editor, qtbot):
    e = new_editor
    e.add_rest_action.trigger()
    e.add_exercise_action.trigger()
    _typed(qtbot, e.step_fields["exercise"], "Plank")
    assert [e.step_list.item(i).text() for i in range(3)] == [
        "1. New exercise",
        "2. Rest 30s",
        "3. Plank",
    ]
    e.step_list.setFocus()
    qtbot.keyClick(e.step_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(e.step_list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [s.get("exercise") or "rest" for s in e.draft.steps] == [
        "Plank",
        "New exercise",
        "rest",
    ]
    assert e.step_list.currentRow() == 0
    # A drag moves the row in the list; the draft follows (the list's own move).
    model = e.step_list.model()
    assert model.moveRow(model.index(0, 0).parent(), 0, model.index(0, 0).parent(), 3)
    qtbot.waitUntil(lambda: [s.get("exercise") or "rest" for s in e.draft.steps][-1] == "Plank")
    assert [e.step_list.item(i).text() for i in range(3)] == [
        "1. New exercise",
        "2. Rest 30s",
        "3. Plank",
    ]
    e.undo_stack.undo()
    assert e.draft.steps[0].get("exercise") == "Plank"


def test_problems_show_beside_their_field_as_you_type_and_block_saving(new_editor, qtbot, home):
    e = new_editor
    _typed(qtbot, e.step_fields["hold"], "ten")
    qtbot.waitUntil(lambda: e.step_labels["hold"].isVisible())
    assert "duration" in e.step_labels["hold"].text()
    assert not e.step_labels["exercise"].isVisible()
    assert not e.save_action.isEnabled()
    assert "Cannot save yet: 1 problem to fix" in e.statusBar().currentMessage()
    _typed(qtbot, e.fields[("name",)], "")
    e.fields[("name",)].clear()
    e.edit(("name",), "")
    _checked(e)
    assert e.problem_labels[("name",)].isVisible()
    # Fixed, the problems go and Save comes back.
    _typed(qtbot, e.step_fields["hold"], "10s")
    _typed(qtbot, e.fields[("name",)], "Fixed")
    qtbot.waitUntil(lambda: e.save_action.isEnabled())
    assert not e.step_labels["hold"].isVisible()
    assert not (home / "routines").exists() or not list((home / "routines").glob("*.yaml"))


COMMENTED = """\
# From my physio in May. Ask before changing the holds.
name: Physio plan   # her name for it
steps:
  - exercise: Bridge
    instructions: Lift your hips.
    hold: 10s   # ten, not more
    reps: 3
  - rest: 20s
"""


REPLACE = os.replace


def test_editing_a_hand_written_file_keeps_its_comments(window, qtbot, home):
    path = write_user_routine(home, "physio-plan.yaml", COMMENTED)
    window.reload()
    e = window.routine_actions.edit(window.library.find("physio-plan"))
    e.step_fields["reps"].setValue(5)
    assert e.save()
    text = path.read_text()
    assert "# From my physio in May. Ask before changing the holds." in text
    assert "hold: 10s   # ten, not more" in text and "reps: 5" in text
    assert (home / "routines" / "physio-plan.yaml.bak").read_text() == COMMENTED  # a backup
    assert load_routine(path).routine.steps[0].dose.reps == 5


def test_a_save_that_fails_midway_leaves_the_old_file_whole(
    window, qtbot, home, monkeypatch, no_modal_dialogs
):
    path = write_user_routine(home, "physio-plan.yaml", COMMENTED)
    window.reload()
    e = window.routine_actions.edit(window.library.find("physio-plan"))
    e.step_fields["reps"].setValue(7)

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    told = no_modal_dialogs
    assert not e.save()
    monkeypatch.setattr(os, "replace", REPLACE)
    assert path.read_text() == COMMENTED
    assert "No space left on device" in told[0] and "Your edits are still here" in told[0]
    assert not e.undo_stack.isClean()  # still unsaved
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("kind", ["pipe", "zero"])
def test_a_file_turned_into_a_pipe_or_device_is_never_waited_on_nor_replaced(
    window, home, no_modal_dialogs, kind
):
    said = SAID[kind]
    path = write_user_routine(home, "physio-plan.yaml", COMMENTED)
    window.reload()
    e = window.routine_actions.edit(window.library.find("physio-plan"))
    e.step_fields["reps"].setValue(7)
    path.unlink()
    make_special(path, kind)
    e.reload_from_disk()  # returns: there is nothing to read
    assert not e.save()
    assert "physio-plan.yaml" in no_modal_dialogs[-1] and said in no_modal_dialogs[-1]
    assert "Your edits are still here" in no_modal_dialogs[-1]
    assert path.is_fifo() if kind == "pipe" else os.readlink(path) == "/dev/zero"
    assert sorted(p.name for p in path.parent.iterdir()) == ["physio-plan.yaml"]


def test_a_picture_chosen_from_a_pipe_or_device_is_refused(new_editor, tmp_path, no_modal_dialogs):
    e = new_editor
    for kind in ("pipe", "zero", "huge"):
        chosen = make_special(tmp_path / f"{kind}.png", kind, head=b"\x89PNG\r\n\x1a\n")
        e.choose_picture = lambda chosen=chosen: str(chosen)
        e.pick_picture()
        assert chosen.name in no_modal_dialogs[-1] and SAID[kind] in no_modal_dialogs[-1]
    assert e.draft.steps[0].get("image") in (None, "")


def test_a_file_changed_on_disk_is_read_again(window, qtbot, home):
    path = write_user_routine(home, "physio-plan.yaml", COMMENTED)
    window.reload()
    e = window.routine_actions.edit(window.library.find("physio-plan"))
    path.write_text(COMMENTED.replace("reps: 3", "reps: 4").replace("hold: 10s", "hold: ten"))
    e.reload_from_disk()
    assert e.step_fields["reps"].value() == 4
    _checked(e)
    assert e.step_labels["hold"].isVisible()  # its problem shown
    # With unsaved edits, the person is asked first.
    e.step_fields["exercise"].setFocus()
    _typed(qtbot, e.step_fields["exercise"], "Hip bridge")
    e.ask = lambda title, text: False
    path.write_text(COMMENTED)
    e.reload_from_disk()
    assert e.step_fields["exercise"].text() == "Hip bridge"


def test_closing_with_unsaved_edits_asks(new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Unsaved")
    asked = []
    e.answer_unsaved = lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Cancel
    assert not e.close()
    assert asked == ["Save your changes to Unsaved?"]
    e.answer_unsaved = lambda box: QMessageBox.StandardButton.Discard
    assert e.close()


def test_try_it_plays_the_routine_being_edited_without_recording_it(window, new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Quick try")
    e.try_action.trigger()
    assert window.player is not None and window.player.routine.name == "Quick try"
    assert window.player.log.history is None


def test_a_chosen_picture_is_copied_into_the_routines_folder(new_editor, qtbot, home, tmp_path):
    e = new_editor
    picture = tmp_path / "my photos" / "Bridge.PNG"
    picture.parent.mkdir()
    picture.write_bytes(
        (Path(__file__).parents[1] / "fixtures/importers/workrave/side-bend.png").read_bytes()
    )
    e.choose_picture = lambda: str(picture)
    e.pick_picture()
    assert e.draft.steps[0].get("image") == "images/Bridge.png"
    copied = home / "routines" / "images" / "Bridge.png"
    assert copied.read_bytes() == picture.read_bytes()
    _typed(qtbot, e.step_fields["instructions"], "Lift your hips.")
    _checked(e)
    assert not e.step_labels["image"].isVisible()  # found, and a picture the app can show
    assert e.save()
    assert load_routine(e.path).routine.steps[0].image == copied
    # A different picture with the same name does not replace the first.
    other = tmp_path / "Bridge.png"
    other.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not the same")
    e.choose_picture = lambda: str(other)
    e.pick_picture()
    assert e.draft.steps[0].get("image") == "images/Bridge-2.png"
    assert copied.read_bytes() == picture.read_bytes()


NECK = """\
# Neck routine, from my physio.
name: Neck
steps:
  - exercise: Shrug
    instructions: Lift the shoulders.
    hold: 5s
  - rest: 30s
    note: Walk around.
  - exercise: Chin tuck   # keep eyes level
    instructions: Draw the chin back.
    hold: 5s
"""


def _open(window, home, name: str, text: str) -> EditorWindow:
    write_user_routine(home, name, text)
    window.reload()
    editor = window.routine_actions.edit(window.library.find(Path(name).stem))
    assert editor is not None
    return editor


def test_saving_again_after_moving_steps_keeps_every_step_right(window, qtbot, home):
    e = _open(window, home, "neck.yaml", NECK)
    e.step_list.setCurrentRow(0)
    e.remove_step()  # Shrug goes
    assert e.save()
    _typed(qtbot, e.fields[("summary",)], "Short")
    e.step_list.setCurrentRow(1)
    e.move_step(-1)  # Chin tuck before the rest
    assert e.save()
    text = (home / "routines" / "neck.yaml").read_text()
    routine = load_routine(home / "routines" / "neck.yaml").routine
    assert [getattr(s, "name", "rest") for s in routine.steps] == ["Chin tuck", "rest"]
    assert routine.steps[1].note == "Walk around." and routine.summary == "Short"
    assert "# Neck routine, from my physio." in text
    assert "- exercise: Chin tuck   # keep eyes level" in text  # the comment went with it


def test_a_commented_file_without_steps_yet_can_be_saved(window, qtbot, home):
    e = _open(window, home, "wip.yaml", "# from Dr Lee\nname: Work in progress\n")
    e.add_exercise_action.trigger()
    _typed(qtbot, e.step_fields["instructions"], "Slowly.")
    assert e.save()
    text = (home / "routines" / "wip.yaml").read_text()
    assert text.startswith("# from Dr Lee\n") and load_routine(home / "routines" / "wip.yaml").ok


def test_text_a_comment_keeping_save_cannot_hold_is_saved_plainly_after_asking(window, qtbot, home):
    e = _open(window, home, "neck.yaml", NECK)
    asked = []
    e.ask = lambda title, text: asked.append(title) or True
    e.step_fields["instructions"].setPlainText("\tStand tall.\nRoll your head slowly.")
    assert e.save()
    result = load_routine(home / "routines" / "neck.yaml")
    assert result.ok, result.problems  # never a file the app cannot read
    assert result.routine.steps[0].instructions == "\tStand tall.\nRoll your head slowly."
    assert asked in ([], ["Comments"])  # kept, or the person was told they could not be


def test_ctrl_z_in_a_field_undoes_the_last_change_of_the_editor(new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Desk")
    e.fields[("name",)].setFocus()
    e.remove_action.trigger()  # focus stays in the name field
    assert e.step_list.count() == 0
    qtbot.keyClick(e.fields[("name",)], Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert e.step_list.count() == 1  # the removal undone, not the field's typing
    assert e.fields[("name",)].text() == "Desk"


def test_a_problem_in_a_hidden_dose_field_shows_at_the_dose(window, qtbot, home):
    text = "name: A\nsteps:\n  - exercise: March\n    instructions: Go.\n"
    e = _open(window, home, "a.yaml", text + "    duration: 1m\n    rest: 5s\n")
    _checked(e)
    assert not e.step_labels["rest"].isVisibleTo(e)
    assert e.step_labels["dose"].isVisibleTo(e) and "rest" in e.step_labels["dose"].text()


def test_the_last_program_day_cannot_be_unticked(new_editor):
    e = new_editor
    e.program.setChecked(True)
    for day in ("mon", "tue", "wed", "thu", "fri", "sat"):
        e.days[day].setChecked(False)
    e.days["sun"].setChecked(False)
    assert e.days["sun"].isChecked() and e.draft.schedule == {"per_day": "1", "days": "sun"}


def test_an_open_editor_says_when_its_file_is_gone_and_closing_asks(window, qtbot, home):
    e = _open(window, home, "neck.yaml", NECK)
    (home / "routines" / "neck.yaml").unlink()
    e.reload_from_disk()
    assert "was moved to the trash or deleted" in e.note.text() and e.note.isVisibleTo(e)
    assert not e.undo_stack.isClean() and e.windowTitle().startswith("*")
    asked = []
    e.answer_unsaved = lambda box: asked.append(1) or QMessageBox.StandardButton.Cancel
    assert not e.close() and asked == [1]


def test_while_a_problem_stands_the_total_says_it_waits(new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.step_fields["hold"], "ten")
    _checked(e)
    assert e.total.text() == "Total: shown again once the problems are fixed"
    assert e.strip.timeline is None


def test_a_name_another_routine_has_is_pointed_out(new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Camel pose")
    _checked(e)
    assert e.problem_labels[("name",)].text() == "Note: Another routine is called Camel pose too"
    assert e.save_action.isEnabled()  # a note, not an error


def test_a_file_put_back_after_being_deleted_is_not_saved_over_unasked(window, qtbot, home):
    e = _open(window, home, "neck.yaml", NECK)
    path = home / "routines" / "neck.yaml"
    path.unlink()
    e.reload_from_disk()
    path.write_text(NECK.replace("name: Neck", "name: Neck v2"))  # restored, or another
    asked = []
    e.ask = lambda title, text: asked.append(title) or False
    assert not e.save()
    assert asked == ["Changed on disk"] and "Neck v2" in path.read_text()


def test_a_save_that_must_drop_comments_keeps_a_dated_copy_with_them(window, qtbot, home):
    aliased = NECK.replace("  - exercise: Shrug", "  - &shrug\n    exercise: Shrug").replace(
        "  - rest: 30s\n    note: Walk around.\n", "  - *shrug\n"
    )
    e = _open(window, home, "neck.yaml", aliased)
    e.ask = lambda title, text: True
    e.step_fields["instructions"].setPlainText("Lift both shoulders.")
    assert e.save()
    assert e.save()  # a second save replaces .bak, not the dated copy
    dated = list((home / "routines").glob("neck.yaml.*.bak"))
    assert len(dated) == 1 and "# Neck routine, from my physio." in dated[0].read_text()


def test_stopping_try_it_does_not_say_the_try_is_kept(window, new_editor, qtbot):
    e = new_editor
    _typed(qtbot, e.fields[("name",)], "Quick try")
    e.try_action.trigger()
    player = window.player
    qtbot.keyClick(player, Qt.Key.Key_Space)
    asked = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(player, Qt.Key.Key_Escape)
    [question] = asked
    assert "not recorded" in question and "kept" not in question
    assert player.summary_title.text() == "Session stopped"
    # The end says the same, in words that read (not "Not recorded: It is being
    # tried out."), and offers no note box: a note on a try would be kept nowhere.
    said = player.recorded.text()
    assert "try" in said and "not recorded" in said and "It is" not in said
    assert not player.note.isVisible()
