"""A routine as it is being edited, and the YAML a person would write for it.

The editor holds every value as text, exactly as typed, so that a half-typed
"1m3" is kept and reported rather than lost. Writing turns the draft into YAML
(keys in the format's order, block style, durations as "30s" or "1m30s"). The
validator's problems name the field they are about, so the editor shows each
beside its field (core/placing.py) whatever line it is on.

A file with comments is rewritten by ruamel.yaml's round trip instead
(core/keeping.py), so that what a person wrote beside their steps stays.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import yamldoc
from .durations import DurationError, format_duration, parse_duration
from .fields import EXERCISE_FIELDS, REST_FIELDS, ROUTINE_FIELDS, SCHEDULE_FIELDS, Kind, by_key
from .i18n import _
from .problems import Problem
from .texts import language_key, per_language, put_text, text_in
from .validation import LoadResult, check_routine_bytes

ROUTINE_KEYS = tuple(f.key for f in ROUTINE_FIELDS if f.key not in ("schedule", "steps"))
SCHEDULE_KEYS = tuple(f.key for f in SCHEDULE_FIELDS)
EXERCISE_KEYS = tuple(f.key for f in EXERCISE_FIELDS)
REST_KEYS = tuple(f.key for f in REST_FIELDS)
KINDS = {
    **{k: f.kind for k, f in by_key(ROUTINE_FIELDS).items()},
    **{k: f.kind for k, f in by_key(SCHEDULE_FIELDS).items()},
    **{k: f.kind for k, f in by_key(EXERCISE_FIELDS).items()},
    "note": Kind.TEXT,
}

WIDTH = 80  # wrap long text as a person would

FieldPath = tuple[object, ...]  # ("name",), ("schedule", "per_day"), ("steps", 2, "hold")


@dataclass
class StepDraft:
    """One step: an exercise or a rest, each value as text ("" when left out)."""

    rest_step: bool = False
    values: dict[str, str] = field(default_factory=dict)
    origin: int | None = None  # its place in the file it was read from
    language: str = ""  # the language whose texts get and put mean ("": as shown)

    def allowed(self) -> tuple[str, ...]:
        return REST_KEYS if self.rest_step else EXERCISE_KEYS

    def get(self, key: str) -> str:
        """A value; of a text given per language, the one in the draft's language."""
        return text_in(self.values, key, self.language)

    def put(self, key: str, text: str) -> None:
        _put(self.values, key, text, self.language)


@dataclass
class RoutineDraft:
    values: dict[str, str] = field(default_factory=dict)  # tags as "a, b"
    schedule: dict[str, str] | None = None  # per_day, days as "mon, tue"
    steps: list[StepDraft] = field(default_factory=list)
    # The language the form edits ("" while every text is plain, or to read the one
    # shown); its steps follow it. plain_base: the language that plain texts were
    # given when a second language was added ("" when the file had languages).
    language: str = ""
    plain_base: str = ""

    def get(self, key: str) -> str:
        """A value; of a text given per language, the one in the draft's language."""
        return text_in(self.values, key, self.language)

    def put(self, key: str, text: str) -> None:
        _put(self.values, key, text, self.language)

    def copy(self) -> RoutineDraft:
        """A copy to change without changing this one (its values are strings)."""
        return RoutineDraft(
            dict(self.values),
            None if self.schedule is None else dict(self.schedule),
            [StepDraft(s.rest_step, dict(s.values), s.origin, self.language) for s in self.steps],
            self.language,
            self.plain_base,
        )


def _put(values: dict[str, str], key: str, text: str, language: str) -> None:
    if KINDS.get(key) in (Kind.LINE, Kind.TEXT):
        put_text(values, key, text, language)
    else:
        values[key] = text


def new_exercise() -> StepDraft:
    """What "Add exercise" starts from: a hold of 10 s, three times."""
    # Translators: the name a new exercise has until the person gives it one.
    return StepDraft(values={"exercise": _("New exercise"), "hold": "10s", "reps": "3"})


def new_draft(name: str = "") -> RoutineDraft:
    """What "New routine" starts from: a name (the person's language's "My routine"
    when none is given) and one exercise to fill in."""
    # Translators: the name a new routine has until the person gives it one.
    return RoutineDraft(values={"name": name or _("My routine")}, steps=[new_exercise()])


# -- reading ---------------------------------------------------------------------


class DraftError(Exception):
    """The file cannot be shown in the editor's form (what is wrong, and where)."""

    def __init__(self, line: int, column: int, message: str) -> None:
        # Translators: where in the file a problem is, then the problem.
        super().__init__(_("line {line}: {message}").format(line=line, message=message))
        self.line, self.column, self.message = line, column, message


def _text(node: yamldoc.Node, where: str) -> str:
    if isinstance(node, yamldoc.Scalar):
        if node.is_null:
            return ""
        text = node.text if node.plain or node.tag.endswith(":str") else str(node.value)
        return text.rstrip("\n")
    if isinstance(node, yamldoc.Sequence) and all(
        isinstance(item, yamldoc.Scalar) for item in node.items
    ):
        return ", ".join(item.text for item in node.items if isinstance(item, yamldoc.Scalar))
    # Translators: {where} is a key ("'name'") or a part of a routine ("step 3").
    message = _("{where} holds something the form cannot show").format(where=where)
    raise DraftError(node.line, node.column, message)


def _pairs(node: yamldoc.Node, allowed: tuple[str, ...], where: str) -> dict[str, str]:
    if not isinstance(node, yamldoc.Mapping):
        # Translators: {where} is a part of a routine ("the schedule", "step 3").
        message = _("{where} is not a set of keys and values").format(where=where)
        raise DraftError(node.line, node.column, message)
    found: dict[str, str] = {}
    for key, value in _merged(node):
        name = key.text if isinstance(key, yamldoc.Scalar) else None
        if name not in allowed:
            # Translators: {where} is a part of a routine ("the schedule", "step 3").
            message = _("{where} has a key the form has no place for").format(where=where)
            raise DraftError(key.line, key.column, message)
        _put_text(found, name, value)
    return found


def _put_text(found: dict[str, str], name: str, value: yamldoc.Node) -> None:
    """A value as the form holds it; a text given per language as one entry for each
    language ("instructions@de", core/texts.py)."""
    if isinstance(value, yamldoc.Mapping) and KINDS.get(name) in (Kind.LINE, Kind.TEXT):
        for code, text in _merged(value):
            if not isinstance(code, yamldoc.Scalar):  # a list or mapping as the code
                # Translators: {where} is a key ("'name'") or a part of a routine ("step 3").
                message = _("{where} holds something the form cannot show")
                raise DraftError(code.line, code.column, message.format(where=f"'{name}'"))
            found[language_key(name, code.text)] = _text(text, f"'{name}'")
        return
    found[name] = _text(value, f"'{name}'")


def draft_from_text(text: str) -> RoutineDraft:
    """The form's view of a routine file. Values are kept as written, even wrong ones
    (they are reported); only what the form has no place for raises DraftError."""
    try:
        root = yamldoc.parse_document(text)
    except yamldoc.DocumentError as exc:
        raise DraftError(exc.line, exc.column, exc.message) from None
    if not isinstance(root, yamldoc.Mapping):
        message = _("the file is not a routine (keys and values)")
        raise DraftError(root.line, root.column, message)
    draft = RoutineDraft()
    for key, value in _merged(root):
        name = key.text if isinstance(key, yamldoc.Scalar) else ""
        if name == "schedule":
            # Translators: where a key stands, as in "the schedule has a key the form has
            # no place for".
            draft.schedule = _pairs(value, SCHEDULE_KEYS, _("the schedule"))
        elif name == "steps":
            if not isinstance(value, yamldoc.Sequence):
                # Translators: "steps" is a key of the routine format; keep it in English.
                message = _("'steps' is not a list of steps")
                raise DraftError(value.line, value.column, message)
            for index, item in enumerate(value.items):
                draft.steps.append(_step_from(item, index))
        elif name in ROUTINE_KEYS:
            _put_text(draft.values, name, value)
        else:
            message = _("the key {key} has no place in the form").format(key=repr(name))
            raise DraftError(key.line, key.column, message)
    return draft


def _merged(node: yamldoc.Mapping) -> list[tuple[yamldoc.Node, yamldoc.Node]]:
    try:
        return yamldoc.merged_pairs(node)
    except yamldoc.DocumentError as exc:
        raise DraftError(exc.line, exc.column, exc.message) from None


def _step_from(node: yamldoc.Node, index: int) -> StepDraft:
    # Translators: the step a message is about, counted from 1: "step 3".
    where = _("step {number}").format(number=index + 1)
    keys = (
        {k.text for k, _ in node.pairs if isinstance(k, yamldoc.Scalar)}
        if isinstance(node, yamldoc.Mapping)
        else set()
    )
    rest_step = "exercise" not in keys and "rest" in keys
    allowed = REST_KEYS if rest_step else EXERCISE_KEYS
    return StepDraft(rest_step, _pairs(node, allowed, where), origin=index)


# -- writing ---------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    text: str


def yaml_value(key: str, text: str) -> object:
    """The value a person would write for a field's text: durations tidied, whole
    numbers as numbers, lists as lists; anything else as the text itself."""
    kind = KINDS.get(key)
    stripped = text.strip()
    if kind is Kind.DURATION:
        try:
            return format_duration(parse_duration(stripped))
        except DurationError:
            return stripped
    if kind in (Kind.COUNT, Kind.FORMAT) and whole_number(stripped):
        return int(stripped.split(".")[0])
    if kind in (Kind.TAGS, Kind.DAYS):
        return [part.strip() for part in stripped.split(",") if part.strip()]
    if kind is Kind.TEXT:
        return text.strip("\n")
    return stripped


def whole_number(text: str) -> bool:
    """ "3" or "3.0": a count as a person may write it."""
    return re.fullmatch(r"[0-9]+(\.0*)?", text.strip()) is not None


def _scalar(value: object) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        not lines[0].startswith((" ", "\t"))
        and all(ch == "\t" or ch.isprintable() for ch in text.replace("\n", ""))
        and not any(line != line.rstrip(" \t") for line in lines)  # trailing blanks
    )


def _folded_ok(text: str) -> bool:
    """Text that a folded block (>) gives back exactly once wrapped: paragraphs of
    words with single spaces, no blank or indented lines."""
    return _literal_ok(text) and all(
        line and not line.startswith(" ") and "  " not in line and "\t" not in line
        for line in text.split("\n")
    )


def _key_lines(key: str, value: object, indent: str, kind: Kind | None = None) -> list[str]:
    if isinstance(value, list):
        return [f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]"]
    if isinstance(value, str) and (kind or KINDS.get(key)) is Kind.TEXT:
        one_line = f"{indent}{key}: {_scalar(value)}"
        if "\n" not in value and len(one_line) <= WIDTH:
            return [one_line]
        if _folded_ok(value):  # wrapped as a person would, read back the same
            body: list[str] = []
            for paragraph in value.split("\n"):
                if body:
                    body.append("")
                width = WIDTH - len(indent) - 2
                wrapped = textwrap.wrap(
                    paragraph, width, break_long_words=False, break_on_hyphens=False
                )
                body.extend(f"{indent}  {line}" for line in wrapped)
            return [f"{indent}{key}: >", *body]
        if _literal_ok(value):
            body = [f"{indent}  {line}" if line else "" for line in value.split("\n")]
            return [f"{indent}{key}: |", *body]
    return [f"{indent}{key}: {_scalar(value)}"]


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []

    def put(self, key: str, text: str, indent: str, dash: bool = False) -> None:
        if not text.strip():
            return
        self.put_lines(_key_lines(key, yaml_value(key, text), indent), indent, dash)

    def put_value(self, key: str, values: dict[str, str], indent: str, dash: bool = False) -> None:
        """A key of the draft's values: its text, or its text in each language."""
        texts = {code: text for code, text in per_language(values, key).items() if text.strip()}
        if not texts:
            self.put(key, values.get(key, ""), indent, dash)
            return
        chunk = [f"{indent}{key}:"]
        for code, text in texts.items():
            chunk += _key_lines(_scalar(code), yaml_value(key, text), indent + "  ", KINDS[key])
        self.put_lines(chunk, indent, dash)

    def put_lines(self, chunk: list[str], indent: str, dash: bool) -> None:
        if dash:  # the first key of a list item: "  - exercise: ..."
            chunk[0] = indent[:-2] + "- " + chunk[0][len(indent) :]
        for line in chunk:  # a quoted value may span lines: count each
            self.out.extend(line.split("\n"))

    def written(self) -> Written:
        return Written("\n".join(self.out) + "\n")


StepLines = tuple[str, ...]  # one step's lines under 'steps:'


def write_head(draft: RoutineDraft) -> _Writer:
    """The routine's own keys and schedule, up to and with its 'steps:' line."""
    w = _Writer()
    for key in ROUTINE_KEYS:
        if key == "caution" and draft.schedule is not None:  # the schedule comes first
            w.out.append("schedule:")
            for part in SCHEDULE_KEYS:
                w.put(part, draft.schedule.get(part, ""), "  ")
            if w.out[-1] == "schedule:":
                w.out[-1] = "schedule: {}"
        w.put_value(key, draft.values, "")
    w.out.append("steps:" if draft.steps else "steps: []")
    return w


def write_step(step: StepDraft) -> StepLines:
    """One step's lines under 'steps:' ("  - {}" for a step with nothing in it yet)."""
    w = _Writer()
    for key in step.allowed():
        w.put_value(key, step.values, "    ", dash=not w.out)
    if not w.out:
        w.out.append("  - {}")
    return tuple(w.out)


def write_yaml(draft: RoutineDraft) -> Written:
    """YAML for the draft, keys in the format's order."""
    w = write_head(draft)
    for step in draft.steps:
        w.out.extend(write_step(step))
    return w.written()


# -- checking --------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    written: Written
    result: LoadResult

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.result.problems if p.is_error)


def check_draft(draft: RoutineDraft, path: Path, routine_id: str) -> Checked:
    """The draft written out and checked as `backroutine validate` would check the file."""
    written = write_yaml(draft)
    result = check_routine_bytes(written.text.encode("utf-8"), path, routine_id, path.name)
    return Checked(written, result)
