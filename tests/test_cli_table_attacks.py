"""The command line's tables (`list`, `history`) against names in other scripts:
Chinese and Japanese names keep the columns in line (each of their characters takes
two columns of a terminal), Arabic names are printed as written, and a direction
override stored in the history is shown as a replacement mark, not obeyed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from backroutine.core.history import History
from backroutine.core.names import display_width, pad

from .test_cli import run

OFFSET = timezone(timedelta(hours=1))


def _history(home, *names: str) -> None:
    moments = iter(datetime(2026, 11, 2, 8, minute, tzinfo=OFFSET) for minute in range(60))
    history, _ = History.open(home / "history.sqlite3", lambda: next(moments))
    for name in names:
        session = history.begin("r", name, "h", 60.0)
        history.finish(session, "completed", 60.0, 0.0)
    history.close()


def _column_of(line: str, text: str) -> int:
    return display_width(line[: line.index(text)])


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("骆驼式", 6), ("ラクダ", 6), ("e\u0301", 1), ("وضعية", 5), ("a\u202eb", 2)],
)
def test_the_width_of_text_in_a_terminal(text, width):
    assert display_width(text) == width
    assert display_width(pad(text, 10)) == 10


@pytest.mark.parametrize("language", ["zh_CN", "ja"])
def test_list_keeps_its_columns_in_line_in_chinese_and_japanese(capsys, language):
    code, out, _err = run(capsys, "--language", language, "list")
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith(("ID", "camel", "desk"))]
    assert len(lines) == 3
    times = [line.split()[-2] for line in lines[1:]]  # 2:20, 2:33
    starts = {_column_of(line, time) for line, time in zip(lines[1:], times, strict=True)}
    assert len(starts) == 1, out  # the times' column starts at one place


def test_history_keeps_its_columns_in_line_with_wide_and_right_to_left_names(capsys, home):
    _history(home, "骆驼式", "Low back", "تمرين الجسر Bridge")
    code, out, err = run(capsys, "history")
    assert code == 0, err
    rows = [line for line in out.splitlines() if "completed" in line]
    assert len(rows) == 3
    assert {_column_of(line, "1:00") for line in rows} == {_column_of(rows[0], "1:00")}
    assert "تمرين الجسر Bridge" in out  # as written


def test_a_direction_override_in_a_stored_name_is_shown_not_obeyed(capsys, home):
    _history(home, "evil\u202eelif.yaml", "bad\x1b[2Jname")
    code, out, err = run(capsys, "history")
    assert code == 0, err
    assert "\u202e" not in out and "\x1b" not in out
    assert "evil\ufffdelif.yaml" in out
    assert "completed" in out
