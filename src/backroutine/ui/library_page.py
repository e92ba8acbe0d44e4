"""The library page: search and the routine list beside the chosen routine's detail."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.discovery import Entry, Library
from ..core.i18n import _, ngettext
from .detail import RoutineDetail
from .library import EntryRole, LibraryDelegate, LibraryFilter, LibraryModel


class LibraryPage(QSplitter):
    """Emits play_requested(Routine) from the Start button or Enter on a runnable routine,
    and status(text) with the count of routines and of those with problems."""

    play_requested = Signal(object)
    edit_requested = Signal(object)  # an Entry
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = Library([])
        self.model = LibraryModel(self)
        self.filter = LibraryFilter(self)
        self.filter.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search routines, exercises, tags"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search routines"))
        self.search.textChanged.connect(self._search)

        self.list = QListView()
        self.list.setModel(self.filter)
        self.list.setItemDelegate(LibraryDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName(_("Routines"))
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.list.activated.connect(self._activated)

        self.empty = QLabel(_("No routine matches your search."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        # A margin at the window's edge, none beside the splitter: layouts do not mirror
        # their margins, so the edge is on the right in Arabic.
        left_margin, right_margin = (0, 10) if self.isRightToLeft() else (10, 0)
        column.setContentsMargins(left_margin, 10, right_margin, 10)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty)

        self.detail = RoutineDetail()
        self.detail.start_requested.connect(self.play_requested)
        self.detail.edit_requested.connect(self.edit_requested)
        self.addWidget(left)
        self.addWidget(self.detail)
        self.setStretchFactor(1, 1)
        self.setSizes([360, 740])
        QWidget.setTabOrder(self.search, self.list)
        QWidget.setTabOrder(self.list, self.detail)

    def set_library(self, library: Library) -> None:
        """Show these routines, keeping the chosen one chosen if it is still there."""
        current = self.current_entry()
        self.library = library
        self.model.set_library(library)
        broken = sum(not e.runnable for e in library.entries)
        total = len(library.entries)
        message = ngettext("{count} routine", "{count} routines", total).format(count=total)
        if broken:
            # Translators: {routines} is the count of routines ("12 routines"); {count}
            # of them have problems in their files.
            message = ngettext(
                "{routines} · {count} with problems (select one to see what to fix)",
                "{routines} · {count} with problems (select one to see what to fix)",
                broken,
            ).format(routines=message, count=broken)
        self.status.emit(message)
        self.select(current.id if current else None)

    def current_entry(self) -> Entry | None:
        entry = self.list.currentIndex().data(EntryRole)
        return entry if isinstance(entry, Entry) else None

    def select(self, routine_id: str | None) -> None:
        target = 0
        for row in range(self.filter.rowCount()):
            entry = self.filter.index(row, 0).data(EntryRole)
            if isinstance(entry, Entry) and entry.id == routine_id:
                target = row
                break
        if self.filter.rowCount():
            self.list.setCurrentIndex(self.filter.index(target, 0))
        else:
            self.detail.show_entry(None)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        entry = indexes[0].data(EntryRole) if indexes else None
        self.detail.show_entry(entry if isinstance(entry, Entry) else None)

    def _activated(self, index: QModelIndex) -> None:
        entry = index.data(EntryRole)
        if isinstance(entry, Entry) and entry.result.routine is not None:
            self.play_requested.emit(entry.result.routine)

    def _search(self, text: str) -> None:
        current = self.current_entry()
        self.filter.set_query(text)
        self.empty.setVisible(self.filter.rowCount() == 0)
        self.select(current.id if current else None)
