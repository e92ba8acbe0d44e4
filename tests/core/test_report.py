"""The clinician's report: prescribed against done, adherence, pain and notes, per routine."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from backroutine.core.discovery import known_routines
from backroutine.core.history import PeriodRecord, SessionRecord
from backroutine.core.report import NOTE_SHOWN, build_report

TODAY = date(2026, 11, 23)
MADE = datetime(2026, 11, 23, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def routines():
    library = known_routines()
    return {e.id: e.result.routine for e in library.entries if e.result.routine}


def session(
    number: int,
    day: date,
    routine_id: str = "low-back-basics",
    status: str = "completed",
    periods: tuple[PeriodRecord, ...] = (),
    pain: tuple[int | None, int | None] = (None, None),
    note: str = "",
    routine_hash: str | None = None,
) -> SessionRecord:
    found = routines()[routine_id]
    return SessionRecord(
        id=number,
        routine_id=routine_id,
        routine_name=found.name,
        routine_hash=routine_hash or found.content_hash,
        started_at=f"{day.isoformat()}T08:00:00+01:00",
        local_date=day.isoformat(),
        planned_seconds=600.0,
        status=status,
        ended_at=None,
        active_seconds=600.0,
        paused_seconds=0.0,
        pain_before=pain[0],
        pain_after=pain[1],
        effort=None,
        note=note,
        periods=periods,
    )


def tilts(done: int, skipped: int = 0, hurt: bool = False) -> tuple[PeriodRecord, ...]:
    rows = [
        PeriodRecord("Pelvic tilt", None, 1, rep, "hold", 5.0, 4.0 + rep % 2, "done", position=rep)
        for rep in range(1, done + 1)
    ]
    rows += [
        PeriodRecord("Pelvic tilt", None, 1, rep, "hold", 5.0, 1.0, "skipped", hurt, position=rep)
        for rep in range(done + 1, done + skipped + 1)
    ]
    return tuple(rows)


def test_a_program_shows_prescription_done_adherence_pain_and_notes():
    yesterday = TODAY - timedelta(days=1)
    sessions = [
        session(1, yesterday, periods=tilts(10), pain=(4, 3)),
        session(2, yesterday, periods=tilts(10), pain=(3, 3), note="Knees ok"),
        session(3, TODAY, periods=tilts(6, 4, hurt=True), status="stopped", pain=(3, 6)),
    ]
    report = build_report(sessions, routines(), TODAY, MADE)
    [section] = report.sections
    assert section.name == "Low back basics"
    assert section.schedule == "twice a day, every day"
    # Yesterday 2 of 2; today, whose sessions may still come, only counts what is done
    # (and the stopped one does not).
    assert section.adherence == "2 of 2 scheduled sessions (100%)"
    tilt = section.exercises[0]
    assert tilt.exercise == "Pelvic tilt"
    assert tilt.prescribed.startswith("10 x hold 5s")
    assert (tilt.per_session, tilt.sessions, tilt.done, tilt.skipped, tilt.hurt) == (
        10,
        3,
        26,
        4,
        4,
    )
    assert tilt.done_text == "26 of 30"
    assert tilt.hold_text == "4.5s of 5s"  # held 4 or 5 s each, of the 5 s prescribed
    bridge = next(line for line in section.exercises if line.exercise == "Bridge")
    assert bridge.done_text == "not reached"
    assert [(p[1], p[2]) for p in section.pain] == [(4, 3), (3, 3), (3, 6)]
    assert section.notes == [(yesterday.isoformat(), "Knees ok")]


def test_the_report_covers_the_last_90_days_unless_told_otherwise():
    old = session(1, TODAY - timedelta(days=120), routine_id="desk-break")
    recent = session(2, TODAY - timedelta(days=10), routine_id="desk-break")
    report = build_report([old, recent], routines(), TODAY, MADE)
    assert report.since == TODAY - timedelta(days=89)
    [section] = report.sections
    assert (section.count, section.first_date) == (1, recent.local_date)
    report = build_report([old, recent], routines(), TODAY, MADE, since=TODAY - timedelta(days=200))
    assert report.sessions == 2


def test_programs_come_first_and_a_changed_or_missing_routine_is_said():
    sessions = [
        session(1, TODAY, routine_id="desk-break"),
        session(2, TODAY, routine_hash="an older version"),
        session(3, TODAY, routine_id="camel-pose"),
    ]
    known = routines()
    del known["camel-pose"]
    report = build_report(sessions, known, TODAY, MADE)
    assert [s.routine_id for s in report.sections] == [
        "low-back-basics",
        "camel-pose",
        "desk-break",
    ]
    program, gone, desk = report.sections
    assert program.changed and not desk.changed
    assert gone.missing and gone.exercises == () and gone.name == "Camel pose"
    assert desk.adherence == ""  # no schedule, nothing to adhere to


def test_an_exercise_in_two_steps_is_counted_once_in_each(write_routine):
    from backroutine.core.timeline import expand_timeline
    from backroutine.core.validation import load_routine

    routine = load_routine(
        write_routine(
            "name: Twice\nprepare: 0\nsteps:\n"
            "  - exercise: Cat-cow\n    reps: 3\n"
            "  - exercise: Bridge\n    hold: 5s\n"
            "  - exercise: Cat-cow\n    reps: 3\n"
        )
    ).routine
    timeline = expand_timeline(routine)
    periods = tuple(
        PeriodRecord(p.exercise, None, 1, p.rep, p.kind.value, p.seconds, 3.0, "done", position=i)
        for i, p in enumerate(timeline.periods)
        if p.kind.is_work
    )
    done = SessionRecord(
        1,
        routine.id,
        "Twice",
        routine.content_hash,
        "2026-11-23T08:00:00+01:00",
        "2026-11-23",
        30.0,
        "completed",
        None,
        30.0,
        0.0,
        None,
        None,
        None,
        "",
        periods,
    )
    [section] = build_report([done], {routine.id: routine}, TODAY, MADE).sections
    assert [(line.exercise, line.done_text) for line in section.exercises] == [
        ("Cat-cow", "3 of 3"),
        ("Bridge", "1 of 1"),
        ("Cat-cow", "3 of 3"),
    ]


def test_a_long_note_shows_its_start_and_says_where_the_rest_is():
    long = "Stiff at first. " + "x" * 100_000 + " THE END"
    sessions = [session(1, TODAY, note=long), session(2, TODAY, note="y" * NOTE_SHOWN)]
    [section] = build_report(sessions, routines(), TODAY, MADE).sections
    (_, shown), (_, short) = section.notes
    assert shown.startswith("Stiff at first. xxx") and "THE END" not in shown
    assert shown.endswith("(the whole note is in the CSV/JSON export)")
    assert len(shown) < NOTE_SHOWN + 60
    assert short == "y" * NOTE_SHOWN  # a note that fits is shown whole, with no mark
    assert sessions[0].note == long  # the record itself keeps it all
