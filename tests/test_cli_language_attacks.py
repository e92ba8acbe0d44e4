"""Attacks on the command line's language: odd --language values and junk in the
environment. The command line says what is wrong in one short line, or speaks the
language meant, and never prints a traceback."""

from __future__ import annotations

import pytest

from backroutine.core import i18n

from .test_cli_language import run


@pytest.mark.parametrize(
    ("given", "speaks"),
    [
        ("de_DE.UTF-8", "de"),  # as LANG writes it
        ("de_AT", "de"),
        ("pt-br", "pt_BR"),
        ("PT_br", "pt_BR"),
        ("pt_PT", "pt_BR"),  # the one Portuguese we ship
        ("zh", "zh_CN"),
        ("qps", i18n.PSEUDO),
    ],
)
def test_a_language_written_as_the_system_writes_it_is_understood(capsys, given, speaks):
    code, _out, err = run(capsys, "--language", given, "list")
    assert code == 0, err
    assert i18n.language() == speaks


@pytest.mark.parametrize("given", ["", "xx", "../../etc", "\u202ede", "C", "POSIX", "a" * 10_240])
def test_a_value_that_names_no_language_is_one_short_usage_error(capsys, given):
    code, out, err = run(capsys, "--language", given, "list")
    assert code == 2
    assert "Traceback" not in err
    assert "is not a language BackRoutine speaks" in err
    assert len(err) < 1000  # a 10 KB value is not echoed whole
    assert out == ""


@pytest.mark.parametrize(
    "environ",
    [
        {"LANGUAGE": "C", "LANG": "C"},
        {"LANGUAGE": "POSIX"},
        {"LANGUAGE": ":::", "LC_ALL": ":::"},
        {"LANG": "this is no locale at all"},
        {"LANGUAGE": "..:../../etc", "LC_TIME": "x_Y.UTF-8@z"},
        {"LANG": "a" * 10_000, "LC_TIME": "b" * 10_000},
    ],
)
def test_junk_in_the_environment_gives_english_not_a_traceback(capsys, monkeypatch, environ):
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_TIME", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert "Traceback" not in err
    assert i18n.language() == i18n.ENGLISH
    assert "camel-pose" in out


def test_a_language_given_twice_is_the_last_one_as_argparse_reads_it(capsys):
    code, _out, err = run(capsys, "--language", "de", "--language=fr", "list")
    assert code == 0, err
    assert i18n.language() == "fr"  # messages and window alike (it was de)
