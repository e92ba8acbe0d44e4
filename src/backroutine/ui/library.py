"""The routine library: a searchable list of routines, broken files included."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.discovery import Entry, Library
from ..core.durations import format_clock
from ..core.i18n import _, ngettext
from ..core.phrases import about_total, tags_text

EntryRole = Qt.ItemDataRole.UserRole + 1
SearchRole = Qt.ItemDataRole.UserRole + 2
AdherenceRole = Qt.ItemDataRole.UserRole + 3  # "1 of 2 today · 9 of 14 this week"

AnyIndex = QModelIndex | QPersistentModelIndex


def time_text(entry: Entry) -> str:
    timeline = entry.timeline()
    if timeline is None:
        return ""
    text = format_clock(timeline.total_seconds)
    if not timeline.is_exact:
        return about_total(text, timeline.untimed_reps)
    return text


def status_text(entry: Entry) -> str:
    errors = sum(p.is_error for p in entry.problems)
    if errors:
        return ngettext(
            "{count} error: cannot run until fixed",
            "{count} errors: cannot run until fixed",
            errors,
        ).format(count=errors)
    return ""


def fold(text: str) -> str:
    """Lower case without accents or invisible characters, so "plie" finds "Plié",
    "hüftbeuger" finds "Hüft\u00adbeuger" (a soft hyphen) and Arabic is found
    whatever direction marks it holds."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )


def problem_color(palette: QPalette) -> QColor:
    """A red that keeps its contrast on light and dark themes."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ff9a8f" if dark else "#a3261b")


class LibraryModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._adherence: dict[str, str] = {}

    def set_library(self, library: Library) -> None:
        self.beginResetModel()
        self._entries = list(library.entries)
        self.endResetModel()

    def set_adherence(self, texts: dict[str, str]) -> None:
        """How each scheduled routine is being followed, by routine id."""
        self._adherence = dict(texts)
        if self._entries:
            self.dataChanged.emit(self.index(0), self.index(len(self._entries) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        routine = entry.result.routine
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.result.name
        if role == EntryRole:
            return entry
        if role == AdherenceRole:
            return self._adherence.get(entry.id, "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [entry.result.name]
            if routine is not None and routine.summary:
                parts.append(routine.summary)
            parts.append(time_text(entry) or status_text(entry))
            parts.append(self._adherence.get(entry.id, ""))
            return ". ".join(p for p in parts if p)
        if role == SearchRole:
            words = [entry.id, entry.result.name]
            if routine is not None:
                words += [routine.summary, " ".join(routine.tags), tags_text(routine.tags)]
                words += [getattr(step, "name", "") for step in routine.steps]
            return fold(" ".join(words))
        if role == Qt.ItemDataRole.ToolTipRole and not entry.runnable:
            return "\n".join(str(p) for p in entry.problems if p.is_error)
        return None


class LibraryFilter(QSortFilterProxyModel):
    """Keeps the routines whose name, summary, tags or exercises hold every word typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._words = fold(text).split()
            self.endFilterChange()
        else:
            self._words = fold(text).split()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
        if not self._words:
            return True
        haystack = str(self.sourceModel().index(row, 0, parent).data(SearchRole) or "")
        return all(word in haystack for word in self._words)


class LibraryDelegate(QStyledItemDelegate):
    """Draws a routine as its name, summary, and a line of time and tags."""

    PADDING = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        metrics = option.fontMetrics
        return QSize(260, metrics.height() * 3 + int(metrics.height() * 0.6) + self.PADDING * 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        entry = index.data(EntryRole)
        if not isinstance(entry, Entry):
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect.adjusted(
            self.PADDING, self.PADDING // 2 + 2, -self.PADDING, -self.PADDING // 2
        )
        base_font = QFont(option.font)
        line = option.fontMetrics.height()
        painter.save()
        # Text starts where the person's writing starts: at the right in Arabic.
        painter.setLayoutDirection(option.direction)
        leading = QStyle.visualAlignment(
            option.direction, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        title_font = QFont(base_font)
        title_font.setBold(True)
        title_font.setPointSizeF(base_font.pointSizeF() * 1.1)
        painter.setFont(title_font)
        painter.setPen(palette.color(text_role))
        title_rect = QRect(rect.left(), rect.top(), rect.width(), int(line * 1.3))
        painter.drawText(
            title_rect,
            leading,
            painter.fontMetrics().elidedText(
                entry.result.name, Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.setFont(base_font)
        routine = entry.result.routine
        second = routine.summary if routine is not None else status_text(entry)
        top = title_rect.bottom() + 2
        if routine is None and not selected:
            painter.setPen(problem_color(palette))
        painter.drawText(
            QRect(rect.left(), top, rect.width(), line),
            leading,
            painter.fontMetrics().elidedText(second, Qt.TextElideMode.ElideRight, rect.width()),
        )
        details = []
        if routine is not None:
            details.append(time_text(entry))
            details.append(str(index.data(AdherenceRole) or ""))
            if routine.tags:
                details.append(tags_text(routine.tags))
        if entry.overrides_bundled:
            # Translators: a bundled routine the person changed (their own version of it).
            details.append(_("customised"))
        muted = palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        painter.drawText(
            QRect(rect.left(), top + line + 2, rect.width(), line),
            leading,
            painter.fontMetrics().elidedText(
                "  ·  ".join(d for d in details if d), Qt.TextElideMode.ElideRight, rect.width()
            ),
        )
        painter.restore()
