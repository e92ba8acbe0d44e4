"""The core's words go through the translation layer: problems, doses, durations and
the field table come out in the person's language, with the values they name
left as they are and counts in the forms their language has."""

from __future__ import annotations

import gettext
import io
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from backroutine.core import i18n
from backroutine.core.durations import say_duration
from backroutine.core.fields import DOSE_FORMS, EXERCISE_FIELDS, by_key
from backroutine.core.model import Dose, DoseKind, ExerciseStep, Schedule, Side
from backroutine.core.salvage import Salvaged
from backroutine.core.validation import load_routine

EXERCISE = by_key(EXERCISE_FIELDS)


def english_words(text: str) -> list[str]:
    """Runs of plain Latin letters: the pseudo-language accents every letter it
    translates, so any such run is text that skipped the layer."""
    return re.findall(r"[A-Za-z]{2,}", text)


def test_a_problem_in_the_pseudo_language_keeps_its_file_line_and_values(write_routine):
    path = write_routine(
        """
        name: Back
        steps:
          - exercise: Bridge
            instructions: Lift.
            hold: 10s
            repetitions: 3
        """
    )
    i18n.set_language(i18n.PSEUDO)
    [problem] = load_routine(path).problems
    assert (problem.path, problem.line, problem.column) == (str(path), 6, 5)
    assert (problem.code, problem.field) == ("unknown-key", "steps[0]")
    assert problem.message.startswith(i18n.PSEUDO_OPEN)
    # The key as written and the key it probably meant stay as they are.
    assert "'repetitions'" in problem.message and "'reps'" in problem.message
    assert str(problem).startswith(f"{path}:6:5: {i18n.PSEUDO_OPEN}")


@pytest.mark.parametrize(
    "routine",
    [
        "name: Back\nsteps: []\n",  # steps is empty
        "name: Back\nsteps:\n  - exercise: A\n    instructions: x.\n    hold: 0.5\n",
        "name: Back\nsteps:\n  - exercise: A\n    instructions: x.\n    sides: bothh\n",
        "name: Back\n\tsteps: []\n",  # a tab where spaces belong
        "name: Back\nschedule: {per_day: 2, days: [mon, mon]}\nsteps: [{rest: 5}]\n",
        "name: Back\nsteps:\n  - exercise: A\n    image: /etc/passwd\n    reps: 3\n",
    ],
)
def test_every_kind_of_problem_is_translated(write_routine, routine):
    path = write_routine(routine)
    i18n.set_language(i18n.PSEUDO)
    problems = [p for p in load_routine(path).problems if p.code != "no-instructions"]
    assert problems
    for problem in problems:
        # Outside its quoted values and the routine's own words, nothing is English.
        words = re.sub(r"'[^']*'|\b(?:A|Back)\b", "", problem.message)
        assert problem.message.startswith(i18n.PSEUDO_OPEN), problem.message
        assert _only_keys(words), problem.message


def _only_keys(text: str) -> bool:
    """Words of the routine format (YAML keys and values) stay in English."""
    allowed = {"hold", "reps", "sides", "left", "right", "both", "mon", "tue", "wed", "thu"}
    allowed |= {"fri", "sat", "sun", "steps", "days", "image", "images", "bridge", "svg", "YAML"}
    return set(english_words(text)) <= allowed


def test_a_dose_and_a_schedule_have_no_english_left_in_the_pseudo_language():
    step = ExerciseStep(
        "Bridge",
        Dose(DoseKind.HOLD, 10, reps=3, rest=5),
        sets=2,
        rest_between_sets=90,
        sides=Side.BOTH,
    )
    i18n.set_language(i18n.PSEUDO)
    texts = [
        step.describe(),
        Dose(DoseKind.TIMED_REPS, 3, reps=10).describe(),
        Dose(DoseKind.UNTIMED_REPS, None, reps=1).describe(),
        Dose(DoseKind.DURATION, 150).describe(),
        ExerciseStep("A", Dose(DoseKind.HOLD, 2.5), sides=Side.LEFT).describe(),
        Schedule(2, ("mon", "wed", "fri")).describe(),
        Schedule(1).describe(),
        Schedule(3, ("sat",)).describe(),
    ]
    for text in texts:
        assert text.startswith(i18n.PSEUDO_OPEN), text
        assert english_words(text) == [], text


def test_the_english_description_reads_as_before_with_spoken_durations():
    step = ExerciseStep("Bridge", Dose(DoseKind.HOLD, 10, reps=3, rest=5), sides=Side.BOTH)
    assert step.describe() == "3 x hold 10 s, 5 s rest between · each side"
    assert Schedule(2, ("mon", "wed", "fri")).describe() == "twice a day, on Mon, Wed, Fri"
    assert Schedule(1).describe() == "once a day, every day"
    assert say_duration(90) == "1 min 30 s"
    assert say_duration(3900) == "1 h 5 min"


def test_durations_and_weekdays_are_written_as_the_locale_writes_them():
    i18n.set_language("de")
    assert say_duration(2.5) == "2,5 s"
    assert "Mo" in Schedule(1, ("mon",)).describe()


def _polish() -> gettext.GNUTranslations:
    """A tiny Polish catalogue: three plural forms, chosen by the count's last digits."""
    catalog = Catalog(locale="pl")
    catalog.add(
        ("{count} rep", "{count} reps"),
        ("{count} powtórzenie", "{count} powtórzenia", "{count} powtórzeń"),
    )
    catalog.add(
        ("{count} time a day, every day", "{count} times a day, every day"),
        ("{count} raz dziennie", "{count} razy dziennie", "{count} razy dziennie"),
    )
    catalog.add(
        ("{count} of {total} session were recovered", "{count} of {total} sessions were recovered"),
        ("{count} z {total} sesji", "{count} z {total} sesji", "{count} z {total} sesji"),
    )
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (1, "1 powtórzenie"),
        (3, "3 powtórzenia"),
        (5, "5 powtórzeń"),
        (12, "12 powtórzeń"),
        (22, "22 powtórzenia"),
        (25, "25 powtórzeń"),
    ],
)
def test_a_count_takes_the_polish_form_that_fits_it(monkeypatch, count, said):
    monkeypatch.setattr(i18n, "_translations", _polish())
    assert Dose(DoseKind.UNTIMED_REPS, None, reps=count).describe() == said


def test_schedules_and_recovered_sessions_are_counted_through_the_catalogue(monkeypatch):
    monkeypatch.setattr(i18n, "_translations", _polish())
    assert Schedule(5).describe() == "5 razy dziennie"
    assert Salvaged(sessions=2, sessions_lost=0).summary() == "2 z 2 sesji"


def test_the_form_names_its_fields_in_the_language_and_keeps_the_key():
    i18n.set_language(i18n.PSEUDO)
    tempo = EXERCISE["tempo"].title()
    # Problems name the key; a form whose words do not start with it shows it too.
    assert tempo.startswith(i18n.PSEUDO_OPEN) and "(tempo)" in tempo
    assert all(t.startswith(i18n.PSEUDO_OPEN) for t in EXERCISE["sides"].choice_titles())
    assert all(form.title().startswith(i18n.PSEUDO_OPEN) for form in DOSE_FORMS)
    i18n.set_language(i18n.ENGLISH)
    assert EXERCISE["tempo"].title() == "Each rep (tempo)"
    assert EXERCISE["hold"].title() == "Hold for"
    assert EXERCISE["reps"].title() == "Reps"


def test_a_problem_as_the_command_line_prints_it_is_translated_but_keeps_its_place(
    write_routine,
):
    path = write_routine("name: Back\nsteps: []\n")
    [problem] = load_routine(path).problems
    assert str(problem).startswith(f"{path}:2:8: error: ")
    i18n.set_language(i18n.PSEUDO)
    [problem] = load_routine(path).problems
    shown = str(problem)
    assert shown.startswith(f"{path}:2:8: {i18n.PSEUDO_OPEN}")  # the place as editors read it
    assert english_words(shown.split(str(path))[1]) == []
    # The machine-readable form keeps its English values.
    assert problem.as_dict()["severity"] == "error"
