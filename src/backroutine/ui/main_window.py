"""The main window: the routine library beside the chosen routine's detail."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.discovery import Entry, Library, known_routines
from ..core.paths import assets_dir, user_paths
from ..core.problems import counted
from .detail import RoutineDetail
from .library import EntryRole, LibraryDelegate, LibraryFilter, LibraryModel


class MainWindow(QMainWindow):
    def __init__(self, library: Library | None = None) -> None:
        super().__init__()
        self.setWindowTitle("BackRoutine")
        icon = assets_dir() / "icon.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.resize(1100, 740)

        self.model = LibraryModel(self)
        self.filter = LibraryFilter(self)
        self.filter.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search routines, exercises, tags")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search routines")
        self.search.textChanged.connect(self._search)

        self.list = QListView()
        self.list.setModel(self.filter)
        self.list.setItemDelegate(LibraryDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Routines")
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = QLabel("No routine matches your search.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(10, 10, 0, 10)
        column.addWidget(self.search)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty)

        self.detail = RoutineDetail()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 740])
        self.setCentralWidget(splitter)
        self.setTabOrder(self.search, self.list)
        self.setTabOrder(self.list, self.detail)

        self._build_menus()
        self.set_library(library if library is not None else known_routines())

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_folder = QAction("&Open My Routines Folder", self)
        open_folder.triggered.connect(self.open_routines_folder)
        file_menu.addAction(open_folder)
        reload_action = QAction("&Reload Routines", self)
        reload_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        reload_action.triggered.connect(self.reload)
        file_menu.addAction(reload_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        find = QAction("&Find", self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(lambda: self.search.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.addAction(find)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About BackRoutine", self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- library -------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        current = self.current_entry()
        self.library = library
        self.model.set_library(library)
        broken = sum(not e.runnable for e in library.entries)
        count = len(library.entries)
        message = counted(count, "routine")
        if broken:
            message += f" · {broken} with problems (select one to see what to fix)"
        self.statusBar().showMessage(message)
        self._select(current.id if current else None)

    def reload(self) -> None:
        self.set_library(known_routines())

    def _select(self, routine_id: str | None) -> None:
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

    def current_entry(self) -> Entry | None:
        if not hasattr(self, "library"):
            return None
        entry = self.list.currentIndex().data(EntryRole)
        return entry if isinstance(entry, Entry) else None

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        entry = indexes[0].data(EntryRole) if indexes else None
        self.detail.show_entry(entry if isinstance(entry, Entry) else None)

    def _search(self, text: str) -> None:
        current = self.current_entry()
        self.filter.set_query(text)
        has_rows = self.filter.rowCount() > 0
        self.empty.setVisible(not has_rows)
        self._select(current.id if current else None)

    # -- actions -------------------------------------------------------------

    def open_routines_folder(self) -> None:
        folder = user_paths().routines_dir
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            QMessageBox.warning(
                self, "BackRoutine", f"Cannot create your routines folder {folder}:\n{exc}"
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def show_about(self) -> None:
        folder = user_paths().routines_dir
        box = QMessageBox(self)
        box.setWindowTitle("About BackRoutine")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"BackRoutine {__version__}")
        box.setInformativeText(
            "Guided back-care exercise routines, with a private log kept on this computer.\n\n"
            f"Your own routines go in:\n{folder}\n\n"
            "BackRoutine is not medical advice. Stop an exercise that makes your pain worse, "
            "and ask a clinician about pain that persists."
        )
        box.exec()
