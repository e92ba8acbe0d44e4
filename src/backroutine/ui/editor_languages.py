"""The editor's choice of the language whose texts it edits: "Text language: English /
Deutsch — 3 texts missing / … / Add language…". The rules (which languages a
routine has, what each misses, what adding one does) are core/draft_languages.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox, QWidget

from ..core.draft import RoutineDraft
from ..core.draft_languages import (
    in_language,
    languages,
    missing_count,
    missing_counts,
    with_language,
)
from ..core.i18n import SHIPPED, _, content_languages, language_name, ngettext
from ..core.problems import shorten
from ..core.text_checks import known_language
from ..core.texts import ENGLISH, normal_code, pick_language

ADD = "+"  # the item that adds a language


class Editing(Protocol):
    """What the chooser needs of the editor window."""

    draft: RoutineDraft
    current: int
    check_timer: QTimer

    def show_draft(self, draft: RoutineDraft, current: int) -> None: ...


class LanguageChooser(QWidget):
    """A row above the editor's form; the form then edits the chosen language."""

    def __init__(self, editor: Editing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        # Asks which language to add: a code, or "" when the person cancels.
        self.ask: Callable[[tuple[str, ...]], str] = self._ask
        self.choice = QComboBox()
        self.choice.setObjectName("textLanguage")
        # As wide as its longest entry ("Svenska — 15 Texte fehlen"), after each refresh;
        # a routine file's odd language code does not widen the window past the screen.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.choice.setMaximumWidth(self.choice.fontMetrics().averageCharWidth() * 60)
        self.choice.setToolTip(
            _(
                "The language whose texts the form shows and edits; a routine may carry "
                "its texts in several"
            )
        )
        self.choice.setAccessibleName(_("Text language"))
        label = QLabel(_("Text &language:"))
        label.setBuddy(self.choice)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.choice)
        row.addStretch(1)
        self.choice.activated.connect(self._activated)
        editor.check_timer.timeout.connect(lambda: self.refresh(editor.draft))

    def shown_language(self, draft: RoutineDraft) -> str:
        """The language the form shows: the chosen one, or the one the person reads."""
        codes = languages(draft)
        return draft.language or pick_language(codes, content_languages()) or ENGLISH

    def refresh(self, draft: RoutineDraft) -> None:
        """List the draft's languages, each with how many texts it still misses."""
        codes = languages(draft) or (ENGLISH,)
        # Counted at once: one language at a time took seconds for a routine with
        # hundreds, after every edit.
        counts = missing_counts(draft, codes) if languages(draft) else {}
        self.choice.blockSignals(True)
        try:
            self.choice.clear()
            for code in codes:
                self.choice.addItem(self.describe(draft, code, counts.get(code, 0)), code)
            self.choice.addItem(_("Add language…"), ADD)
            self.choice.setCurrentIndex(max(0, self.choice.findData(self.shown_language(draft))))
        finally:
            self.choice.blockSignals(False)

    @staticmethod
    def describe(draft: RoutineDraft, code: str, count: int | None = None) -> str:
        """The language named in itself, with how many texts it misses (counted
        here unless given)."""
        name = language_name(code)
        if count is None:
            count = missing_count(draft, code) if languages(draft) else 0
        if not count:
            return name
        # Translators: {language} is a language named in itself ("Deutsch"); the
        # count is of the routine's texts (names, instructions, ...) not yet written
        # in that language.
        return ngettext(
            "{language} — {count} text missing", "{language} — {count} texts missing", count
        ).format(language=name, count=count)

    def choose(self, code: str) -> None:
        """Edit ``code``'s texts, adding the language to the routine if it is new."""
        draft = self.editor.draft
        # The language spelt as the file spells it ("pt-BR" for pt_BR): a second
        # spelling would be a second text in the same language, which cannot be saved.
        spelt = [have for have in languages(draft) if normal_code(have) == normal_code(code)]
        code = spelt[0] if spelt else code
        if code in languages(draft):
            changed = in_language(draft, code)
        else:
            base = draft.language or (languages(draft) or (ENGLISH,))[0]
            changed = with_language(draft, code, base if languages(draft) else ENGLISH)
        self.editor.show_draft(changed, self.editor.current)

    def _activated(self, index: int) -> None:
        code = self.choice.itemData(index)
        if code == ADD:
            code = self.ask(languages(self.editor.draft) or (ENGLISH,))
        if code and code != self.shown_language(self.editor.draft):
            self.choose(str(code))
        else:
            self.refresh(self.editor.draft)

    def _ask(self, present: tuple[str, ...]) -> str:
        present_codes = {normal_code(code) for code in present}
        offered = [code for code in SHIPPED if code not in present_codes]
        names = [language_name(code) for code in offered]
        text, ok = QInputDialog.getItem(
            self,
            _("Add a language"),
            _(
                "Write this routine's texts in one more language. Choose it, or type "
                "its code (such as sv or pt_PT):"
            ),
            names,
            0,
            True,
        )
        if not ok or not text.strip():
            return ""
        if text in names:
            return offered[names.index(text)]
        code = known_language(text)
        if code:
            return normal_code(code)
        QMessageBox.warning(
            self,
            _("Add a language"),
            _(
                "{text} is not a language code BackRoutine knows; type one such as de or pt_BR."
            ).format(text=repr(shorten(text.strip()))),
        )
        return ""
