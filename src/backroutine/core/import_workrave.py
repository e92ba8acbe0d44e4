"""Workrave: its exercises.xml (a title and description per language, a sequence
of pictures with a total duration; a mirrored picture means the other side)."""

from __future__ import annotations

import codecs
import os
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from xml.parsers import expat

from .draft import StepDraft
from .durations import format_duration
from .import_common import (
    NAME_LIMIT,
    Imported,
    ImportFailed,
    add_picture,
    last_name,
    one_line,
    routine_draft,
    step_name,
    whole_seconds,
)
from .names import readable
from .text_checks import language_problem
from .texts import ENGLISH, language_key, normal_code, pick, pick_language

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def language_code(value: str) -> str:
    """ "de", "de_DE", "de-DE.UTF-8" -> "de"."""
    return value.split(":")[0].split(".")[0].replace("-", "_").split("_")[0].lower()


def system_language() -> str:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value and value not in ("C", "POSIX"):
            return language_code(value)
    return "en"


def _localised(element: ET.Element, tag: str) -> dict[str, str]:
    """The element's children by language, each on one line: the untranslated one
    (Workrave's texts are written in English) as "en", the others by their
    xml:lang ("de", "pt_BR", "sr@latin" as "sr_Latn"); a language BackRoutine cannot
    name is left out, and an empty text too."""
    found: dict[str, str] = {}
    for child in element.findall(tag):
        lang = child.get(XML_LANG)
        code = _babel_code(lang) if lang else ENGLISH
        text = one_line(child.text or "")
        if code and text and code not in found:
            found[code] = text
    return found


_SCRIPTS = {"latin": "Latn", "cyrillic": "Cyrl"}  # gettext's @modifiers that are scripts


def _babel_code(lang: str) -> str:
    """A language as the routine format writes it, or "" when none fits."""
    code, _at, modifier = lang.strip().partition("@")
    if modifier:
        if modifier.lower() not in _SCRIPTS:
            return ""
        code = f"{code.split('_')[0]}_{_SCRIPTS[modifier.lower()]}"
    code = normal_code(code)
    return code if code and not language_problem(code, "", with_guess=False) else ""


def _put_texts(step: StepDraft, key: str, texts: dict[str, str]) -> None:
    """Plain text when only the untranslated one is there, else one per language."""
    if list(texts) == [ENGLISH]:
        step.values[key] = texts[ENGLISH]
        return
    for code, text in texts.items():
        step.values[language_key(key, code)] = text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16's, which it starts with
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# "<?" or "<" in each encoding, for a file without a byte order mark.
_UNMARKED = (
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0\0\0", "utf-32-le"),
    (b"\0<\0", "utf-16-be"),
    (b"<\0", "utf-16-le"),
)
_DECLARED = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][\w.:-]{0,40})["']""")


def _xml_encoding(data: bytes) -> tuple[str, int]:
    """The encoding an XML file is in, as XML says to find it (a byte order mark,
    else the pattern of its first bytes, else its declaration), and the length of
    its byte order mark."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec, len(mark)
    for head, codec in _UNMARKED:
        if data.startswith(head):
            return codec, 0
    declared = _DECLARED.match(data)
    return (declared.group(1).decode("ascii").lower(), 0) if declared else ("utf-8", 0)


def utf16_or_32_xml(data: bytes) -> bool:
    """Whether the file is XML in UTF-16 or UTF-32 (its first character is '<')."""
    codec, mark = _xml_encoding(data)
    if not codec.startswith(("utf-16", "utf-32")):
        return False
    width = 4 if codec.startswith("utf-32") else 2
    return data[mark : mark + width].decode(codec, "replace") == "<"


class _Declared(Exception):
    """A DOCTYPE or entity declaration, met where the parser stands."""


def _xml_bytes(path: Path, data: bytes) -> bytes:
    """The file as UTF-8, once a parser has read it through and found it well formed
    and free of any DOCTYPE or entity declaration, in whatever encoding it is."""
    codec, mark = _xml_encoding(data)
    try:
        encoded = data[mark:].decode(codec).encode("utf-8")
    except LookupError:
        raise ImportFailed(
            path,
            f"the file says it is in the encoding {codec!r}, which is not known; save it as UTF-8",
        ) from None
    except UnicodeError:
        raise ImportFailed(path, f"the file is not valid {codec} text; save it as UTF-8") from None
    # The file's own declaration (encoding="UTF-16", say) is overridden: it is UTF-8 now.
    parser = expat.ParserCreate(encoding="UTF-8")

    def refuse(*_args: object) -> None:
        raise _Declared(parser.CurrentLineNumber, parser.CurrentColumnNumber + 1)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(encoded, True)
    except _Declared as declared:
        # Workrave's file declares nothing; declarations are how XML bombs are made.
        line, column = declared.args
        raise ImportFailed(
            path, "the file declares a DOCTYPE or entities; Workrave's does not", line, column
        ) from None
    except expat.ExpatError as exc:
        reason = expat.ErrorString(exc.code) or "a parse error"
        raise ImportFailed(
            path,
            f"not well-formed XML ({reason}); was the file cut short?",
            exc.lineno,
            exc.offset + 1,
        ) from None
    return encoded


def workrave(path: Path, data: bytes, language: str, today: date) -> Imported:
    encoded = _xml_bytes(path, data)
    try:
        parser = ET.XMLParser(encoding="utf-8")
        parser.feed(encoded)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        reason = re.sub(r": line \d+, column \d+$", "", exc.msg)
        raise ImportFailed(
            path, f"not well-formed XML ({reason}); was the file cut short?", line, column + 1
        ) from None
    if root.tag != "exercises":
        raise ImportFailed(
            path, f"an XML file about <{root.tag}>, not Workrave's <exercises>; give exercises.xml"
        )
    draft = routine_draft(
        "Workrave exercises",
        "Exercises from Workrave, to edit and make your own",
        f"The exercises of Workrave (workrave.org), free software under the GNU General "
        f"Public License; their words and pictures are its authors'. Imported from "
        f"{readable(path.name)} on {today.isoformat()}.",
        "imported, workrave",
    )
    imported = Imported("workrave-exercises", draft, path)
    shown: list[str] = []  # the languages the exercises have
    for number, exercise in enumerate(root.findall("exercise"), start=1):
        titles = _localised(exercise, "title")
        if not titles:
            raise ImportFailed(path, f"exercise {number} has no <title>; give each one a title")
        title = pick(titles, [language])
        shown.extend(code for code in titles if code not in shown)
        sequence = exercise.find("sequence")
        pictures = sequence.findall("image") if sequence is not None else []
        total_text = sequence.get("duration") if sequence is not None else None
        if total_text is None:
            what = f"a picture's time in {title!r}"
            parts = [whole_seconds(p.get("duration") or "0", path, what, 1, 0) for p in pictures]
            total_text = str(sum(parts))
        total = whole_seconds(total_text, path, f"the duration of {title!r}")
        step = StepDraft()
        _put_texts(step, "exercise", {code: step_name(text) for code, text in titles.items()})
        texts = _localised(exercise, "description")
        for code, long_title in titles.items():
            if len(long_title) > NAME_LIMIT:  # cut in its name: kept whole in its text
                texts[code] = f"{long_title}. {texts.get(code, '')}".strip()
        _put_texts(step, "instructions", texts)
        mirrored = any(p.get("mirrorx") == "yes" for p in pictures)
        if mirrored:  # the pictures switch sides: left then right, half the time each
            step.values["duration"] = format_duration(max(1, round(total / 2)))
            step.values["sides"] = "both"
        else:
            step.values["duration"] = format_duration(total)
        seen = [p.get("src", "") for p in pictures if p.get("src") not in (None, "", "none")]
        if seen:
            # Workrave names its pictures from its own folder: the one beside this file.
            add_picture(imported, step, title, path, last_name(seen[0]), "images/workrave")
            if len(set(seen)) > 1:
                imported.notes.append(
                    f"{title}: Workrave shows {len(set(seen))} pictures in turn; the first is kept"
                )
        draft.steps.append(step)
    if not draft.steps:
        raise ImportFailed(path, "this exercises.xml holds no <exercise>; nothing to import")
    # The draft reads (draft.get) in the language asked for, as the routine will show.
    draft.language = pick_language(shown, [language]) if len(shown) > 1 else ""
    for step in draft.steps:
        step.language = draft.language
    return imported
