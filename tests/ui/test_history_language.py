"""A filled history in the pseudo-language: the table's every cell, a session's and
a day's detail, and the charts' titles carry no word that skipped the layer (the
empty page is read in test_shell_translated.py)."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt

from backroutine.core import i18n
from backroutine.core.discovery import known_routines
from backroutine.core.history import History
from backroutine.core.model import ExerciseStep
from backroutine.ui.history_page import HistoryPage

from ..conftest import REPO
from .pseudo import leftover, widget_texts

sys.path.insert(0, str(REPO / "scripts"))
import demo_history

TODAY = date(2026, 11, 25)


def test_a_filled_history_is_all_in_the_language(qtbot, home):
    demo_history.fill(home, days=10, hourly=True, end=TODAY, breaks=2)
    routines = {e.id: e.result.routine for e in known_routines().entries if e.result.routine}
    # The person's own: the routines' and exercises' names, the notes they wrote.
    data = [*demo_history.NOTES]
    for routine in routines.values():
        data += [routine.name, *(s.name for s in routine.steps if isinstance(s, ExerciseStep))]
    i18n.set_language(i18n.PSEUDO)
    history, _notices = History.open(home / "history.sqlite3")
    page = HistoryPage(history, routines, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    texts = [text for _where, text in widget_texts(page)]
    model = page.model
    assert model.rowCount() > 10
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                texts.append(value if isinstance(value, str) else "")
    for row in (0, model.rowCount() // 2, model.rowCount() - 1):
        page.table.selectRow(row)
        texts.append(page.session_detail.text())
    for back in range(4):
        day = TODAY - timedelta(days=back)
        page.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        assert page.day_detail.text()
        texts.append(page.day_detail.text())
    for view in (page.minutes_view, page.pain_view):
        chart = view.chart()
        texts.append(chart.title())
        texts += [axis.titleText() for axis in chart.axes()]
        texts += [series.name() for series in chart.series()]
    assert sum(i18n.PSEUDO_OPEN in text for text in texts) > 50  # really read
    left = [(text, leftover(text, data)) for text in texts if leftover(text, data)]
    assert left == []


@pytest.mark.parametrize("language", ["de", "ja", "ar"])
def test_each_column_fits_its_heading_and_cells_and_the_note_takes_the_rest(qtbot, home, language):
    demo_history.fill(home, days=3, hourly=True, end=TODAY, breaks=2)
    routines = {e.id: e.result.routine for e in known_routines().entries if e.result.routine}
    i18n.set_language(language)
    history, _notices = History.open(home / "history.sqlite3")
    page = HistoryPage(history, routines, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 740)
    page.show()
    qtbot.waitExposed(page)
    header = page.table.horizontalHeader()
    note = page.model.columnCount() - 1
    for column in range(note):
        width = header.sectionSize(column)
        assert width >= header.sectionSizeHint(column), header.model().headerData(
            column, Qt.Orientation.Horizontal
        )
        assert width >= page.table.sizeHintForColumn(column)
    used = sum(header.sectionSize(column) for column in range(note))
    assert header.sectionSize(note) >= page.table.viewport().width() - used - 1
    assert header.sectionSize(note) > 100
