"""Discovery: bundled, user and given routines; ids from file names; overrides and clashes."""

from __future__ import annotations

from pathlib import Path

from backroutine.core.discovery import Source, discover
from backroutine.core.paths import bundled_routines_dir, user_paths

ROUTINE = "name: {name}\nsteps:\n  - rest: 5s\n"


def write(folder: Path, file_name: str, name: str = "R", text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(text if text is not None else ROUTINE.format(name=name), encoding="utf-8")
    return path


def test_ids_come_from_file_names_and_only_routine_files_count(tmp_path):
    write(tmp_path, "morning-stretch.yaml")
    write(tmp_path, "evening.yml")
    write(tmp_path, "notes.txt", text="not a routine")
    write(tmp_path, ".hidden.yaml")
    write(tmp_path / "images", "nested.yaml")
    library = discover(bundled_dir=None, user_dir=tmp_path)
    assert [e.id for e in library.entries] == ["evening", "morning-stretch"]
    assert {e.source for e in library.entries} == {Source.USER}


def test_a_user_routine_overrides_a_bundled_one_with_a_warning(tmp_path):
    bundled = tmp_path / "bundled"
    user = tmp_path / "user"
    write(bundled, "desk-break.yaml", "Bundled break")
    write(bundled, "camel.yaml", "Camel")
    mine = write(user, "desk-break.yaml", "My break")
    library = discover(bundled_dir=bundled, user_dir=user)
    entry = library.find("desk-break")
    assert entry is not None
    assert entry.path == mine and entry.result.name == "My break"
    assert entry.overrides_bundled and entry.runnable
    assert [p.severity.value for p in entry.problems] == ["warning"]
    assert "replaces the bundled routine 'desk-break'" in entry.problems[0].message
    assert [e.id for e in library.entries] == ["camel", "desk-break"]
    assert [e.result.name for e in library.shadowed] == ["Bundled break"]


def test_a_clash_between_two_of_the_users_files_is_an_error_on_the_later(tmp_path):
    write(tmp_path, "stretch.yaml", "First")
    write(tmp_path, "stretch.yml", "Second")
    library = discover(bundled_dir=None, user_dir=tmp_path)
    first, second = library.entries
    assert first.runnable and not first.problems
    assert not second.runnable
    assert "already used by" in second.problems[0].message
    assert library.find("stretch") is first


def test_paths_given_on_the_command_line_clash_across_folders(tmp_path):
    write(tmp_path / "a", "x.yaml")
    write(tmp_path / "b", "x.yaml")
    library = discover(bundled_dir=None, user_dir=None, paths=[tmp_path / "a", tmp_path / "b"])
    assert [e.runnable for e in library.entries] == [True, False]
    assert library.entries[1].problems[0].message.startswith("the routine id 'x' is already used")
    assert library.entries[1].problems[0].path == str(tmp_path / "b" / "x.yaml")


def test_a_broken_file_never_stops_the_others(tmp_path):
    write(tmp_path, "a.yaml")
    write(tmp_path, "b.yaml", text="name: [unclosed\n")
    (tmp_path / "c.yaml").write_bytes(b"\xff\xfe\x00binary")
    write(tmp_path, "d.yaml")
    library = discover(bundled_dir=None, user_dir=tmp_path)
    assert [(e.id, e.runnable) for e in library.entries] == [
        ("a", True),
        ("b", False),
        ("c", False),
        ("d", True),
    ]


def test_a_missing_user_folder_is_simply_empty(tmp_path):
    library = discover(bundled_dir=None, user_dir=tmp_path / "does-not-exist")
    assert library.entries == []


def test_backroutine_home_holds_all_user_data(home):
    paths = user_paths()
    assert paths.routines_dir == home / "routines"
    assert paths.history_file == home / "history.sqlite3"
    assert paths.settings_file == home / "settings.yaml"


def test_without_backroutine_home_the_platform_folders_are_used():
    paths = user_paths(environ={})
    assert paths.routines_dir.name == "routines"
    assert "backroutine" in str(paths.data_dir).lower()
    assert "backroutine" in str(paths.config_dir).lower()


def test_the_bundled_routines_are_found_as_package_data():
    library = discover(bundled_dir=bundled_routines_dir(), user_dir=None)
    ids = {e.id for e in library.entries}
    assert {
        "desk-break",
        "low-back-basics",
        "camel-pose",
        "hip-flexor-release",
        "dynamic-warm-up",
    } <= ids
    assert all(e.source is Source.BUNDLED and e.runnable for e in library.entries)


def test_the_same_file_named_twice_is_checked_once(tmp_path):
    path = write(tmp_path, "w.yaml")
    library = discover(bundled_dir=None, user_dir=None, paths=[tmp_path, path, path])
    assert [(e.id, e.problems) for e in library.entries] == [("w", ())]


def test_a_broken_override_keeps_the_bundled_routine_in_use(tmp_path):
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    write(bundled, "camel.yaml", "Camel")
    write(user, "camel.yaml", text="name: Mine\nsteps: 3\n")
    library = discover(bundled_dir=bundled, user_dir=user)
    assert [(e.source, e.runnable) for e in library.entries] == [
        (Source.BUNDLED, True),
        (Source.USER, False),
    ]
    found = library.find("camel")
    assert found is not None and found.source is Source.BUNDLED
    mine = library.entries[1]
    assert [(p.line, p.severity.value) for p in mine.problems] == [(1, "warning"), (2, "error")]
    assert "the bundled routine 'camel' is used" in mine.problems[0].message
