"""Load a routine file and report every problem in it, with its line and column, in one pass."""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass, replace
from pathlib import Path

from . import yamldoc
from .durations import format_clock, say_duration
from .fields import (
    DOSE_KEYS,
    DOSE_RULES,
    EXERCISE_FIELDS,
    FORMAT_VERSION,
    MAX_STEPS,
    REST_FIELDS,
    ROUTINE_FIELDS,
    SCHEDULE_FIELDS,
    USUAL_ROUTINE_SECONDS,
    Kind,
    by_key,
)
from .files import ReadRefused, read_bounded
from .i18n import _, content_languages
from .model import (
    DEFAULT_REST_BETWEEN_SETS,
    Dose,
    DoseKind,
    ExerciseStep,
    RestStep,
    Routine,
    Schedule,
    Side,
    Step,
)
from .names import is_routine_id, readable

# Other modules read these from here too.
from .pictures import IMAGE_SUFFIXES as IMAGE_SUFFIXES
from .pictures import MAX_IMAGE_BYTES as MAX_IMAGE_BYTES
from .pictures import FoundPicture as FoundPicture
from .pictures import find_picture as find_picture
from .pictures import image_problem as image_problem
from .pictures import picture_problem as picture_problem
from .problems import Problem, Severity, shorten
from .texts import languages_of_routine, pick_language
from .timeline import expand_timeline
from .value_checks import ValueChecker, long_dose_message
from .yamldoc import Mapping, Node, Scalar, Sequence

ROUTINE_SUFFIXES = (".yaml", ".yml")

_ROUTINE = by_key(ROUTINE_FIELDS)
_SCHEDULE = by_key(SCHEDULE_FIELDS)
_EXERCISE = by_key(EXERCISE_FIELDS)
_REST = by_key(REST_FIELDS)
_EXERCISE_ONLY = set(_EXERCISE) - set(_REST) - {"exercise"}
_RULES = {rule.key: rule for rule in DOSE_RULES}


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
        problems = tuple(sorted(self.problems + tuple(extra), key=lambda p: (p.line, p.column)))
        routine = self.routine if not any(p.is_error for p in problems) else None
        return LoadResult(self.path, self.id, routine, problems, self.name)


def routine_id_for(path: Path) -> str:
    """The id a file name gives, tidied into lower case words joined by '-'."""
    stem = path.name
    for suffix in ROUTINE_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if slug:
        return slug
    # Nothing of the name survives in a-z0-9: keep ids distinct with a short digest.
    digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()
    return "routine-" + digest[:8]


def load_routine(path: Path, display: str | None = None) -> LoadResult:
    """Read and check one routine file. Never raises for anything in the file."""
    shown = display if display is not None else readable(path)
    routine_id = routine_id_for(path)
    problems: list[Problem] = []
    stem = path.name.rsplit(".", 1)[0]
    if not is_routine_id(stem):
        problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.WARNING,
                _(
                    "the file name {name} is not a routine id; it is read as {id}. "
                    "Rename it to {file} (lower-case letters, digits and '-')"
                ).format(name=repr(path.name), id=repr(routine_id), file=f"{routine_id}.yaml"),
                "file-name-not-an-id",
            )
        )
    try:
        data = read_bounded(path, yamldoc.MAX_FILE_BYTES)
    except ReadRefused as exc:
        if not exc.too_large:
            message = _("not a regular file; give a .yaml file")
            problems.append(Problem(shown, 1, 1, Severity.ERROR, message, "not-a-regular-file"))
            return LoadResult(path, routine_id, None, tuple(problems))
        problems.append(
            Problem(
                shown,
                1,
                1,
                Severity.ERROR,
                _("the file is larger than 1 MiB; a routine file may be at most 1 MiB"),
                "file-too-large",
            )
        )
        return LoadResult(path, routine_id, None, tuple(problems))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = _("cannot read the file: {reason}").format(reason=reason)
        problems.append(Problem(shown, 1, 1, Severity.ERROR, message, "cannot-read"))
        return LoadResult(path, routine_id, None, tuple(problems))
    except ValueError:  # a NUL in the name: no file can have it
        message = _("no file can have this name (it holds a NUL character)")
        problems.append(Problem(shown, 1, 1, Severity.ERROR, message, "name-has-nul"))
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
    try:
        root = yamldoc.parse_document(yamldoc.decode(data))
    except yamldoc.DocumentError as exc:
        found = Problem(shown, exc.line, exc.column, Severity.ERROR, exc.message, exc.code)
        return LoadResult(path, routine_id, None, _in_order([*(problems or ()), found]))
    digest = hashlib.sha256(data).hexdigest()
    return check_parsed(root, path, routine_id, shown, digest, problems=problems or ())


# A step checked on its own: the step, if it is usable, and its problems.
StepChecked = tuple[Step | None, tuple[Problem, ...]]


def check_parsed(
    root: Node,
    path: Path,
    routine_id: str,
    shown: str,
    content_hash: str,
    *,
    problems: Iterable[Problem] = (),
    steps: Seq[StepChecked] | None = None,
) -> LoadResult:
    """Check a parsed routine. steps, when given, are its steps already checked one by
    one (check_step), in place of what root holds under 'steps:'."""
    checker = _Checker(shown, path.parent, steps)
    checker.problems.extend(problems)
    fields = checker.routine(root)
    name_hint = fields.get("name") if isinstance(fields.get("name"), str) else ""
    if checker.has_errors:
        return LoadResult(path, routine_id, None, checker.sorted_problems(), str(name_hint or ""))
    languages = languages_of_routine(checker.languages, fields.get("steps"))
    routine = Routine(
        id=routine_id,
        path=path,
        content_hash=content_hash,
        languages=languages,
        language=pick_language(languages, content_languages()),
        **fields,  # type: ignore[arg-type]
    )
    checker.routine_length(routine)
    return LoadResult(path, routine_id, routine, checker.sorted_problems(), routine.name)


def check_step(node: Node, number: int, shown: str, folder: Path) -> StepChecked:
    """One step (number counts from 1), checked as it is within a routine."""
    checker = _Checker(shown, folder)
    step = checker.step(node, number)
    return step, tuple(checker.problems)


def _in_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda p: (p.line, p.column)))


class _Checker(ValueChecker):
    def __init__(self, shown: str, folder: Path, steps: Seq[StepChecked] | None = None):
        super().__init__(shown, folder)
        self.checked_steps = steps

    def routine(self, root: Node) -> dict[str, object]:
        if not isinstance(root, Mapping):
            if isinstance(root, Sequence):
                # Translators: "name:" and "steps:" are keys of the routine format; keep them.
                message = _(
                    "a routine file must be a mapping of keys such as 'name:' and 'steps:', "
                    "but this file holds a list"
                )
            else:
                # Translators: "name:" and "steps:" are keys of the routine format; keep them.
                message = _(
                    "a routine file must be a mapping of keys such as 'name:' and 'steps:', "
                    "but this file holds a single value"
                )
            self.error(root, "not-a-routine", message)
            return {}
        elsewhere = {
            # Translators: {key} and "steps:" are keys of the routine format.
            key: _("{key} belongs to a step, under 'steps:'").format(key=repr(key))
            for key in (*_EXERCISE, *_REST)
            if key not in _ROUTINE
        }
        # Translators: "per_day" and "schedule:" are keys of the routine format; keep them.
        elsewhere["per_day"] = _("'per_day' belongs under 'schedule:'")
        # Translators: where a key stands, for messages such as "unknown key 'x' in the
        # routine".
        the_routine = _("the routine")
        found = self.keys(root, _ROUTINE, the_routine, elsewhere)
        suggested = set(self.last_suggestions)
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
        if "name" not in found and "name" not in suggested:
            self.missing(root, "name", the_routine, "name: Morning stretch")
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
            self.steps_key = found["steps"][0]
            values["steps"] = self.steps(found["steps"][1])
        elif "steps" not in suggested:
            self.missing(root, "steps", the_routine, "steps: [{exercise: Bridge, hold: 10s}]")
        return values

    def format_version(self, node: Node) -> int | None:
        before = len(self.problems)
        value = self.whole_number("format", node)
        if value == FORMAT_VERSION:
            return value
        if value is not None and value > FORMAT_VERSION:
            self.error(
                node,
                "format-too-new",
                # Translators: "format" is a key of the routine format; keep it in English.
                _(
                    "format {value} is newer than this version of BackRoutine can read "
                    "(format {version}); update BackRoutine to use this routine"
                ).format(value=value, version=FORMAT_VERSION),
                "format",
            )
        elif len(self.problems) == before:
            # Translators: "format" is a key of the routine format; keep it in English.
            message = _("format must be {version}").format(version=FORMAT_VERSION)
            self.error(node, "bad-format", message, "format")
        return None

    def schedule(self, node: Node) -> Schedule | None:
        if not isinstance(node, Mapping):
            # Translators: "schedule" and "per_day" are keys of the routine format.
            message = _("schedule must be a mapping, for example: {example}").format(
                example="{per_day: 2}"
            )
            self.error(node, "schedule-not-a-mapping", message, "schedule")
            return None
        self.prefix = "schedule"
        try:
            return self._schedule(node)
        finally:
            self.prefix = ""

    def _schedule(self, node: Mapping) -> Schedule | None:
        # Translators: where a key stands, as in "unknown key 'x' in the schedule".
        the_schedule = _("the schedule")
        found = self.keys(node, _SCHEDULE, the_schedule)
        per_day = None
        if "per_day" in found:
            per_day = self.count(_SCHEDULE["per_day"], found["per_day"][1])
        else:
            self.missing(node, "per_day", the_schedule, "per_day: 2")
        days = None
        if "days" in found:
            days = self.days(_SCHEDULE["days"], found["days"][1])
        if per_day is None:
            return None
        return Schedule(per_day, days) if days else Schedule(per_day)

    def steps(self, node: Node) -> tuple[Step, ...]:
        if self.checked_steps is not None:
            for _step, problems in self.checked_steps:
                self.problems.extend(problems)
            return tuple(step for step, _problems in self.checked_steps if step is not None)
        if not isinstance(node, Sequence):
            # Translators: "steps" is a key of the routine format; keep it in English.
            message = _("steps must be a list; start each step with '- '")
            self.error(node, "not-a-list", message, "steps")
            return ()
        if not node.items:
            # Translators: "steps" is a key of the routine format; keep it in English.
            message = _("steps is empty; add at least one exercise or rest")
            self.error(node, "no-steps", message, "steps")
            return ()
        if len(node.items) > MAX_STEPS:
            message = _("there are {count} steps; a routine may have at most {most}").format(
                count=len(node.items), most=MAX_STEPS
            )
            self.error(node, "too-many-steps", message, "steps")
            return ()
        steps: list[Step] = []
        for number, item in enumerate(node.items, start=1):
            step = self.step(item, number)
            if step is not None:
                steps.append(step)
        return tuple(steps)

    def step(self, node: Node, number: int) -> Step | None:
        """Step number (1-based), its problems about field steps[number - 1]."""
        self.prefix = f"steps[{number - 1}]"
        outer, self.languages = self.languages, []
        try:
            step = self._step(node, number)
            return replace(step, languages=tuple(self.languages)) if step else None
        finally:
            self.languages = outer + [code for code in self.languages if code not in outer]
            self.prefix = ""

    def _step(self, node: Node, number: int) -> Step | None:
        # Translators: the step a message is about, counted from 1: "step 3".
        where = _("step {number}").format(number=number)
        if not isinstance(node, Mapping):
            # Translators: {where} is "step 3"; "- exercise: NAME" and "- rest: 30s" are lines
            # of a routine file: keep "exercise" and "rest" in English.
            message = _(
                "{where} must be a mapping: '- exercise: NAME' with a dose, or '- rest: 30s'"
            )
            self.error(node, "step-not-a-mapping", message.format(where=where))
            return None
        try:
            pairs = yamldoc.merged_pairs(node)
        except yamldoc.DocumentError:
            pairs = node.pairs  # reported when the keys are read
        names = {k.text for k, _ in pairs if isinstance(k, Scalar)}
        if "exercise" in names:
            return self.exercise_step(node, where)
        if "rest" in names and not names & _EXERCISE_ONLY:
            return self.rest_step(node, where)
        meant_exercise = any(
            difflib.get_close_matches(n.lower(), ["exercise"], n=1, cutoff=0.7) for n in names
        )
        if meant_exercise or names & _EXERCISE_ONLY:
            # Check the rest of the step anyway, so one typo hides nothing else.
            return self.exercise_step(node, where)
        # Translators: {where} is "step 3"; "exercise" and "rest" are keys of the routine
        # format: keep them in English.
        message = _(
            "{where} has neither 'exercise' nor 'rest'; start it with "
            "'- exercise: NAME' or '- rest: 30s'"
        )
        self.error(node, "step-without-kind", message.format(where=where))
        return None

    def rest_step(self, node: Mapping, where: str) -> RestStep | None:
        elsewhere = {
            # Translators: {where} is "step 3"; "rest", "note" and "exercise" are keys of the
            # routine format: keep them in English.
            key: _(
                "a rest step takes only 'rest' and 'note'; to make {where} an exercise, "
                "add 'exercise: NAME'"
            ).format(where=where)
            for key in _EXERCISE
            if key not in _REST
        }
        # Translators: {where} is "step 3", a step that rests.
        found = self.keys(node, _REST, _("{where} (a rest)").format(where=where), elsewhere)
        seconds = self.duration(_REST["rest"], found["rest"][1])
        note = self.text(_REST["note"], found["note"][1]) if "note" in found else ""
        if seconds is None:
            return None
        return RestStep(seconds=seconds, note=note or "", line=node.line)

    def exercise_step(self, node: Mapping, where: str) -> ExerciseStep | None:
        # Translators: "note" and "instructions" are keys of the routine format; keep them.
        note = _("'note' belongs to a rest step; use 'instructions' for an exercise")
        # Translators: {where} is "step 3", a step with an exercise.
        exercise = _("{where} (an exercise)").format(where=where)
        found = self.keys(node, _EXERCISE, exercise, {"note": note})
        name = None
        if "exercise" in found:
            name = self.text(_EXERCISE["exercise"], found["exercise"][1])
        elif "exercise" not in self.last_suggestions:
            self.missing(node, "exercise", where, "exercise: Bridge")
        if name:
            # Translators: {where} is "step 3", {name} the exercise's name: "step 3 (Bridge)".
            where = _("{where} ({name})").format(where=where, name=shorten(name))
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
        self.usual_doses(found, values, where)
        name_node: Node = found["exercise"][0] if "exercise" in found else node
        if "instructions" not in found:
            message = _("{where} has no instructions; add a few words on how to do it").format(
                where=where
            )
            self.warning(name_node, "no-instructions", message, "instructions")
        dose = self.dose(name_node, found, values, where)
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
            rest_between_sets=between if isinstance(between, float) else DEFAULT_REST_BETWEEN_SETS,
            sides=Side(sides) if isinstance(sides, str) else None,
            prepare=prepare if isinstance(prepare, float) else None,
            line=node.line,
        )

    def usual_doses(
        self, found: dict[str, tuple[Scalar, Node]], values: dict[str, object], where: str
    ) -> None:
        """Warn, at the key, on a time far beyond what one exercise needs."""
        for key, (key_node, value_node) in found.items():
            usual, seconds = _EXERCISE[key].usual_high, values.get(key)
            if usual is None or not isinstance(seconds, float) or seconds <= usual:
                continue
            written = value_node.text.strip() if isinstance(value_node, Scalar) else ""
            message = long_dose_message(key, where, seconds, usual, written)
            self.warning(key_node, "dose-unusually-long", message, key)

    def routine_length(self, routine: Routine) -> None:
        """Warn, at 'steps:', on a routine far longer than a session needs."""
        total = expand_timeline(routine).total_seconds
        if total <= USUAL_ROUTINE_SECONDS or self.steps_key is None:
            return
        self.warning(
            self.steps_key,
            "routine-unusually-long",
            # Translators: "90m" and "90s" are times as routine files write them; keep them.
            _(
                "the routine takes {total} in all, more than {usual}; check the doses for "
                "minutes written where seconds were meant (90m for 90s), or split it into "
                "shorter routines"
            ).format(total=format_clock(total), usual=say_duration(USUAL_ROUTINE_SECONDS)),
            "steps",
        )

    def dose(
        self,
        name_node: Node,
        found: dict[str, tuple[Scalar, Node]],
        values: dict[str, object],
        where: str,
    ) -> Dose | None:
        """The step's dose, following DOSE_RULES (shared with the JSON Schema)."""
        ok = True
        for rule in DOSE_RULES:
            if rule.key not in found:
                continue
            clash = any(k in found for k in rule.excludes)
            lacking = any(k not in found for k in rule.needs)
            # A step with no dose at all gets the one clear "no dose" message instead.
            if clash or (lacking and any(k in found for k in DOSE_KEYS)):
                message = _(rule.message).format(where=where)
                self.error(found[rule.key][0], rule.code, message, rule.key)
                ok = False
        if not any(k in found for k in DOSE_KEYS):
            if "rest" in found:
                rule = _RULES["rest"]
                message = _(rule.message).format(where=where)
                self.error(found["rest"][0], rule.code, message, "rest")
            else:
                # Translators: {where} is "step 3 (Bridge)"; "hold: 30s", "duration: 1m" and
                # "reps: 10" are lines of a routine file: keep them in English.
                message = _("{where} has no dose; add 'hold: 30s', 'duration: 1m' or 'reps: 10'")
                self.error(name_node, "no-dose", message.format(where=where))
            return None
        if not ok:
            return None
        reps = values.get("reps")
        if "hold" in found:
            hold, rest = values.get("hold"), values.get("rest", 0.0)
            if not isinstance(hold, float) or not isinstance(rest, float):
                return None
            return Dose(DoseKind.HOLD, hold, reps if isinstance(reps, int) else 1, rest)
        if "duration" in found:
            duration = values.get("duration")
            return Dose(DoseKind.DURATION, duration) if isinstance(duration, float) else None
        if not isinstance(reps, int):
            return None
        if "tempo" in found:
            tempo = values.get("tempo")
            return Dose(DoseKind.TIMED_REPS, tempo, reps) if isinstance(tempo, float) else None
        return Dose(DoseKind.UNTIMED_REPS, None, reps)
