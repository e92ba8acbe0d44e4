"""Saving a hand-written routine without losing its comments.

A file someone wrote by hand may carry notes in comments ("# from Dr Lee, May").
When such a file is edited in the app, it is rewritten through ruamel.yaml's
round trip: the file as it was is loaded with its comments and layout, only the
fields that changed are replaced, steps are moved with their comments, and
everything else is left as it was written. ruamel.yaml is used for writing only;
reading and checking stay with the bounded reader (core/yamldoc.py).
"""

from __future__ import annotations

import io
import re
from typing import Any

from .draft import (
    EXERCISE_KEYS,
    KINDS,
    REST_KEYS,
    ROUTINE_KEYS,
    SCHEDULE_KEYS,
    RoutineDraft,
    StepDraft,
    _literal_ok,
    draft_from_text,
    yaml_value,
)
from .fields import Kind
from .texts import per_language

_COMMENT = re.compile(r"(^|\s)#")


def has_comments(text: str) -> bool:
    """Whether the file holds any comment (a cheap look; a '#' inside a value may
    make it say yes, which only means the careful path is taken)."""
    return any(_COMMENT.search(line) for line in text.lstrip("\ufeff").splitlines())


class CannotKeep(Exception):
    """The file's layout cannot take this change with its comments in place."""


def _node_value(key: str, text: str) -> Any:
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.scalarstring import (
        DoubleQuotedScalarString,
        FoldedScalarString,
        LiteralScalarString,
    )

    value = yaml_value(key, text)
    if isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (value[:1].isspace() or value[-1:].isspace()):
        return DoubleQuotedScalarString(value)  # a block would not keep the blanks
    if isinstance(value, str) and "\n" in value:
        if not _literal_ok(value):
            return DoubleQuotedScalarString(value)
        return LiteralScalarString(value + "\n")
    if isinstance(value, str) and len(value) > 70 and KINDS.get(key) is Kind.TEXT:
        folded = FoldedScalarString(value + "\n")
        folded.fold_pos = _folds(value, 76)  # wrapped as a person would
        return folded
    return value


def _folds(text: str, width: int) -> list[int]:
    """Where a folded block breaks its lines: at the last space before each width."""
    folds, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width)
        if cut <= start:
            break  # a word longer than the line: left whole
        folds.append(cut)
        start = cut + 1
    return folds


def _update(
    node: Any, order: tuple[str, ...], old: dict[str, str], new: dict[str, str], kind: str = ""
) -> None:
    """Set the keys whose text changed; leave the others exactly as written. A text
    given per language (core/texts.py) is a mapping of its own, changed the same way;
    ``kind`` is then the key whose texts they are."""
    from ruamel.yaml.comments import CommentedMap

    for key in order:
        before, after = _wanted(old, key, kind), _wanted(new, key, kind)
        if before == after:
            continue
        if not _given(after):
            if key in node:
                _delete_keeping_lines_below(node, key)
            continue
        if key in node:
            current = node[key]
            if isinstance(after, dict) and isinstance(before, dict):  # noqa: SIM102
                if isinstance(current, CommentedMap):
                    codes = tuple(dict.fromkeys([*before, *after]))
                    _update(current, codes, before, after, key)
                    continue
            value = _node_value_of(kind or key, after)
            if isinstance(current, list) and isinstance(value, list) and hasattr(current, "ca"):
                _replace_items(current, list(value))
            else:
                node[key] = value
            continue
        # A new key goes where the format's order puts it among those written, under
        # the key before it but above the comment lines that describe the next one.
        earlier = [k for k in order[: order.index(key)] if k in node]
        position = list(node.keys()).index(earlier[-1]) + 1 if earlier else 0
        below = _lines_below(node, earlier[-1]) if earlier else ""
        node.insert(position, key, _node_value_of(kind or key, after))
        _append_below(node, key, below) if below else None


def _wanted(values: dict[str, str], key: str, kind: str) -> str | dict[str, str]:
    """What the draft holds for key: its text, or its texts by language."""
    texts = {} if kind else per_language(values, key)
    return texts or values.get(key, "")


def _given(value: str | dict[str, str]) -> bool:
    if isinstance(value, dict):
        return any(text.strip() for text in value.values())
    return bool(value.strip())


def _node_value_of(key: str, value: str | dict[str, str]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    if isinstance(value, str):
        return _node_value(key, value)
    return CommentedMap(
        (code, _node_value(key, text)) for code, text in value.items() if text.strip()
    )


def _replace_items(seq: Any, items: list[Any]) -> None:
    """New items in a list as written (block or flow); comments on its items stay on
    the same places, those after its last item after the new last."""
    old = dict(seq.ca.items)
    last = len(seq) - 1
    del seq[:]
    seq.extend(items)
    if not items:
        if any(old.values()):
            raise CannotKeep("comments on a list left empty")
        return
    for index, entry in sorted(old.items()):
        target = min(index if index != last else len(items) - 1, len(items) - 1)
        if target in seq.ca.items and seq.ca.items[target][0] is not None and entry[0]:
            seq.ca.items[target][0].value += entry[0].value
        else:
            seq.ca.items[target] = entry


def _delete_keeping_lines_below(node: Any, key: str) -> None:
    """Remove a key; the comment lines below it (which describe what follows) stay,
    moved to the key before it."""
    below = _lines_below(node, key)
    keys = list(node.keys())
    at = keys.index(key)
    del node[key]
    if not below:
        return
    if at > 0:
        _append_below(node, keys[at - 1], below)
    else:
        lines = [line.strip().removeprefix("#").strip() for line in below.splitlines()]
        first = next(iter(node.keys()), None)
        if first is not None:
            node.yaml_set_comment_before_after_key(
                first, before="\n".join(line for line in lines if line)
            )


def _new_step(step: StepDraft) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap()
    keys = REST_KEYS if step.rest_step else EXERCISE_KEYS
    _update(node, keys, {}, step.values)
    return node


def keep_comments(original: str, draft: RoutineDraft) -> str:
    """The original text with the draft's changes made in place."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap what was written; new long text is folded below
    offset = _dash_offset(original)
    sequence = offset + 2
    try:  # the file's own indentation of list items, where it can be told
        from ruamel.yaml.util import load_yaml_guess_indent

        _data, guessed, guessed_offset = load_yaml_guess_indent(original)
        if guessed and guessed_offset is not None and guessed > guessed_offset:
            sequence, offset = guessed, guessed_offset
    except Exception:
        pass
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    tree = yaml.load(original)
    if not isinstance(tree, CommentedMap):
        raise CannotKeep("the file is not a set of keys and values")
    before = draft_from_text(original)

    _update(tree, ROUTINE_KEYS, before.values, draft.values)
    if draft.schedule is None:
        tree.pop("schedule", None)
    else:
        schedule = tree.get("schedule")
        below = ""
        if not isinstance(schedule, CommentedMap):
            if "schedule" in tree:
                raise CannotKeep("'schedule' is not a set of keys and values")
            schedule = CommentedMap()
            anchor = [k for k in ("prepare", "tags", "description", "summary", "name") if k in tree]
            place = list(tree.keys()).index(anchor[0]) + 1 if anchor else 0
            below = _lines_below(tree, anchor[0]) if anchor else ""
            tree.insert(place, "schedule", schedule)
        _update(schedule, SCHEDULE_KEYS, before.schedule or {}, draft.schedule)
        if below and len(schedule):  # the lines that were above the next key stay there
            _append_below(schedule, list(schedule.keys())[-1], below)

    steps = tree.get("steps")
    if not isinstance(steps, CommentedSeq):
        if "steps" in tree:
            raise CannotKeep("'steps' is not a list")
        steps = CommentedSeq()
        tree["steps"] = steps
    old_steps = list(steps)
    if len({id(node) for node in old_steps}) != len(old_steps):
        raise CannotKeep("steps written once and repeated by an alias")
    old_comments = dict(steps.ca.items)
    # The comment lines above a step are kept by ruamel at the end of the step
    # before it: take them off, to put them back above the same step wherever it
    # goes (those above the first step stay at the top, with the list).
    leads = [""] * (len(old_steps) + 1)  # leads[i]: the lines above step i; [-1]: below all
    for index, node in enumerate(old_steps):
        leads[index + 1] = _take_lines_below(node)
        entry = old_comments.get(index)
        if entry and entry[0] is not None:  # a one-line step's comment: kept by the list
            value = str(entry[0].value)
            cut = value.find("\n") + 1
            if cut > 0:
                leads[index + 1] += value[cut:]
                entry[0].value = value[:cut]
    new_items = []
    item_comments: dict[int, Any] = {}
    origins: list[int | None] = []
    used: set[int] = set()
    steps.ca.items.clear()
    for index, step in enumerate(draft.steps):
        origin = step.origin
        usable = (
            origin is not None
            and origin < len(old_steps)
            and origin < len(before.steps)
            and origin not in used
            and before.steps[origin].rest_step == step.rest_step
        )
        if usable and origin is not None:
            used.add(origin)
            node = old_steps[origin]
            keys = REST_KEYS if step.rest_step else EXERCISE_KEYS
            _update(node, keys, before.steps[origin].values, step.values)
            if origin in old_comments:  # a comment on the item moves with it
                item_comments[index] = old_comments[origin]
        else:
            node = _new_step(step)
            origin = None
        new_items.append(node)
        origins.append(origin if usable else None)
    for position, node in enumerate(new_items):
        if position + 1 < len(new_items):
            following = origins[position + 1]
            below = leads[following] if following is not None and following > 0 else ""
        else:
            below = leads[len(old_steps)]  # what was below the whole list stays there
        if hasattr(node, "fa") and node.fa.flow_style():
            _append_item_comment(item_comments, position, below)  # after a {...} step
        else:
            _put_lines_below(node, below)
    del steps[:]  # (this clears the items' comments too: they are put back below)
    steps.extend(new_items)
    steps.ca.items.update(item_comments)
    first = origins[0] if origins else None
    if first is not None and first > 0 and leads[first].strip():
        # A step moved to the top takes the lines above it along, above the list.
        lines = [line.strip().removeprefix("#").strip() for line in leads[first].splitlines()]
        steps.yaml_set_comment_before_after_key(
            0, before="\n".join(line for line in lines if line), indent=offset
        )

    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _lines_below(node: Any, key: str) -> str:
    """Take off and return the whole comment lines after a key's value (a comment on
    the key's own line stays)."""
    entry = node.ca.items.get(key) if hasattr(node, "ca") else None
    if not entry or len(entry) < 3 or entry[2] is None:
        return ""
    value = str(entry[2].value)
    block = type(node[key]).__name__ in ("LiteralScalarString", "FoldedScalarString")
    if block:
        own, below = "", value  # after a block of text, ruamel keeps only lines below
    else:
        cut = value.find("\n") + 1
        own, below = value[:cut], value[cut:]
    if own.strip():
        entry[2].value = own
    else:
        entry[2] = None  # no comment of its own on that line
    return below


def _append_below(node: Any, key: str, lines: str) -> None:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    entry = node.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) < 4:
        entry.append(None)
    if entry[2] is None:
        block = type(node[key]).__name__ in ("LiteralScalarString", "FoldedScalarString")
        entry[2] = CommentToken(lines if block else "\n" + lines, CommentMark(0), None)
    else:
        entry[2].value = entry[2].value + lines


def _append_item_comment(comments: dict[int, Any], position: int, lines: str) -> None:
    """Lines after a list item written on one line ({...}): the list keeps them."""
    if not lines:
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    entry = comments.get(position)
    if entry and entry[0] is not None:
        entry[0].value = str(entry[0].value) + lines
    else:
        comments[position] = [CommentToken("\n" + lines, CommentMark(0), None), None, None, None]


def _take_lines_below(node: Any) -> str:
    """Remove and return the whole comment lines after a step."""
    if not hasattr(node, "ca") or not len(node):
        return ""
    return _lines_below(node, list(node.keys())[-1])


def _put_lines_below(node: Any, lines: str) -> None:
    """Put whole comment lines after a step (after its last key, whichever it is now)."""
    if lines and len(node):
        _append_below(node, list(node.keys())[-1], lines)


def _dash_offset(text: str) -> int:
    """How far in the file's list items are written ("  - " is 2, "- " is 0)."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("steps:"):
            for following in lines[index + 1 :]:
                stripped = following.lstrip()
                if stripped.startswith("- "):
                    return len(following) - len(stripped)
                if stripped and not stripped.startswith("#"):
                    break
    return 2
