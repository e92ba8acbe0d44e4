"""The command line's tables line up in a terminal whatever script the names are in:
a Japanese or Chinese character takes two columns, a combining accent none."""

from __future__ import annotations

from backroutine.core.history import History
from backroutine.core.names import display_width, pad

from .test_cli import run

JAPANESE = "首と肩のストレッチ"  # nine characters, eighteen columns


def column_of(line: str, cell: str) -> int:
    """The terminal column a cell starts at in a line."""
    return display_width(line[: line.index(cell)])


def test_wide_characters_take_two_columns_and_accents_none():
    assert display_width(JAPANESE) == 18
    assert display_width("Cafe\u0301") == 4  # e and its accent are one column
    assert display_width("\uff21\uff22") == 4  # full-width letters
    assert display_width(pad(JAPANESE, 20)) == 20 and display_width(pad("Neck", 20)) == 20


def test_list_lines_up_with_japanese_names(capsys, home, write_routine):
    routines = home / "routines"
    for routine_id, name, hold in (("kubi", JAPANESE, "5s"), ("neck", "Neck", "65s")):
        text = f"name: {name}\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: {hold}\n"
        write_routine(text, f"{routine_id}.yaml", routines)
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    heading = lines[0]
    kubi = next(line for line in lines if line.startswith("kubi "))
    neck = next(line for line in lines if line.startswith("neck "))
    times = [line.split()[2] for line in (kubi, neck)]  # after the id and the name
    assert times[0] != times[1]
    assert column_of(kubi, times[0]) == column_of(neck, times[1]) == column_of(heading, "TIME")


def test_history_lines_up_with_japanese_names(capsys, home):
    history, _ = History.open(home / "history.sqlite3")
    history.finish(history.begin("kubi", JAPANESE, "h1", 600.0), "completed", 600.0, 0.0)
    history.finish(history.begin("neck", "Neck", "h2", 61.0), "completed", 61.0, 0.0)
    history.close()
    code, out, _ = run(capsys, "history")
    assert code == 0
    heading, *rows = out.splitlines()
    kubi = next(line for line in rows if JAPANESE in line)
    neck = next(line for line in rows if "Neck" in line)
    assert column_of(kubi, "10:00") == column_of(neck, "1:01") == column_of(heading, "ACTIVE")
