"""Every key a routine file may hold, declared once.

The validator, the JSON Schema and the key reference in the docs are all
derived from these tables, so they cannot disagree.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .durations import MAX_SECONDS, format_duration
from .i18n import N_, _, pgettext
from .model import DEFAULT_PREPARE, DEFAULT_REST_BETWEEN_SETS, WEEKDAYS

FORMAT_VERSION = 1
MAX_STEPS = 500

# Beyond these a dose is allowed but warned about: far more than a routine
# needs, and most often a unit slip (`hold: 90m` meant 90 seconds).
USUAL_DOSE_SECONDS = 5 * 60  # one hold, one duration, one timed rep
USUAL_ROUTINE_SECONDS = 2 * 60 * 60  # a whole routine, as the library totals it


# What a form calls a key that has no label of its own (the key, as words).
_TITLES = {
    "format": N_("Format"),
    "name": N_("Name"),
    "summary": N_("Summary"),
    "description": N_("Description"),
    "tags": N_("Tags"),
    "prepare": N_("Prepare"),
    "schedule": N_("Schedule"),
    # Translators: safety guidance for a routine or an exercise.
    "caution": N_("Caution"),
    "steps": N_("Steps"),
    "per_day": N_("Per day"),
    "days": N_("Days"),
    "instructions": N_("Instructions"),
    # Translators: a "rep" is one repetition of an exercise; "Reps", how many are done.
    "reps": N_("Reps"),
    # Translators: a "set" is one round of an exercise's reps; "Sets", how many rounds.
    "sets": N_("Sets"),
    # Translators: a pause between two sets (rounds) of an exercise.
    "rest_between_sets": N_("Rest between sets"),
    # Translators: the side of the body worked: left, right or both.
    "sides": N_("Sides"),
    # Translators: what to do during a rest step.
    "note": N_("Note"),
}


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
        """The form's name for it, in the person's language, naming the key that messages
        about it begin with when the name does not: "Hold for (hold)"."""
        label = self.label or _TITLES.get(self.key, "")
        shown = _(label) if label else self.key.replace("_", " ").capitalize()
        if shown.lower().startswith(self.key.replace("_", " ")):
            return shown
        # Translators: a form's name for a value, then the key of the routine format that
        # holds it, which problems name: "Hold for (hold)". Keep {key} as it is.
        return pgettext("field title", "{label} ({key})").format(label=shown, key=self.key)

    def choice_titles(self) -> tuple[str, ...]:
        """What a form shows for each of choices, in the person's language."""
        return tuple(_(label) for label in self.choice_labels)

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
    Field("format", Kind.FORMAT, N_("Version of the routine format."), default=FORMAT_VERSION),
    Field("name", Kind.LINE, N_("The routine's name."), required=True, max_length=80),
    Field("summary", Kind.LINE, N_("One line shown in the library."), max_length=200),
    Field("description", Kind.TEXT, N_("Longer plain-text description.")),
    Field("tags", Kind.TAGS, N_("Words to search and filter by, such as physio or desk.")),
    Field(
        "prepare",
        Kind.DURATION,
        N_("Get-ready countdown before each exercise; 0 turns it off."),
        low=0,
        high=MAX_SECONDS,
        default=DEFAULT_PREPARE,
    ),
    Field("schedule", Kind.SCHEDULE, N_("A home program: how many times a day, on which days.")),
    Field("caution", Kind.TEXT, N_("Safety guidance shown before the routine starts.")),
    Field("steps", Kind.STEPS, N_("The exercises and rests, in order."), required=True),
)

SCHEDULE_FIELDS: tuple[Field, ...] = (
    Field("per_day", Kind.COUNT, N_("Sessions a day."), required=True, low=1, high=12),
    Field("days", Kind.DAYS, N_("Days of the week; every day if left out."), choices=WEEKDAYS),
)

EXERCISE_FIELDS: tuple[Field, ...] = (
    Field(
        "exercise",
        Kind.LINE,
        N_("The exercise's name."),
        required=True,
        max_length=80,
        label=N_("Name"),
    ),
    Field("instructions", Kind.TEXT, N_("How to do it, in plain text.")),
    Field(
        "image",
        Kind.IMAGE,
        N_("A picture, relative to the routine file's folder."),
        label=N_("Picture"),
    ),
    Field("caution", Kind.TEXT, N_("Safety guidance for this exercise.")),
    Field(
        "hold",
        Kind.DURATION,
        N_("Dose: a timed hold."),
        low=1,
        high=MAX_SECONDS,
        usual_high=USUAL_DOSE_SECONDS,
        label=N_("Hold for"),
    ),
    Field(
        "duration",
        Kind.DURATION,
        N_("Dose: one continuous timed period."),
        low=1,
        high=MAX_SECONDS,
        usual_high=USUAL_DOSE_SECONDS,
        label=N_("Time"),
    ),
    Field("reps", Kind.COUNT, N_("Repetitions: of the hold, or on their own."), low=1, high=200),
    Field(
        "tempo",
        Kind.DURATION,
        N_("Seconds per rep, for timed reps."),
        low=1,
        high=MAX_SECONDS,
        usual_high=USUAL_DOSE_SECONDS,
        label=N_("Each rep"),
    ),
    Field(
        "rest",
        Kind.DURATION,
        N_("Rest between the reps of a hold."),
        low=0,
        high=MAX_SECONDS,
        default=0.0,
        label=N_("Rest between reps"),
    ),
    Field("sets", Kind.COUNT, N_("Sets."), low=1, high=20, default=1),
    Field(
        "rest_between_sets",
        Kind.DURATION,
        N_("Rest between sets."),
        low=0,
        high=MAX_SECONDS,
        default=DEFAULT_REST_BETWEEN_SETS,
    ),
    Field(
        "sides",
        Kind.CHOICE,
        N_("Work one side, or both (left then right)."),
        choices=("left", "right", "both"),
        choice_labels=(
            N_("Left side only"),
            N_("Right side only"),
            N_("Both sides, left then right"),
        ),
    ),
    Field(
        "prepare",
        Kind.DURATION,
        N_("Get-ready countdown for this exercise, instead of the routine's."),
        low=0,
        high=MAX_SECONDS,
        label=N_("Get ready"),
    ),
)

REST_FIELDS: tuple[Field, ...] = (
    Field(
        "rest",
        Kind.DURATION,
        N_("A rest step: how long."),
        required=True,
        low=0,
        high=MAX_SECONDS,
        label=N_("Rest for"),
    ),
    Field("note", Kind.TEXT, N_("What to do while resting.")),
)

# A step's dose: at least one of these keys, combined only as DOSE_RULES allow.
DOSE_KEYS = ("hold", "duration", "reps")


@dataclass(frozen=True)
class DoseRule:
    """Which dose keys go together; the validator and the JSON Schema both follow these."""

    key: str
    excludes: tuple[str, ...] = ()  # `key` may not appear with any of these
    needs: tuple[str, ...] = ()  # `key` needs all of these
    message: str = ""  # reported at `key`: marked with N_, {where} is "step N (name)"
    code: str = "two-doses"  # the problem's code (problem_codes.CODES)


DOSE_RULES: tuple[DoseRule, ...] = (
    DoseRule(
        "duration",
        excludes=("hold",),
        # Translators: {where} is a step, "step 3 (Bridge)"; "hold" and "duration" are keys
        # of the routine format: keep them in English.
        message=N_("{where} has two doses, 'hold' and 'duration'; keep one of them"),
    ),
    DoseRule(
        "reps",
        excludes=("duration",),
        # Translators: {where} is a step, "step 3 (Bridge)"; "duration", "reps" and "hold"
        # are keys of the routine format: keep them in English.
        message=N_(
            "{where} has two doses, 'duration' and 'reps'; a duration is one continuous "
            "period, so remove 'reps' (or use 'hold' with 'reps')"
        ),
    ),
    DoseRule(
        "rest",
        needs=("hold",),
        # Translators: {where} is a step, "step 3 (Bridge)"; "rest" and "hold" are keys of
        # the routine format and "- rest: 30s" a line of a routine file: keep them.
        message=N_(
            "{where} is both an exercise and a rest: in an exercise step 'rest' is the pause "
            "between the reps of a 'hold'; to rest after the exercise, add its own step "
            "'- rest: 30s'"
        ),
        code="rest-without-hold",
    ),
    DoseRule(
        "tempo",
        excludes=("hold", "duration"),
        needs=("reps",),
        # Translators: {where} is a step, "step 3 (Bridge)"; "tempo" and "reps" are keys of
        # the routine format: keep them in English.
        message=N_(
            "{where} has a 'tempo', the time per rep for reps without a hold; "
            "use it with 'reps' only, or remove it"
        ),
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

    def title(self) -> str:
        """What a form's dose chooser shows for it, in the person's language."""
        return _(self.label)

    @property
    def shows(self) -> tuple[str, ...]:
        """The dose keys whose rows a form shows for this dose."""
        return tuple(key for key, _carried, _default in self.starts) + self.also


DOSE_FORMS: tuple[DoseForm, ...] = (
    DoseForm(
        "hold",
        # Translators: a way to dose an exercise: hold a position, a number of times.
        N_("Hold, a number of times"),
        (("hold", "", "10s"), ("reps", "reps", "3")),
        also=("rest",),
    ),
    DoseForm("duration", N_("One continuous time"), (("duration", "hold", "1m"),)),
    # Translators: a way to dose an exercise: repetitions, done at one's own pace.
    DoseForm("reps", N_("Reps at your own pace"), (("reps", "reps", "10"),)),
    # Translators: a way to dose an exercise: repetitions, each taking a set time.
    DoseForm("tempo", N_("Reps at a set time each"), (("reps", "reps", "10"), ("tempo", "", "3s"))),
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
