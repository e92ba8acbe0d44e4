"""The import's questions and answers on screen: which of the break apps' files found
on this computer to import (or another file, in a file dialog that shows hidden
folders such as ~/.config, whose kinds of file are named in the person's language),
and the report, shown as a success or as a warning by what its lines are
(core/import_plan.py), never by their wording."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import N_, _, ngettext
from ..core.import_places import AppFile
from ..core.import_plan import ImportReport
from ..core.names import readable
from ..core.problems import Problem

# Translators: a button that opens a file dialog to choose another file to import.
OTHER_FILE = N_("Other File…")
APPS_PATTERNS = "exercises.xml config.json safeeyes.json *.xml *.json"
ROUTINE_PATTERNS = "*.yaml *.yml"


def routine_kinds() -> str:
    """A file dialog's kinds for routine files: the words translated, not the patterns."""
    # Translators: a file dialog's kind of file; {patterns} are file names.
    return _("Routines ({patterns})").format(patterns=ROUTINE_PATTERNS)


def app_kinds() -> str:
    """A file dialog's kinds for the break apps' files, then every file."""
    # Translators: a file dialog's kinds of file; {patterns} are file names. Break apps
    # are programs such as Workrave, Stretchly or Safe Eyes.
    apps = _("Break app files ({patterns})").format(patterns=APPS_PATTERNS)
    return apps + ";;" + _("All files ({patterns})").format(patterns="*")


def files_dialog(parent: QWidget | None, title: str, kinds: str, start: Path) -> QFileDialog:
    """A dialog to choose files that shows hidden files and folders: the apps keep
    theirs under ~/.config, which the system's own dialog hides."""
    dialog = QFileDialog(parent, title, str(start), kinds)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFilter(dialog.filter() | QDir.Filter.Hidden)
    return dialog


def open_files(parent: QWidget | None, title: str, kinds: str, start: Path) -> list[str]:
    dialog = files_dialog(parent, title, kinds, start)
    return dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []


class AppFilesDialog(QDialog):
    """The break apps' files found on this computer, each to tick, and "Other File…"."""

    def __init__(
        self, found: Sequence[AppFile], other: Callable[[], list[str]], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import from Another App"))
        self.other = other
        self.chosen: list[str] = []
        layout = QVBoxLayout(self)
        said = QLabel(
            # Translators: break apps are programs such as Workrave, Stretchly or Safe Eyes.
            _(
                "These break apps' files are on this computer. Tick the ones to make into "
                "routines, or choose another file."
            )
        )
        said.setWordWrap(True)
        layout.addWidget(said)
        self.files = QListWidget()
        self.files.setAccessibleName(_("Files found"))
        for app_file in found:
            item = QListWidgetItem(readable(app_file.label))
            item.setData(Qt.ItemDataRole.UserRole, str(app_file.path))
            item.setToolTip(readable(str(app_file.path)))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.files.addItem(item)
        said.setBuddy(self.files)
        layout.addWidget(self.files)
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = QPushButton(_(OTHER_FILE))
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self._import_ticked)
        self.other_button.clicked.connect(self._other)
        buttons.rejected.connect(self.reject)
        self.files.itemChanged.connect(self._ticked)
        layout.addWidget(buttons)
        # Wide enough for the paths, which say where each file is (within reason).
        self.resize(min(900, max(520, self.files.sizeHintForColumn(0) + 60)), 320)

    def ticked(self) -> list[str]:
        items = (self.files.item(row) for row in range(self.files.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _ticked(self) -> None:
        self.import_button.setEnabled(bool(self.ticked()))

    def _import_ticked(self) -> None:
        self.chosen = self.ticked()
        self.accept()

    def _other(self) -> None:
        chosen = self.other()
        if chosen:
            self.chosen = chosen
            self.accept()


def choose_app_files(
    parent: QWidget | None, found: Sequence[AppFile], other: Callable[[], list[str]]
) -> list[str]:
    """The files to import: picked from those found, or another one; [] if cancelled.
    With none found, the file dialog opens at once."""
    if not found:
        return other()
    dialog = AppFilesDialog(found, other, parent)
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else []


def show_report(
    parent: QWidget | None,
    title: str,
    report: ImportReport,
    in_passing: Callable[[str, str], None],
) -> None:
    """A success with nothing to add in passing (the status bar); a success with notes
    with the information icon; anything left out or failed with the warning icon."""
    if not report.lines:
        return
    if report.trouble:
        QMessageBox.warning(parent, title, report.text)
    elif report.notes:
        QMessageBox.information(parent, title, report.text)
    else:
        in_passing(title, report.text)


def imported_line(shown: str, target: str, problems: Sequence[Problem]) -> str:
    """The report's line for a routine file imported as target, with its problems."""
    count = len(problems)
    if not count:
        return _("{file}: imported as {target}").format(file=shown, target=target)
    if any(p.is_error for p in problems):
        said = ngettext(
            "{file}: imported as {target}, with {count} problem (it will not run until it "
            "is fixed; select it to see it)",
            "{file}: imported as {target}, with {count} problems (it will not run until "
            "they are fixed; select it to see them)",
            count,
        )
    else:
        said = ngettext(
            "{file}: imported as {target}, with {count} problem",
            "{file}: imported as {target}, with {count} problems",
            count,
        )
    return said.format(file=shown, target=target, count=count)
