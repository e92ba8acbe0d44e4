#!/usr/bin/env python3
"""`make translations`: extract every message into the template, bring each
language's catalogue up to date with it, and compile the catalogues the app loads.

    src/backroutine/locale/backroutine.pot            the template (English)
    src/backroutine/locale/<lang>/LC_MESSAGES/backroutine.po   a translation
    src/backroutine/locale/<lang>/LC_MESSAGES/backroutine.mo   compiled, shipped

tests/test_catalogues.py fails when the template is behind the source, a shipped
catalogue is incomplete, or a compiled catalogue is behind its translation.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "backroutine" / "locale"
TEMPLATE = LOCALE / "backroutine.pot"
sys.path.insert(0, str(ROOT / "src"))

from backroutine.core.i18n import DOMAIN, ENGLISH, SHIPPED  # noqa: E402


def babel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract() -> None:
    babel(
        "extract",
        "--mapping-file",
        str(ROOT / "scripts" / "babel.cfg"),
        "--add-comments",
        "Translators:",
        "--sort-by-file",
        "--project",
        "BackRoutine",
        "--msgid-bugs-address",
        "https://github.com/backroutine/backroutine/issues",
        "--copyright-holder",
        "BackRoutine developers",
        "--width",
        "100",
        "--output-file",
        str(TEMPLATE),
        "src/backroutine",  # relative (main() works from ROOT): locations read src/...
    )
    _fixed_creation_date(TEMPLATE)


# Babel writes the time of each run as the creation date, into the template, each
# catalogue and each compiled catalogue (and fills in the time of reading when the
# line is missing): a fixed one keeps a run that changes no message from changing
# any file.
CREATION_DATE = '"POT-Creation-Date: 2026-11-25 00:00+0000\\n"\n'


def _fixed_creation_date(path: Path) -> None:
    """The fixed creation date in place of the run's."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith('"POT-Creation-Date:')]
    at = next((i for i, line in enumerate(kept) if line.startswith('"Report-Msgid-Bugs-To:')), 0)
    kept.insert(at + 1, CREATION_DATE)
    path.write_text("".join(kept), encoding="utf-8")


def update(language: str) -> None:
    """Bring a language's catalogue up to date with the template (new messages
    arrive empty), or start one for a language added to SHIPPED."""
    po = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    common = ["--domain", DOMAIN, "--input-file", str(TEMPLATE), "--output-dir", str(LOCALE)]
    common += ["--locale", language, "--width", "100"]
    if po.exists():
        babel("update", *common, "--ignore-obsolete", "--no-fuzzy-matching")
    else:
        babel("init", *common)
    _fixed_creation_date(po)


def compile_all() -> None:
    babel("compile", "--domain", DOMAIN, "--directory", str(LOCALE), "--statistics")


def main() -> int:
    os.chdir(ROOT)
    extract()
    for language in SHIPPED:
        if language != ENGLISH:
            update(language)
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
