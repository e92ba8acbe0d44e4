"""Attacks on the language setting: settings.yaml says language: with a number, a
list, an unknown code, NUL, the pseudo-language, a path, a huge string, or bytes that
are not UTF-8. Start-up still speaks a language we ship and says what is wrong (the
file and line); OK in the settings dialog keeps the person's bytes, byte for byte
or beside."""

from __future__ import annotations

import pytest

from backroutine.core import i18n
from backroutine.core.settings import read_settings
from backroutine.ui.language import use_language
from backroutine.ui.main_window import MainWindow

from .test_settings_dialog import run_dialog

BAD = [
    b"language: 1\n",
    b"language: [de, fr]\n",
    b"language: {de: 1}\n",
    b"language: xx\n",
    b'language: "de\\0"\n',
    b"language: qps\n",
    b"language: ../../etc\n",
    b"language: '" + b"d" * 200_000 + b"'\n",
    b"language: de_DE.UTF-8\n",
    b'language: "\\u202ear"\n',
    b"language: true\n",
]


@pytest.fixture
def back_to_english(qapp):
    yield
    use_language(i18n.ENGLISH)


@pytest.mark.parametrize("line", BAD, ids=lambda line: repr(line[:24]))
def test_a_bad_language_setting_starts_says_where_and_keeps_the_file(
    own_window, home, back_to_english, line
):
    data = b"# mine\nsafety_notice_seen: true\n" + line
    path = home / "settings.yaml"
    path.write_bytes(data)
    read = read_settings(path)
    assert read.settings.language == ""  # the default: follow the system
    assert str(path) in read.notice() and "line 3" in read.notice()
    assert "language must be one of" in read.notice()
    assert use_language(read.settings.language) in i18n.SHIPPED
    window = own_window()
    assert window.state.settings_file.notice() == read.notice()
    run_dialog(window, lambda dialog: None)
    kept = [path, *home.glob("settings.yaml.*")]
    assert data in [p.read_bytes() for p in kept]  # what the person wrote is not lost


@pytest.mark.parametrize(
    ("written", "read"), [("pt-br", "pt_BR"), ("PT_BR", "pt_BR"), ("ZH-cn", "zh_CN"), ("De", "de")]
)
def test_a_language_written_in_another_spelling_is_that_language(home, written, read):
    path = home / "settings.yaml"
    path.write_text(f"language: {written}\n", encoding="utf-8")
    found = read_settings(path)
    assert found.problems == []
    assert found.settings.language == read
    assert path.read_text(encoding="utf-8") == f"language: {written}\n"


def test_a_settings_file_that_is_not_utf8_is_refused_and_kept(own_window, home, back_to_english):
    data = b"language: d\xffe\n"
    path = home / "settings.yaml"
    path.write_bytes(data)
    read = read_settings(path)
    assert read.unreadable and str(path) in read.notice()
    window = own_window()
    run_dialog(window, lambda dialog: None)
    kept = [path, *home.glob("settings.yaml.*")]
    assert data in [p.read_bytes() for p in kept]


@pytest.mark.parametrize("how", ["zero bytes", "truncated", "a folder", "missing"])
def test_the_window_starts_in_english_on_a_damaged_catalogue(
    tmp_path, monkeypatch, qtbot, clock, cues, back_to_english, how
):
    import gettext

    from backroutine.core.settings import Settings

    folder = tmp_path / "locale" / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    mo = folder / f"{i18n.DOMAIN}.mo"
    real = i18n.LOCALE_DIR / "de" / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    if how == "zero bytes":
        mo.write_bytes(b"")
    elif how == "truncated":
        mo.write_bytes(real.read_bytes()[:1000])
    elif how == "a folder":
        mo.mkdir()
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    monkeypatch.setattr(gettext, "_translations", {})
    assert use_language("de") == "de"
    window = MainWindow(settings=Settings(safety_notice_seen=True), clock=clock, cue_player=cues)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&File" in titles  # English words, not a crash
