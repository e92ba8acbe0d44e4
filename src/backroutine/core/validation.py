"""Load a routine file and report every problem in it, with its line and column, in one pass."""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import yamldoc
from .durations import DurationError, format_duration, parse_duration
from .fields import (
    EXERCISE_FIELDS,
    FORMAT_VERSION,
    MAX_STEPS,
    REST_FIELDS,
    ROUTINE_FIELDS,
    SCHEDULE_FIELDS,
    Field,
    Kind,
    by_key,
)
from .model import (
    WEEKDAYS,
    Dose,
    DoseKind,
    ExerciseStep,
    RestStep,
    Routine,
    Schedule,
    Side,
    Step,
)
from .problems import Problem, Severity
from .yamldoc import Mapping, Node, Scalar, Sequence

ROUTINE_SUFFIXES = (".yaml", ".yml")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ROUTINE = by_key(ROUTINE_FIELDS)
_SCHEDULE = by_key(SCHEDULE_FIELDS)
_EXERCISE = by_key(EXERCISE_FIELDS)
_REST = by_key(REST_FIELDS)

# Words people reach for that the format spells differently.
_SYNONYMS = {
    "title": "name",
    "name": "exercise",
    "description": "instructions",
    "instruction": "instructions",
    "how": "instructions",
    "repetitions": "reps",
    "repeat": "reps",
    "repeats": "reps",
    "seconds": "hold",
    "time": "duration",
    "length": "duration",
    "side": "sides",
    "set": "sets",
    "picture": "image",
    "img": "image",
    "photo": "image",
    "warning": "caution",
    "warnings": "caution",
    "notes": "note",
    "exercises": "steps",
    "tag": "tags",
    "pause": "rest",
    "rest_between_reps": "rest",
    "get_ready": "prepare",
    "times_per_day": "per_day",
    "per-day": "per_day",
    "rest-between-sets": "rest_between_sets",
}


@dataclass(frozen=True)
class LoadResult:
    """What reading one routine file gave: the routine if it is usable, and every problem."""

    path: Path
    id: str
    routine: Routine | None
    problems: tuple[Problem, ...]
    name_hint: str = ""  # the name as written, even when the file has errors

    @property
    def ok(self) -> bool:
        return self.routine is not None

    @property
    def name(self) -> str:
        if self.routine is not None:
            return self.routine.name
        return self.name_hint or self.id

    def with_problems(self, extra: Iterable[Problem]) -> LoadResult:
        """The same result with more problems; an added error makes it unusable."""
        problems = self.problems + tuple(extra)
        routine = self.routine if not any(p.is_error for p in problems) else None
        return LoadResult(self.path, self.id, routine, problems, self.name)


def routine_id_for(path: Path) -> str:
    """The id a file name gives, tidied into lower case words joined by '-'."""
    stem = path.name
    for suffix in ROUTINE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "routine"


def load_routine(path: Path, display: str | None = None) -> LoadResult:
    """Read and check one routine file. Never raises for anything in the file."""
    shown = display if display is not None else str(path)
    routine_id = routine_id_for(path)
    problems: list[Problem] = []
    stem = path.name.rsplit(".", 1)[0]
    if not _ID_RE.match(stem):
        problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.WARNING,
                f"the file name {path.name!r} is not a routine id; it is read as {routine_id!r}. "
                f"Rename it to {routine_id}.yaml (lower-case letters, digits and '-')",
            )
        )
    try:
        with open(path, "rb") as handle:
            data = handle.read(yamldoc.MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problems.append(Problem(shown, 1, 1, Severity.ERROR, f"cannot read the file: {reason}"))
        return LoadResult(path, routine_id, None, tuple(problems))
    if len(data) > yamldoc.MAX_FILE_BYTES:
        problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.ERROR,
                "the file is larger than 1 MiB; a routine file may be at most 1 MiB",
            )
        )
        return LoadResult(path, routine_id, None, tuple(problems))
    return check_routine_bytes(data, path, routine_id, shown, problems)


def check_routine_bytes(
    data: bytes,
    path: Path,
    routine_id: str,
    shown: str,
    problems: list[Problem] | None = None,
) -> LoadResult:
    """Check routine text as if it were the file at path (images resolve beside it)."""
    checker = _Checker(shown, path.parent)
    if problems:
        checker.problems.extend(problems)
    try:
        root = yamldoc.parse_document(yamldoc.decode(data))
    except yamldoc.DocumentError as exc:
        checker.add(Severity.ERROR, exc.line, exc.column, exc.message)
        return LoadResult(path, routine_id, None, checker.sorted_problems())
    fields = checker.routine(root)
    name_hint = fields.get("name") if isinstance(fields.get("name"), str) else ""
    if checker.has_errors:
        return LoadResult(path, routine_id, None, checker.sorted_problems(), str(name_hint or ""))
    routine = Routine(
        id=routine_id,
        path=path,
        content_hash=hashlib.sha256(data).hexdigest(),
        **fields,  # type: ignore[arg-type]
    )
    return LoadResult(path, routine_id, routine, checker.sorted_problems(), routine.name)


class _Checker:
    def __init__(self, shown: str, folder: Path) -> None:
        self.shown = shown
        self.folder = folder
        self.problems: list[Problem] = []

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def sorted_problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.problems, key=lambda p: (p.line, p.column)))

    def add(self, severity: Severity, line: int, column: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, column, severity, message))

    def error(self, node: Node, message: str) -> None:
        self.add(Severity.ERROR, node.line, node.column, message)

    def warning(self, node: Node, message: str) -> None:
        self.add(Severity.WARNING, node.line, node.column, message)

    # -- mappings and keys -------------------------------------------------

    def keys(
        self,
        node: Mapping,
        fields: dict[str, Field],
        where: str,
        elsewhere: dict[str, str] | None = None,
    ) -> dict[str, tuple[Scalar, Node]]:
        """The mapping's known keys with their nodes; reports duplicates and unknown keys."""
        found: dict[str, tuple[Scalar, Node]] = {}
        try:
            pairs = yamldoc.merged_pairs(node)
        except yamldoc.DocumentError as exc:
            self.add(Severity.ERROR, exc.line, exc.column, exc.message)
            pairs = node.pairs
        for key, value in pairs:
            if not isinstance(key, Scalar) or key.is_null:
                self.error(key, f"a key in {where} must be a plain word such as 'name'")
                continue
            name = key.text
            if name in found:
                first = found[name][0]
                self.error(
                    key,
                    f"duplicate key {name!r}: it is already set on line {first.line}; "
                    "keep only one",
                )
                continue
            if name in fields:
                found[name] = (key, value)
                continue
            self.error(key, self._unknown_key_message(name, fields, where, elsewhere or {}))
        return found

    @staticmethod
    def _unknown_key_message(
        name: str, fields: dict[str, Field], where: str, elsewhere: dict[str, str]
    ) -> str:
        message = f"unknown key {name!r} in {where}"
        if name in elsewhere:
            return f"{message}: {elsewhere[name]}"
        lowered = name.strip().lower().replace(" ", "_")
        guess = None
        if lowered in fields and lowered != name:
            guess = lowered
        elif _SYNONYMS.get(lowered) in fields:
            guess = _SYNONYMS[lowered]
        else:
            close = difflib.get_close_matches(lowered, list(fields), n=1, cutoff=0.6)
            guess = close[0] if close else None
        if guess:
            return f"{message}; did you mean {guess!r}?"
        return f"{message}; the keys here are: {', '.join(fields)}"

    def missing(self, node: Node, key: str, where: str, example: str) -> None:
        self.error(node, f"{where} has no {key!r}; add it, for example: {example}")

    # -- values ------------------------------------------------------------

    def text(self, field: Field, node: Node) -> str | None:
        if not isinstance(node, Scalar):
            self.error(node, f"{field.key} must be {field.kind.value}, not a list or mapping")
            return None
        if node.is_null or not node.text.strip():
            if field.required:
                self.error(node, f"{field.key} is empty; give it a value")
            else:
                self.warning(node, f"{field.key} is empty; give it a value or remove the line")
            return None
        value = node.text.strip() if field.kind is Kind.LINE else node.text.rstrip()
        if field.kind is Kind.LINE and "\n" in value:
            self.error(node, f"{field.key} must fit on one line")
            return None
        if field.max_length and len(value) > field.max_length:
            self.error(
                node,
                f"{field.key} is {len(value)} characters long; "
                f"it may be at most {field.max_length}",
            )
            return None
        return value

    def count(self, field: Field, node: Node) -> int | None:
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, float) and value.is_integer():
            self.error(node, f"{field.key} must be a whole number; write {int(value)}")
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            shown = f" (it is {node.text!r})" if isinstance(node, Scalar) else ""
            self.error(node, f"{field.key} must be a whole number{shown}")
            return None
        assert field.low is not None and field.high is not None
        if not field.low <= value <= field.high:
            self.error(
                node,
                f"{field.key} must be from {field.low:g} to {field.high:g} (it is {value})",
            )
            return None
        return value

    def duration(self, field: Field, node: Node) -> float | None:
        if not isinstance(node, Scalar):
            self.error(node, f"{field.key} must be a duration such as 30s, not a list or mapping")
            return None
        try:
            seconds = parse_duration(node.value)
        except DurationError as exc:
            self.error(node, f"{field.key}: {exc}")
            return None
        if field.low and seconds < field.low:
            self.error(
                node,
                f"{field.key} must be at least {format_duration(field.low)} "
                f"(it is {format_duration(seconds)})",
            )
            return None
        return seconds

    def choice(self, field: Field, node: Node) -> str | None:
        text = node.text.strip().lower() if isinstance(node, Scalar) and not node.is_null else ""
        if text in field.choices:
            return text
        close = difflib.get_close_matches(text, field.choices, n=1, cutoff=0.5) if text else []
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.error(node, f"{field.key} must be one of: {', '.join(field.choices)}{hint}")
        return None

    def tags(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence):
            self.error(node, f"{field.key} must be a list, for example: [physio, low-back]")
            return None
        tags: list[str] = []
        for item in node.items:
            if not isinstance(item, Scalar) or item.is_null or not item.text.strip():
                self.error(item, f"each of {field.key} must be a word or short phrase")
                continue
            tags.append(item.text.strip())
        return tuple(tags)

    def days(self, field: Field, node: Node) -> tuple[str, ...] | None:
        if not isinstance(node, Sequence) or not node.items:
            self.error(node, "days must be a list of weekdays, for example: [mon, wed, fri]")
            return None
        days: list[str] = []
        for item in node.items:
            text = item.text.strip().lower() if isinstance(item, Scalar) else ""
            if text not in WEEKDAYS:
                close = difflib.get_close_matches(text, _DAY_NAMES, n=1, cutoff=0.5)
                hint = f"; did you mean {close[0][:3]!r}?" if close else ""
                self.error(
                    item, f"{text or 'this'!r} is not a day: use {', '.join(WEEKDAYS)}{hint}"
                )
            elif text in days:
                self.error(item, f"{text!r} is listed twice")
            else:
                days.append(text)
        return tuple(sorted(days, key=WEEKDAYS.index))

    def image(self, field: Field, node: Node) -> Path | None:
        text = self.text(field, node)
        if text is None:
            return None
        if os.path.isabs(text) or text.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", text):
            self.error(
                node,
                "image must be a path relative to the routine's folder, such as images/bridge.svg",
            )
            return None
        parts = re.split(r"[/\\]", text)
        if ".." in parts:
            self.error(
                node,
                f"image {text!r} points outside the routine's folder; "
                "keep pictures in the same folder or below it",
            )
            return None
        candidate = self.folder.joinpath(*parts)
        try:
            real = candidate.resolve()
            if not real.is_relative_to(self.folder.resolve()):
                self.error(
                    node,
                    f"image {text!r} is a link to a file outside the routine's folder; "
                    "copy the picture into the folder instead",
                )
                return None
        except (OSError, RuntimeError):
            self.error(node, f"image {text!r} cannot be resolved (a link loop?)")
            return None
        if not real.exists():
            self.warning(node, f"image {text!r} was not found; the exercise will show no picture")
            return None
        if not _looks_like_image(real):
            self.warning(
                node,
                f"{text!r} is not a picture the app can show; "
                "use an SVG, PNG, JPEG, GIF or WebP file",
            )
            return None
        return real

    # -- the routine ---------------------------------------------------------

    def routine(self, root: Node) -> dict[str, object]:
        if not isinstance(root, Mapping):
            kind = "a list" if isinstance(root, Sequence) else "a single value"
            self.error(
                root,
                f"a routine file must be a mapping of keys such as 'name:' and 'steps:', "
                f"but this file holds {kind}",
            )
            return {}
        elsewhere = {
            key: f"{key!r} belongs to a step, under 'steps:'"
            for key in (*_EXERCISE, *_REST)
            if key not in _ROUTINE
        }
        elsewhere["per_day"] = "'per_day' belongs under 'schedule:'"
        found = self.keys(root, _ROUTINE, "the routine", elsewhere)
        values: dict[str, object] = {}
        if "format" in found:
            version = self.format_version(found["format"][1])
            if version is not None:
                values["format"] = version
        for key in ("name", "summary", "description", "caution"):
            if key in found:
                value = self.text(_ROUTINE[key], found[key][1])
                if value is not None:
                    values[key] = value
        if "name" not in found:
            self.missing(root, "name", "the routine", "name: Morning stretch")
        if "tags" in found:
            tags = self.tags(_ROUTINE["tags"], found["tags"][1])
            if tags is not None:
                values["tags"] = tags
        if "prepare" in found:
            prepare = self.duration(_ROUTINE["prepare"], found["prepare"][1])
            if prepare is not None:
                values["prepare"] = prepare
        if "schedule" in found:
            schedule = self.schedule(found["schedule"][1])
            if schedule is not None:
                values["schedule"] = schedule
        if "steps" in found:
            values["steps"] = self.steps(found["steps"][1])
        else:
            self.missing(root, "steps", "the routine", "steps: [{exercise: Bridge, hold: 10s}]")
        return values

    def format_version(self, node: Node) -> int | None:
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, int) and not isinstance(value, bool):
            if value == FORMAT_VERSION:
                return value
            if value > FORMAT_VERSION:
                self.error(
                    node,
                    f"format {value} is newer than this version of BackRoutine can read "
                    f"(format {FORMAT_VERSION}); update BackRoutine to use this routine",
                )
                return None
        self.error(node, f"format must be {FORMAT_VERSION}")
        return None

    def schedule(self, node: Node) -> Schedule | None:
        if not isinstance(node, Mapping):
            self.error(node, "schedule must be a mapping, for example: {per_day: 2}")
            return None
        found = self.keys(node, _SCHEDULE, "schedule")
        per_day = None
        if "per_day" in found:
            per_day = self.count(_SCHEDULE["per_day"], found["per_day"][1])
        else:
            self.missing(node, "per_day", "schedule", "per_day: 2")
        days = None
        if "days" in found:
            days = self.days(_SCHEDULE["days"], found["days"][1])
        if per_day is None:
            return None
        return Schedule(per_day, days) if days else Schedule(per_day)

    def steps(self, node: Node) -> tuple[Step, ...]:
        if not isinstance(node, Sequence):
            self.error(node, "steps must be a list; start each step with '- '")
            return ()
        if not node.items:
            self.error(node, "steps is empty; add at least one exercise or rest")
            return ()
        if len(node.items) > MAX_STEPS:
            self.error(
                node, f"there are {len(node.items)} steps; a routine may have at most {MAX_STEPS}"
            )
            return ()
        steps: list[Step] = []
        for number, item in enumerate(node.items, start=1):
            step = self.step(item, number)
            if step is not None:
                steps.append(step)
        return tuple(steps)

    def step(self, node: Node, number: int) -> Step | None:
        where = f"step {number}"
        if not isinstance(node, Mapping):
            self.error(
                node,
                f"{where} must be a mapping: '- exercise: NAME' with a dose, or '- rest: 30s'",
            )
            return None
        names = {k.text for k, _ in node.pairs if isinstance(k, Scalar)}
        if "exercise" in names:
            return self.exercise_step(node, where)
        if "rest" in names:
            return self.rest_step(node, where)
        close = [n for n in names if difflib.get_close_matches(n, ["exercise"], n=1, cutoff=0.7)]
        if close:
            self.error(node, f"{where} has neither 'exercise' nor 'rest'; did you mean 'exercise'?")
        else:
            self.error(
                node,
                f"{where} has neither 'exercise' nor 'rest'; start it with "
                "'- exercise: NAME' or '- rest: 30s'",
            )
        return None

    def rest_step(self, node: Mapping, where: str) -> RestStep | None:
        elsewhere = {
            key: f"a rest step takes only 'rest' and 'note'; to make {where} an exercise, "
            "add 'exercise: NAME'"
            for key in _EXERCISE
            if key not in _REST
        }
        found = self.keys(node, _REST, f"{where} (a rest)", elsewhere)
        seconds = self.duration(_REST["rest"], found["rest"][1])
        note = self.text(_REST["note"], found["note"][1]) if "note" in found else ""
        if seconds is None:
            return None
        return RestStep(seconds=seconds, note=note or "", line=node.line)

    def exercise_step(self, node: Mapping, where: str) -> ExerciseStep | None:
        elsewhere = {"note": "'note' belongs to a rest step; use 'instructions' for an exercise"}
        found = self.keys(node, _EXERCISE, f"{where} (an exercise)", elsewhere)
        name = self.text(_EXERCISE["exercise"], found["exercise"][1])
        if name:
            where = f"{where} ({name})"
        values: dict[str, object] = {}
        for key, (_key_node, value_node) in found.items():
            field = _EXERCISE[key]
            reader = {
                Kind.LINE: self.text,
                Kind.TEXT: self.text,
                Kind.DURATION: self.duration,
                Kind.COUNT: self.count,
                Kind.CHOICE: self.choice,
                Kind.IMAGE: self.image,
            }[field.kind]
            if key != "exercise":
                values[key] = reader(field, value_node)
        if "instructions" not in found:
            self.warning(
                found["exercise"][0],
                f"{where} has no instructions; add a few words on how to do it",
            )
        dose = self.dose(node, found, values, where)
        if name is None or dose is None:
            return None
        # A value that failed has been reported as an error, so a routine is
        # never built from this step; the defaults only keep the types honest.
        sets, sides = values.get("sets"), values.get("sides")
        between, prepare = values.get("rest_between_sets"), values.get("prepare")
        image = values.get("image")
        return ExerciseStep(
            name=name,
            dose=dose,
            instructions=str(values.get("instructions") or ""),
            image=image if isinstance(image, Path) else None,
            caution=str(values.get("caution") or ""),
            sets=sets if isinstance(sets, int) else 1,
            rest_between_sets=between if isinstance(between, float) else 15.0,
            sides=Side(sides) if isinstance(sides, str) else None,
            prepare=prepare if isinstance(prepare, float) else None,
            line=node.line,
        )

    def dose(
        self,
        node: Mapping,
        found: dict[str, tuple[Scalar, Node]],
        values: dict[str, object],
        where: str,
    ) -> Dose | None:
        has = {key: key in found for key in ("hold", "duration", "reps", "tempo", "rest")}
        ok = True
        if has["hold"] and has["duration"]:
            self.error(
                found["duration"][0],
                f"{where} has two doses, 'hold' and 'duration'; keep one of them",
            )
            ok = False
        if has["duration"] and has["reps"]:
            self.error(
                found["reps"][0],
                f"{where} has two doses, 'duration' and 'reps'; a duration is one continuous "
                "period, so remove 'reps' (or use 'hold' with 'reps')",
            )
            ok = False
        if has["rest"] and not has["hold"]:
            self.error(
                found["rest"][0],
                f"{where} is both an exercise and a rest: in an exercise step 'rest' is the "
                "pause between the reps of a 'hold'; to rest after the exercise, add its own "
                "step '- rest: 30s'",
            )
            ok = False
        if not (has["hold"] or has["duration"] or has["reps"]):
            if not ok:
                return None
            self.error(
                found["exercise"][0],
                f"{where} has no dose; add 'hold: 30s', 'duration: 1m' or 'reps: 10'",
            )
            return None
        if has["tempo"] and (has["hold"] or has["duration"] or not has["reps"]):
            self.error(
                found["tempo"][0],
                "'tempo' is the time per rep for reps without a hold; "
                "use it with 'reps' only, or remove it",
            )
            ok = False
        if not ok:
            return None
        reps = values.get("reps")
        if has["hold"]:
            hold, rest = values.get("hold"), values.get("rest", 0.0)
            if not isinstance(hold, float) or not isinstance(rest, float):
                return None
            count = reps if isinstance(reps, int) else 1
            return Dose(DoseKind.HOLD, hold, count, rest)
        if has["duration"]:
            duration = values.get("duration")
            return Dose(DoseKind.DURATION, duration) if isinstance(duration, float) else None
        if not isinstance(reps, int):
            return None
        if has["tempo"]:
            tempo = values.get("tempo")
            return Dose(DoseKind.TIMED_REPS, tempo, reps) if isinstance(tempo, float) else None
        return Dose(DoseKind.UNTIMED_REPS, None, reps)


_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"BM",
)


def _looks_like_image(path: Path) -> bool:
    """A file whose name and first bytes say it is a picture Qt can draw."""
    if path.suffix.lower() not in IMAGE_SUFFIXES or not path.is_file():
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
    except OSError:
        return False
    if path.suffix.lower() == ".svg":
        return b"<svg" in head or (head.lstrip().startswith(b"<?xml") and b"<svg" in head)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return True
    return head.startswith(_MAGIC)
