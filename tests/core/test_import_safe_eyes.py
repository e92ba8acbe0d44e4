"""Safe Eyes: how often it shows its breaks is carried into the routines made from it,
a break's name is not repeated as its instructions, and a bad interval is said and
left out without losing the breaks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from backroutine.core.importers import import_file, write_imported
from backroutine.core.validation import load_routine

TODAY = date(2026, 11, 23)


def _safe_eyes(tmp_path: Path, **settings: object) -> Path:
    path = tmp_path / "safeeyes" / "safeeyes.json"
    path.parent.mkdir()
    settings.setdefault("short_breaks", [{"name": "Gently close your eyes"}])
    settings.setdefault("long_breaks", [{"name": "Walk for a while"}])
    path.write_text(json.dumps(settings))
    return path


def _routines(items, folder: Path):
    folder.mkdir()
    results = [load_routine(p) for p in write_imported(items, folder)]
    assert all(r.ok and not r.problems for r in results), [r.problems for r in results]
    return [r.routine for r in results]


def test_safe_eyes_2_intervals_are_said_in_the_summary_and_description(tmp_path):
    # As Safe Eyes 2 writes its settings (its defaults).
    path = _safe_eyes(
        tmp_path,
        short_break_interval=15,
        long_break_interval=75,
        short_break_duration=15,
        long_break_duration=60,
    )
    items = import_file(path, today=TODAY)
    short, long = _routines(items, tmp_path / "routines")
    assert "every 15 minutes" in short.summary
    assert "every 1 hour 15 minutes" in long.summary
    for routine in (short, long):
        assert "short break every 15 minutes" in routine.description
        assert "long break takes its place every 1 hour 15 minutes" in routine.description
        assert "GNU General Public License" in routine.description  # the credit stays
    assert (short.steps[0].name, short.steps[0].dose.seconds) == ("Gently close your eyes", 15)
    assert long.steps[0].dose.seconds == 60
    assert all(i.warnings == [] for i in items)


def test_a_break_name_is_not_repeated_as_its_instructions(tmp_path):
    path = _safe_eyes(tmp_path, short_breaks=[{"name": "Blink your eyes"}], long_breaks=[])
    (item,) = import_file(path, today=TODAY)
    (routine,) = _routines([item], tmp_path / "routines")
    assert routine.steps[0].name == "Blink your eyes"
    assert "Blink" not in routine.steps[0].instructions  # nothing said twice
    assert "name only" in routine.steps[0].instructions  # and what is said is true


def test_safe_eyes_1_break_interval_and_count_are_read(tmp_path):
    path = _safe_eyes(tmp_path, break_interval=20, no_of_short_breaks_per_long_break=5)
    short, long = _routines(import_file(path, today=TODAY), tmp_path / "routines")
    assert "every 20 minutes" in short.summary
    assert "after every 5 short ones" in long.description
    assert "every 2 hours" in long.summary  # five short breaks, then the long one


def test_a_file_without_intervals_imports_as_before(tmp_path):
    path = _safe_eyes(tmp_path)
    short, long = _routines(import_file(path, today=TODAY), tmp_path / "routines")
    assert "every" not in short.summary and "every" not in long.summary
    assert short.description.startswith("Breaks from Safe Eyes")


@pytest.mark.parametrize(
    "value",
    ["soon", True, -5, 0, 10**9, None, [15], "\0\u202e15", float("nan")],
    ids=["word", "bool", "negative", "zero", "huge", "null", "list", "nul-rtl", "nan"],
)
def test_a_bad_interval_is_said_and_left_out_and_the_breaks_kept(tmp_path, value):
    path = tmp_path / "safeeyes.json"
    breaks = {"short_breaks": [{"name": "Blink"}], "long_breaks": [{"name": "Walk"}]}
    text = json.dumps({"short_break_interval": value, "long_break_interval": 75, **breaks})
    path.write_text(text)
    items = import_file(path, today=TODAY)
    short, long = _routines(items, tmp_path / "routines")
    assert [s.name for s in short.steps] == ["Blink"] and [s.name for s in long.steps] == ["Walk"]
    assert "every" not in short.summary  # the bad one is left out ...
    assert "every 1 hour 15 minutes" in long.summary  # ... the good one kept
    (said,) = [w for item in items for w in item.warnings]  # said once, not per routine
    assert "short_break_interval" in said and "left out" in said
    assert "\0" not in said and "\u202e" not in said  # shown readable
    assert path.read_text() == text  # their file is only read


def test_control_and_direction_characters_in_a_break_name_are_left_out(tmp_path):
    path = _safe_eyes(
        tmp_path, short_breaks=[{"name": "Blink\x00 \x1b[2J slowly\u202e\u2066"}], long_breaks=[]
    )
    (routine,) = _routines(import_file(path, TODAY), tmp_path / "routines")
    (step,) = routine.steps
    assert step.name == "Blink [2J slowly"  # the words kept, nothing that acts on a terminal


@pytest.mark.parametrize("name", ["", "   ", "\x00\u202e", "\n\t"])
def test_a_break_named_with_nothing_visible_is_refused_by_file_and_number(tmp_path, name):
    from backroutine.core.import_common import ImportFailed

    path = _safe_eyes(tmp_path, short_breaks=[{"name": "Blink"}, {"name": name}])
    folder = tmp_path / "routines"
    with pytest.raises(ImportFailed) as refused:
        import_file(path, TODAY)
    assert "safeeyes.json" in str(refused.value) and "break 2" in str(refused.value)
    assert not folder.exists()  # nothing half-written
