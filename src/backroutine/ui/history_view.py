"""The history in the window: its page, opened from the menu, and its export (CSV,
JSON, or a PDF report for a clinician) to a file the person chooses."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.phrases import nothing_written

if TYPE_CHECKING:
    from ..core.model import Routine
    from .app_state import AppState
    from .history_page import HistoryPage


class HistoryHost(Protocol):
    """What the history needs of the window it shows in."""

    def close_player(self) -> None: ...
    def show_page(self, page: QWidget, title: str) -> None: ...
    def back_to_library(self) -> None: ...
    def routines_by_id(self) -> dict[str, Routine]: ...
    def show_status(self, text: str, msecs: int = 0) -> None: ...


EXPORTS = {
    "pdf": ("backroutine-report", "PDF report (*.pdf)"),
    "csv": ("backroutine-sessions", "CSV (*.csv)"),
    "json": ("backroutine-sessions", "JSON (*.json)"),
}


class HistoryView(QtCore.QObject):
    """Shows the history page, and writes exports of the history."""

    def __init__(self, state: AppState, host: HistoryHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.state, self.host, self.parent_widget = state, host, parent
        self.page: HistoryPage | None = None

    def show(self) -> HistoryPage | None:
        from .history_page import HistoryPage

        history = self.state.history()
        if history is None:
            QMessageBox.warning(self.parent_widget, "History", self.state.history_problem)
            return None
        self.host.close_player()
        try:
            if self.page is None:
                self.page = HistoryPage(history, self.host.routines_by_id())
                self.page.closed.connect(self.host.back_to_library)
                self.page.export_requested.connect(self.export)
            else:
                self.page.routines = self.host.routines_by_id()
                self.page.refresh()
        except sqlite3.DatabaseError:  # damage further in than opening looks
            QMessageBox.warning(self.parent_widget, "History", history.mark_damaged())
            return None
        self.host.show_page(self.page, "History - BackRoutine")
        self.page.table.setFocus()
        return self.page

    def export(self, form: str) -> None:
        """Ask where, then write the history as CSV, JSON or a PDF report."""
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        if self.state.history() is None:
            QMessageBox.warning(self.parent_widget, "Export", self.state.history_problem)
            return
        stem, kinds = EXPORTS[form]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        today = self.state.local_now().date()
        suggested = f"{folder}/{stem}-{today.isoformat()}.{form}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.parent_widget, "Export your history", suggested, kinds
        )
        if chosen:
            self.write_export(form, Path(chosen))

    def write_export(self, form: str, target: Path) -> None:
        from ..core import export
        from ..core.history import HistoryError

        history = self.state.history()
        assert history is not None
        written = [target]
        QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            if form == "pdf":
                from .report_pdf import report_from_history

                report_from_history(history, self.host.routines_by_id(), target)
            else:
                # Read and written a batch at a time: memory stays flat at any length.
                written = export.write_files(form, history.iter_sessions(), target)
        except OSError as exc:
            QMessageBox.warning(self.parent_widget, "Export", f"Could not write {target}:\n{exc}")
            return
        except (HistoryError, sqlite3.DatabaseError) as exc:
            # Damage further in than opening looks (a large file): recovered at the
            # next start, as when the history page meets it.
            damaged = isinstance(exc, sqlite3.DatabaseError) or isinstance(
                exc.__cause__, sqlite3.DatabaseError
            )
            said = history.mark_damaged() if damaged else str(exc)
            QMessageBox.warning(
                self.parent_widget, "Export", f"{nothing_written(str(target))}:\n{said}"
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.host.show_status("Written: " + ", ".join(str(p) for p in written), 15000)
