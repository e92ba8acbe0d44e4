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
from .i18n import N_, _, format_date, ngettext
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
        # Translators: {encoding} is the name the file gives its encoding ("latin-9").
        said = _(
            "the file says it is in the encoding {encoding!r}, which is not known; save it as UTF-8"
        )
        raise ImportFailed(path, said.format(encoding=readable(codec))) from None
    except UnicodeError:
        # Translators: {encoding} is the name of an encoding ("utf-16-le").
        said = _("the file is not valid {encoding} text; save it as UTF-8")
        raise ImportFailed(path, said.format(encoding=readable(codec))) from None
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
        # Translators: DOCTYPE is a word of XML; keep it as it is.
        said = _("the file declares a DOCTYPE or entities; Workrave's does not")
        raise ImportFailed(path, said, line, column) from None
    except expat.ExpatError as exc:
        raise _not_well_formed(path, exc.code, exc.lineno, exc.offset + 1) from None
    return encoded


# What the XML reader found wrong, for the mistakes a cut or hand-edited file has;
# any other is said in the reader's own words (English).
_XML_REASONS = {
    expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]: N_("the file holds no element"),
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN]: N_("a tag is not closed"),
    expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH]: N_("a closing tag does not match"),
    expat.errors.codes[expat.errors.XML_ERROR_INVALID_TOKEN]: N_("a character is out of place"),
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR]: N_("a character is cut short"),
    expat.errors.codes[expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]: N_(
        "there is text after the last closing tag"
    ),
}


def _not_well_formed(path: Path, code: int, line: int, column: int) -> ImportFailed:
    known = _XML_REASONS.get(code)
    reason = _(known) if known else expat.ErrorString(code) or _("a parse error")
    # Translators: {reason} says what is wrong ("a tag is not closed").
    said = _("not well-formed XML ({reason}); was the file cut short?").format(reason=reason)
    return ImportFailed(path, said, line, column)


def workrave(path: Path, data: bytes, language: str, today: date) -> Imported:
    encoded = _xml_bytes(path, data)
    try:
        parser = ET.XMLParser(encoding="utf-8")
        parser.feed(encoded)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        raise _not_well_formed(path, exc.code, line, column + 1) from None
    if root.tag != "exercises":
        # Translators: <exercises> and exercises.xml are Workrave's words; keep them.
        said = _("an XML file about <{tag}>, not Workrave's <exercises>; give exercises.xml")
        raise ImportFailed(path, said.format(tag=readable(root.tag)))
    credit = _(
        "The exercises of Workrave (workrave.org), free software under the GNU General "
        "Public License; their words and pictures are its authors'. Imported from "
        "{file} on {date}."
    ).format(file=readable(path.name), date=format_date(today))
    draft = routine_draft(
        _("Workrave exercises"),
        _("Exercises from Workrave, to edit and make your own"),
        credit,
        "imported, workrave",
    )
    imported = Imported("workrave-exercises", draft, path)
    shown: list[str] = []  # the languages the exercises have
    for number, exercise in enumerate(root.findall("exercise"), start=1):
        titles = _localised(exercise, "title")
        if not titles:
            # Translators: <title> is a word of Workrave's file; keep it as it is.
            said = _("exercise {number} has no <title>; give each one a title")
            raise ImportFailed(path, said.format(number=number))
        title = pick(titles, [language])
        shown.extend(code for code in titles if code not in shown)
        sequence = exercise.find("sequence")
        pictures = sequence.findall("image") if sequence is not None else []
        total_text = sequence.get("duration") if sequence is not None else None
        if total_text is None:
            # Translators: {title} is an exercise's title; the start of "... is not a number".
            what = _("a picture's time in {title!r}").format(title=title)
            parts = [whole_seconds(p.get("duration") or "0", path, what, 1, 0) for p in pictures]
            total_text = str(sum(parts))
        # Translators: {title} is an exercise's title; the start of "... is not a number".
        what = _("the duration of {title!r}").format(title=title)
        total = whole_seconds(total_text, path, what)
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
            count = len(set(seen))
            if count > 1:
                said = ngettext(
                    "{title}: Workrave shows {count} picture in turn; the first is kept",
                    "{title}: Workrave shows {count} pictures in turn; the first is kept",
                    count,
                )
                imported.notes.append(said.format(title=title, count=count))
        draft.steps.append(step)
    if not draft.steps:
        # Translators: exercises.xml and <exercise> are Workrave's words; keep them.
        said = _("this exercises.xml holds no <exercise>; nothing to import")
        raise ImportFailed(path, said)
    # The draft reads (draft.get) in the language asked for, as the routine will show.
    draft.language = pick_language(shown, [language]) if len(shown) > 1 else ""
    for step in draft.steps:
        step.language = draft.language
    return imported
