"""Every key a routine file may hold, declared once.

The validator, the JSON Schema and the key reference in the docs are all
derived from these tables, so they cannot disagree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .durations import MAX_SECONDS, format_duration
from .model import DEFAULT_PREPARE, DEFAULT_REST_BETWEEN_SETS, WEEKDAYS

FORMAT_VERSION = 1
MAX_STEPS = 500

# Beyond these a dose is allowed but warned about: far more than a routine
# needs, and most often a unit slip (`hold: 90m` meant 90 seconds).
USUAL_DOSE_SECONDS = 5 * 60  # one hold, one duration, one timed rep
USUAL_ROUTINE_SECONDS = 2 * 60 * 60  # a whole routine, as the library totals it


class Kind(enum.Enum):
    FORMAT = "format version"
    LINE = "one line of text"
    TEXT = "text"
    TAGS = "a list of tags"
    DURATION = "a duration"
    COUNT = "a whole number"
    CHOICE = "one of a few words"
    DAYS = "a list of weekdays"
    IMAGE = "an image path"
    SCHEDULE = "a schedule"
    STEPS = "a list of steps"


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    help: str
    required: bool = False
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    default: object = None
    max_length: int | None = None
    usual_high: float | None = None  # allowed above this, with a warning
    label: str = ""  # what a form calls it, when not its key ("Each rep" for tempo)
    choice_labels: tuple[str, ...] = ()  # what a form shows for each of choices

    def title(self) -> str:
        """The form's name for it, naming the key that messages about it begin with."""
        if not self.label:
            return self.key.replace("_", " ").capitalize()
        if self.label.lower().startswith(self.key.replace("_", " ")):
            return self.label
        return f"{self.label} ({self.key})"

    def describe_range(self) -> str:
        if self.kind is Kind.FORMAT:
            return str(FORMAT_VERSION)
        if self.kind is Kind.DURATION:
            low = f"{self.low:g}s" if self.low else "0"
            usual = f"; over {format_duration(self.usual_high)} warns" if self.usual_high else ""
            return f"{low} to {format_duration(MAX_SECONDS)}{usual}"
        if self.kind is Kind.COUNT:
            return f"{self.low:g} to {self.high:g}"
        if self.choices:
            return ", ".join(self.choices)
        if self.max_length:
            return f"1 to {self.max_length} characters"
        return ""


ROUTINE_FIELDS: tuple[Field, ...] = (
    Field("format", Kind.FORMAT, "Version of the routine format.", default=FORMAT_VERSION),
    Field("name", Kind.LINE, "The routine's name.", required=True, max_length=80),
    Field("summary", Kind.LINE, "One line shown in the library.", max_length=200),
    Field("description", Kind.TEXT, "Longer plain-text description."),
    Field("tags", Kind.TAGS, "Words to search and filter by, such as physio or desk."),
    Field(
        "prepare",
        Kind.DURATION,
        "Get-ready countdown before each exercise; 0 turns it off.",
        low=0,
        high=MAX_SECONDS,
        default=DEFAULT_PREPARE,
    ),
    Field("schedule", Kind.SCHEDULE, "A home program: how many times a day, on which days."),
    Field("caution", Kind.TEXT, "Safety guidance shown before the routine starts."),
    Field("steps", Kind.STEPS, "The exercises and rests, in order.", required=True),
)

SCHEDULE_FIELDS: tuple[Field, ...] = (
    Field("per_day", Kind.COUNT, "Sessions a day.", required=True, low=1, high=12),
    Field("days", Kind.DAYS, "Days of the week; every day if left out.", choices=WEEKDAYS),
)

EXERCISE_FIELDS: tuple[Field, ...] = (
    Field(
        "exercise", Kind.LINE, "The exercise's name.", required=True, max_length=80, label="Name"
    ),
    Field("instructions", Kind.TEXT, "How to do it, in plain text."),
    Field(
        "image", Kind.IMAGE, "A picture, relative to the routine file's folder.", label="Picture"
    ),
    Field("caution", Kind.TEXT, "Safety guidance for this exercise."),
    Field(
        "hold",
        Kind.DURATION,
        "Dose: a timed hold.",
        low=1,
        high=MAX_SECONDS,
        usual_high=USUAL_DOSE_SECONDS,
        label="Hold for",
    ),
    Field(
        "duration",
        Kind.DURATION,
        "Dose: one continuous timed period.",
        low=1,
        high=MAX_SECONDS,
        usual_high=USUAL_DOSE_SECONDS,
        label="Time",
    ),
    Field("reps", Kind.COUNT, "Repetitions: of the hold, or on their own.", low=1, high=200),
    Field(
        "tempo",
        Kind.DURATION,
        "Seconds per rep, for timed reps.",
        low=1,
        high=MAX_SECONDS,
        usual_high=USUAL_DOSE_SECONDS,
        label="Each rep",
    ),
    Field(
        "rest",
        Kind.DURATION,
        "Rest between the reps of a hold.",
        low=0,
        high=MAX_SECONDS,
        default=0.0,
        label="Rest between reps",
    ),
    Field("sets", Kind.COUNT, "Sets.", low=1, high=20, default=1),
    Field(
        "rest_between_sets",
        Kind.DURATION,
        "Rest between sets.",
        low=0,
        high=MAX_SECONDS,
        default=DEFAULT_REST_BETWEEN_SETS,
    ),
    Field(
        "sides",
        Kind.CHOICE,
        "Work one side, or both (left then right).",
        choices=("left", "right", "both"),
        choice_labels=("Left side only", "Right side only", "Both sides, left then right"),
    ),
    Field(
        "prepare",
        Kind.DURATION,
        "Get-ready countdown for this exercise, instead of the routine's.",
        low=0,
        high=MAX_SECONDS,
        label="Get ready",
    ),
)

REST_FIELDS: tuple[Field, ...] = (
    Field(
        "rest",
        Kind.DURATION,
        "A rest step: how long.",
        required=True,
        low=0,
        high=MAX_SECONDS,
        label="Rest for",
    ),
    Field("note", Kind.TEXT, "What to do while resting."),
)

# A step's dose: at least one of these keys, combined only as DOSE_RULES allow.
DOSE_KEYS = ("hold", "duration", "reps")


@dataclass(frozen=True)
class DoseRule:
    """Which dose keys go together; the validator and the JSON Schema both follow these."""

    key: str
    excludes: tuple[str, ...] = ()  # `key` may not appear with any of these
    needs: tuple[str, ...] = ()  # `key` needs all of these
    message: str = ""  # reported at `key`, after "step N (name) "
    code: str = "two-doses"  # the problem's code (problem_codes.CODES)


DOSE_RULES: tuple[DoseRule, ...] = (
    DoseRule(
        "duration",
        excludes=("hold",),
        message="has two doses, 'hold' and 'duration'; keep one of them",
    ),
    DoseRule(
        "reps",
        excludes=("duration",),
        message="has two doses, 'duration' and 'reps'; a duration is one continuous period, "
        "so remove 'reps' (or use 'hold' with 'reps')",
    ),
    DoseRule(
        "rest",
        needs=("hold",),
        message="is both an exercise and a rest: in an exercise step 'rest' is the pause "
        "between the reps of a 'hold'; to rest after the exercise, add its own step "
        "'- rest: 30s'",
        code="rest-without-hold",
    ),
    DoseRule(
        "tempo",
        excludes=("hold", "duration"),
        needs=("reps",),
        message="has a 'tempo', the time per rep for reps without a hold; "
        "use it with 'reps' only, or remove it",
        code="tempo-without-reps",
    ),
)


@dataclass(frozen=True)
class DoseForm:
    """One way to dose an exercise, as a form offers it: the keys it uses, and the
    value each starts from (the value of `carried` in the step, if it has one)."""

    kind: str
    label: str
    starts: tuple[tuple[str, str, str], ...]  # (key, carried from key, default)
    also: tuple[str, ...] = ()  # optional dose keys it shows as well

    @property
    def shows(self) -> tuple[str, ...]:
        """The dose keys whose rows a form shows for this dose."""
        return tuple(key for key, _carried, _default in self.starts) + self.also


DOSE_FORMS: tuple[DoseForm, ...] = (
    DoseForm(
        "hold",
        "Hold, a number of times",
        (("hold", "", "10s"), ("reps", "reps", "3")),
        also=("rest",),
    ),
    DoseForm("duration", "One continuous time", (("duration", "hold", "1m"),)),
    DoseForm("reps", "Reps at your own pace", (("reps", "reps", "10"),)),
    DoseForm("tempo", "Reps at a set time each", (("reps", "reps", "10"), ("tempo", "", "3s"))),
)


def by_key(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {f.key: f for f in fields}


def reference_markdown() -> str:
    """The key reference tables for docs/routine-format.md."""
    sections = (
        ("Routine", ROUTINE_FIELDS),
        ("Schedule (under `schedule:`)", SCHEDULE_FIELDS),
        ("Exercise step", EXERCISE_FIELDS),
        ("Rest step", REST_FIELDS),
    )
    lines: list[str] = []
    for title, fields in sections:
        lines += [f"#### {title}", "", "| key | value | allowed | default | meaning |"]
        lines.append("|---|---|---|---|---|")
        for f in fields:
            key = f"`{f.key}` (required)" if f.required else f"`{f.key}`"
            default = "" if f.default is None else str(f.default)
            if f.kind is Kind.DURATION and isinstance(f.default, float):
                default = f"{f.default:g}s"
            value = f.kind.value
            if f.kind in (Kind.LINE, Kind.TEXT):
                value += ", or one per language"
            lines.append(f"| {key} | {value} | {f.describe_range()} | {default} | {f.help} |")
        lines.append("")
    return "\n".join([*lines, LANGUAGES_MARKDOWN])


LANGUAGES_MARKDOWN = """\
#### Texts in several languages

Every text (a routine's `name`, `summary`, `description` and `caution`; an
exercise's name, `instructions` and `caution`; a rest's `note`) may be one plain
text, as above, or a mapping of language code to text:

```yaml
name:
  en: Morning stretch
  de: Morgendliches Dehnen
steps:
  - exercise: {en: Bridge, de: Brücke}
    instructions:
      en: Lie on your back, knees bent, and lift your hips.
      de: Legen Sie sich auf den Rücken, Knie gebeugt, und heben Sie das Becken.
    hold: 10s
```

A language code is what Babel knows: `en`, `de`, `pt_BR` (or `pt-BR`),
`zh_Hans`. BackRoutine shows the text in your language: the exact code
(`pt_BR`), then the language alone (`pt`), then English, then the first
language the text has. A text left out in one language is shown in another,
and the editor says which texts each language still misses. A file with plain
texts stays valid as it is; the editor writes plain texts back while a routine
has only one language.
"""
