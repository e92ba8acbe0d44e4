"""settings.yaml written by a hostile hand: each key given the wrong type, numbers
out of any range, NaN, booleans for numbers, choices in another case, days that are
not days, NUL and right-to-left marks. Each bad value is refused by name and line,
the rest of the file is used, and nothing the person wrote is lost."""

from __future__ import annotations

import pytest

from backroutine.core.settings import Settings, read_settings, settings_text

CONFUSED = [
    ("volume: 80.0", "volume"),
    ("volume: .nan", "volume"),
    ("volume: 99999999999999999999999999", "volume"),
    ("volume: true", "volume"),
    ("volume: '80'", "volume"),
    ("volume: -1", "volume"),
    ("break_every: [60]", "break_every"),
    ("sound: 'true'", "sound"),
    ("sound: 1", "sound"),
    ("theme: [dark]", "theme"),
    ("theme: darkish", "theme"),
    ("theme:", "theme"),
    ("work_hours: 900", "work_hours"),
    ("work_hours: 9:00-9:00", "work_hours"),
    ("work_days: mon", "work_days"),
    ("work_days: [monkey]", "work_days"),
    ("work_days: [sunshine, mo]", "work_days"),
    ('break_routine: "desk\\0break"', "break_routine"),
    ('break_routine: "\u202ekaerb-ksed"', "break_routine"),
    ("program_times: {'../../etc': ['08:00']}", "program_times"),
    ("program_times: {low-back-basics: 8}", "program_times"),
    ("window_geometry: 5", "window_geometry"),
]


@pytest.mark.parametrize(("line", "key"), CONFUSED)
def test_a_value_of_the_wrong_kind_is_refused_by_name_and_line(tmp_path, line, key):
    path = tmp_path / "settings.yaml"
    data = f"heads_up: 5\nsnooze: 20\n{line}\n".encode()
    path.write_bytes(data)
    read = read_settings(path)
    (problem,) = [p for p in read.problems if key in p.message]
    assert problem.line == 3 and "default" in problem.message
    assert not read.unreadable
    assert read.settings.value(key) == Settings().value(key)
    assert (read.settings.heads_up, read.settings.snooze) == (5, 20)  # the rest is used
    assert "settings.yaml" in read.notice() and "line 3" in read.notice()
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("line", "key", "value"),
    [
        ("theme: Dark", "theme", "dark"),
        ("theme: ' LIGHT '", "theme", "light"),
        ("ratings: Never", "ratings", "never"),
        ("text_size: LARGE", "text_size", "large"),
        ("work_days: [Monday, TUES, wed, Thursday]", "work_days", ("mon", "tue", "wed", "thu")),
        ("work_hours: 9:00 - 17:30", "work_hours", "09:00-17:30"),
        ("work_hours: '8:5-17:30'", "work_hours", None),
    ],
)
def test_a_value_spelled_another_way_is_read_as_the_app_spells_it(tmp_path, line, key, value):
    path = tmp_path / "settings.yaml"
    path.write_text(line + "\n", encoding="utf-8")
    read = read_settings(path)
    if value is None:  # "8:5" is no time of day
        assert read.problems and key in read.problems[0].message
        return
    assert read.problems == []
    assert read.settings.value(key) == value
    # ... so that writing it back and reading it again changes nothing.
    path.write_text(settings_text(read.settings), encoding="utf-8")
    assert read_settings(path).settings == read.settings


def test_a_key_set_twice_is_said_and_the_last_one_is_used(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("volume: 10\ntheme: dark\nvolume: 20\n", encoding="utf-8")
    read = read_settings(path)
    assert read.settings.volume == 20 and read.settings.theme == "dark"
    (problem,) = read.problems
    assert problem.line == 3 and "twice" in problem.message and "line 1" in problem.message


def test_a_key_with_nul_or_control_characters_is_named_and_ignored(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text('"vol\\0ume": 5\n"\\e[2J": 1\nvolume: 7\n', encoding="utf-8")
    read = read_settings(path)
    assert read.settings.volume == 7
    assert len(read.problems) == 2 and all("unknown" in p.message for p in read.problems)
    notice = read.notice()
    assert "\0" not in notice and "\x1b" not in notice  # shown escaped, not acted on
