"""Each class of problem in the format spec is reported at its line and column, all in one pass."""

from __future__ import annotations

import os
import time

import pytest

from backroutine.core.model import DoseKind, ExerciseStep, RestStep, Side
from backroutine.core.validation import LoadResult, load_routine

GOOD = """
format: 1
name: Low back basics
summary: Gentle daily program
description: |
  Move slowly.
tags: [physio, low-back]
prepare: 5s
schedule:
  per_day: 2
  days: [mon, wed, fri]
caution: Stop if it hurts.
steps:
  - exercise: Bridge
    instructions: Lift your hips.
    hold: 10s
    reps: 3
    rest: 5s
  - exercise: Kneeling hip-flexor stretch
    instructions: Shift forward.
    hold: 30s
    sides: both
    sets: 2
    rest_between_sets: 20s
  - exercise: Marching in place
    instructions: March.
    duration: 60s
  - exercise: Bodyweight squat
    instructions: Sit back.
    reps: 10
    tempo: 3s
  - exercise: Cat-cow
    instructions: Round and arch.
    reps: 8
  - rest: 30s
    note: Walk around the room.
"""


def found(result: LoadResult) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.severity.value, p.message) for p in result.problems]


def only(result: LoadResult) -> tuple[int, int, str, str]:
    problems = found(result)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_spec_example_loads_into_the_model(write_routine):
    result = load_routine(write_routine(GOOD, "low-back.yaml"))
    assert result.problems == ()
    routine = result.routine
    assert routine is not None
    assert routine.id == "low-back"
    assert routine.name == "Low back basics"
    assert routine.tags == ("physio", "low-back")
    assert routine.schedule is not None and routine.schedule.per_day == 2
    assert routine.schedule.days == ("mon", "wed", "fri")
    assert routine.description == "Move slowly."
    bridge, stretch, march, squat, catcow, rest = routine.steps
    assert isinstance(bridge, ExerciseStep)
    assert (bridge.dose.kind, bridge.dose.seconds, bridge.dose.reps, bridge.dose.rest) == (
        DoseKind.HOLD,
        10.0,
        3,
        5.0,
    )
    assert isinstance(stretch, ExerciseStep)
    assert (stretch.sides, stretch.sets, stretch.rest_between_sets) == (Side.BOTH, 2, 20.0)
    assert isinstance(march, ExerciseStep) and march.dose.kind is DoseKind.DURATION
    assert isinstance(squat, ExerciseStep) and squat.dose.kind is DoseKind.TIMED_REPS
    assert isinstance(catcow, ExerciseStep) and catcow.dose.kind is DoseKind.UNTIMED_REPS
    assert isinstance(rest, RestStep) and (rest.seconds, rest.note) == (
        30.0,
        "Walk around the room.",
    )
    assert len(routine.content_hash) == 64


def test_defaults_follow_the_spec(write_routine):
    result = load_routine(
        write_routine("""
            name: Minimal
            steps:
              - exercise: Bridge
                instructions: Lift.
                hold: 10s
        """)
    )
    routine = result.routine
    assert routine is not None
    assert (routine.format, routine.prepare, routine.schedule) == (1, 5.0, None)
    step = routine.steps[0]
    assert isinstance(step, ExerciseStep)
    assert (step.dose.reps, step.dose.rest, step.sets, step.rest_between_sets, step.sides) == (
        1,
        0.0,
        1,
        15.0,
        None,
    )


def test_not_yaml_is_reported_where_the_parser_stopped(write_routine):
    path = write_routine("name: x\n  bad: [\n")
    line, _column, severity, message = only(load_routine(path))
    assert (line, severity) == (2, "error")
    assert message.startswith("not valid YAML")


@pytest.mark.parametrize(
    ("text", "holds"),
    [("- a\n- b\n", "a list"), ("just words\n", "a single value")],
)
def test_a_file_that_is_not_a_mapping(write_routine, text, holds):
    line, column, severity, message = only(load_routine(write_routine(text)))
    assert (line, column, severity) == (1, 1, "error")
    assert holds in message


def test_unknown_keys_get_a_suggestion(write_routine):
    result = load_routine(
        write_routine("""
            nmae: Typo
            name: Real
            steps:
              - exercise: Bridge
                instructions: Lift.
                hold: 10s
                repetitions: 3
                sidse: both
        """)
    )
    messages = {(line, column): message for line, column, _, message in found(result)}
    assert "did you mean 'name'?" in messages[(1, 1)]
    assert "did you mean 'reps'?" in messages[(7, 5)]
    assert "did you mean 'sides'?" in messages[(8, 5)]
    assert result.routine is None


def test_a_step_key_at_the_top_says_where_it_belongs(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            hold: 10s
            steps:
              - rest: 5s
        """)
    )
    assert only(result) == (
        2,
        1,
        "error",
        "unknown key 'hold' in the routine: 'hold' belongs to a step, under 'steps:'",
    )


def test_missing_name_and_steps(write_routine):
    result = load_routine(write_routine("summary: nothing else\n"))
    messages = [m for *_, m in found(result)]
    assert any("has no 'name'" in m for m in messages)
    assert any("has no 'steps'" in m for m in messages)


def test_missing_dose(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            steps:
              - exercise: Bridge
                instructions: Lift.
        """)
    )
    assert only(result)[:3] == (3, 5, "error")
    assert "has no dose" in only(result)[3]


@pytest.mark.parametrize(
    ("dose", "second_key_line", "words"),
    [
        ("hold: 10s\n    duration: 30s", 6, "two doses, 'hold' and 'duration'"),
        ("duration: 30s\n    reps: 3", 6, "two doses, 'duration' and 'reps'"),
        ("hold: 10s\n    tempo: 2s", 6, "has a 'tempo', the time per rep"),
    ],
)
def test_two_doses_in_one_step(write_routine, dose, second_key_line, words):
    text = f"name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n    {dose}\n"
    # The step starts on line 3; the clashing key sits on the dose's second line.
    line, column, severity, message = only(load_routine(write_routine(text)))
    assert (line, column, severity) == (second_key_line, 5, "error")
    assert words in message


def test_a_step_that_is_both_exercise_and_rest(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            steps:
              - exercise: Plank
                instructions: Hold still.
                rest: 30s
        """)
    )
    line, column, severity, message = only(result)
    assert (line, column, severity) == (5, 5, "error")
    assert "both an exercise and a rest" in message
    assert "'- rest: 30s'" in message


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("reps: lots", "reps must be a whole number (it is 'lots')"),
        ('reps: "2"', "reps must be a number, not text in quotes; write reps: 2"),
        ("sides: [left]", "sides must be one of: left, right, both"),
        ("instructions: [a, b]", "instructions must be text, not a list or mapping"),
        ("hold: {a: 1}", "hold must be a duration such as 30s, not a list or mapping"),
    ],
)
def test_wrong_types(write_routine, line, expected):
    step = {"instructions": "Go.", "hold": "5s"}
    key, value = line.split(": ", 1)
    step[key] = value
    if key == "reps" and "hold" in step:
        step["hold"] = "5s"
    body = "".join(f"    {k}: {v}\n" for k, v in step.items())
    result = load_routine(write_routine(f"name: X\nsteps:\n  - exercise: A\n{body}"))
    assert expected in [m for *_, m in found(result)]
    assert result.routine is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("reps: 0", "reps must be from 1 to 200 (it is 0)"),
        ("reps: 201", "reps must be from 1 to 200 (it is 201)"),
        ("sets: 21", "sets must be from 1 to 20 (it is 21)"),
        ("hold: 0.5", "hold must be at least 1 s (it is 0.5 s)"),
        ("hold: 3h", "hold: 3 h is too long; the most is 2 hours"),
    ],
)
def test_out_of_range_numbers(write_routine, line, expected):
    key = line.split(":")[0]
    dose = "" if key == "hold" else "    hold: 5s\n"
    text = f"name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n{dose}    {line}\n"
    result = load_routine(write_routine(text))
    assert expected in [m for *_, m in found(result)]


def test_schedule_range_and_days(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            schedule:
              per_day: 13
              days: [mon, wensday, mon]
            steps:
              - rest: 5s
        """)
    )
    assert found(result) == [
        (3, 12, "error", "per_day must be from 1 to 12 (it is 13)"),
        (
            4,
            15,
            "error",
            "'wensday' is not a day: use mon, tue, wed, thu, fri, sat, sun; did you mean 'wed'?",
        ),
        (4, 24, "error", "'mon' is listed twice"),
    ]


def test_unparseable_duration_points_at_the_value(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            prepare: soon
            steps:
              - rest: 5 minutes and a bit
        """)
    )
    problems = found(result)
    assert [(p[0], p[1]) for p in problems] == [(2, 10), (4, 11)]
    assert all("as a duration" in p[3] for p in problems)


def test_a_newer_format_asks_for_an_update(write_routine):
    result = load_routine(write_routine("format: 2\nname: X\nsteps:\n  - rest: 5s\n"))
    line, column, _, message = only(result)
    assert (line, column) == (1, 9)
    assert "newer than this version of BackRoutine" in message
    assert "update BackRoutine" in message


def test_duplicate_keys_point_at_the_second_and_name_the_first(write_routine):
    result = load_routine(write_routine("name: A\nsteps:\n  - rest: 5s\nname: B\n"))
    assert only(result) == (
        4,
        1,
        "error",
        "duplicate key 'name': it is already set on line 1; keep only one",
    )


def test_every_problem_of_a_file_in_one_pass_in_line_order(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            prepare: -1
            steps:
              - exercise: A
                hold: 0
              - rest: forever
              - 42
        """)
    )
    lines = [p[0] for p in found(result)]
    assert lines == sorted(lines)
    assert len(lines) == 5  # prepare, no instructions, hold, rest, step 3


def test_warnings_alone_keep_the_routine_runnable(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            steps:
              - exercise: A
                hold: 10s
                image: pictures/missing.svg
        """)
    )
    assert [(p[0], p[2]) for p in found(result)] == [(3, "warning"), (5, "warning")]
    assert "no instructions" in found(result)[0][3]
    assert "was not found" in found(result)[1][3]
    assert result.routine is not None


def test_an_image_the_app_cannot_show_is_a_warning(write_routine, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "fake.png").write_text("not a png")
    (tmp_path / "real.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    for image, ok in (("notes.txt", False), ("fake.png", False), ("real.png", True)):
        path = write_routine(
            f"name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"
            f"    image: {image}\n"
        )
        result = load_routine(path)
        if ok:
            assert result.problems == ()
            step = result.routine.steps[0]  # type: ignore[union-attr]
            assert step.image == (tmp_path / image).resolve()
        else:
            assert only(result)[2:] == (
                "warning",
                f"{image!r} is not a picture the app can show; "
                "use an SVG, PNG, JPEG, GIF or WebP file",
            )


@pytest.mark.parametrize(
    ("image", "words"),
    [
        ("../outside.svg", "points outside the routine's folder"),
        ("images/../../outside.svg", "points outside the routine's folder"),
        ("/etc/passwd", "must be a path relative to the routine's folder"),
        ("C:/Windows/win.ini", "must be a path relative to the routine's folder"),
    ],
)
def test_image_paths_may_not_leave_the_folder(write_routine, tmp_path, image, words):
    folder = tmp_path / "routines"
    path = write_routine(
        "name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"
        f"    image: {image}\n",
        folder=folder,
    )
    line, column, severity, message = only(load_routine(path))
    assert (line, column, severity) == (6, 12, "error")
    assert words in message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_an_image_link_pointing_out_of_the_folder_is_refused(write_routine, tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (folder / "images").mkdir()
    (folder / "images" / "link.svg").symlink_to(secret)
    (folder / "inside.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (folder / "images" / "ok.svg").symlink_to(folder / "inside.svg")
    bad = write_routine(
        "name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"
        "    image: images/link.svg\n",
        "bad.yaml",
        folder=folder,
    )
    assert "is a link to a file outside the routine's folder" in only(load_routine(bad))[3]
    good = write_routine(
        "name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"
        "    image: images/ok.svg\n",
        "good.yaml",
        folder=folder,
    )
    assert load_routine(good).problems == ()


def test_files_over_one_mebibyte_are_refused_without_reading_them_whole(write_routine):
    path = write_routine("name: X\nsteps:\n  - rest: 5s\n")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("# padding\n" * 110_000)
    started = time.perf_counter()
    line, column, severity, message = only(load_routine(path))
    assert time.perf_counter() - started < 0.5
    assert (line, column, severity) == (1, 1, "error")
    assert "at most 1 MiB" in message


def test_more_than_500_steps_is_refused(write_routine):
    steps = "".join("  - rest: 1s\n" for _ in range(501))
    line, column, _, message = only(load_routine(write_routine(f"name: X\nsteps:\n{steps}")))
    assert (line, column) == (3, 3)
    assert "501 steps; a routine may have at most 500" in message
    steps = "".join("  - rest: 1s\n" for _ in range(500))
    assert load_routine(write_routine(f"name: X\nsteps:\n{steps}")).ok


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name: !!python/object/apply:os.system [true]\nsteps: []\n", "tag !!python/object"),
        ("name: a\n---\nname: b\n", "a second YAML document"),
        ("name: ok\x00\nsteps: []\n", "binary data"),
    ],
)
def test_hostile_files_are_refused_with_a_position(write_routine, text, words):
    result = load_routine(write_routine(text))
    assert result.routine is None
    assert words in found(result)[0][3]


def test_billion_laughs_is_refused_quickly(write_routine):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path = write_routine("\n".join(lines) + "\n")
    started = time.perf_counter()
    result = load_routine(path)
    assert time.perf_counter() - started < 0.5
    assert "aliases" in found(result)[0][3]


def test_a_bad_file_name_is_a_warning_with_the_id_it_gets(write_routine):
    result = load_routine(write_routine("name: X\nsteps:\n  - rest: 5s\n", "My Stretch.yaml"))
    assert result.id == "my-stretch"
    line, column, severity, message = only(result)
    assert (line, column, severity) == (1, 1, "warning")
    assert "Rename it to my-stretch.yaml" in message


def test_an_unreadable_path_is_a_problem_not_a_crash(tmp_path):
    result = load_routine(tmp_path / "gone.yaml")
    assert only(result)[:3] == (1, 1, "error")
    assert "cannot read the file" in only(result)[3]


def test_merge_keys_share_a_dose(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            steps:
              - &base
                exercise: A
                instructions: Go.
                hold: 10s
                reps: 3
              - <<: *base
                exercise: B
        """)
    )
    assert result.problems == ()
    second = result.routine.steps[1]  # type: ignore[union-attr]
    assert isinstance(second, ExerciseStep)
    assert (second.name, second.dose.seconds, second.dose.reps) == ("B", 10.0, 3)


def test_text_is_kept_verbatim_never_interpreted(write_routine):
    result = load_routine(
        write_routine("""
            name: "<b>Bold</b> & <img src=x>"
            steps:
              - rest: 5s
                note: "<script>alert(1)</script>"
        """)
    )
    assert result.routine is not None
    assert result.routine.name == "<b>Bold</b> & <img src=x>"
    rest = result.routine.steps[0]
    assert isinstance(rest, RestStep) and rest.note == "<script>alert(1)</script>"


def test_the_problem_line_format(write_routine):
    path = write_routine("name: X\nsteps: 5\n")
    result = load_routine(path, display="routines/x.yaml")
    assert [str(p) for p in result.problems] == [
        "routines/x.yaml:2:8: error: steps must be a list; start each step with '- '"
    ]


def test_bundled_routines_have_no_problems():
    from backroutine.core.discovery import routine_files
    from backroutine.core.paths import bundled_routines_dir

    files = routine_files(bundled_routines_dir())
    assert len(files) >= 5
    for path in files:
        result = load_routine(path)
        assert result.problems == (), [str(p) for p in result.problems]
        routine = result.routine
        assert routine is not None
        for step in routine.steps:
            if isinstance(step, ExerciseStep):
                assert step.instructions, f"{path.name}: {step.name} has no instructions"
                assert step.image is not None and step.image.exists(), f"{path.name}: {step.name}"


@pytest.mark.parametrize(
    "text",
    [
        "name: !!bool maybe\nsteps:\n  - rest: 5s\n",
        'name: x\nsteps:\n  - exercise: a\n    hold: !!int ""\n',
        'name: x\nsteps:\n  - exercise: a\n    hold: !!float ""\n',
        "? [a, b]\n: c\nname: x\nsteps: []\n",
    ],
)
def test_odd_keys_and_tags_are_problems_not_crashes(write_routine, text):
    result = load_routine(write_routine(text))
    assert result.routine is None
    assert any(p.is_error for p in result.problems)


def test_a_key_is_read_by_its_text_whatever_its_tag(write_routine):
    result = load_routine(write_routine("name: x\nsteps:\n  - !!null rest: 5\n"))
    assert result.routine is not None
    assert result.routine.steps[0] == RestStep(5.0, line=3)


def test_random_damage_to_real_routines_never_raises(tmp_path):
    """A seeded fuzz: cut, duplicate and sprinkle YAML punctuation into the bundled files."""
    import random

    from backroutine.core.discovery import routine_files
    from backroutine.core.paths import bundled_routines_dir

    rng = random.Random(20261123)
    noise = ["!!", "&a ", "*a", ":", "- ", "[", "]", "{", "}", '"', "'", "\t", "\n  ", "0x", "~"]
    sources = [p.read_text(encoding="utf-8") for p in routine_files(bundled_routines_dir())]
    target = tmp_path / "fuzz.yaml"
    for _ in range(400):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            if rng.random() < 0.3:
                text = text[:at] + text[at + rng.randint(1, 20) :]
            else:
                text = text[:at] + rng.choice(noise) + text[at:]
        target.write_text(text, encoding="utf-8")
        result = load_routine(target)  # must not raise
        assert result.routine is not None or any(p.is_error for p in result.problems)


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        ("hold: 010", 10.0),  # YAML 1.1 would read octal 8
        ("hold: 1:30", 90.0),  # minutes:seconds, unquoted too
        ("hold: 1:02:03", 3723.0),
        ("hold: 10.0", 10.0),
    ],
)
def test_numbers_mean_what_a_person_wrote(write_routine, dose, expected):
    result = load_routine(write_routine(f"name: X\nsteps:\n  - exercise: A\n    {dose}\n"))
    assert result.routine is not None, [str(p) for p in result.problems]
    assert result.routine.steps[0].dose.seconds == expected  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "reps"),
    [("reps: 010", 10), ("reps: 08", 8), ("reps: 10.0", 10)],
)
def test_counts_are_decimal_whatever_yaml_1_1_says(write_routine, line, reps):
    result = load_routine(write_routine(f"name: X\nsteps:\n  - exercise: A\n    {line}\n"))
    assert result.routine is not None
    assert result.routine.steps[0].dose.reps == reps  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("hold: 1:5", "cannot read '1:5' as a duration"),
        ("reps: 0x10", "write reps as a plain number such as 10"),
        ("reps: 1_000", "write reps as a plain number such as 10"),
    ],
)
def test_ambiguous_numbers_are_refused(write_routine, line, words):
    result = load_routine(write_routine(f"name: X\nsteps:\n  - exercise: A\n    {line}\n"))
    assert result.routine is None
    assert any(words in p.message for p in result.problems)


def test_a_misspelt_exercise_key_hides_no_other_problem(write_routine):
    result = load_routine(
        write_routine("""
            name: X
            steps:
              - instructions: Lie down.
                exercize: Bridge
                hold: forever
                reps: 0
                sidez: both
        """)
    )
    assert [(p.line, p.column) for p in result.problems] == [(4, 5), (5, 11), (6, 11), (7, 5)]
    assert "did you mean 'exercise'?" in result.problems[0].message
    assert "did you mean 'sides'?" in result.problems[3].message


def test_choices_are_lower_case_like_the_schema_says(write_routine):
    result = load_routine(
        write_routine("name: X\nsteps:\n  - exercise: A\n    hold: 5s\n    sides: Both\n")
    )
    assert [p.message for p in result.problems if p.is_error] == [
        "sides must be one of: left, right, both; did you mean 'both'?"
    ]


def test_a_misspelt_name_is_reported_once(write_routine):
    result = load_routine(write_routine("nmae: X\nsteps:\n  - rest: 5s\n"))
    assert [p.message for p in result.problems] == [
        "unknown key 'nmae' in the routine; did you mean 'name'?"
    ]


def test_a_named_pipe_is_refused_without_waiting_for_it(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = load_routine(fifo)
    assert [p.message for p in result.problems] == ["not a regular file; give a .yaml file"]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_a_device_or_a_huge_file_is_refused_in_bounded_memory(tmp_path, device):
    import tracemalloc

    from ..special import make_special

    linked = tmp_path / "zero.yaml"
    linked.symlink_to(device)
    huge = make_special(tmp_path / "huge.yaml", "huge")
    tracemalloc.start()
    refused = load_routine(linked), load_routine(huge)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [p.message for p in refused[0].problems] == ["not a regular file; give a .yaml file"]
    assert "at most 1 MiB" in refused[1].problems[0].message
    assert peak < 2 * 1024 * 1024


@pytest.mark.parametrize("kind", ["pipe", "zero", "folder", "huge"])
def test_a_picture_that_is_not_a_picture_file_is_said_without_waiting(tmp_path, kind):
    from backroutine.core.validation import image_problem

    from ..special import make_special

    path = make_special(tmp_path / "roll.svg", kind, head=b"<svg>")
    problem = image_problem(path)
    assert problem is not None and "roll.svg" in problem
    said = {"huge": "MiB", "pipe": "pipe", "zero": "device", "folder": "folder"}
    assert said[kind] in problem


@pytest.mark.parametrize(
    ("file_name", "routine_id"),
    [("Étirement du matin.yaml", "etirement-du-matin"), ("ストレッチ.yaml", "routine-")],
)
def test_ids_from_non_ascii_names(write_routine, file_name, routine_id):
    result = load_routine(write_routine("name: X\nsteps:\n  - rest: 5s\n", file_name))
    assert result.id.startswith(routine_id)
    assert result.routine is not None


def test_pictures_that_reach_outside_themselves_or_are_huge_are_not_shown(write_routine, tmp_path):
    (tmp_path / "outside.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="/etc/hosts.png" width="10" height="10"/></svg>'
    )
    with open(tmp_path / "huge.png", "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(6 * 1024 * 1024)
    for image, words in (("outside.svg", "refers to other files"), ("huge.png", "at most 5 MiB")):
        path = write_routine(
            f"name: X\nsteps:\n  - exercise: A\n    instructions: Go.\n    hold: 5s\n"
            f"    image: {image}\n"
        )
        result = load_routine(path)
        assert result.routine is not None  # a warning: the step runs without its picture
        assert result.routine.steps[0].image is None  # type: ignore[union-attr]
        assert words in only(result)[3]
