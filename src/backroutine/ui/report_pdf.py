"""The report for a clinician as a PDF, written with Qt's own PDF writer.

The layout is an HTML document (QTextDocument) printed onto A4 pages; every
text that came from the person or a routine file is escaped first.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSize, QSizeF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument, QTextOption

from .. import __version__
from ..core import i18n
from ..core.durations import format_clock
from ..core.export import check_target
from ..core.history import History, HistoryError, Notice, SessionStatus, local_now
from ..core.i18n import _, ngettext, pgettext
from ..core.model import Routine
from ..core.phrases import IT_HURTS
from ..core.report import DEFAULT_DAYS, Report, RoutineSection, build_report
from .charts import chart_image, pain_chart

log = logging.getLogger(__name__)

CHART_SIZE = QSize(620, 250)  # the text width of an A4 page; drawn at twice this
MAX_CHARTS = 12  # pain charts for the first routines only: each costs a page's worth of time
PAGE_MARGIN = round(2 / 2.54 * 96)  # 2 cm, in the document's units (1/96 inch)

STYLE = """
body { font-family: %(fonts)s; font-size: 10pt; color: #1d2327; }
h1 { font-size: 18pt; margin-bottom: 2px; }
h2 { font-size: 13pt; margin-top: 18px; margin-bottom: 4px; color: #1f6f67; }
h3 { font-size: 10.5pt; margin-top: 10px; margin-bottom: 2px; }
p { margin-top: 2px; margin-bottom: 4px; }
.small { font-size: 8.5pt; color: #555; }
th { background-color: #e4efee; text-align: %(start)s; }
td, th { padding: 3px 6px; }
.number { white-space: nowrap; }
"""

# The share of the page's width each table column is given (it grows to fit a word
# that would not fit in it, the others giving way): the exercise column and the
# prescription wide, the numbers narrow.
EXERCISE_COLUMNS = (22, 30, 14, 14, 12, 8)
RATING_COLUMNS = (22, 20, 12, 16, 16, 14)
# A word of more than this many characters may not fit in a table cell (or, with
# twice as many, on a page's line): it gets soft hyphens, where it may break
# with a hyphen shown, rather than run out of its cell or off the page.
LONG_WORD = 20


# Control characters (NUL among them) have no place in a page: shown as U+FFFD.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
_EMBEDDINGS = re.compile("[\u202a-\u202e]")  # each runs to a U+202C, or the paragraph's end
_ISOLATES = re.compile("[\u2066-\u2068]")  # each runs to a U+2069, or the paragraph's end
# A run of characters with no place to break a line between them (Chinese and Japanese
# may break between any two of theirs, so they end a run).
_UNBREAKABLE = "[^\\s\u00ad\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"


def _e(text: object, longest: int = 2 * LONG_WORD) -> str:
    """Text from the person or a routine file, safe in the report's HTML: escaped, a
    right-to-left override or isolate in it closed where it ends, and a word longer
    than ``longest`` characters made breakable."""
    plain = _CONTROLS.sub("\ufffd", str(text))
    closing = "\u202c" * len(_EMBEDDINGS.findall(plain)) + "\u2069" * len(_ISOLATES.findall(plain))
    return html.escape(breakable(plain, longest) + closing)


def breakable(text: str, longest: int = LONG_WORD) -> str:
    """The text with a soft hyphen every ``longest // 2`` characters of a word longer
    than ``longest``: lines are broken between words only (the report's text option),
    so that such a word could otherwise not be broken at all."""
    step = max(3, longest // 2)

    def hyphenated(match: re.Match[str]) -> str:
        word = match.group()
        cuts = [0, *range(step, len(word) - 2, step), len(word)]  # no stub of 1 or 2 last
        return "\u00ad".join(word[start:end] for start, end in itertools.pairwise(cuts))

    if len(text) <= longest:
        return text
    return re.sub(f"{_UNBREAKABLE}{{{longest + 1},}}", hyphenated, text)


# A space between a number and its unit ("5 s", "10 秒"): kept on one line with it.
_NUMBER_AND_UNIT = re.compile(r"(?<=\d) (?=[^\s\d]{1,3}(?:[\s/]|$))")


def _glued(text: str) -> str:
    return _NUMBER_AND_UNIT.sub("\u00a0", text)


def _date(iso: str) -> str:
    return i18n.format_date(date.fromisoformat(iso[:10]))


def _title() -> str:
    # Translators: the title of the PDF report a person gives their clinician.
    return _("Home exercise report")


def report_html(report: Report, charts: dict[str, str]) -> str:
    """The report as HTML, in the person's language (right to left where it is
    written so); charts maps a section's routine id to its chart's resource."""
    since, until = _date(report.since.isoformat()), _date(report.until.isoformat())
    parts = [
        f"<h1>{_title()}</h1>",
        "<p>"
        + ngettext(
            "Sessions from {since} to {until}: {count} in all.",
            "Sessions from {since} to {until}: {count} in all.",
            report.sessions,
        ).format(since=since, until=until, count=report.sessions)
        + "</p>",
        "<p class='small'>"
        + _("Made on {date} at {time} with BackRoutine {version}.").format(
            date=_date(report.made.isoformat()),
            time=i18n.format_time(report.made),
            version=_e(__version__),
        )
        + " "
        + _(
            "Times are as the app measured them; pain and effort are the person's own "
            "ratings (0 none, 10 worst). Not a clinical measurement."
        )
        + "</p>",
    ]
    if not report.sections:
        parts.append(f"<p>{_('No sessions in this period.')}</p>")
    for section in report.sections:
        parts += _section_html(section, charts.get(section.routine_id))
    style = STYLE % {"fonts": _font_families(), "start": _start()}
    direction = "rtl" if i18n.is_right_to_left() else "ltr"
    return (
        f"<html dir='{direction}'><head><style>{style}</style></head>"
        f"<body dir='{direction}'>{''.join(parts)}</body></html>"
    )


def _told(section: RoutineSection) -> str:
    """ "3 completed, 1 stopped": the sessions of a routine by how they ended."""
    said = []
    for status in (SessionStatus.COMPLETED, SessionStatus.STOPPED, SessionStatus.INTERRUPTED):
        count = section.statuses.get(status)
        if not count:
            continue
        if status is SessionStatus.COMPLETED:
            # Translators: a number of sessions done to their end, in the report.
            text = ngettext("{count} completed", "{count} completed", count)
        elif status is SessionStatus.STOPPED:
            # Translators: a number of sessions ended early, in the report.
            text = ngettext("{count} stopped", "{count} stopped", count)
        else:
            # Translators: a number of sessions cut short by the app or computer closing.
            text = ngettext("{count} interrupted", "{count} interrupted", count)
        said.append(text.format(count=count))
    # Translators: what comes between the items of a list, as in "3 completed, 1 stopped".
    return pgettext("list", ", ").join(said)


def _section_html(section: RoutineSection, chart: str | None) -> list[str]:
    facts = []
    if section.schedule:
        # Translators: before how often the clinician prescribed a routine.
        facts.append(_("<b>Prescribed:</b> {schedule}").format(schedule=_e(section.schedule)))
    if section.adherence:
        # Translators: before how many of the scheduled sessions were done.
        facts.append(_("<b>Adherence:</b> {adherence}").format(adherence=_e(section.adherence)))
    facts.append(
        # Translators: {statuses} is a list such as "3 completed, 1 stopped"; {active}
        # a time such as 2:45:10; {first} the date of the first session.
        ngettext(
            "<b>Sessions:</b> {count} ({statuses}), {active} of exercise in all, from {first}",
            "<b>Sessions:</b> {count} ({statuses}), {active} of exercise in all, from {first}",
            section.count,
        ).format(
            count=section.count,
            statuses=_told(section),
            active=format_clock(section.active_seconds),
            first=_date(section.first_started_at),
        )
    )
    parts = [f"<h2>{_e(section.name)}</h2>", "".join(f"<p>{fact}</p>" for fact in facts)]
    if section.missing:
        parts.append(
            "<p class='small'>"
            + _(
                "The routine file is no longer in the library, so its prescription cannot be shown."
            )
            + "</p>"
        )
    elif section.changed:
        parts.append(
            "<p class='small'>"
            + _(
                "The routine was changed during this period; the "
                "prescription below is its current one."
            )
            + "</p>"
        )
    if section.exercises:
        rows = [
            _heading_row(
                # Translators: report table headings, one column each.
                pgettext("report column", "Exercise"),
                pgettext("report column", "Prescribed, each session"),
                # Translators: how many of the prescribed reps or holds were done.
                pgettext("report column", "Done"),
                # Translators: the mean time an exercise was held (kept still).
                pgettext("report column", "Mean hold"),
                # Translators: how many times the person skipped the exercise.
                pgettext("report column", "Skipped"),
                _(IT_HURTS),
                widths=EXERCISE_COLUMNS,
            )
        ]
        for line in section.exercises:
            rows.append(
                _row(
                    _e(line.exercise, LONG_WORD),
                    _glued(_e(line.prescribed, LONG_WORD)),
                    _glued(_e(line.done_text, LONG_WORD)),
                    _glued(_e(line.hold_text, LONG_WORD)),
                    str(line.skipped or ""),
                    str(line.hurt or ""),
                    numbers=2,
                )
            )
        parts.append(_table(rows))
    if chart:
        parts.append(f"<p><img src='{chart}' width='{CHART_SIZE.width()}'></p>")
        if section.pain_days:
            parts.append(f"<p class='small'>{_averaged(section)}</p>")
    elif section.pain:
        parts.append(
            "<p class='small'>"
            + ngettext(
                "Pain charts are drawn for the first routine only; the ratings are below.",
                "Pain charts are drawn for the first {count} routines only; the ratings are below.",
                MAX_CHARTS,
            ).format(count=MAX_CHARTS)
            + "</p>"
        )
    if section.rated:
        shown = len(section.rated)
        heading, rest = _newest(
            shown,
            section.rated_count,
            # Translators: the heading over the table of a routine's rated sessions.
            _("Ratings"),
            ngettext("Ratings, the last {count}", "Ratings, the last {count}", shown),
            ngettext(
                "And {count} earlier rated session; the CSV/JSON export holds all of them.",
                "And {count} earlier rated sessions; the CSV/JSON export holds all of them.",
                section.rated_count - shown,
            ),
        )
        rows = [
            _heading_row(
                pgettext("report column", "Date"),
                pgettext("report column", "Status"),
                # Translators: the time spent exercising in a session.
                pgettext("report column", "Active"),
                # Translators: the pain rating (0 to 10) given before a session.
                pgettext("report column", "Pain before"),
                pgettext("report column", "Pain after"),
                # Translators: how hard the session felt, rated 0 to 10.
                pgettext("report column", "Effort"),
                widths=RATING_COLUMNS,
            )
        ]
        for session in section.rated:
            rows.append(
                _row(
                    _moment(session.started_at),
                    _e(session.status.label, LONG_WORD),
                    format_clock(session.active_seconds or 0),
                    _blank(session.pain_before),
                    _blank(session.pain_after),
                    _blank(session.effort),
                    numbers=4,
                )
            )
        parts.append(heading)
        parts.append(_table(rows))
        parts += rest
    if section.newest_notes:
        shown = len(section.newest_notes)
        heading, rest = _newest(
            shown,
            section.notes_count,
            # Translators: the heading over the notes the person wrote after sessions.
            _("Notes"),
            ngettext("Notes, the last {count}", "Notes, the last {count}", shown),
            ngettext(
                "And {count} earlier note; the CSV/JSON export holds all of them.",
                "And {count} earlier notes; the CSV/JSON export holds all of them.",
                section.notes_count - shown,
            ),
        )
        parts.append(heading)
        parts += [
            # Translators: a note the person wrote, after the day it was written.
            "<p>" + _("{date}: {note}").format(date=_date(day), note=_e(note)) + "</p>"
            for day, note in section.newest_notes
        ]
        parts += rest
    return parts


def _row(*texts: str, numbers: int = 0) -> str:
    """A row of cells; its last ``numbers`` cells are never wrapped."""
    first_number = len(texts) - numbers
    return _ordered(
        f"<td class='number'>{text}</td>" if index >= first_number else f"<td>{text}</td>"
        for index, text in enumerate(texts)
    )


def _heading_row(*texts: str, widths: tuple[int, ...]) -> str:
    """A table's row of headings, each column given its share of the page's width."""
    return _ordered(
        f"<th{f' width={width}%' if width else ''}>{html.escape(breakable(text))}</th>"
        for text, width in zip(texts, widths, strict=True)
    )


def _ordered(cells: Iterable[str]) -> str:
    """A table row; its first column on the right in a right-to-left language."""
    listed = list(cells)
    return "<tr>" + "".join(reversed(listed) if i18n.is_right_to_left() else listed) + "</tr>"


def _table(rows: list[str]) -> str:
    """A table across the page, its row of headings repeated on each page it runs to."""
    return (
        "<table border='1' cellspacing='0' width='100%' style='border-color:#c9d3d2'>"
        + f"<thead>{rows[0]}</thead>"
        + "".join(rows[1:])
        + "</table>"
    )


def _newest(shown: int, count: int, title: str, last: str, earlier: str) -> tuple[str, list[str]]:
    """The heading over the newest shown of count things, and what is said of the
    others (last and earlier have a {count} to fill)."""
    if count <= shown:
        return f"<h3>{title}</h3>", []
    return f"<h3>{last.format(count=shown)}</h3>", [
        f"<p class='small'>{earlier.format(count=count - shown)}</p>"
    ]


def _averaged(section: RoutineSection) -> str:
    """What each point of a chart of means stands for: said, as it is no one session."""
    days = section.pain_days
    if days == 1:
        span = _("Each point is the mean of a day's ratings, not one session's.")
    elif days == 7:
        span = _("Each point is the mean of a week's ratings, not one session's.")
    else:
        span = ngettext(
            "Each point is the mean of {days} day's ratings, not one session's.",
            "Each point is the mean of {days} days' ratings, not one session's.",
            days,
        ).format(days=days)
    count = section.rated_count
    rated = ngettext(
        "{count} session was rated in all.", "{count} sessions were rated in all.", count
    ).format(count=count)
    return f"{span} {rated}"


def _moment(iso: str) -> str:
    """When a session started, as written in the history (its own wall clock)."""
    return i18n.format_datetime(datetime.fromisoformat(iso[:16]), "short")


def _start() -> str:
    """The side a line starts on: left, or right in a right-to-left language."""
    return "right" if i18n.is_right_to_left() else "left"


# Families that have the glyphs a language needs, best first; the first one installed
# is asked for (before sans-serif), so that Chinese does not come out in a Japanese
# font, and Arabic is shaped by a font that has it.
_FONTS = {
    "ja": (
        "Noto Sans CJK JP",
        "Source Han Sans JP",
        "IPAexGothic",
        "IPAGothic",
        "TakaoGothic",
        "Droid Sans Fallback",
    ),
    "zh": (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "WenQuanYi Zen Hei",
        "AR PL UMing CN",
        "Droid Sans Fallback",
    ),
    "ar": (
        "Noto Sans Arabic",
        "Noto Sans Arabic UI",
        "Noto Naskh Arabic",
        "KacstOne",
        "DejaVu Sans",
    ),
}


def _font_families() -> str:
    """The CSS font-family list for the report's language."""
    from PySide6.QtGui import QFontDatabase

    wanted = _FONTS.get(i18n.language().split("_")[0], ())
    installed = set(QFontDatabase.families()) if wanted else set()
    found = [family for family in wanted if family in installed]
    if wanted and not found:
        log.warning("no font for %s is installed; the report may show boxes", i18n.language())
    return ", ".join([*(f"'{family}'" for family in found), "sans-serif"])


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
        writer.setTitle(_title())
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
                raise OSError(_("the PDF could not be written to {path}").format(path=path))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def new_document() -> QTextDocument:
    """An empty page of the report: its margins, and lines broken between words only
    (Qt's default breaks a word anywhere once a table has squeezed its column)."""
    document = QTextDocument()
    document.setDocumentMargin(PAGE_MARGIN)
    option = document.defaultTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    return document


def _document(report: Report, writer: QPdfWriter) -> QTextDocument:
    """The report as a document laid out for the writer's pages (made once: printing
    it as it is makes no copy to lay out again)."""
    document = new_document()
    document.documentLayout().setPaintDevice(writer)
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
        raise OSError(_("the PDF could not be started"))
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
            # At the foot on the side a line ends: the right, or the left in Arabic.
            right = page.width() - margin - metrics.horizontalAdvance(number)
            painter.drawText(
                QPointF(
                    margin if i18n.is_right_to_left() else right,
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
