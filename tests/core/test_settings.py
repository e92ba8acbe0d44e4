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
