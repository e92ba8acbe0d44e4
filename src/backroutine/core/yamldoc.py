"""Read one YAML document into plain positioned nodes, refusing hostile input.

PyYAML's own composer recurses in C and crashes on deeply nested input, and
expands aliases without bound once the nodes are walked. So the document is
built here from PyYAML's event stream (its C parser when present), with
limits on size, depth, node count and alias expansion, and with only the
tags that describe plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import yaml

from .i18n import N_, _

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000

_TAG = "tag:yaml.org,2002:"
_DATA_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_MERGE_TAG = _TAG + "merge"


@dataclass(eq=False, slots=True)
class Scalar:
    line: int
    column: int
    value: object
    text: str
    tag: str
    plain: bool = True  # written without quotes or a block style

    @property
    def is_null(self) -> bool:
        return self.value is None


@dataclass(eq=False, slots=True)
class Mapping:
    line: int
    column: int
    pairs: list[tuple[Node, Node]] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class Sequence:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)


Node = Union[Scalar, Mapping, Sequence]  # noqa: UP007 - a runtime alias on Python 3.10


@dataclass(frozen=True)
class Subject:
    """What the document is, as its messages name it."""

    a: str  # "a routine", marked with N_: messages translate it
    file: str  # "a routine file", marked with N_


# Translators: what a file holds, named in messages such as "a routine never needs
# that many values".
ROUTINE = Subject(N_("a routine"), N_("a routine file"))
# Translators: a file of the app's settings, named in messages such as "a settings
# file holds one document".
SETTINGS_FILE = Subject(N_("a settings file"), N_("a settings file"))


class DocumentError(Exception):
    """The text cannot be read as one plain YAML document."""

    def __init__(self, line: int, column: int, message: str, code: str = "yaml-syntax") -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message
        self.code = code  # one of problem_codes.CODES


def _position(offset_text: str, index: int) -> tuple[int, int]:
    line = offset_text.count("\n", 0, index) + 1
    column = index - (offset_text.rfind("\n", 0, index) + 1) + 1
    return line, column


def decode(data: bytes, subject: Subject = ROUTINE) -> str:
    """UTF-8 text, or a DocumentError that says where the binary data starts."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(
            1,
            1,
            # Translators: {what} is "a routine file" or "a settings file".
            _("the file is {size} bytes; {what} may be at most 1 MiB").format(
                size=f"{len(data):,}", what=_(subject.file)
            ),
            "file-too-large",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark; positions count from after it
    nul = data.find(b"\0")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        line, column = _position(before, len(before))
        raise DocumentError(
            line,
            column,
            _("binary data or text that is not UTF-8; save the file as UTF-8 text"),
            "not-utf8",
        ) from None
    if nul >= 0:
        index = text.find("\0")
        line, column = _position(text, index)
        raise DocumentError(
            line,
            column,
            # Translators: {what} is "a routine" or "a settings file".
            _("binary data (a NUL byte); {what} is a text file").format(what=_(subject.a)),
            "binary-data",
        )
    return text


class _Builder:
    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.open_anchors: set[str] = set()
        self.node_count = 0

    def count(self, amount: int, event: yaml.Event) -> None:
        self.node_count += amount
        if self.node_count > MAX_NODES:
            line, column = _mark(event)
            if isinstance(event, yaml.AliasEvent):
                # Translators: {what} is "a routine" or "a settings file"; an alias (*name)
                # repeats a value written elsewhere in the file.
                message = _(
                    "with its aliases expanded, the document holds more than {most} values; "
                    "{what} never needs that many (aliases that multiply are refused)"
                )
            else:
                # Translators: {what} is "a routine" or "a settings file".
                message = _(
                    "the document holds more than {most} values; "
                    "{what} never needs that many (aliases that multiply are refused)"
                )
            message = message.format(most=f"{MAX_NODES:,}", what=_(self.subject.a))
            raise DocumentError(line, column, message, "too-many-values")

    def check_tag(self, tag: str | None, event: yaml.Event, allowed: set[str]) -> None:
        if tag is None or tag == "!" or tag in allowed:
            return
        line, column = _mark(event)
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        raise DocumentError(
            line,
            column,
            # Translators: {tag} is a YAML tag such as !!python/object; {what} is "a routine"
            # or "a settings file".
            _(
                "the tag {tag} is not allowed: {what} holds plain text, numbers and lists; "
                "remove the tag"
            ).format(tag=shown, what=_(self.subject.a)),
            "tag-not-allowed",
        )

    def scalar(self, event: yaml.ScalarEvent) -> Scalar:
        line, column = _mark(event)
        self.check_tag(event.tag, event, _DATA_TAGS)
        if event.tag is None or event.tag == "!":
            tag = self.resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, event.implicit
            )
        else:
            tag = event.tag
        value: object
        if tag in (_TAG + "str", _TAG + "timestamp", _MERGE_TAG):
            value = event.value
        else:
            node = yaml.ScalarNode(tag, event.value)
            try:
                value = self.constructor.construct_object(node, deep=True)
            except Exception:  # PyYAML raises several kinds for a value its tag cannot hold
                shown = event.value if len(event.value) <= 40 else event.value[:40] + "..."
                # Translators: {type} is a YAML type such as int, float or bool.
                message = _("{value} is not a valid {type}").format(
                    value=repr(shown), type=tag[len(_TAG) :]
                )
                raise DocumentError(line, column, message, "bad-tagged-value") from None
        return Scalar(line, column, value, event.value, tag, plain=not event.style)


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def parse_document(text: str, subject: Subject = ROUTINE) -> Node:
    """The single document in text, as nodes with 1-based positions."""
    builder = _Builder(subject)
    # Each open collection, with the pending key for mappings.
    stack: list[tuple[Node, Node | None, str | None, int]] = []
    root: Node | None = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            node: Node | None = None
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, column = _mark(event)
                    raise DocumentError(
                        line,
                        column,
                        # Translators: {what} is "a routine file" or "a settings file".
                        _(
                            "a second YAML document starts here; {what} holds one document "
                            "(remove the '---' line and what follows, or put it in its own file)"
                        ).format(what=_(subject.file)),
                        "second-document",
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                anchor = event.anchor or ""
                if anchor in builder.open_anchors:
                    line, column = _mark(event)
                    raise DocumentError(
                        line,
                        column,
                        # Translators: an alias (*name) repeats the value marked &name.
                        _("the alias *{anchor} refers to a value that contains it").format(
                            anchor=anchor
                        ),
                        "alias-loop",
                    )
                if anchor not in builder.anchors:
                    line, column = _mark(event)
                    raise DocumentError(
                        line,
                        column,
                        # Translators: an alias (*name) repeats the value marked &name.
                        _("the alias *{anchor} has no anchor &{anchor}").format(anchor=anchor),
                        "alias-without-anchor",
                    )
                node, size = builder.anchors[anchor]
                builder.count(size, event)
            elif isinstance(event, yaml.ScalarEvent):
                builder.count(1, event)
                node = builder.scalar(event)
                if event.anchor:
                    builder.anchors[event.anchor] = (node, 1)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                builder.count(1, event)
                line, column = _mark(event)
                if len(stack) >= MAX_DEPTH:
                    raise DocumentError(
                        line,
                        column,
                        # Translators: {what} is "a routine" or "a settings file".
                        _(
                            "values are nested more than {most} levels deep; {what} needs only "
                            "a few"
                        ).format(most=MAX_DEPTH, what=_(subject.a)),
                        "nested-too-deep",
                    )
                if isinstance(event, yaml.MappingStartEvent):
                    builder.check_tag(event.tag, event, {_TAG + "map"})
                    collection: Node = Mapping(line, column)
                else:
                    builder.check_tag(event.tag, event, {_TAG + "seq"})
                    collection = Sequence(line, column)
                if event.anchor:
                    builder.open_anchors.add(event.anchor)
                stack.append((collection, None, event.anchor, builder.node_count))
                continue
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                node, _key, closing, start = stack.pop()
                if closing:
                    # Its size with any aliases inside already expanded, so a
                    # later alias to it is charged in full.
                    builder.open_anchors.discard(closing)
                    builder.anchors[closing] = (node, builder.node_count - start + 1)
            else:
                continue
            if not stack:
                root = node
                continue
            parent, key, p_anchor, p_start = stack[-1]
            if isinstance(parent, Sequence):
                parent.items.append(node)
            elif key is None:
                stack[-1] = (parent, node, p_anchor, p_start)
            else:
                assert isinstance(parent, Mapping)
                parent.pairs.append((key, node))
                stack[-1] = (parent, None, p_anchor, p_start)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, min(max(exc.position, 0), len(text)))
        raise DocumentError(
            line,
            column,
            # Translators: {character} is a character's code, "#x0007"; {what} is "a
            # routine" or "a settings file".
            _(
                "not valid YAML: a control character ({character}) that {what} cannot hold; "
                "remove it"
            ).format(character=f"#x{exc.character:04x}", what=_(subject.a)),
            "control-character",
        ) from None
    except yaml.YAMLError as exc:
        # Translators: {reason} is what the YAML reader said, in English.
        raise DocumentError(1, 1, _("not valid YAML: {reason}").format(reason=exc)) from None
    if root is None:
        message = _("the file holds no routine (it is empty, or only comments)")
        raise DocumentError(1, 1, message, "empty-file")
    return root


_TAB = N_("a tab indents this line, and YAML indents with spaces only; replace the tab with spaces")
# libyaml's words for common mistakes -> (what it means and how to fix it,
# whether to point where the construct opened rather than where reading stopped).
_PLAIN: tuple[tuple[str, str, bool], ...] = (
    ("tab character", _TAB, False),
    (
        "did not find expected key",
        N_(
            "a key was expected here: this line is indented differently from the keys around it, "
            "or text follows a closing quote; line up the keys, start list items with '- ' "
            "(a space after the dash), and put a whole value in quotes"
        ),
        False,
    ),
    (
        "did not find expected '-' indicator",
        N_(
            "this line is inside a list but is not an item: line it up with the keys of the item "
            "above, or start a new item with '- '"
        ),
        False,
    ),
    (
        "could not find expected ':'",
        N_(
            "this line has no ':' after its key; write it as 'key: value', or if it continues the "
            "text above, put that text in quotes"
        ),
        True,
    ),
    (
        "block sequence entries are not allowed",
        N_(
            "a list cannot start on the same line as its key; put each '- ' item on a line of its "
            "own below the key, indented"
        ),
        False,
    ),
    (
        "end of stream (while scanning a quoted scalar",
        N_("a quote opened here is never closed; add the same quote at the end of the value"),
        True,
    ),
    (
        "expected ',' or ']'",
        N_(
            "the list opened with '[' here is not closed, or its items lack a ','; "
            "add ']' after the last item and separate items with ', '"
        ),
        True,
    ),
    (
        "expected ',' or '}'",
        N_(
            "the mapping opened with '{' here is not closed, or its items lack a ','; "
            "add '}' after the last item and separate items with ', '"
        ),
        True,
    ),
    (
        "unknown escape character",
        N_(
            "a backslash inside double quotes starts an escape code; put the value in single "
            "quotes, or write the backslash twice"
        ),
        False,
    ),
    (
        "expected <document start>",
        N_("text follows the end-of-document line '...'; remove that line"),
        False,
    ),
)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> DocumentError:
    """What a parser error means and how to fix it, in plain words, where it is."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = text.split("\n")
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = source[: len(source) - len(source.lstrip(" \t"))]
    message = ""
    if "\t" in indent:
        message, column = _(_TAB), indent.index("\t") + 1
    elif "mapping values are not allowed" in problem:
        message = _colon_message(source[: column - 1], source)
        if ": " not in source[: column - 1]:
            column = len(indent) + 1  # the key that is out of line
    elif "cannot start any token" in problem:
        found = source[column - 1 : column]
        message = (
            _("a value cannot start with {character}; put the value in quotes").format(
                character=repr(found)
            )
            if found.strip()
            else _("this line cannot be read; check its indentation and quotes")
        )
    else:
        said = f"{problem} ({context})"
        for words, meaning, at_opening in _PLAIN:
            if words in said:
                message = _(meaning)
                if at_opening and exc.context_mark is not None:
                    line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
                break
    if not message:
        said = f"{problem} ({context})" if problem and context else problem or context
        # Translators: {said} is what the YAML reader said, in English.
        message = _(
            "this line cannot be read; check its indentation and quotes, and those of the line "
            "above (the YAML reader says: {said})"
        ).format(said=said or "cannot be read")
    # Translators: {explanation} says what is wrong with the YAML and how to fix it.
    return DocumentError(
        line, column, _("not valid YAML: {explanation}").format(explanation=message)
    )


def _colon_message(before: str, source: str) -> str:
    """For a ':' that cannot start a key: a value holding ': ', or a key out of line."""
    if ": " not in before:
        return _(
            "a key here is indented differently from the keys around it, or the line above "
            "lacks a space after its ':'; line up the keys, with a space after each ':'"
        )
    key, value = source.split(": ", 1)
    value = value.strip()
    if len(value) <= 40 and not set(value) & set("\"'\\"):
        # Translators: {example} is the line as it should be written, 'name: "a: b"'.
        return _(
            "this value holds ': ', which YAML reads as the start of a key; "
            "put the whole value in quotes ({example})"
        ).format(example=f'{key.strip()}: "{value}"')
    return _(
        "this value holds ': ', which YAML reads as the start of a key; "
        "put the whole value in quotes"
    )


def merged_pairs(mapping: Mapping) -> list[tuple[Node, Node]]:
    """The mapping's pairs with YAML merge keys (<<: *base) applied; own keys win."""
    own = [(k, v) for k, v in mapping.pairs if not (isinstance(k, Scalar) and k.tag == _MERGE_TAG)]
    merges = [v for k, v in mapping.pairs if isinstance(k, Scalar) and k.tag == _MERGE_TAG]
    if not merges:
        return mapping.pairs
    seen = {k.text for k, _ in own if isinstance(k, Scalar)}
    result = list(own)
    sources: list[Node] = []
    for value in merges:
        sources.extend(value.items if isinstance(value, Sequence) else [value])
    for source in sources:
        if not isinstance(source, Mapping):
            raise DocumentError(
                source.line,
                source.column,
                _("a merge key (<<) takes a mapping or a list of them"),
                "bad-merge-key",
            )
        for k, v in merged_pairs(source):
            name = k.text if isinstance(k, Scalar) else None
            if name is not None and name not in seen:
                seen.add(name)
                result.append((k, v))
    return result
