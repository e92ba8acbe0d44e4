"""The PDF report in the person's language: every word the report itself writes goes
through the translation layer, and a right-to-left language mirrors the page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QTextDocument, QTextTable

from backroutine.core import i18n
from backroutine.core.discovery import known_routines
from backroutine.core.history import SessionStatus
from backroutine.core.history_records import SessionRecord
from backroutine.core.phrases import IT_HURTS
from backroutine.core.report import ExerciseLine, RatedSession, Report, RoutineSection, build_report
from backroutine.ui import report_pdf
from backroutine.ui.report_pdf import report_html, write_pdf

from ..pseudo_text import leftover

NAME, EXERCISE, NOTE = "Low back basics", "Pelvic tilt", "knees ok"


def core_words() -> tuple[str, str, str]:
    """What core writes into a section, in the language of the moment: the schedule,
    the adherence and an exercise's prescribed dose, from a real report on one
    session of the bundled program (whose first exercise is the Pelvic tilt)."""
    library = known_routines()
    routines = {e.id: e.result.routine for e in library.entries if e.result.routine}
    program = routines["low-back-basics"]
    record = SessionRecord(
        id=1,
        routine_id=program.id,
        routine_name=program.name,
        routine_hash=program.content_hash,
        started_at="2026-11-23T08:00:00+01:00",
        local_date="2026-11-23",
        planned_seconds=600.0,
        status="completed",
        ended_at=None,
        active_seconds=600.0,
        paused_seconds=0.0,
        pain_before=None,
        pain_after=None,
        effort=None,
        note="",
        periods=(),
    )
    made = datetime(2026, 11, 24, 16, 5)
    [section] = build_report([record], routines, date(2026, 11, 24), made).sections
    assert section.schedule and section.adherence and section.exercises
    return section.schedule, section.adherence, section.exercises[0].prescribed


def sample_report(pain: bool = True) -> Report:
    """Every part the report can show: statuses, a changed and a missing routine, more
    ratings and notes than are listed, a chart of weekly means."""
    schedule, adherence, prescribed = core_words()
    rated = tuple(
        RatedSession(f"2026-11-{day:02}T08:00:00+01:00", SessionStatus.COMPLETED, 600.0, 4, 3, 6)
        for day in range(1, 11)
    )
    section = RoutineSection(
        routine_id="low-back",
        name=NAME,
        schedule=schedule,
        count=14,
        statuses={
            SessionStatus.COMPLETED: 12,
            SessionStatus.STOPPED: 1,
            SessionStatus.INTERRUPTED: 1,
        },
        active_seconds=8400.0,
        first_started_at="2026-10-20T08:00:00+01:00",
        first_date="2026-10-20",
        exercises=(ExerciseLine(EXERCISE, prescribed, 10, 14, 130, 3, 2, 5.0, 4.6),),
        adherence=adherence,
        changed=True,
        missing=False,
        pain=tuple((datetime(2026, 10, 20 + d, 8), 4.0, 3.0) for d in range(10)) if pain else (),
        pain_days=7 if pain else 0,
        rated=rated,
        rated_count=14,
        newest_notes=tuple((f"2026-11-{d:02}", NOTE) for d in range(1, 11)),
        notes_count=13,
    )
    missing = RoutineSection(
        routine_id="gone",
        name="Old routine",
        schedule="",
        count=1,
        statuses={SessionStatus.STOPPED: 1},
        active_seconds=60.0,
        first_started_at="2026-11-03T09:00:00+01:00",
        first_date="2026-11-03",
        exercises=(),
        adherence="",
        changed=False,
        missing=True,
        pain=((datetime(2026, 11, 3, 9), 2.0, None),) if pain else (),
        rated=(RatedSession("2026-11-03T09:00:00+01:00", SessionStatus.STOPPED, 60, 2, None, 1),),
        rated_count=1,
        newest_notes=(("2026-11-03", NOTE),),
        notes_count=1,
    )
    made = datetime(2026, 11, 24, 16, 5)
    return Report(date(2026, 10, 1), date(2026, 11, 24), made, (section, missing))


def untranslated(text: str, report: Report) -> str:
    """The plain English words left in the text once the person's own data are taken
    out: the routines' and exercises' names and the notes (what core writes, such as
    the schedule or the dose, is not data: it goes through the layer too)."""
    data = [NOTE]
    for section in report.sections:
        data += [section.name, *(line.exercise for line in section.exercises)]
    return leftover(text, data)


def pdf_text(path: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return "\n".join(document.getAllText(page).text() for page in range(document.pageCount()))


def test_every_word_the_report_writes_is_in_the_persons_language(qapp) -> None:
    i18n.set_language(i18n.PSEUDO)
    report = sample_report()
    document = QTextDocument()
    document.setHtml(report_html(report, {"low-back": "chart-0.png"}))
    text = document.toPlainText()

    assert untranslated(text, report) == ""
    assert NAME in text and EXERCISE in text and NOTE in text  # the person's data as it is
    # And in English nothing is taken out but the data: the check can fail.
    i18n.set_language(i18n.ENGLISH)
    document.setHtml(report_html(report, {"low-back": "chart-0.png"}))
    assert "Home exercise report" in untranslated(document.toPlainText(), report)


def test_the_written_pdf_has_no_text_that_skipped_the_layer(qapp, tmp_path) -> None:
    i18n.set_language(i18n.PSEUDO)
    report = sample_report(pain=False)  # the pain chart is a picture, drawn elsewhere
    target = tmp_path / "report.pdf"

    write_pdf(report, target)

    text = pdf_text(target).replace("\r\n", " ").replace("\n", " ")
    assert "Pelvic tilt" in text
    assert untranslated(text, report) == ""


def test_counts_have_their_plural_forms(qapp) -> None:
    document = QTextDocument()
    document.setHtml(report_html(sample_report(), {"low-back": "chart-0.png"}))
    said = " ".join(document.toPlainText().split())

    assert "And 3 earlier notes;" in said and "And 4 earlier rated sessions;" in said
    assert "12 completed, 1 stopped, 1 interrupted" in said
    assert "14 sessions were rated in all." in said
    assert "Pain charts are drawn for the first 12 routines only" in said  # the other one


def test_a_right_to_left_report_mirrors_its_tables(qapp) -> None:
    i18n.set_language("ar")
    document = QTextDocument()
    document.setHtml(report_html(sample_report(), {}))
    cursor = document.find(i18n._(IT_HURTS))
    table = cursor.currentTable()

    assert table is not None
    assert table.cellAt(0, 0).firstCursorPosition().block().text() == i18n._(IT_HURTS)
    assert table.cellAt(1, table.columns() - 1).firstCursorPosition().block().text() == EXERCISE
    assert "dir='rtl'" in report_html(sample_report(), {})


@pytest.mark.parametrize(
    ("language", "family"), [("ja", "Noto Sans CJK JP"), ("zh_CN", "Noto Sans CJK SC")]
)
def test_chinese_and_japanese_each_ask_for_their_own_font(
    qapp, monkeypatch, language, family
) -> None:
    from PySide6.QtGui import QFontDatabase

    installed = ["DejaVu Sans", "Noto Sans CJK JP", "Noto Sans CJK SC"]
    monkeypatch.setattr(QFontDatabase, "families", staticmethod(lambda *args: installed))
    i18n.set_language(language)

    fonts = report_pdf._font_families()

    assert fonts.startswith(f"'{family}'") and fonts.endswith("sans-serif")


def laid_out_cells(report: Report) -> tuple[QTextDocument, list[tuple[str, list[str]]]]:
    """The report laid out on an A4 page as the PDF is, and each table cell's text
    with the lines it was broken into."""
    document = report_pdf.new_document()
    document.setPageSize(QSizeF(794, 1123))  # A4 in the document's units (1/96 inch)
    document.setHtml(report_html(report, {}))
    document.documentLayout().documentSize()  # laid out now
    cells = []
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        for row in range(frame.rows()):
            for column in range(frame.columns()):
                block = frame.cellAt(row, column).firstCursorPosition().block()
                layout, text = block.layout(), block.text()
                lines = [layout.lineAt(n) for n in range(layout.lineCount())]
                cells.append(
                    (
                        text,
                        [text[li.textStart() : li.textStart() + li.textLength()] for li in lines],
                    )
                )
    return document, cells


def a_report_with(exercise: str) -> Report:
    report = sample_report(pain=False)
    section = report.sections[0]
    line = section.exercises[0]
    changed = replace(section, exercises=(replace(line, exercise=exercise),))
    return replace(report, sections=(changed, *report.sections[1:]))


def test_german_table_words_are_never_broken_inside(qapp) -> None:
    i18n.set_language("de")
    name = "Hüftbeugerdehnung mit Rückenstreckung im Vierfüßlerstand"
    _document, cells = laid_out_cells(a_report_with(name))

    assert any(text == name for text, _lines in cells)
    for text, lines in cells:
        for line in lines[:-1]:  # where each line but the last ends: between words
            assert line[-1:].isspace(), (text, lines)
    numbers = [lines for text, lines in cells if text.isdigit() or ":" in text]
    assert numbers and all(len(lines) == 1 for lines in numbers)


def test_a_word_too_long_for_its_cell_breaks_with_a_hyphen_inside_the_page(qapp) -> None:
    i18n.set_language("de")
    word = "Hüftbeugerdehnungsübungsvariantenkombinationsbeispiel" * 2
    document, cells = laid_out_cells(a_report_with(word))

    [lines] = [lines for text, lines in cells if text.replace("\u00ad", "") == word]
    assert len(lines) > 1 and all(line.endswith("\u00ad") for line in lines[:-1])
    text_width = document.pageSize().width() - 2 * report_pdf.PAGE_MARGIN
    for frame in document.rootFrame().childFrames():
        assert document.documentLayout().frameBoundingRect(frame).width() <= text_width
