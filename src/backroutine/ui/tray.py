"""The tray icon: when the next break is, and the break's choices, without the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ..core.adherence import until_next_day
from ..core.i18n import _, ngettext, pgettext
from ..core.reminders import Event
from ..core.when import next_break_text, paused_until_text
from .reminders import ReminderService


class Tray(QSystemTrayIcon):
    """Emits start_break, open_window and quit_app for the main window to act on."""

    start_break = Signal()
    start_program = Signal(str)  # a routine id
    open_window = Signal()
    quit_app = Signal()

    def __init__(self, icon: QIcon, service: ReminderService, parent: QWidget | None = None):
        super().__init__(icon, parent)
        self.service = service
        self._pending_program = ""
        self._midnight = QTimer(self)
        self._midnight.setSingleShot(True)
        self._midnight.setTimerType(Qt.TimerType.VeryCoarseTimer)
        self._midnight.timeout.connect(self.refresh)
        menu = QMenu(parent)
        self.menu = menu
        self.next_item = menu.addAction("")
        self.next_item.setEnabled(False)
        menu.addSeparator()
        self.start_action = self._add(_("Start Break Now"), self.start_break.emit)
        # Translators: a menu item: put the break reminder off for a few minutes.
        self.snooze_action = self._add(pgettext("reminder", "Snooze"), service.snooze)
        self.skip_action = self._add(_("Skip This Break"), service.skip)
        pause = menu.addMenu(_("Pause Reminders"))
        self.pause_hour_action = pause.addAction(_("For an Hour"))
        self.pause_hour_action.triggered.connect(lambda: service.pause_for(60))
        self.pause_day_action = pause.addAction(_("Until Tomorrow"))
        self.pause_day_action.triggered.connect(service.pause_until_tomorrow)
        self.resume_action = pause.addAction(_("Resume Now"))
        self.resume_action.triggered.connect(service.resume)
        menu.addSeparator()
        self.open_action = self._add(_("Open BackRoutine"), self.open_window.emit)
        self.quit_action = self._add(_("Quit"), self.quit_app.emit)
        self.setContextMenu(menu)
        menu.aboutToShow.connect(self.refresh)
        self.activated.connect(self._activated)
        self.messageClicked.connect(self._message_clicked)
        service.changed.connect(self.refresh)
        service.heads_up.connect(self._heads_up)
        service.break_due.connect(self._break_due)
        service.program_due.connect(self._program_due)
        service.quiet.connect(self._held_back)
        self.refresh()

    def _add(self, text: str, slot: object) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(slot)
        return action

    def status_text(self) -> str:
        """ "Next break at 10:00" (a time, so nothing needs updating as minutes pass)."""
        service = self.service
        if service.held_back:
            return _("A break is due, held back while a full-screen window is in front")
        now = service.now()
        paused = service.paused_until
        if paused is not None:
            return paused_until_text(paused, now, service.zone)
        if not service.settings.breaks:
            return _("Break reminders are off")
        upcoming = service.next_break()
        if upcoming is None:
            return _("No break due in working hours this week")
        return next_break_text(upcoming, now, service.zone)

    def refresh(self) -> None:
        # "Tomorrow" turns into today at midnight: the words are looked at again then.
        local = self.service.now().astimezone(self.service.zone)
        self._midnight.start(int(until_next_day(local) * 1000))
        text = self.status_text()
        self.next_item.setText(text)
        # Translators: the tray icon's tooltip; {status} is a line like "Next break at 10:15".
        self.setToolTip(_("BackRoutine: {status}").format(status=text))
        breaks_on = self.service.settings.breaks
        for action in (self.snooze_action, self.skip_action):
            action.setEnabled(breaks_on and self.service.paused_until is None)
        self.resume_action.setEnabled(self.service.paused_until is not None)

    # -- reminders -------------------------------------------------------------

    def _heads_up(self, event: Event) -> None:
        self._pending_program = ""  # a click on this message is not for a program
        minutes = self.service.settings.heads_up
        self.showMessage(
            _("A break is coming"),
            ngettext(
                "A short break in {count} minute. Finish what you are doing.",
                "A short break in {count} minutes. Finish what you are doing.",
                minutes,
            ).format(count=minutes),
            QSystemTrayIcon.MessageIcon.Information,
            8000,
        )

    def _break_due(self, event: Event) -> None:
        self._pending_program = ""
        self.showMessage(
            _("Time for a break"),
            _("Stand up and stretch for a few minutes. Click here to start the break."),
            QSystemTrayIcon.MessageIcon.Information,
            30000,
        )

    def _program_due(self, routine_id: str, event: Event) -> None:
        routine = self.service.routines.get(routine_id)
        if routine is None:
            return
        self._pending_program = routine_id
        self.showMessage(
            _("Time for {routine}").format(routine=routine.name),
            _("Your program is due. Click here to start it."),
            QSystemTrayIcon.MessageIcon.Information,
            30000,
        )

    def _held_back(self, event: Event) -> None:
        self.refresh()  # a full-screen window is in front: only the icon's words change

    def _message_clicked(self) -> None:
        if self._pending_program:
            routine_id, self._pending_program = self._pending_program, ""
            self.start_program.emit(routine_id)
        else:
            self.start_break.emit()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.open_window.emit()
