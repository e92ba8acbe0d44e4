"""The history in the window: its page, opened from the menu, and its export (CSV,
JSON, or a PDF report for a clinician) to a file the person chooses."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6 import QtCore
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ..core.i18n import N_, _
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


# Translators: the kinds of file offered when saving; keep "(*.pdf)" and the like as they are.
EXPORTS = {
    "pdf": ("backroutine-report", N_("PDF report (*.pdf)")),
    "csv": ("backroutine-sessions", N_("CSV (*.csv)")),
    "json": ("backroutine-sessions", N_("JSON (*.json)")),
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
            QMessageBox.warning(self.parent_widget, _("History"), self.state.history_problem)
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
            QMessageBox.warning(self.parent_widget, _("History"), history.mark_damaged())
            return None
        self.host.show_page(self.page, _("History - BackRoutine"))
        self.page.table.setFocus()
        return self.page

    def export(self, form: str) -> None:
        """Ask where, then write the history as CSV, JSON or a PDF report."""
        from PySide6.QtCore import QStandardPaths
        from PySide6.QtWidgets import QFileDialog

        if self.state.history() is None:
            QMessageBox.warning(self.parent_widget, _("Export"), self.state.history_problem)
            return
        stem, kinds = EXPORTS[form]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        today = self.state.local_now().date()
        suggested = f"{folder}/{stem}-{today.isoformat()}.{form}"
        chosen, _filter = QFileDialog.getSaveFileName(
            self.parent_widget, _("Export your history"), suggested, _(kinds)
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
            QMessageBox.warning(
                self.parent_widget,
                _("Export"),
                _("Could not write {file}:\n{reason}").format(file=target, reason=exc),
            )
            return
        except (HistoryError, sqlite3.DatabaseError) as exc:
            # Damage further in than opening looks (a large file): recovered at the
            # next start, as when the history page meets it.
            damaged = isinstance(exc, sqlite3.DatabaseError) or isinstance(
                exc.__cause__, sqlite3.DatabaseError
            )
            said = history.mark_damaged() if damaged else str(exc)
            QMessageBox.warning(
                self.parent_widget,
                _("Export"),
                # Translators: {nothing_written} says which file was not written; {reason} why.
                _("{nothing_written}:\n{reason}").format(
                    nothing_written=nothing_written(str(target)), reason=said
                ),
            )
            return
        finally:
            QApplication.restoreOverrideCursor()
        files = ", ".join(str(p) for p in written)
        self.host.show_status(_("Written: {files}").format(files=files), 15000)
