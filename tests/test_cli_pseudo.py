"""Every command of the command line in the pseudo-language, on its output and on its
errors alike: any plain English word left once the data are taken out (the files'
own words, paths, routine names, what a person types) skipped the translation
layer. Machine outputs (list --json, history as csv or json) are not read."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

import pytest
import yaml

from backroutine.cli import main
from backroutine.core import i18n
from backroutine.core.discovery import known_routines
from backroutine.core.history import History, PeriodRecord

from .pseudo_text import FORMAT_WORDS, leftover

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
OFFSET = timezone(timedelta(hours=1))
# What a person types, which stays as it is: the program, its commands, options,
# their values and the names that stand for them in a usage line.
TYPED = (
    "backroutine",
    *("validate", "list", "run", "history", "export", "import"),
    *("help", "version", "language", "json", "since", "format", "pretty", "output", "start"),
    *("trace", "table", "csv", "pdf", "PATH", "FILE", "DIR", "DATE", "CODE", "ROUTINE"),
    *("COMMAND", "background", *i18n.SHIPPED, i18n.PSEUDO),
)
# The keys and values of the routine format a problem lists on purpose ("the keys
# here are: format, name, ..."; "sides must be one of: left, right, both").
LISTED_KEYS = ("format", "name", "summary", "description", "tags", "schedule", "steps")
LISTED_VALUES = ("left", "right", "both")


def said(capsys, *argv: str) -> tuple[int, str]:
    """The exit status and all a command wrote, out and err, in the pseudo-language."""
    try:
        code = main(["--language", "qps", *argv])
    except SystemExit as stop:  # --help, or a usage error argparse reports
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


def bundled_words() -> list[str]:
    """The bundled routines' ids and own texts (a routine's text is its author's)."""
    words: list[str] = []
    for entry in known_routines().entries:
        routine = entry.result.routine
        if routine is not None:
            words += [entry.id, routine.name, routine.summary]
    return words


def yaml_readers_words(text: str) -> list[str]:
    """What the YAML reader itself says of a text it cannot read, which a problem
    quotes as it is (the app reads with libyaml's loader where there is one)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        return [str(error.problem or ""), str(error.context or "")]
    return []


def readers_words(text: str) -> list[str]:
    """What the JSON or XML reader itself says of a text it cannot read, which a
    problem quotes as it is."""
    said: list[str] = []
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        said.append(error.msg)
    try:
        ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        said.append(expat.ErrorString(error.code))
    return said


def strings_in(value: object) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings_in(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings_in(item)]
    return []


SYNTAX = "name: X\nsteps:\n  - exercise: A\n    hold: [\n"
KEYS = "name: Y\nbogus: 1\nsteps:\n  - exercise: A\n    hold: soon\n    sides: sometimes\n"


def test_validate_on_broken_files_says_every_problem_in_the_language(capsys, tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "syntax.yaml").write_text(SYNTAX)
    (folder / "keys.yaml").write_text(KEYS)
    (folder / "empty.yaml").write_text("")
    (folder / "binary.yaml").write_bytes(b"\x00\xff\xfe")
    (folder / "notes.yaml").write_text("- just\n- a list\n")
    code, text = said(capsys, "validate", str(folder))
    assert code == 1 and text.count(str(folder)) >= 5  # each problem names its file
    data = [*yaml_readers_words(SYNTAX), "A", "Y", "bogus", "soon", "sometimes"]
    data += [*FORMAT_WORDS, *LISTED_KEYS, *LISTED_VALUES]
    assert leftover(text, data) == ""
    code, text = said(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code != 0 and leftover(text, TYPED) == ""


def test_list_names_the_routines_in_the_language(capsys, home):
    code, text = said(capsys, "list")
    assert code == 0 and "desk-break" in text
    assert leftover(text, [*bundled_words(), str(home)]) == ""


def test_run_without_a_routine_says_so_in_the_language(capsys, tmp_path):
    code, text = said(capsys, "run", "no-such-routine")
    assert code != 0 and leftover(text, [*TYPED, "no-such-routine"]) == ""
    code, text = said(capsys, "run", str(tmp_path / "missing.yaml"))
    assert code != 0 and leftover(text, TYPED) == ""


@pytest.fixture
def filled_history(home: Path) -> list[str]:
    """Three sessions of the bundled routines, one of them rated with a note; the
    words that came from the person or the routines."""
    moments = iter(datetime(2026, 11, 2, 8, minute, tzinfo=OFFSET) for minute in range(0, 60))
    history, _ = History.open(home / "history.sqlite3", lambda: next(moments))
    program = history.begin("low-back-basics", "Low back basics", "h1", 621.0, pain_before=4)
    history.add_period(program, PeriodRecord("Bridge", None, 1, 1, "hold", 10.0, 10.0, "done"))
    history.finish(program, "completed", 600.0, 12.0)
    history.rate(program, pain_after=3, effort=6, note="knees ok")
    desk = history.begin("desk-break", "Hourly desk break", "h2", 153.0)
    history.add_period(
        desk, PeriodRecord("Neck turn", "left", 1, 1, "duration", 20.0, 8.0, "skipped")
    )
    history.finish(desk, "stopped", 8.0, 0.0)
    history.begin("old-one", "Old routine", "h3", 60.0)  # never finished: interrupted
    history.close()
    return [
        "Low back basics",
        "Hourly desk break",
        "Old routine",
        "knees ok",
        "Bridge",
        "Neck turn",
    ]


def test_history_as_a_table_is_in_the_language(capsys, filled_history, home):
    code, text = said(capsys, "history")
    assert code == 0 and "Hourly desk break" in text
    assert leftover(text, [*filled_history, str(home)]) == ""
    code, text = said(capsys, "history", "--since", "2030-01-01")
    assert code == 0 and leftover(text, [str(home)]) == ""


@pytest.mark.parametrize("kind", ["csv", "json", "pdf"])
def test_export_says_what_it_wrote_in_the_language(capsys, filled_history, tmp_path, kind):
    target = tmp_path / f"history.{kind}"
    code, text = said(capsys, "export", "--format", kind, "-o", str(target))
    assert code == 0 and target.exists() and str(target) in text
    assert leftover(text) == ""


def test_export_that_cannot_write_says_why_in_the_language(capsys, filled_history, tmp_path):
    folder = tmp_path / "a folder"
    folder.mkdir()
    code, text = said(capsys, "export", "--format", "json", "-o", str(folder))
    assert code != 0 and text
    assert leftover(text, [str(folder), *TYPED]) == ""


@pytest.mark.parametrize(
    "source",
    [FIXTURES / "stretchly" / "config.json", FIXTURES / "safeeyes" / "safeeyes.json"],
    ids=["stretchly", "safeeyes"],
)
def test_import_says_what_it_made_in_the_language(capsys, home, tmp_path, source):
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    shutil.copy(FIXTURES / "safeeyes" / "walk.png", tmp_path / "walk.png")
    code, text = said(capsys, "import", str(copy))
    assert code == 0 and str(home) in text
    # The other app's own texts (its breaks' names and pictures) stay as it wrote them.
    assert leftover(text, [str(home), *strings_in(json.loads(source.read_text()))]) == ""


def test_a_workrave_import_says_what_it_made_in_the_language(capsys, home):
    """The Workrave importer's own words (a routine's name, its notes) go through the
    layer too."""
    source = FIXTURES / "workrave"
    code, text = said(capsys, "import", str(source))
    assert code == 0 and str(home) in text
    # Workrave's own texts: its exercises' titles and descriptions.
    own = [e.text for e in ElementTree.parse(source / "exercises.xml").iter() if e.text]
    assert leftover(text, [str(home), *own]) == ""


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("config.json", '{"breakIdeas": [\n  {"data": ["Walk", "Go"]},\n'),
        ("safeeyes.json", '{"short_breaks": '),
        ("exercises.xml", "<exercises><exercise>"),
        ("notes.txt", "not anything BackRoutine imports"),
    ],
)
def test_an_import_that_fails_says_why_in_the_language(capsys, home, tmp_path, name, text):
    broken = tmp_path / name
    broken.write_text(text)
    code, said_text = said(capsys, "import", str(broken))
    assert code == 1 and str(broken) in said_text
    assert not (home / "routines").exists()
    assert leftover(said_text, readers_words(text)) == ""


COMMANDS = ["validate", "list", "run", "history", "export", "import"]


@pytest.mark.parametrize("argv", [["--help"], *([command, "--help"] for command in COMMANDS)])
def test_every_commands_help_is_in_the_language(capsys, argv):
    code, text = said(capsys, *argv)
    assert code == 0 and text
    assert leftover(text, TYPED) == ""
