"""The report for a clinician as a PDF, written with Qt's own PDF writer.

The layout is an HTML document (QTextDocument) printed onto A4 pages; every
text that came from the person or a routine file is escaped first.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import tempfile
from collections.abc import Mapping, Sized
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from .. import __version__
from ..core.durations import format_clock
from ..core.export import check_target
from ..core.history import History, HistoryError, Notice, SessionStatus, local_now
from ..core.model import Routine
from ..core.report import DEFAULT_DAYS, Report, RoutineSection, build_report
from .charts import chart_image, pain_chart

CHART_SIZE = QSize(620, 250)  # the text width of an A4 page; drawn at twice this
MAX_CHARTS = 12  # pain charts for the first routines only: each costs a page's worth of time
PAGE_MARGIN = round(2 / 2.54 * 96)  # 2 cm, in the document's units (1/96 inch)

STYLE = """
body { font-family: sans-serif; font-size: 10pt; color: #1d2327; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 18px; margin-bottom: 4px; color: #1f6f67; }
h3 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 4px; }
.small { font-size: 8.5pt; color: #555; }
th { background-color: #e4efee; text-align: left; }
td, th { padding: 3px 6px; }
"""


# Control characters (NUL among them) have no place in a page: shown as U+FFFD.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_EMBEDDINGS = re.compile("[\u202a-\u202e]")  # each runs to a U+202C, or the paragraph's end
_ISOLATES = re.compile("[\u2066-\u2068]")  # each runs to a U+2069, or the paragraph's end


def _e(text: object) -> str:
    """Text from the person or a routine file, safe in the report's HTML: escaped, and
    a right-to-left override or isolate in it closed where it ends."""
    plain = _CONTROLS.sub("\ufffd", str(text))
    closing = "\u202c" * len(_EMBEDDINGS.findall(plain)) + "\u2069" * len(_ISOLATES.findall(plain))
    return html.escape(plain + closing)


def _date(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d %b %Y").lstrip("0")


def report_html(report: Report, charts: dict[str, str]) -> str:
    """The report as HTML; charts maps a section's routine id to its chart's resource."""
    parts = [
        "<h1>Home exercise report</h1>",
        f"<p>Sessions from {_date(report.since.isoformat())} to "
        f"{_date(report.until.isoformat())}: {report.sessions} in all.</p>",
        f"<p class='small'>Made on {_date(report.made.isoformat())} at "
        f"{report.made.strftime('%H:%M')} with BackRoutine {_e(__version__)}. "
        "Times are as the app measured them; pain and effort are the person's own "
        "ratings (0 none, 10 worst). Not a clinical measurement.</p>",
    ]
    if not report.sections:
        parts.append("<p>No sessions in this period.</p>")
    for section in report.sections:
        parts += _section_html(section, charts.get(section.routine_id))
    return f"<html><head><style>{STYLE}</style></head><body>{''.join(parts)}</body></html>"


def _section_html(section: RoutineSection, chart: str | None) -> list[str]:
    told = ", ".join(
        f"{section.statuses[status]} {status.label}"
        for status in (SessionStatus.COMPLETED, SessionStatus.STOPPED, SessionStatus.INTERRUPTED)
        if section.statuses.get(status)
    )
    facts = []
    if section.schedule:
        facts.append(f"<b>Prescribed:</b> {_e(section.schedule)}")
    if section.adherence:
        facts.append(f"<b>Adherence:</b> {_e(section.adherence)}")
    facts.append(
        f"<b>Sessions:</b> {section.count} ({told}), "
        f"{format_clock(section.active_seconds)} of exercise in all, "
        f"from {_date(section.first_started_at)}"
    )
    parts = [f"<h2>{_e(section.name)}</h2>", "".join(f"<p>{fact}</p>" for fact in facts)]
    if section.missing:
        parts.append(
            "<p class='small'>The routine file is no longer in the library, so its "
            "prescription cannot be shown.</p>"
        )
    elif section.changed:
        parts.append(
            "<p class='small'>The routine was changed during this period; the "
            "prescription below is its current one.</p>"
        )
    if section.exercises:
        rows = [
            "<tr><th>Exercise</th><th>Prescribed, each session</th><th>Done</th>"
            "<th>Mean hold</th><th>Skipped</th><th>It hurts</th></tr>"
        ]
        for line in section.exercises:
            rows.append(
                f"<tr><td>{_e(line.exercise)}</td><td>{_e(line.prescribed)}</td>"
                f"<td>{_e(line.done_text)}</td><td>{_e(line.hold_text)}</td>"
                f"<td>{line.skipped or ''}</td><td>{line.hurt or ''}</td></tr>"
            )
        parts.append(
            "<table border='1' cellspacing='0' width='100%' style='border-color:#c9d3d2'>"
            + "".join(rows)
            + "</table>"
        )
    if chart:
        parts.append(f"<p><img src='{chart}' width='{CHART_SIZE.width()}'></p>")
        if section.pain_days:
            parts.append(f"<p class='small'>{_averaged(section)}</p>")
    elif section.pain:
        parts.append(
            f"<p class='small'>Pain charts are drawn for the first {MAX_CHARTS} routines "
            "only; the ratings are below.</p>"
        )
    if section.rated:
        heading, rest = _newest("Ratings", section.rated, section.rated_count, "rated sessions")
        rows = [
            "<tr><th>Date</th><th>Status</th><th>Active</th><th>Pain before</th>"
            "<th>Pain after</th><th>Effort</th></tr>"
        ]
        for session in section.rated:
            rows.append(
                f"<tr><td>{_short_date(session.started_at)} {session.started_at[11:16]}</td>"
                f"<td>{session.status.label}</td>"
                f"<td>{format_clock(session.active_seconds or 0)}</td>"
                f"<td>{_blank(session.pain_before)}</td><td>{_blank(session.pain_after)}</td>"
                f"<td>{_blank(session.effort)}</td></tr>"
            )
        parts.append(heading)
        parts.append(
            "<table border='1' cellspacing='0' style='border-color:#c9d3d2'>"
            + "".join(rows)
            + "</table>"
        )
        parts += rest
    if section.newest_notes:
        heading, rest = _newest("Notes", section.newest_notes, section.notes_count, "notes")
        parts.append(heading)
        parts += [f"<p>{_date(day)}: {_e(note)}</p>" for day, note in section.newest_notes]
        parts += rest
    return parts


def _newest(title: str, shown: Sized, count: int, what: str) -> tuple[str, list[str]]:
    """The heading over the newest of count things, and what is said of the others."""
    if count <= len(shown):
        return f"<h3>{title}</h3>", []
    return f"<h3>{title}, the last {len(shown)}</h3>", [
        f"<p class='small'>And {count - len(shown)} earlier {what}; the CSV/JSON export "
        "holds all of them.</p>"
    ]


def _averaged(section: RoutineSection) -> str:
    """What each point of a chart of means stands for: said, as it is no one session."""
    days = section.pain_days
    span = "a day's" if days == 1 else "a week's" if days == 7 else f"{days} days'"
    return (
        f"Each point is the mean of {span} ratings ({section.rated_count} rated "
        "sessions in all), not one session's."
    )


def _short_date(iso: str) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d %b").lstrip("0")


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def write_pdf(report: Report, path: Path) -> None:
    """Write the report to path (A4). Raises OSError when the file cannot be written."""
    check_target(path)
    # Written beside the target and renamed over it once whole: Qt's writer says
    # nothing when it cannot write, so the result is checked before it counts.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf", dir=path.parent)
    os.close(handle)
    try:
        writer = QPdfWriter(temp)
        writer.setTitle("Home exercise report")
        writer.setCreator(f"BackRoutine {__version__}")
        writer.setResolution(150)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),  # the document keeps its own margins (_document)
                QPageLayout.Unit.Millimeter,
            )
        )
        _print(_document(report, writer), writer)
        del writer  # the file is complete once the writer is gone
        with open(temp, "rb") as written:
            if written.read(5) != b"%PDF-":
                raise OSError(f"the PDF could not be written to {path}")
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _document(report: Report, writer: QPdfWriter) -> QTextDocument:
    """The report as a document laid out for the writer's pages (made once: printing
    it as it is makes no copy to lay out again)."""
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDocumentMargin(PAGE_MARGIN)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    charts: dict[str, str] = {}
    for number, section in enumerate(report.sections):
        if section.pain and len(charts) < MAX_CHARTS:
            name = f"chart-{number}.png"
            # A point may be a mean (not a whole number): the chart draws it all the same.
            points = cast("list[tuple[datetime, int | None, int | None]]", section.pain)
            chart = pain_chart(points, section.first_day, report.until)
            image = chart_image(chart, CHART_SIZE, scale=2)
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
            charts[section.routine_id] = name
    document.setHtml(report_html(report, charts))
    return document


def _print(document: QTextDocument, writer: QPdfWriter) -> None:
    """Each page of the document, its number at the foot on the right."""
    page = QSizeF(writer.width(), writer.height())
    margin = PAGE_MARGIN * writer.logicalDpiY() / 96  # the layout's units are 1/96 inch
    painter = QPainter(writer)
    if not painter.isActive():
        raise OSError("the PDF could not be started")
    try:
        painter.setFont(document.defaultFont())
        metrics = painter.fontMetrics()
        for index in range(document.pageCount()):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page.height())
            document.drawContents(
                painter, QRectF(0, index * page.height(), page.width(), page.height())
            )
            painter.restore()
            number = str(index + 1)
            painter.drawText(
                QPointF(
                    page.width() - margin - metrics.horizontalAdvance(number),
                    page.height() - margin + metrics.ascent() + 5 * writer.logicalDpiY() / 72,
                ),
                number,
            )
    finally:
        painter.end()


def report_from_history(
    history: History | None,
    routines: Mapping[str, Routine],
    path: Path,
    since: date | None = None,
) -> int:
    """The report over the last 90 days (or from since), written to path as a PDF;
    returns the number of sessions in it. Raises OSError, HistoryError."""
    now = local_now()
    start = since if since is not None else now.date() - timedelta(days=DEFAULT_DAYS - 1)
    # Read a batch at a time and tallied as it comes: memory stays flat at any length.
    sessions = history.iter_sessions(since=start) if history is not None else ()
    report = build_report(sessions, routines, now.date(), now, since=start)
    write_pdf(report, path)
    return report.sessions


def make_report_pdf(path: Path, since: date | None, notices: list[Notice] | None = None) -> int:
    """The command line's PDF: the history and the library read here, no window shown.
    Returns the number of sessions in the report. Raises HistoryError, OSError.

    A damaged history gives a report of what can be read of it, and a notice (added
    to notices) of how much that is; the file is not changed."""
    import sqlite3

    from PySide6.QtWidgets import QApplication

    from ..core.discovery import known_routines
    from ..core.paths import user_paths

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a file, not a window
    # Only a program name: Qt must not see the command line (see ui/app.py).
    _app = QApplication.instance() or QApplication(["backroutine"])
    routines = {e.id: e.result.routine for e in known_routines().entries if e.result.routine}
    history_path = user_paths().history_file
    if not history_path.exists():
        return report_from_history(None, routines, path, since)
    history = History.open_read_only(history_path, notices=notices)
    try:
        return report_from_history(history, routines, path, since)
    except HistoryError as exc:  # damage further in than opening looks (a large file)
        if not isinstance(exc.__cause__, sqlite3.DatabaseError):
            raise
        salvaged = History.read_damaged(history_path, exc.__cause__, notices=notices)
    finally:
        history.close()
    try:
        return report_from_history(salvaged, routines, path, since)
    finally:
        salvaged.close()
