"""Text that names files: what may become a path, and how a name is shown.

Any text may hold any character. A routine file, a setting or a message from
another start of the app can hold a NUL (which no file name can), a control
character, a right-to-left override that makes "evil\u202egnp.yaml" read as
"evilyaml.png", or a name longer than any file system allows. Such text is
refused with a reason before it reaches the file system (where it would raise,
or name some other file than it seems to), and every name the app prints or
shows goes through readable(), so that a file name that is not valid UTF-8, or
holds a terminal escape, is shown as what it is.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import PurePath

from .i18n import N_, _

# What a routine's id (its file name without .yaml) is made of.
_ROUTINE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A file name (one component) may be at most this many bytes on common file
# systems, and a whole path at most PATH_BYTES.
NAME_BYTES = 255
PATH_BYTES = 4096
# Joiners shape letters in Persian or Indic names and in emoji; all other
# format characters (direction overrides and isolates, zero-width spaces) only
# change how a name looks.
_HARMLESS_FORMAT = {"\u200c", "\u200d"}


# What a hidden character is, by its Unicode category, in a message that names it.
_KINDS = {
    # Translators: {character} is the character's code, as \x1b.
    "Cc": N_("it holds a control character ({character}); remove it"),
    # Translators: {character} is the character's code, as \u202e.
    "Cf": N_("it holds an invisible formatting or direction character ({character}); remove it"),
    # Translators: {character} is the character's code, as \udc80.
    "Cs": N_("it holds a character that is not valid text ({character}); remove it"),
}
# Translators: {character} is the character's code, as \u2028.
_LINE_BREAK = N_("it holds a line break ({character}); remove it")


def _hidden(char: str) -> bool:
    """Whether a character changes or hides how text looks instead of being seen."""
    if char in _HARMLESS_FORMAT:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def readable(name: str | PurePath) -> str:
    """The name as a person should see it in a message: every character that is not
    plainly visible (control, direction override, a byte that is not UTF-8) written
    as an escape such as \\x1b or \\u202e. Visible text, any script, stays as it is."""
    text = os.fspath(name)
    if not any(_hidden(c) for c in text):
        return text
    return "".join(_escape(c) if _hidden(c) else c for c in text)


def shown_width(text: str) -> int:
    """How many columns of a terminal text takes: a Chinese or Japanese character
    two, an accent or an invisible character none, any other one."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def padded(text: str, width: int) -> str:
    """text with spaces after it to fill ``width`` columns of a terminal."""
    return text + " " * max(0, width - shown_width(text))


def visible(text: str) -> str:
    """text without the characters name_problem refuses (NUL, control, invisible
    formatting), for a name the app makes from one it was given."""
    return "".join(c for c in text if not _hidden(c))


def name_problem(text: str) -> str | None:
    """Why text cannot be (part of) a path the app uses, or None if it can.

    Refused: NUL and other control characters (tabs and line breaks too),
    direction overrides and other invisible formatting, characters that are not
    valid Unicode, a component over 255 bytes or a path over 4096 bytes."""
    for char in text:
        if char == "\0":
            return _("it holds a NUL character, which no file name can hold")
        if _hidden(char):
            message = _KINDS.get(unicodedata.category(char), _LINE_BREAK)
            return _(message).format(character=_escape(char))
    return _length_problem(text.replace("\\", "/").encode("utf-8"))


def _length_problem(encoded: bytes) -> str | None:
    """Why a path of these bytes is longer than file systems allow, or None."""
    if len(encoded) >= PATH_BYTES:  # the system's limit counts the NUL that ends it
        return _("it is {size} bytes long; a path must be shorter than {most}").format(
            size=len(encoded), most=PATH_BYTES
        )
    for part in encoded.split(b"/"):
        size = len(part)
        if size > NAME_BYTES:
            return _("a name in it is {size} bytes long; a file name may be at most {most}").format(
                size=size, most=NAME_BYTES
            )
    return None


def usable_path(path: str | PurePath) -> str | None:
    """Why a path given by the person (on the command line, from a file dialog, in a
    message) cannot be used, or None. Unlike name_problem, a name that is not valid
    UTF-8 is fine here: it names a real file, and os.fsencode gives its bytes back."""
    text = os.fspath(path)
    if "\0" in text:
        return _("the name holds a NUL character, which no file name can hold")
    try:
        encoded = os.fsencode(text)
    except UnicodeError:
        return _("the name holds characters that cannot be written as a file name")
    # Longer than any file system allows: asking the system about it fails
    # (ENAMETOOLONG) where a missing file would only not be found.
    too_long = _length_problem(encoded)
    # Translators: {reason} says how long the name is and how long it may be.
    return _("the name is too long: {reason}").format(reason=too_long) if too_long else None


def is_routine_id(text: str) -> bool:
    """Whether text is a routine id (lower-case words joined by '-'), and so a safe
    part of a file name: no separator, dot, control character or space."""
    return len(text) <= 200 and _ROUTINE_ID.fullmatch(text) is not None
