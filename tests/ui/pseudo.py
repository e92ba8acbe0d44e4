"""Reading every text a window shows, to find text that skipped the translation
layer (the rule itself is tests/pseudo_text.py's, shared with the command line's
tests)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from ..pseudo_text import leftover

__all__ = ["leftover", "untranslated", "widget_texts"]


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text a person can see or hear from ``root`` and its children: (where, text)."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    # Qt's own widgets say Qt's words, which Qt's catalogues translate (month names,
    # a file dialog's buttons, a tab bar's arrows, OK and Cancel).
    qts_own = [
        w for w in widgets if isinstance(w, (QCalendarWidget, QFileDialog)) and w is not root
    ]
    boxes = root.findChildren(QDialogButtonBox)
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root and not isinstance(widget, QMenu):
            continue
        if any(_inside(widget, own) for own in qts_own):
            continue
        if widget.objectName() in ("ScrollLeftButton", "ScrollRightButton"):
            continue
        if isinstance(widget, QAbstractButton) and any(
            box.standardButton(widget) != QDialogButtonBox.StandardButton.NoButton for box in boxes
        ):
            continue
        name = f"{type(widget).__name__}({widget.objectName()})"

        def add(kind: str, text: str, where: str = name) -> None:
            if text:
                found.append((f"{where}.{kind}", text))

        add("windowTitle", widget.windowTitle() if widget.isWindow() else "")
        add("toolTip", widget.toolTip())
        add("accessibleName", widget.accessibleName())
        add("accessibleDescription", widget.accessibleDescription())
        add("statusTip", widget.statusTip())
        add("whatsThis", widget.whatsThis())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add("text", widget.text())
        elif isinstance(widget, QGroupBox):
            add("title", widget.title())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
            add("placeholder", widget.placeholderText())
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                add(f"item{index}", widget.itemText(index))
        if isinstance(widget, QTabWidget):
            for index in range(widget.count()):
                add(f"tab{index}", widget.tabText(index))
                add(f"tabToolTip{index}", widget.tabToolTip(index))
        if isinstance(widget, QListWidget):
            for index in range(widget.count()):
                item = widget.item(index)
                add(f"item{index}", item.text())
                add(f"itemToolTip{index}", item.toolTip())
        if isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                add(f"header{column}", header.text() if header else "")
        if isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            for column in range(widget.columnCount()):
                add(f"header{column}", header.text(column))
        for action in widget.actions():
            add("action", action.text(), f"{name}[{action.text()}]")
            add("actionToolTip", action.toolTip() if action.toolTip() != action.text() else "")
            add("actionStatusTip", action.statusTip())
            menu = action.menu()
            if menu is not None:
                found.extend(widget_texts(menu))
    return found


def _inside(widget: QWidget, ancestor: QWidget) -> bool:
    """Whether ``widget`` belongs to ``ancestor``, across windows (a popup menu)."""
    parent = widget.parentWidget()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentWidget()
    return False


def untranslated(root: QWidget, data: Iterable[str] = ()) -> list[tuple[str, str]]:
    """The visible texts of ``root`` with words that skipped the layer."""
    data = list(data)
    return [(where, text) for where, text in widget_texts(root) if leftover(text, data)]
