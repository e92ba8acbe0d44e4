"""Settings declared once: the declarations are what is read, checked and written."""

from __future__ import annotations

import copy
import pickle
import typing

import pytest

from backroutine.core import settings_table
from backroutine.core.settings import Settings, load_settings, read_settings, save_settings
from backroutine.core.settings_table import Kind


def test_every_typed_attribute_is_a_declared_setting_with_a_default_of_its_type():
    hints = typing.get_type_hints(Settings)
    hints.pop("_values")
    declared = {s.key: s for s in settings_table.SETTINGS}
    assert list(hints) == list(declared)  # the same settings, in the same order
    for key, hint in hints.items():
        assert isinstance(declared[key].default, typing.get_origin(hint) or hint), key
    assert Settings().as_dict() == {key: s.default for key, s in declared.items()}


def test_every_declaration_can_be_shown_and_written_back():
    for s in settings_table.SETTINGS:
        assert s.label and s.help.endswith("."), s.key
        if s.kind is Kind.NUMBER:
            assert s.low <= s.default <= s.high, s.key  # type: ignore[operator]
        if s.kind is Kind.CHOICE:
            assert s.default in [c.value for c in s.choices], s.key
            assert all(c.label for c in s.choices), s.key
    keys = [s.key for s in settings_table.SETTINGS]
    assert len(keys) == len(set(keys))
    # Each is read as settings.KEY: no key may hide a method or start with "_".
    assert not {k for k in keys if k.startswith("_") or hasattr(Settings, k)}


def test_one_choice_has_one_label_wherever_it_is_shown():
    theme = settings_table.declared("theme")
    assert theme.label_of("system") == "System colours"
    assert "Follow the system" not in {c.label for c in theme.choices}


@pytest.mark.parametrize(
    ("written", "key", "says"),
    [
        (b"volume: 101\n", "volume", "from 0 to 100"),
        (b"volume: true\n", "volume", "whole number"),
        (b"heads_up: -1\n", "heads_up", "from 0 to 15 minutes"),
        (b"theme: purple\n", "theme", "system, light, dark"),
        (b"sound: 1\n", "sound", "true or false"),
        (b"work_days: [mon, funday]\n", "work_days", "[mon, tue, wed, thu, fri]"),
        (b"break_routine: ../../etc/passwd\n", "break_routine", "routine id"),
        (b"window_geometry: [1, 2]\n", "window_geometry", "text"),
    ],
)
def test_a_value_outside_its_declaration_is_refused_at_its_line(tmp_path, written, key, says):
    path = tmp_path / "settings.yaml"
    path.write_bytes(b"# mine\nvoice: false\n" + written)
    read = read_settings(path)
    assert read.settings == Settings(voice=False)  # the rest is used, the bad one defaulted
    (problem,) = read.problems
    assert (problem.line, problem.message.split(" ")[0]) == (3, key)
    assert says in problem.message and "default" in problem.message
    notice = read.notice()
    assert str(path) in notice and "line 3" in notice
    assert path.read_bytes() == b"# mine\nvoice: false\n" + written  # reading changes nothing


def test_settings_are_a_value_changed_only_into_a_new_one():
    first = Settings(volume=30)
    second = first.changed(theme="dark")
    assert (first.theme, second.theme, second.volume) == ("system", "dark", 30)
    assert second == Settings(volume=30, theme="dark") and second != first
    assert second.value("theme") == "dark" and second.as_dict()["volume"] == 30
    with pytest.raises(AttributeError):
        first.volume = 5  # type: ignore[misc]
    with pytest.raises(TypeError, match="colour"):
        Settings(colour="red")
    with pytest.raises(AttributeError):
        _ = first.colour  # type: ignore[attr-defined]
    assert copy.deepcopy(second) == second == pickle.loads(pickle.dumps(second))
    # The default times are each Settings' own: changing one copy leaves the others.
    Settings().program_times["low-back-basics"] = ("08:00",)
    assert Settings().program_times == {}
    assert "theme='dark'" in repr(second)


def test_the_file_is_written_in_the_declared_order_and_read_back_whole(tmp_path):
    path = tmp_path / "settings.yaml"
    chosen = Settings(work_days=("sat", "sun"), program_times={"neck": ("07:00",)})
    save_settings(chosen, path)
    keys = [line.split(":")[0] for line in path.read_text().splitlines() if line[:1].isalpha()]
    assert keys == [s.key for s in settings_table.SETTINGS]
    assert load_settings(path) == (chosen, [])
