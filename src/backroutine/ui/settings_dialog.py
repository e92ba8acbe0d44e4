"""Preferences: breaks, program reminders, and the rest of the settings in one dialog."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import time

from PySide6.QtCore import QTime
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

from ..core.model import WEEKDAYS, Routine
from ..core.reminders import program_times
from ..core.settings import RATINGS, TEXT_SIZES, THEMES, Settings, clock_time, work_hours
from ..platform import Probe
from .detail import plain_label


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> str:
    return f"{value.hour():02d}:{value.minute():02d}"


def natural_breaks_text(idle: Probe, away: str) -> str:
    """What the settings say about natural breaks: whether time away is seen, and when.
    away is how the desktop tells that someone came back ("" if it cannot)."""
    if not idle.available and not away:
        return f"Off: {idle.how}."
    said = "On: time away from keyboard and mouse as long as a break counts as one"
    if away:
        return f"{said}, noticed as you come back ({away})."
    return (
        f"{said} when it runs into a reminder ({idle.how}). This desktop does not say "
        "when someone comes back, so time away earlier in the interval is not counted."
    )


class SettingsDialog(QDialog):
    """Shows the settings; `values()` gives the changed ones when accepted."""

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
        self.setWindowTitle("BackRoutine Settings")
        self.settings = settings
        self.routines = routines
        tabs = QTabWidget()
        tabs.addTab(self._breaks_tab(idle, full_screen), "Breaks")
        tabs.addTab(self._programs_tab(), "Programs")
        tabs.addTab(self._general_tab(sound_note), "General")
        self.problem = plain_label("")
        self.problem.setAccessibleName("Problem with these settings")
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

    # -- tabs ------------------------------------------------------------------

    def _breaks_tab(self, idle: Probe, full_screen: Probe) -> QWidget:
        s = self.settings
        page = QWidget()
        form = QFormLayout(page)
        self.breaks = QCheckBox("Remind me to take a break")
        self.breaks.setChecked(s.breaks)
        form.addRow(self.breaks)
        self.every = self._spin(s.break_every, 10, 240, " minutes", "Break every")
        form.addRow("Every", self.every)
        hours = work_hours(s.work_hours) or (time(9, 0), time(17, 30))
        self.start = QTimeEdit(_qtime(hours[0]))
        self.start.setAccessibleName("Working hours start")
        self.end = QTimeEdit(_qtime(hours[1]))
        self.end.setAccessibleName("Working hours end")
        for edit in (self.start, self.end):
            edit.setDisplayFormat("HH:mm")
        span = QHBoxLayout()
        span.addWidget(self.start)
        span.addWidget(QLabel("to"))
        span.addWidget(self.end)
        span.addStretch(1)
        form.addRow("Working hours", span)
        days = QHBoxLayout()
        self.days: dict[str, QCheckBox] = {}
        for day in WEEKDAYS:
            box = QCheckBox(day.capitalize())
            box.setChecked(day in s.work_days)
            box.setAccessibleName(f"Work on {day}")
            self.days[day] = box
            days.addWidget(box)
        form.addRow("Working days", days)
        self.routine = QComboBox()
        self.routine.setAccessibleName("Routine for a break")
        for routine in sorted(self.routines.values(), key=lambda r: r.name.lower()):
            self.routine.addItem(routine.name, routine.id)
        found = self.routine.findData(s.break_routine)
        if found < 0:  # kept as it is, not silently swapped for another routine
            self.routine.addItem(f"{s.break_routine} (not in the library)", s.break_routine)
            found = self.routine.count() - 1
        self.routine.setCurrentIndex(found)
        form.addRow("A break runs", self.routine)
        self.heads_up = self._spin(s.heads_up, 0, 15, " minutes before", "Heads-up")
        self.heads_up.setSpecialValueText("No heads-up")
        form.addRow("Heads-up", self.heads_up)
        self.snooze = self._spin(s.snooze, 1, 60, " minutes", "Snooze for")
        form.addRow("Snooze for", self.snooze)
        natural = natural_breaks_text(idle, self.away)
        quiet = (
            "On: no pop-up while a full-screen window is in front; the reminder comes "
            f"once it is gone ({full_screen.how})."
            if full_screen.available
            else f"Off: {full_screen.how}; reminders may pop up over full-screen windows."
        )
        form.addRow("Natural breaks", plain_label(natural))
        form.addRow("Full screen", plain_label(quiet))
        return page

    def _programs_tab(self) -> QWidget:
        s = self.settings
        page = QWidget()
        form = QFormLayout(page)
        self.programs = QCheckBox("Remind me of my home programs")
        self.programs.setChecked(s.program_reminders)
        form.addRow(self.programs)
        self.times: dict[str, QLineEdit] = {}
        self._default_times: dict[str, str] = {}
        scheduled = [r for r in self.routines.values() if r.schedule is not None]
        for routine in sorted(scheduled, key=lambda r: r.name.lower()):
            assert routine.schedule is not None
            spread = ", ".join(t.strftime("%H:%M") for t in program_times(routine.schedule.per_day))
            self._default_times[routine.id] = spread
            written = s.program_times.get(routine.id)
            edit = QLineEdit(", ".join(written) if written else spread)
            edit.setAccessibleName(f"Reminder times for {routine.name}")
            edit.setPlaceholderText("08:00, 20:00")
            self.times[routine.id] = edit
            form.addRow(f"{routine.name} ({routine.schedule.describe()})", edit)
        if not scheduled:
            form.addRow(plain_label("No routine has a schedule. Add one to a routine file."))
        return page

    def _general_tab(self, sound_note: str) -> QWidget:
        s = self.settings
        page = QWidget()
        form = QFormLayout(page)
        self.login = QCheckBox("Start BackRoutine when I log in")
        self.login.setChecked(s.start_on_login)
        form.addRow(self.login)
        self.sound = QCheckBox("Cue sounds")
        self.sound.setChecked(s.sound)
        form.addRow(self.sound)
        if sound_note:
            form.addRow(plain_label(sound_note))
        self.volume = self._spin(s.volume, 0, 100, " %", "Volume")
        form.addRow("Volume", self.volume)
        self.voice = QCheckBox("Spoken announcements")
        self.voice.setChecked(s.voice)
        form.addRow(self.voice)
        self.theme = self._choice(THEMES, s.theme, "Colours")
        form.addRow("Colours", self.theme)
        self.text_size = self._choice(TEXT_SIZES, s.text_size, "Text size")
        form.addRow("Text size", self.text_size)
        self.ratings = self._choice(RATINGS, s.ratings, "Pain ratings")
        form.addRow("Ask for pain ratings", self.ratings)
        return page

    def _spin(self, value: int, low: int, high: int, suffix: str, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setAccessibleName(name)

        def suffixed(number: int) -> None:
            # "1 minute before", "10 minutes"
            spin.setSuffix(suffix.replace("minutes", "minute") if number == 1 else suffix)

        spin.valueChanged.connect(suffixed)
        spin.setValue(value)
        suffixed(value)
        return spin

    def _choice(self, options: tuple[str, ...], current: str, name: str) -> QComboBox:
        words = {
            "system": "Follow the system",
            "light": "Light",
            "dark": "Dark",
            "normal": "Normal",
            "large": "Large",
            "auto": "For home programs",
            "always": "After every routine",
            "never": "Never",
        }
        box = QComboBox()
        box.setAccessibleName(name)
        for option in options:
            box.addItem(words.get(option, option), option)
        box.setCurrentIndex(max(0, box.findData(current)))
        return box

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
        return {
            "breaks": self.breaks.isChecked(),
            "break_every": self.every.value(),
            "work_hours": f"{_time(self.start.time())}-{_time(self.end.time())}",
            "work_days": tuple(d for d, box in self.days.items() if box.isChecked()),
            "break_routine": str(self.routine.currentData() or "desk-break"),
            "heads_up": self.heads_up.value(),
            "snooze": self.snooze.value(),
            "program_reminders": self.programs.isChecked(),
            "program_times": times,
            "start_on_login": self.login.isChecked(),
            "sound": self.sound.isChecked(),
            "volume": self.volume.value(),
            "voice": self.voice.isChecked(),
            "theme": str(self.theme.currentData()),
            "text_size": str(self.text_size.currentData()),
            "ratings": str(self.ratings.currentData()),
        }

    def problems(self) -> list[str]:
        found = []
        if self.start.time() == self.end.time():
            found.append("Working hours must start and end at different times.")
        if not any(box.isChecked() for box in self.days.values()):
            found.append("Choose at least one working day.")
        for routine_id, edit in self.times.items():
            parts = [p.strip() for p in edit.text().replace(";", ",").split(",") if p.strip()]
            if any(clock_time(p) is None for p in parts):
                name = self.routines[routine_id].name
                found.append(f"{name}: write times as 08:00, 20:00.")
        return found

    def _accept(self) -> None:
        found = self.problems()
        self.problem.setText(" ".join(found))
        if not found:
            self.accept()
