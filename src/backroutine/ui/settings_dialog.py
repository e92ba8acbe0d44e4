"""Preferences: breaks, program reminders, and the rest of the settings in one dialog."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core import i18n, settings_table
from ..core.i18n import _, around_number
from ..core.model import WEEKDAYS, Routine
from ..core.reminders import program_times
from ..core.settings import Settings, clock_time, work_hours
from ..core.settings_table import Kind
from ..platform import Probe
from .detail import plain_label


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> str:
    return f"{value.hour():02d}:{value.minute():02d}"


def _spin(setting: settings_table.Setting, value: object) -> QSpinBox:
    """A number in its declared range, with its unit ("1 minute", "10 minutes")."""
    spin = QSpinBox()
    spin.setRange(setting.low, setting.high)
    if setting.off:
        spin.setSpecialValueText(setting.shown_off())  # shown for the lowest number

    def suffixed(number: int) -> None:
        # The unit in the form that fits the number, on whichever side the language puts it.
        before, after = around_number(setting.amount_template, number)
        spin.setPrefix(before)
        spin.setSuffix(after)

    spin.valueChanged.connect(suffixed)
    spin.setValue(value if isinstance(value, int) else setting.low)
    suffixed(spin.value())
    return spin


def _value_of(widget: QCheckBox | QSpinBox | QComboBox) -> object:
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    return str(widget.currentData())


def natural_breaks_text(idle: Probe, away: str) -> str:
    """What the settings say about natural breaks: whether time away is seen, and when.
    away is how the desktop tells that someone came back ("" if it cannot)."""
    if not idle.available and not away:
        # Translators: natural breaks are off; {reason} says why.
        return _("Off: {reason}.").format(reason=idle.how)
    if away:
        return _(
            "On: time away from keyboard and mouse as long as a break counts as one, "
            "noticed as you come back ({how})."
        ).format(how=away)
    return _(
        "On: time away from keyboard and mouse as long as a break counts as one when it "
        "runs into a reminder ({how}). This desktop does not say when someone comes back, "
        "so time away earlier in the interval is not counted."
    ).format(how=idle.how)


class SettingsDialog(QDialog):
    """Shows the settings; `values()` gives the changed ones when accepted.

    A tab for each section of the declared settings, a row for each setting in it:
    plain ones (switches, numbers, choices) built from their declaration, the rest
    (working hours and days, the break routine, program times) by a row of their own."""

    def __init__(
        self,
        settings: Settings,
        routines: Mapping[str, Routine],
        idle: Probe,
        full_screen: Probe,
        sound_note: str = "",
        parent: QWidget | None = None,
        away: str = "",
    ) -> None:
        super().__init__(parent)
        self.away = away  # how coming back after time away is told, or why it is not
        self.setWindowTitle(_("Settings"))  # shown as "Settings — BackRoutine"
        self.settings = settings
        self.routines = routines
        self.rows: dict[str, QCheckBox | QSpinBox | QComboBox] = {}  # plain settings by key
        self.times: dict[str, QLineEdit] = {}
        self._default_times: dict[str, str] = {}
        notes = {"sound": sound_note} if sound_note else {}
        tabs = QTabWidget()
        sections = [s.section for s in settings_table.SETTINGS if s.section]
        for section in dict.fromkeys(sections):
            page = QWidget()
            form = QFormLayout(page)
            for setting in settings_table.SETTINGS:
                if setting.section == section:
                    self._row(form, setting)
                    if notes.get(setting.key):
                        form.addRow(plain_label(notes[setting.key]))
            if section == settings_table.BREAKS:
                self._desktop_rows(form, idle, full_screen)
            tabs.addTab(page, settings_table.section_title(section))
        self.problem = plain_label("")
        self.problem.setAccessibleName(_("Problem with these settings"))
        self.problem.setStyleSheet("color: #a3261b;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(560, 480)

    # -- rows ------------------------------------------------------------------

    def _row(self, form: QFormLayout, setting: settings_table.Setting) -> None:
        value = self.settings.value(setting.key)
        kind = setting.kind
        if setting.key == "language":
            form.addRow(_(setting.label), self._plain(setting, self._language(str(value))))
            return
        if kind is Kind.SWITCH:
            box = QCheckBox(setting.shown_label())
            box.setChecked(bool(value))
            self._plain(setting, box)
            form.addRow(box)
        elif kind is Kind.NUMBER:
            form.addRow(setting.shown_label(), self._plain(setting, _spin(setting, value)))
        elif kind is Kind.CHOICE:
            choice = QComboBox()
            for option in setting.choices:
                choice.addItem(option.shown_label(), option.value)
            choice.setCurrentIndex(max(0, choice.findData(value)))
            form.addRow(setting.shown_label(), self._plain(setting, choice))
        elif kind is Kind.HOURS:
            form.addRow(setting.shown_label(), self._hours(str(value)))
        elif kind is Kind.DAYS:
            form.addRow(setting.shown_label(), self._days(value))
        elif kind is Kind.ROUTINE:
            form.addRow(setting.shown_label(), self._routine(str(value)))
        elif kind is Kind.TIMES:
            self._program_rows(form)

    def _plain(
        self, setting: settings_table.Setting, widget: QCheckBox | QSpinBox | QComboBox
    ) -> QWidget:
        widget.setAccessibleName(setting.shown_label())
        widget.setToolTip(setting.shown_help())
        self.rows[setting.key] = widget
        return widget

    def _hours(self, written: str) -> QHBoxLayout:
        # Settings are checked when read: the declared default is for one made in code.
        default = str(settings_table.declared("work_hours").default)
        hours = work_hours(written) or work_hours(default)
        assert hours is not None
        self.start = QTimeEdit(_qtime(hours[0]))
        self.start.setAccessibleName(_("Working hours start"))
        self.end = QTimeEdit(_qtime(hours[1]))
        self.end.setAccessibleName(_("Working hours end"))
        for edit in (self.start, self.end):
            # A right-to-left field writes a time's parts backwards ("30:17" for 17:30
            # in Arabic), read as minutes first; a clock reads hours first everywhere.
            # The direction must be set before the format, which Qt orders by it.
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            edit.setDisplayFormat("HH:mm")
        span = QHBoxLayout()
        span.addWidget(self.start)
        # Translators: between two times of day: "09:00 to 17:30".
        span.addWidget(QLabel(_("to")))
        span.addWidget(self.end)
        span.addStretch(1)
        return span

    def _days(self, chosen: object) -> QHBoxLayout:
        days = QHBoxLayout()
        self.days: dict[str, QCheckBox] = {}  # Monday first, as the settings file lists them
        for number, day in enumerate(WEEKDAYS):
            box = QCheckBox(i18n.day_name(number, "abbreviated"))
            box.setChecked(isinstance(chosen, tuple) and day in chosen)
            box.setAccessibleName(_("Work on {day}").format(day=i18n.day_name(number)))
            self.days[day] = box
        first = i18n.first_weekday()  # shown as the calendar and the editor lay out a week
        for offset in range(len(WEEKDAYS)):
            days.addWidget(self.days[WEEKDAYS[(first + offset) % len(WEEKDAYS)]])
        return days

    def _routine(self, current: str) -> QComboBox:
        self.routine = QComboBox()
        self.routine.setAccessibleName(_("Routine for a break"))
        for routine in sorted(self.routines.values(), key=lambda r: r.name.lower()):
            self.routine.addItem(routine.name, routine.id)
        found = self.routine.findData(current)
        if found < 0:  # kept as it is, not silently swapped for another routine
            self.routine.addItem(_("{id} (not in the library)").format(id=current), current)
            found = self.routine.count() - 1
        self.routine.setCurrentIndex(found)
        return self.routine

    def _language(self, current: str) -> QComboBox:
        """Each language named in itself; "" follows the system."""
        choice = QComboBox()
        for option in settings_table.declared("language").choices:
            code = option.value
            choice.addItem(i18n.language_name(code) if code else _(option.label), code)
        choice.setCurrentIndex(max(0, choice.findData(current)))
        return choice

    def _desktop_rows(self, form: QFormLayout, idle: Probe, full_screen: Probe) -> None:
        natural = natural_breaks_text(idle, self.away)
        quiet = (
            _(
                "On: no pop-up while a full-screen window is in front; the reminder comes "
                "once it is gone ({how})."
            ).format(how=full_screen.how)
            if full_screen.available
            else _("Off: {reason}; reminders may pop up over full-screen windows.").format(
                reason=full_screen.how
            )
        )
        form.addRow(_("Natural breaks"), plain_label(natural))
        form.addRow(_("Full screen"), plain_label(quiet))

    def _program_rows(self, form: QFormLayout) -> None:
        s = self.settings
        scheduled = [r for r in self.routines.values() if r.schedule is not None]
        for routine in sorted(scheduled, key=lambda r: r.name.lower()):
            assert routine.schedule is not None
            spread = ", ".join(t.strftime("%H:%M") for t in program_times(routine.schedule.per_day))
            self._default_times[routine.id] = spread
            written = s.program_times.get(routine.id)
            edit = QLineEdit(", ".join(written) if written else spread)
            edit.setAccessibleName(_("Reminder times for {name}").format(name=routine.name))
            edit.setPlaceholderText("08:00, 20:00")
            self.times[routine.id] = edit
            # Translators: a routine's name and how often it is due: "Low back (twice a day)".
            row = _("{name} ({schedule})")
            form.addRow(row.format(name=routine.name, schedule=routine.schedule.describe()), edit)
        if not scheduled:
            form.addRow(plain_label(_("No routine has a schedule. Add one to a routine file.")))

    # -- result ----------------------------------------------------------------

    def values(self) -> dict[str, object]:
        """Every setting this dialog shows, as the settings file spells it."""
        # Times for routines not shown here are kept; the spread-over-the-day default
        # is not written down unless the person changed it.
        times = dict(self.settings.program_times)
        for routine_id, edit in self.times.items():
            parts = [p.strip() for p in edit.text().replace(";", ",").split(",") if p.strip()]
            parsed = [clock_time(p) for p in parts]
            if edit.text().strip() == self._default_times[routine_id] and (
                routine_id not in self.settings.program_times
            ):
                continue
            if parts and all(parsed):
                times[routine_id] = tuple(sorted(t.strftime("%H:%M") for t in parsed if t))
            elif not parts:
                times.pop(routine_id, None)  # emptied: back to the default
        plain = {key: _value_of(widget) for key, widget in self.rows.items()}
        return {
            **plain,
            "work_hours": f"{_time(self.start.time())}-{_time(self.end.time())}",
            "work_days": tuple(d for d, box in self.days.items() if box.isChecked()),
            "break_routine": str(self.routine.currentData() or "desk-break"),
            "program_times": times,
        }

    def problems(self) -> list[str]:
        found = []
        if self.start.time() == self.end.time():
            found.append(_("Working hours must start and end at different times."))
        if not any(box.isChecked() for box in self.days.values()):
            found.append(_("Choose at least one working day."))
        for routine_id, edit in self.times.items():
            parts = [p.strip() for p in edit.text().replace(";", ",").split(",") if p.strip()]
            if any(clock_time(p) is None for p in parts):
                name = self.routines[routine_id].name
                # Translators: keep the times as they are: they show how to write them.
                found.append(_("{name}: write times as 08:00, 20:00.").format(name=name))
        return found

    def _accept(self) -> None:
        found = self.problems()
        self.problem.setText(" ".join(found))
        if not found:
            self.accept()
