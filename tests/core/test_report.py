"""The clinician's report: prescribed against done, adherence, pain and notes, per routine."""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta, timezone

import pytest

from backroutine.core import i18n
from backroutine.core.discovery import known_routines
from backroutine.core.history_records import PeriodRecord, SessionRecord
from backroutine.core.report import (
    NOTE_SHOWN,
    NOTES_SHOWN,
    PAIN_POINTS,
    RATED_ROWS,
    build_report,
)

TODAY = date(2026, 11, 23)
MADE = datetime(2026, 11, 23, 18, 0, tzinfo=timezone(timedelta(hours=1)))


def routines():
    library = known_routines()
    return {e.id: e.result.routine for e in library.entries if e.result.routine}


library = functools.cache(routines)  # read only, unlike routines()


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
    found = library()[routine_id]
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
    assert tilt.prescribed.startswith("10 x hold 5 s")
    assert (tilt.per_session, tilt.sessions, tilt.done, tilt.skipped, tilt.hurt) == (
        10,
        3,
        26,
        4,
        4,
    )
    assert tilt.done_text == "26 of 30"
    assert tilt.hold_text == "4.5 s of 5 s"  # held 4 or 5 s each, of the 5 s prescribed
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


def many(count: int, days: int) -> list[SessionRecord]:
    """count sessions of the program over the last `days` days, oldest first: some
    stopped, some skipping (and hurting), all rated, every other one with a note."""
    return [
        session(
            number + 1,
            TODAY - timedelta(days=days - 1 - number * days // count),
            status="stopped" if number % 9 == 0 else "completed",
            periods=tilts(10 - number % 4, number % 4, hurt=number % 3 == 0),
            pain=(number % 7, number % 5),
            note=f"note {number}" if number % 2 else "",
        )
        for number in range(count)
    ]


def test_a_long_period_is_read_once_and_its_numbers_are_those_of_every_session():
    sessions = many(3000, days=90)
    given = iter(sessions)  # taken one at a time, once: nothing is gathered first
    [section] = build_report(given, routines(), TODAY, MADE).sections
    assert next(given, None) is None
    assert section.count == 3000 and section.statuses == {"completed": 2666, "stopped": 334}
    tilt = section.exercises[0]
    periods = [p for s in sessions for p in s.periods]
    assert (tilt.sessions, tilt.done, tilt.skipped, tilt.hurt) == (
        3000,
        sum(p.status == "done" for p in periods),
        sum(p.status == "skipped" for p in periods),
        sum(p.hurt for p in periods),
    )
    held = [p.actual_seconds for p in periods if p.status == "done"]
    assert tilt.mean_hold == pytest.approx(sum(held) / len(held))
    # Adherence: each day's completed sessions, at most the two prescribed; today's
    # count only for what was done.
    per_day: dict[str, int] = {}
    for s in sessions:
        per_day[s.local_date] = per_day.get(s.local_date, 0) + (s.status == "completed")
    done = sum(min(n, 2) for n in per_day.values())
    target = 2 * (len(per_day) - 1) + min(per_day[TODAY.isoformat()], 2)
    assert (
        section.adherence
        == f"{done} of {target} scheduled sessions ({round(100 * done / target)}%)"
    )


def test_a_long_period_keeps_the_newest_notes_and_ratings_and_says_how_many_more():
    sessions = many(3000, days=90)
    [section] = build_report(sessions, routines(), TODAY, MADE).sections
    noted = [(s.local_date, s.note) for s in sessions if s.note]
    assert section.notes == noted[-NOTES_SHOWN:] and section.notes_count == len(noted) == 1500
    assert section.rated_count == 3000 and len(section.rated) == RATED_ROWS
    assert [(r.pain_before, r.pain_after) for r in section.rated] == [
        (s.pain_before, s.pain_after) for s in sessions[-RATED_ROWS:]
    ]


def test_many_ratings_are_charted_as_the_mean_of_each_day():
    sessions = many(3000, days=90)
    [section] = build_report(sessions, routines(), TODAY, MADE).sections
    assert section.pain_days == 1 and len(section.pain) == 90
    for when, before, after in section.pain:
        that_day = [s for s in sessions if s.local_date == when.date().isoformat()]
        assert before == pytest.approx(sum(s.pain_before or 0 for s in that_day) / len(that_day))
        assert after == pytest.approx(sum(s.pain_after or 0 for s in that_day) / len(that_day))
    # A handful of ratings is still charted one by one.
    [few] = build_report(sessions[-PAIN_POINTS:], routines(), TODAY, MADE).sections
    assert few.pain_days == 0 and len(few.pain) == PAIN_POINTS


def test_ratings_over_years_are_charted_in_a_bounded_number_of_points():
    sessions = many(4000, days=5 * 365)
    since = TODAY - timedelta(days=5 * 365)
    [section] = build_report(sessions, routines(), TODAY, MADE, since=since).sections
    assert section.pain_days == 14 and 0 < len(section.pain) <= PAIN_POINTS
    moments = [when for when, _before, _after in section.pain]
    assert moments == sorted(moments)
    first = [s for s in sessions if (s.day - sessions[0].day).days < 14]
    assert section.pain[0][1] == pytest.approx(sum(s.pain_before or 0 for s in first) / len(first))


def test_the_reports_words_are_the_persons_language_with_their_numbers_intact():
    yesterday = TODAY - timedelta(days=1)
    long_note = "Knees ok. " * 80
    sessions = [
        session(1, yesterday, periods=tilts(10), pain=(4, 3)),
        session(2, yesterday, periods=tilts(10), pain=(3, 3), note=long_note),
        session(3, TODAY, periods=tilts(6, 4), status="stopped"),
    ]
    i18n.set_language("de", "de_DE")
    [section] = build_report(sessions, routines(), TODAY, MADE).sections
    assert "(100\u00a0%)" in section.adherence  # a percentage as German writes it
    i18n.set_language(i18n.PSEUDO)
    [section] = build_report(sessions, routines(), TODAY, MADE).sections
    tilt = section.exercises[0]
    bridge = next(line for line in section.exercises if line.exercise == "Bridge")
    for text in (section.adherence, tilt.done_text, tilt.hold_text, bridge.done_text):
        assert text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE), text
    assert "2" in section.adherence and "100" in section.adherence
    assert "26" in tilt.done_text and "30" in tilt.done_text
    [(_day, note)] = section.notes
    assert note.startswith(i18n.PSEUDO_OPEN + "Knees ok.")  # the person's words untouched
    assert len(note) < len(long_note)
