"""The command line in the person's language: --language, else the environment, else
English; argparse's own words too; a file's name and line stay as they are."""

from __future__ import annotations

import gettext

import pytest

from backroutine.cli import main
from backroutine.core import i18n

from .pseudo_text import leftover

BROKEN = "name: Broken\nsteps: []\n"
GOOD = "name: Good\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"
# argparse's own English, which must not be left in a translated --help or error.
ARGPARSE_ENGLISH = ("usage:", "options", "positional arguments", "show this help", "error:")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # --help, or a usage error argparse reports
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_in_the_pseudo_language_keeps_the_file_and_line(capsys, write_routine):
    bad = write_routine(BROKEN, "broken.yaml")
    code, out, err = run(capsys, "--language", "qps", "validate", str(bad))
    assert code == 1
    assert err.startswith(f"{bad}:2:8: ")
    assert out.strip() and leftover(out) == ""


def test_the_environment_picks_the_language(capsys, write_routine, monkeypatch):
    write_routine(GOOD, "good.yaml")
    monkeypatch.setenv("LANGUAGE", "qps")
    code, out, _ = run(capsys, "list")
    heading = out.splitlines()[0]
    assert code == 0 and heading.strip() and leftover(heading) == ""


def test_language_option_wins_over_the_environment(capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "qps")
    code, out, _ = run(capsys, "--language", "en", "list")
    assert code == 0 and out.split()[:2] == ["ID", "NAME"]


def test_no_language_anywhere_is_english(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "C")
    code, out, _ = run(capsys, "list")
    assert code == 0 and i18n.PSEUDO_OPEN not in out and "Your routines folder" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["validate", "--help"],
        ["export", "--help"],
        ["import", "--help"],
    ],
)
def test_help_in_the_pseudo_language_leaves_no_english_from_argparse(capsys, argv):
    code, out, _ = run(capsys, "--language", "qps", *argv)
    left = leftover(out)
    assert code == 0 and out.count(i18n.PSEUDO_OPEN) >= 3
    for english in ARGPARSE_ENGLISH:
        assert english not in left, english
    # Every other word is a name a person types: test_cli_pseudo.py reads each
    # command's help.


def test_argparse_errors_come_out_translated(capsys):
    code, _, err = run(capsys, "--language", "qps", "history", "--format", "bogus")
    assert code == 2 and "'bogus'" in err
    for english in ("invalid choice", "error:", "usage:"):
        assert english.rstrip(":") not in leftover(err, ["bogus"]).split(), english


def test_an_unknown_language_is_a_usage_error_naming_the_choices(capsys):
    code, out, err = run(capsys, "--language", "xx", "list")
    assert code == 2 and out == ""
    assert "'xx'" in err and all(code in err for code in ("de", "pt_BR", "zh_CN"))
    assert "qps" not in err  # a tool for translators, accepted but not offered


@pytest.mark.parametrize("given", ["--language=qps", "--lang=qps", "--lang qps"])
def test_the_option_may_be_written_as_argparse_allows(capsys, given):
    code, out, _ = run(capsys, *given.split(), "list")
    assert code == 0 and out.startswith(i18n.PSEUDO_OPEN)


def test_the_import_commands_own_language_option_is_not_the_messages_language(capsys, tmp_path):
    code, _, err = run(capsys, "import", "--language", "qps", str(tmp_path / "nope.xml"))
    assert code == 1 and "Nothing was imported." in err


def test_counts_take_their_plural_form(capsys, write_routine, tmp_path):
    write_routine(GOOD, "one.yaml", folder=tmp_path / "a")
    assert run(capsys, "validate", str(tmp_path / "a"))[1] == "1 file checked: no problems\n"
    write_routine(GOOD, "two.yaml", folder=tmp_path / "a")
    assert run(capsys, "validate", str(tmp_path / "a"))[1] == "2 files checked: no problems\n"


class _BrokenCatalogue(gettext.NullTranslations):
    """A catalogue whose translator lost argparse's placeholders."""

    def gettext(self, message: str) -> str:
        return "%(nothing)s" if "%" in message else message


def test_a_translation_that_loses_argparses_placeholders_falls_back_to_english(capsys, monkeypatch):
    from backroutine import cli_parser

    monkeypatch.setattr(cli_parser, "use_language", lambda arguments: "en")
    cli_parser.route_argparse()
    monkeypatch.setattr(i18n, "_translations", _BrokenCatalogue())
    code, _, err = run(capsys, "history", "--format", "bogus")
    assert code == 2 and "invalid choice: 'bogus'" in err


def test_an_empty_history_says_so_in_the_language_with_the_day_in_its_locale(capsys, home):
    code, out, _ = run(capsys, "--language", "qps", "history", "--since", "2026-11-01")
    assert code == 0 and out.strip() and leftover(out, [str(home)]) == ""
    assert "2026-11-01" not in out  # the day as the locale writes it
    assert str(home) in out  # where the history is kept, as it is


@pytest.mark.parametrize(
    ("argv", "asked"),
    [(["--language", "de"], "de"), (["--language=ja", "run", "desk-break"], "ja"), ([], "")],
)
def test_the_window_follows_an_explicit_language_and_otherwise_its_setting(
    monkeypatch, argv, asked
):
    import backroutine.ui.app as app

    seen: list[str] = []
    monkeypatch.setenv("LANGUAGE", "fr")  # the environment alone does not outrank the setting
    monkeypatch.setattr(app, "run_app", lambda *a, **k: seen.append(k["language_asked"]) or 0)
    if not argv:
        argv = ["run", "desk-break"]
    assert main(argv) == 0
    assert seen == [asked]
