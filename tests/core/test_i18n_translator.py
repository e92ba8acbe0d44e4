"""Messages of a language other than the app's: the voice speaks the routine's."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from backroutine.core import i18n


@pytest.fixture
def polish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A compiled Polish catalogue with one message and one plural of three forms."""
    catalog = Catalog(locale="pl", domain=i18n.DOMAIN)
    catalog.add("Switch sides", "Zmień stronę")
    catalog.add(
        ("{count} rep", "{count} reps"),
        ("{count} powtórzenie", "{count} powtórzenia", "{count} powtórzeń"),
    )
    catalog.add("Done", "Koniec", context="voice")
    folder = tmp_path / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / f"{i18n.DOMAIN}.mo", "wb") as compiled:
        write_mo(compiled, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)


def test_a_translator_speaks_its_language_while_the_app_keeps_its_own(polish) -> None:
    words = i18n.translator("pl")

    assert words.language == "pl"
    assert words._("Switch sides") == "Zmień stronę"
    assert words.pgettext("voice", "Done") == "Koniec"
    forms = [words.ngettext("{count} rep", "{count} reps", n).format(count=n) for n in (1, 3, 5)]
    assert forms == ["1 powtórzenie", "3 powtórzenia", "5 powtórzeń"]
    assert i18n.language() == i18n.ENGLISH
    assert i18n._("Switch sides") == "Switch sides"


def test_the_app_can_speak_another_language_than_a_translator(polish) -> None:
    i18n.set_language(i18n.PSEUDO)

    assert i18n.translator("pl")._("Switch sides") == "Zmień stronę"
    assert i18n.translator("en")._("Switch sides") == "Switch sides"
    assert i18n._("Switch sides").startswith(i18n.PSEUDO_OPEN)


def test_the_pseudo_language_and_unknown_codes(polish) -> None:
    pseudo = i18n.translator(i18n.PSEUDO)
    assert pseudo.npgettext("voice", "{count} set", "{count} sets", 2).startswith("⟦")
    for code in ("xx", "", "pl\tde\n", "../../etc"):
        words = i18n.translator(code)
        assert words.language == i18n.ENGLISH, code
        assert words._("Switch sides") == "Switch sides"
    assert i18n.translator("pl-PL").language == "pl"
