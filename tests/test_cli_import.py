"""`backroutine import FILE|DIR`: other apps' exercises become routines in the user's
folder, listed and runnable; a file that cannot be imported writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from backroutine.core import i18n

from .test_cli import run

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def test_import_writes_routines_the_app_then_lists(capsys, home):
    code, out, err = run(capsys, "import", str(FIXTURES / "workrave"), "--language", "DE")
    assert (code, err) == (0, "")
    target = home / "routines" / "workrave-exercises.yaml"
    assert f"Imported 'Workrave exercises' (3 exercises) as {target}" in out
    assert "Seitbeuge" in target.read_text()
    assert "has this name" not in out  # a first import is new
    code, out, _ = run(capsys, "list")
    assert "workrave-exercises" in out and "Workrave exercises" in out
    code, out, _ = run(capsys, "validate", str(target))
    assert code == 0


def test_importing_twice_never_replaces_the_first(capsys, home):
    run(capsys, "import", str(FIXTURES / "safeeyes" / "safeeyes.json"))
    first = (home / "routines" / "safe-eyes-short-breaks.yaml").read_text()
    code, out, _ = run(capsys, "import", str(FIXTURES / "safeeyes" / "safeeyes.json"))
    assert code == 0
    assert "(safe-eyes-short-breaks was taken, so its id is safe-eyes-short-breaks-2)" in out
    assert "safe-eyes-short-breaks has this name already" in out  # said, and numbered
    assert "Imported 'Safe Eyes short breaks (2)'" in out
    again = (home / "routines" / "safe-eyes-short-breaks-2.yaml").read_text()
    assert "name: Safe Eyes short breaks (2)\n" in again
    assert (home / "routines" / "safe-eyes-short-breaks.yaml").read_text() == first
    code, out, _ = run(capsys, "list")
    assert "Safe Eyes short breaks (2)" in out  # the two are told apart


def test_a_file_that_cannot_be_imported_is_reported_and_nothing_written(capsys, home, tmp_path):
    broken = tmp_path / "config.json"
    broken.write_text('{"breakIdeas": [\n  {"data": ["Walk", "Go"]},\n')
    code, out, err = run(capsys, "import", str(broken))
    assert code == 1 and out == ""
    assert err.startswith(f"{broken}:3:1: error: not valid JSON")
    assert "Nothing was imported." in err
    assert not (home / "routines").exists()


def test_a_missing_file_is_reported(capsys, home, tmp_path):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.xml"))
    assert code == 1 and "nope.xml:1:1: error: no such file" in err


def test_validating_another_apps_file_points_to_import(capsys, home):
    config = FIXTURES / "stretchly" / "config.json"
    code, _, err = run(capsys, "validate", str(config))
    assert code == 1
    assert f"`backroutine import {config}` makes routines from it" in err


# A message that went through the translation layer, with anything placed in it.
PSEUDO_MESSAGE = re.compile(
    f"{i18n.PSEUDO_OPEN}[^{i18n.PSEUDO_OPEN}{i18n.PSEUDO_CLOSE}]*{i18n.PSEUDO_CLOSE}"
)


def english_left(text: str, *paths: Path) -> list[str]:
    """The words of 2+ ASCII letters left once the pseudo-translated messages and the
    file names are taken out: the pseudo-language accents every letter it translates."""
    for path in paths:
        text = text.replace(str(path), " ")
    while PSEUDO_MESSAGE.search(text):
        text = PSEUDO_MESSAGE.sub(" ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def test_a_workrave_import_speaks_the_persons_language(capsys, home):
    source = FIXTURES / "workrave" / "exercises.xml"
    code, out, err = run(capsys, "--language", "qps", "import", str(source))
    target = home / "routines" / "workrave-exercises.yaml"
    assert (code, err) == (0, "")
    assert out.strip() and english_left(out, target) == []
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    for key in ("name", "summary", "description"):  # the routine's own words too
        assert data[key].startswith(i18n.PSEUDO_OPEN) and english_left(data[key], source) == []
    assert data["tags"] == ["imported", "workrave"]  # the format's values stay as they are


def test_a_cut_off_workrave_file_is_refused_in_the_persons_language(capsys, home, tmp_path):
    whole = (FIXTURES / "workrave" / "exercises.xml").read_text(encoding="utf-8")
    cut = tmp_path / "exercises.xml"
    cut.write_text(whole[:700], encoding="utf-8")
    code, out, err = run(capsys, "--language", "qps", "import", str(cut))
    assert code == 1 and out == ""
    assert re.match(re.escape(str(cut)) + r":\d+:\d+: ", err)  # the place as editors read it
    assert english_left(err, cut) == []
    assert not (home / "routines").exists()
