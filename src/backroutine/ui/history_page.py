"""The history: every session by date, a calendar with the streak, charts, and export.

Rows are fetched a page at a time as the table scrolls, so a history of ten
years of hourly breaks opens as fast as one of a week.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, time, timedelta

from PySide6.QtCharts import QChartView
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCalendarWidget,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.adherence import adherence, week_of
from ..core.durations import format_clock
from ..core.export import pain_text
from ..core.history import History
from ..core.history_records import PeriodRecord, PeriodStatus, SessionRecord
from ..core.i18n import N_, _, first_weekday, format_date, format_time, ngettext, pgettext
from ..core.model import Routine
from ..core.phrases import BACK_TO_LIBRARY
from .charts import minutes_chart, pain_chart
from .detail import plain_label

PAGE = 200  # rows fetched at a time
AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = (
    N_("Date"),
    # Translators: a heading: the time of day a session began.
    N_("Started"),
    N_("Routine"),
    # Translators: a heading: the minutes and seconds a session's exercises took.
    N_("Active"),
    N_("Status"),
    N_("Pain"),
    N_("Effort"),
    N_("Note"),
)


def _day(value: date) -> str:
    return format_date(value, "medium")


def _clock(started_at: str) -> str:
    """The time of day a session started ("2026-11-23T09:15:00"), as the locale writes it."""
    try:
        return format_time(time(int(started_at[11:13]), int(started_at[14:16])))
    except ValueError:
        return started_at[11:16]


def _sessions(count: int) -> str:
    return ngettext("{count} session", "{count} sessions", count).format(count=count)


def _listed(parts: list[str]) -> str:
    # Translators: what separates the items of a list ("10 done, 2 skipped").
    return pgettext("list separator", ", ").join(parts)


class SessionsModel(QAbstractTableModel):
    """Sessions, newest first, read from the history a page at a time."""

    def __init__(self, history: History, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self._rows: list[SessionRecord] = []
        self._total = history.count()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        page = self.history.newest(len(self._rows), PAGE)
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows += page
        self.endInsertRows()

    def session(self, row: int) -> SessionRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        session = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return _day(session.day)
        if column == 1:
            return _clock(session.started_at)
        if column == 2:
            return session.routine_name
        if column == 3:
            return format_clock(session.active_seconds or 0)
        if column == 4:
            return session.status.label
        if column == 5:
            return pain_text(session)
        if column == 6:
            return "" if session.effort is None else str(session.effort)
        return session.note


class HistoryPage(QWidget):
    """Emits closed when the person goes back to the library, export_requested(format)."""

    closed = Signal()
    export_requested = Signal(str)

    def __init__(
        self,
        history: History,
        routines: Mapping[str, Routine],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.routines = routines
        self.today = today
        self.setAccessibleName(_("History"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)

        top = QHBoxLayout()
        self.title = plain_label(_("History"), wrap=False)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title)
        top.addStretch(1)
        for label, name, form in (
            (_("Export CSV…"), _("Export CSV"), "csv"),
            (_("Export JSON…"), _("Export JSON"), "json"),
        ):
            button = QPushButton(label)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, f=form: self.export_requested.emit(f))
            top.addWidget(button)
        self.report_button = QPushButton(_("Report for my clinician (PDF)…"))
        self.report_button.setAccessibleName(_("Make a PDF report for a clinician"))
        self.report_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        top.addWidget(self.report_button)
        self.back_button = QPushButton(_(BACK_TO_LIBRARY))
        self.back_button.setAccessibleName(_(BACK_TO_LIBRARY))
        self.back_button.clicked.connect(self.closed.emit)
        top.addWidget(self.back_button)
        outer.addLayout(top)

        self.summary = plain_label("")
        self.summary.setAccessibleName(_("This week and your streak"))
        outer.addWidget(self.summary)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._sessions_tab(), _("Sessions"))
        self.tabs.addTab(self._calendar_tab(), _("Calendar"))
        self.tabs.addTab(self._charts_tab(), _("Charts"))
        outer.addWidget(self.tabs, 1)
        self.refresh()

    # -- building ------------------------------------------------------------

    def _sessions_tab(self) -> QWidget:
        self.model = SessionsModel(self.history, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Sessions, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)  # the note takes the width left
        self._columns_fitted = False
        self.table.selectionModel().currentRowChanged.connect(self._show_session)
        self.session_detail = plain_label("", selectable=True)
        self.session_detail.setAccessibleName(_("The chosen session's exercises"))
        self.session_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.session_detail.setMargin(8)
        self.empty = plain_label(
            _("No sessions yet. Each routine you do is kept here, on this computer.")
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setWidget(self.session_detail)
        split = self.table_split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(detail_scroll)
        split.setSizes([420, 160])
        page = QWidget()
        stack = QVBoxLayout(page)
        stack.addWidget(self.empty)
        stack.addWidget(split, 1)
        return page

    def _calendar_tab(self) -> QWidget:
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(_("Calendar of sessions"))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # The week starts where the person's locale starts it (Monday 0; Qt's Monday is 1).
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek(first_weekday() + 1))
        self.calendar.currentPageChanged.connect(self._mark_month)
        self.calendar.selectionChanged.connect(self._show_day)
        self.day_detail = plain_label("", selectable=True)
        self.day_detail.setAccessibleName(_("Sessions on the chosen day"))
        self.day_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        page = QWidget()
        row = QHBoxLayout(page)
        row.addWidget(self.calendar, 3)
        row.addWidget(self.day_detail, 2)
        return page

    def _charts_tab(self) -> QWidget:
        self.minutes_view = QChartView()
        self.minutes_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.minutes_view.setAccessibleName(_("Minutes of exercise a day"))
        self.pain_view = QChartView()
        self.pain_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.pain_view.setAccessibleName(_("Pain before and after sessions"))
        self.span = QButtonGroup(self)
        spans = QHBoxLayout()
        for days in (30, 90):
            button = QPushButton(
                ngettext("Last {count} day", "Last {count} days", days).format(count=days)
            )
            button.setCheckable(True)
            button.setChecked(days == 30)
            self.span.addButton(button, days)
            spans.addWidget(button)
        spans.addStretch(1)
        self.span.idClicked.connect(lambda _days: self._draw_charts())
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(spans)
        column.addWidget(self.minutes_view, 1)
        column.addWidget(self.pain_view, 1)
        return page

    # -- showing -------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Colours switched while the page is open: the charts are drawn again in them."""
        super().changeEvent(event)
        # Hidden, it is drawn afresh when shown again (its history may be closed by then).
        drawn = getattr(self, "_charts_drawn", False)
        if event.type() == QEvent.Type.PaletteChange and drawn and self.isVisible():
            self._draw_charts()

    def refresh(self) -> None:
        """Read everything shown again (after a session, or at midnight)."""
        today = self.today()
        self.model.beginResetModel()
        self.model._rows = []
        self.model._total = self.history.count()
        self.model.endResetModel()
        while self.model.canFetchMore(QModelIndex()) and self.model.rowCount() < PAGE:
            self.model.fetchMore(QModelIndex())
        has_sessions = self.model.rowCount() > 0
        self.empty.setVisible(not has_sessions)
        self.table_split.setVisible(has_sessions)
        self.summary.setText(self._summary_text(today))
        self.calendar.setMaximumDate(QDate(today.year, today.month, today.day))
        self._mark_month(today.year, today.month)
        self._draw_charts()
        if has_sessions:
            self._fit_columns()
            self.table.selectRow(0)

    def _fit_columns(self) -> None:
        """Each column but the note as wide as its heading and the sessions read, in
        any language (the routine's name at most some 50 characters wide); once, so
        that a width the person set stays."""
        if self._columns_fitted:
            return
        self._columns_fitted = True
        for column in range(len(COLUMNS) - 1):
            self.table.resizeColumnToContents(column)
        widest = self.table.fontMetrics().averageCharWidth() * 50
        if self.table.columnWidth(2) > widest:
            self.table.setColumnWidth(2, widest)

    def _summary_text(self, today: date) -> str:
        monday, next_monday = week_of(today)
        week = self.history.sessions(since=monday, until=next_monday, with_periods=False)
        minutes = round(sum(s.active_seconds or 0 for s in week) / 60)
        streak = self.history.streak(today)
        # Translators: {sessions} is "3 sessions", {minutes} is "25 minutes".
        this_week = _("This week: {sessions}, {minutes}.").format(
            sessions=_sessions(len(week)),
            minutes=ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes),
        )
        in_a_row = ngettext(
            "Streak: {count} day in a row.", "Streak: {count} days in a row.", streak
        ).format(count=streak)
        lines = [f"{this_week} {in_a_row}"]
        for routine in sorted(self.routines.values(), key=lambda r: r.name.lower()):
            if routine.schedule is None:
                continue
            done = self.history.completed_per_day(routine.id, monday, next_monday)
            if not done and not self.history.completed_per_day(
                routine.id, today - timedelta(days=28), next_monday
            ):
                continue  # a program not followed lately says nothing useful here
            counts = adherence(routine.schedule, done, today)
            # Translators: "Low back basics: 1 of 2 today, 3 of 14 this week."
            line = _("{routine}: {today}, {week}.")
            lines.append(
                line.format(routine=routine.name, today=counts.today_text, week=counts.week_text)
            )
        return "\n".join(lines)

    def _show_session(self, current: QModelIndex, _previous: QModelIndex) -> None:
        found = self.model.session(current.row())
        if found is None:
            self.session_detail.setText("")
            return
        session = self.history.session(found.id) or found
        # Translators: a session's heading: "Low back basics, 23 Nov 2026 09:15".
        heading = _("{routine}, {date} {time}")
        day, clock = _day(session.day), _clock(session.started_at)
        lines = [heading.format(routine=session.routine_name, date=day, time=clock)]
        if session.note:
            lines.append(_("Note: {note}").format(note=session.note))
        # One line an exercise, in the order they came: a session has dozens of reps.
        exercises: dict[str, list[PeriodRecord]] = {}
        for period in session.periods:
            exercises.setdefault(period.exercise, []).append(period)
        for exercise, periods in exercises.items():
            done = [p for p in periods if p.status is PeriodStatus.DONE]
            # Translators: how many of an exercise's reps or holds were done.
            parts = [ngettext("{count} done", "{count} done", len(done)).format(count=len(done))]
            skipped = len(periods) - len(done)
            if skipped:
                # Translators: how many of an exercise's reps or holds were skipped.
                said = ngettext("{count} skipped", "{count} skipped", skipped)
                parts.append(said.format(count=skipped))
            timed = [p.actual_seconds for p in done if p.planned_seconds]
            if timed:
                planned = round(periods[0].planned_seconds or 0)
                # Translators: a hold's length in seconds, on average against the planned one.
                held = _("held {held} s of {planned} s on average")
                parts.append(held.format(held=round(sum(timed) / len(timed)), planned=planned))
            hurt = sum(p.hurt for p in periods)
            if hurt:
                # Translators: how many times "It hurts" was pressed during this exercise.
                parts.append(_("it hurt ({count})").format(count=hurt))
            lines.append(
                "  " + _("{exercise}: {details}").format(exercise=exercise, details=_listed(parts))
            )
        if not session.periods:
            lines.append("  " + _("No exercise was finished in this session."))
        self.session_detail.setText("\n".join(lines))

    def _mark_month(self, year: int, month: int) -> None:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every mark
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setBackground(QBrush(QColor(42, 140, 130, 90)))
        for day, count in self.history.completed_days(first, following).items():
            mark = QTextCharFormat(marked)
            mark.setToolTip(_sessions(count))
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), mark)
        self._show_day()

    def _show_day(self) -> None:
        chosen = self.calendar.selectedDate()
        day = date(chosen.year(), chosen.month(), chosen.day())
        sessions = self.history.sessions(
            since=day, until=day + timedelta(days=1), with_periods=False
        )
        lines = [format_date(day, "full")]
        if not sessions:
            lines.append(_("No sessions."))
        for session in sessions:
            pain = pain_text(session)
            values = {
                "time": _clock(session.started_at),
                "routine": session.routine_name,
                "active": format_clock(session.active_seconds or 0),
                "status": session.status.label,
                "pain": pain,
            }
            # Translators: one session of the chosen day: its start, routine, minutes
            # exercised ("10:21") and how it ended; {pain} is before -> after, 0 to 10.
            with_pain = _("{time}  {routine}, {active}, {status}, pain {pain}")
            line = with_pain if pain else _("{time}  {routine}, {active}, {status}")
            lines.append(line.format(**values))
        self.day_detail.setText("\n".join(lines))

    def _draw_charts(self) -> None:
        today = self.today()
        days = self.span.checkedId() if self.span.checkedId() > 0 else 30
        first = today - timedelta(days=days - 1)
        per_day = self.history.minutes_per_day(first, today + timedelta(days=1))
        self._charts_drawn = True
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        pains = self.history.pain_points(first)
        for view, chart in (
            (self.minutes_view, minutes_chart(per_day, today, days, dark)),
            (self.pain_view, pain_chart(pains, first, today, dark)),
        ):
            old = view.chart()
            view.setChart(chart)  # the view does not delete the chart it showed before
            if old is not None:
                old.deleteLater()
