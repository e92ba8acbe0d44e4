"""The history's charts (QtCharts): minutes per day, and pain before and after sessions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene

from ..core.i18n import _, format_date, format_time, ngettext, pgettext

ACTIVE = QColor("#2a8c82")  # the app's teal
BEFORE = QColor("#5b7bd5")
AFTER = QColor("#d08a00")


def _base(title: str, dark: bool) -> QChart:
    chart = QChart()
    if dark:  # before any series: the theme would otherwise recolour them
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def minutes_chart(
    per_day: Mapping[date, float], last_day: date, days: int, dark: bool = False
) -> QChart:
    """Active minutes on each of the last `days` days, ending with last_day (on a dark
    background for the window's dark colours; the PDF's are always light)."""
    # Translators: a chart's title; {count} is a number of days (30, 90).
    title = ngettext(
        "Minutes of exercise a day, last {count} day",
        "Minutes of exercise a day, last {count} days",
        days,
    )
    chart = _base(title.format(count=days), dark)
    bars = QBarSet(_("Minutes"))
    bars.setColor(ACTIVE)
    labels = []
    first = last_day - timedelta(days=days - 1)
    for offset in range(days):
        day = first + timedelta(days=offset)
        bars.append(round(per_day.get(day, 0.0), 1))
        # A category's label gets only its bar's width: the day of the month when a
        # month is shown, a date once a week (set on end) when three are.
        if days <= 31:
            labels.append(format_date(day, "d"))
        elif day.weekday() == 0:
            labels.append(format_date(day, "d MMM"))
        else:
            labels.append("\u200b" * (offset + 1))  # distinct, and invisible
    series = QBarSeries()
    series.append(bars)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append(labels)
    if days > 31:
        axis_x.setLabelsAngle(-90)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_x)
    axis_y = QValueAxis()
    top = max(per_day.values(), default=0.0)
    axis_y.setRange(0, max(5.0, top * 1.1))
    axis_y.applyNiceNumbers()
    axis_y.setLabelFormat("%d")
    # Translators: the title of a chart's axis counting minutes of exercise.
    axis_y.setTitleText(pgettext("chart axis", "minutes"))
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_y)
    chart.legend().hide()
    return chart


def pain_chart(
    points: Sequence[tuple[datetime, int | None, int | None]],
    first: date,
    last: date,
    dark: bool = False,
) -> QChart:
    """Pain before and after each rated session, 0 to 10, over [first, last]."""
    chart = _base(_("Pain before and after sessions (0 none, 10 worst)"), dark)
    befores = [(when, before) for when, before, _after in points if before is not None]
    afters = [(when, after) for when, _before, after in points if after is not None]
    # Translators: the pain rated before a session and after it, in a chart's legend.
    before_after = (pgettext("pain", "Before"), pgettext("pain", "After"))
    for label, colour, values in (
        (before_after[0], BEFORE, befores),
        (before_after[1], AFTER, afters),
    ):
        line = QLineSeries()
        line.setName(label)
        line.setPen(QPen(colour, 2))
        dots = QScatterSeries()
        dots.setColor(colour)
        dots.setMarkerSize(7)
        dots.setBorderColor(colour)
        for when, value in values:
            at = QPointF(when.timestamp() * 1000, value)
            line.append(at)
            dots.append(at)
        chart.addSeries(line)
        chart.addSeries(dots)
    axis_x = QDateTimeAxis()
    axis_x.setRange(
        QDateTime.fromMSecsSinceEpoch(int(datetime.combine(first, time.min).timestamp() * 1000)),
        QDateTime.fromMSecsSinceEpoch(int(datetime.combine(last, time.max).timestamp() * 1000)),
    )
    days = (last - first).days + 1
    if days <= 1:  # one day (a first report): its hours, the day named once below
        midnight = datetime.combine(first + timedelta(days=1), time.min)
        axis_x.setMax(QDateTime.fromMSecsSinceEpoch(int(midnight.timestamp() * 1000)))
        axis_x.setFormat(_clock_format())
        axis_x.setTitleText(format_date(first, "d MMM"))
        axis_x.setTickCount(5)
    else:  # ticks more than a day apart, so that no day is named twice
        axis_x.setFormat("d MMM")
        axis_x.setTickCount(min(7, days))
    axis_y = QValueAxis()
    axis_y.setRange(0, 10)
    axis_y.setTickCount(6)
    axis_y.setLabelFormat("%d")
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
    # One legend entry per colour: the lines, not their dots.
    for marker in chart.legend().markers():
        if isinstance(marker.series(), QScatterSeries):
            marker.setVisible(False)
    return chart


def _clock_format() -> str:
    """Hours as the person's locale writes them, in Qt's words: 24 hours ("13:00") or
    12 with a.m. and p.m."""
    return "HH:mm" if "13" in format_time(time(13, 0)) else "h:mm AP"


def chart_image(chart: QChart, size: QSize, scale: int = 1) -> QImage:
    """The chart drawn into an image of size (in points) at scale pixels a point."""
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.resize(size.width(), size.height())
    scene = QGraphicsScene()
    scene.addItem(chart)
    image = QImage(size * scale, QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    area = QRectF(0, 0, size.width(), size.height())
    scene.render(painter, area, area)
    painter.end()
    scene.removeItem(chart)
    return image
