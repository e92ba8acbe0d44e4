"""The library, a routine's detail and the player in the person's language: in the
pseudo-language every word they show comes out bracketed (⟦...⟧), so a word that
skipped the translation layer shows up as plain English; and in a right-to-left
language the player's controls mirror while the exercise's picture does not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox, QWidget

from backroutine.core import i18n
from backroutine.core.discovery import discover, known_routines
from backroutine.core.model import ExerciseStep, RestStep, Routine
from backroutine.core.settings import Settings
from backroutine.core.timeline import PeriodKind
from backroutine.ui.library_page import LibraryPage
from backroutine.ui.main_window import MainWindow
from backroutine.ui.player import PlayerPage
from backroutine.ui.player_words import safety_banner

from ..pseudo_text import FORMAT_WORDS, leftover
from .test_player import wait

ROUTINE = """\
name: Morning unwinding
summary: Two gentle moves
description: Slowly, on a mat.
caution: Stop if it hurts.
prepare: 2
tags: [mobility, mornings]
steps:
  - exercise: Side bend
    instructions: Lean over to one side.
    caution: Keep your hips still.
    hold: 3s
    sides: both
  - rest: 2s
    note: Breathe out.
  - exercise: Knee hug
    instructions: Hug both knees.
    hold: 2s
    reps: 2
    rest: 1s
"""

BROKEN = "name: Broken one\nsteps:\n  - exercise: Bend\n    hold: soon\n"

# The person's own tag: shown as written (a bundled tag such as "mobility" is
# translated, core/phrases.tag_label).
OWN_TAG = "mornings"


def routine_words(routine: Routine) -> list[str]:
    """The routine's own texts, which the routine's author wrote (not the app): the
    only words allowed to stay as they are."""
    words = [routine.name, routine.summary, routine.description, routine.caution, OWN_TAG]
    for step in routine.steps:
        if isinstance(step, ExerciseStep):
            words += [step.name, step.instructions, step.caution]
        elif isinstance(step, RestStep):
            words.append(step.note)
    return [w for w in words if w]


def shown_texts(root: QWidget) -> list[str]:
    """Every text a person sees or hears from the visible widgets under root: labels,
    buttons, placeholders, tooltips, and the names screen readers say."""
    texts = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
    return texts


def left_in_english(root: QWidget, exempt: list[str]) -> list[str]:
    return [t for t in shown_texts(root) if leftover(t, exempt)]


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_language(i18n.PSEUDO)
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.fixture
def routine(write_routine) -> Routine:
    library = discover(bundled_dir=None, user_dir=None, paths=[write_routine(ROUTINE)])
    found = library.entries[0].result.routine
    assert found is not None, library.entries[0].problems
    return found


def test_the_library_and_a_routine_s_detail_are_all_in_the_language(
    pseudo, qtbot, write_routine, routine
):
    broken = write_routine(BROKEN, "broken.yaml")
    library = discover(bundled_dir=None, user_dir=None, paths=[routine.path, broken])
    page = LibraryPage()
    qtbot.addWidget(page)
    told: list[str] = []
    page.status.connect(told.append)
    page.set_library(library)
    page.resize(1100, 700)
    page.show()
    page.select(routine.id)
    assert page.detail.entry is not None and page.detail.entry.id == routine.id
    # The broken file's own words, and the key its problem names.
    exempt = [*routine_words(routine), "Broken one", "Bend", "soon", *FORMAT_WORDS]
    assert left_in_english(page, exempt) == []
    # What the list says of each routine (its time, or that it cannot run), and the
    # window's status line with the counts.
    model = page.model
    spoken = [str(model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)) for row in (0, 1)]
    assert len(spoken) == 2 and [t for t in spoken if leftover(t, exempt)] == []
    assert told and [t for t in told if leftover(t)] == []
    # A file that cannot run: its problems, the file, and what to do.
    page.select("broken")
    assert page.detail.entry is not None and not page.detail.entry.runnable
    assert left_in_english(page, exempt) == []
    # Searching for nothing that exists says so in the language.
    page.search.setText("zzzz")
    assert page.empty.isVisible() and page.empty.text()
    assert leftover(page.empty.text(), ["zzzz"]) == ""


def test_a_whole_routine_in_the_player_is_all_in_the_language(pseudo, qtbot, clock, cues, routine):
    window = MainWindow(
        library=discover(bundled_dir=None, user_dir=None, paths=[routine.path]),
        settings=Settings(safety_notice_seen=True),
        clock=clock,
        cue_player=cues,
    )
    qtbot.addWidget(window)
    window.show()
    player = window.pages.play(routine)
    player.show_notice(safety_banner())
    assert window.windowTitle().startswith(i18n.PSEUDO_OPEN)
    kinds = set()
    step = 0.5
    for _moment in range(int(player.timeline.total_seconds / step) + 2):
        assert left_in_english(player, routine_words(routine)) == [], player.session.current
        if player.session.current is not None:
            kinds.add(player.session.current.kind)
        if player.pages.currentIndex() == 1:
            break
        if not player.session.under_way:
            player.start()
        wait(player, clock, step)
    assert {PeriodKind.PREPARE, PeriodKind.HOLD, PeriodKind.SWITCH_SIDES} <= kinds
    assert PeriodKind.REST in kinds
    assert player.pages.currentIndex() == 1  # the summary, checked above
    assert player.summary_title.text().startswith(i18n.PSEUDO_OPEN)


def test_the_question_before_stopping_is_in_the_language(pseudo, qtbot, clock, routine):
    player = PlayerPage(routine, clock=clock)
    qtbot.addWidget(player)
    player.start()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend([box.windowTitle(), box.text()])
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer)
    player.ask_stop()
    assert len(seen) == 2 and not [t for t in seen if leftover(t)]


def test_right_to_left_mirrors_the_controls_but_not_the_picture(qtbot, clock):
    routine = known_routines().find("camel-pose").result.routine
    assert routine is not None

    def player_in(direction: Qt.LayoutDirection) -> PlayerPage:
        QApplication.setLayoutDirection(direction)
        try:  # as in an app started in Arabic: right to left before anything is built
            player = PlayerPage(routine, clock=clock)
            player.setLayoutDirection(direction)  # kept when the app's is put back
        finally:
            QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        qtbot.addWidget(player)
        player.resize(1000, 700)
        player.show()
        qtbot.waitExposed(player)
        player.start()
        player.skip()  # past the get-ready, into the first exercise with its picture
        return player

    ltr, rtl = player_in(Qt.LayoutDirection.LeftToRight), player_in(Qt.LayoutDirection.RightToLeft)

    def x(player: PlayerPage, widget: QWidget) -> int:
        return widget.mapTo(player, widget.rect().center()).x()

    assert x(ltr, ltr.back_button) < x(ltr, ltr.skip_button)
    assert x(rtl, rtl.skip_button) < x(rtl, rtl.back_button)
    # The arrows point the way the buttons go: back is to the right in Arabic.
    assert "◀" in ltr.back_button.text() and "▶" in rtl.back_button.text()
    assert "◀" in rtl.skip_button.text()
    # The exercise's name starts at the right, its counters at the left.
    assert x(rtl, rtl.counters) < x(rtl, rtl.exercise)
    # A picture of the left leg stays the left leg: the same pixels either way.
    assert ltr.picture.size() == rtl.picture.size()
    drawn = ltr.picture.pixmap().toImage()
    assert not drawn.isNull() and drawn != drawn.transformed(QTransform().scale(-1, 1))
    assert rtl.picture.grab().toImage() == ltr.picture.grab().toImage()


def test_right_to_left_draws_the_library_s_routines_from_the_right(qtbot, routine):
    def ink(direction: Qt.LayoutDirection) -> tuple[int, int]:
        """Where the first routine's name is drawn: its leftmost and rightmost inked x."""
        page = LibraryPage()
        page.setLayoutDirection(direction)
        qtbot.addWidget(page)
        page.set_library(discover(bundled_dir=None, user_dir=None, paths=[routine.path]))
        page.list.clearSelection()
        page.resize(900, 500)
        page.show()
        qtbot.waitExposed(page)
        row = page.list.visualRect(page.filter.index(0, 0))
        image = page.list.viewport().grab(row).toImage()
        background = image.pixelColor(image.width() // 2, 2).lightness()
        line = image.height() // 4  # through the name, the first of the row's lines
        inked = [
            x
            for x in range(image.width())
            if abs(image.pixelColor(x, line).lightness() - background) > 60
        ]
        assert inked, "the routine's name is drawn"
        return min(inked), image.width() - 1 - max(inked)

    ltr_start, ltr_end = ink(Qt.LayoutDirection.LeftToRight)
    rtl_start, rtl_end = ink(Qt.LayoutDirection.RightToLeft)
    assert ltr_start < ltr_end  # the name hugs the left edge
    assert rtl_end < rtl_start  # and in Arabic the right one
