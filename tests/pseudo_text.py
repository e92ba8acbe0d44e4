"""Finding text that skipped the translation layer, for the window's tests and the
command line's alike (no Qt here).

The pseudo-language accents every plain Latin letter of every message it
translates (core.i18n.pseudo), brackets or no brackets. So once the data a test
names is taken out (the routine's own texts, file paths, the few words of the
routine format a message shows on purpose), any word of two or more plain ASCII
letters left anywhere, inside a pseudo-translated message or outside it, did not
go through core.i18n: English glued to a message, English put into a message's
placeholder, a fixed English word. This holds for a message cut in two by a PDF's
page break as well, since no bracket needs to be matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A file's path as the person's system writes it: "/home/a/x.yaml", "~/x", "C:\x".
_PATH = re.compile(r"(?<![\w/\\])(?:[A-Za-z]:|~|\.{1,2})?[/\\][^\s\"'“”«»()⟦⟧]*")
_MARKUP = re.compile(r"<[^<>]*>|&[a-zA-Z]+;|&#\d+;")
_LATIN = re.compile(r"[A-Za-z]{2,}")


def leftover(text: str, data: Iterable[str] = ()) -> str:
    """The plain English words left in ``text`` once the named ``data``, file paths,
    markup and mnemonics are taken out: "" when the text is all translated."""
    # Longest first, so that a routine's name goes before a word inside it; whole
    # words only, so that a tag such as "desk" does not eat into "desk-break".
    for item in sorted({d.strip() for d in data if d and d.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(item)}(?!\w)", " ", text)
    text = _PATH.sub(" ", text)
    text = _MARKUP.sub(" ", text)
    return " ".join(_LATIN.findall(text.replace("&", "")))


# Words of the routine format that a message shows on purpose, as a file writes
# them: the key beside its label ("Hold for (hold)"), "No sides", the example value
# in an empty box ("none" for no rest): an exercise's and a rest's keys. Nothing else.
FORMAT_WORDS = (
    "caution",
    "duration",
    "exercise",
    "hold",
    "image",
    "instructions",
    "none",
    "note",
    "prepare",
    "reps",
    "rest",
    "rest_between_sets",
    "sets",
    "sides",
    "tempo",
)
# What Qt writes itself, in its own catalogue's words: a shortcut's keys.
QT_KEYS = ("Ctrl", "Shift", "Alt", "Meta", "Esc", "Del", "Space", "Enter", "Return")
# File names and the patterns a file dialog filters on.
FILE_PATTERNS = ("*.yaml", "*.yml", "*.json", "*.csv", "*.pdf", "*.xml")
