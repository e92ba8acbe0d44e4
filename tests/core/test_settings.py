"""Settings: read forgivingly, each bad value named with its line and replaced by its default."""

from __future__ import annotations

from backroutine.core.model import Schedule
from backroutine.core.settings import Settings, asks_for_ratings, load_settings, save_settings


def test_settings_round_trip_and_a_bad_value_falls_back_with_a_warning(tmp_path):
    path = tmp_path / "settings.yaml"
    save_settings(Settings(volume=25, ratings="always"), path)
    loaded, problems = load_settings(path)
    assert (loaded.volume, loaded.ratings, problems) == (25, "always", [])
    path.write_text("volume: 50\nratings: sometimes\n")
    loaded, problems = load_settings(path)
    assert (loaded.volume, loaded.ratings) == (50, "auto")
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "auto, always, never" in problems[0].message


def test_ratings_are_asked_for_programs_unless_set_otherwise():
    program = Schedule(per_day=2)
    assert asks_for_ratings(Settings(), program, ())
    assert asks_for_ratings(Settings(), None, ("physio",))
    assert not asks_for_ratings(Settings(), None, ("desk",))
    assert asks_for_ratings(Settings(ratings="always"), None, ())
    assert not asks_for_ratings(Settings(ratings="never"), program, ("physio",))


def test_reminder_settings_are_read_checked_and_kept(tmp_path):
    from datetime import time

    from backroutine.core.settings import break_settings

    path = tmp_path / "settings.yaml"
    path.write_text(
        "break_every: 45\n"
        "work_hours: 08:30-16:00\n"
        "work_days: [mon, tue, Wednesday, thu]\n"
        "heads_up: 0\n"
        "program_times:\n"
        '  low-back-basics: ["7:30", "19:00"]\n'
    )
    loaded, problems = load_settings(path)
    assert problems == []
    assert loaded.work_days == ("mon", "tue", "wed", "thu")
    assert loaded.program_times == {"low-back-basics": ("07:30", "19:00")}
    plan = break_settings(loaded)
    assert (plan.every_minutes, plan.work_start, plan.work_end) == (45, time(8, 30), time(16, 0))
    assert plan.heads_up_minutes == 0
    save_settings(loaded, path)
    assert load_settings(path) == (loaded, [])


def test_bad_reminder_settings_say_what_to_write_and_keep_the_defaults(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text(
        "break_every: 5\n"
        "work_hours: nine to five\n"
        "work_days: [mon, funday]\n"
        "snooze: 0\n"
        "program_times:\n"
        "  low-back-basics: [noon]\n"
    )
    loaded, problems = load_settings(path)
    assert loaded == Settings()
    assert [(p.line, p.message.split(" must be ")[0]) for p in problems] == [
        (1, "break_every"),
        (2, "work_hours"),
        (3, "work_days"),
        (4, "snooze"),
        (6, "program_times"),
    ]
    assert 'two times of day, such as "09:00-17:30"' in problems[1].message
