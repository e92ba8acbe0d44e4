"""The application's state, shared by the window's parts: the settings (read once,
changed and kept in one place, with a signal the parts follow), the history (opened
once), the desktop services (built once) and the day's adherence counts."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.i18n import _
from ..core.paths import user_paths
from ..core.settings import Settings, SettingsFile, read_settings, write_settings
from ..platform import services

if TYPE_CHECKING:
    from ..core.discovery import Entry
    from ..core.history import History, Notice
    from ..platform import Probe
    from ..platform.watches import AwayWatch


def _local_now() -> datetime:
    """The wall clock with the computer's offset (core.history.local_now, which is not
    imported before the window shows)."""
    return datetime.now().astimezone()


class AppState(QObject):
    """Settings, history and desktop services, for every part of the window.

    Parts follow `changed` (the keys that changed) instead of being told one by one;
    what is said to the person goes out as `said` (a status message and how long it
    stays, in ms) and `warned` (a title and a text that needs an answer)."""

    changed = Signal(object)  # frozenset[str]: the settings' keys that changed
    said = Signal(str, int)
    warned = Signal(str, str)
    notice_changed = Signal(str)  # the settings band's text, which may name a copy now
    history_opened = Signal()

    def __init__(
        self,
        settings: Settings | None = None,
        settings_file: SettingsFile | None = None,
        now: Callable[[], datetime] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings_path = user_paths().settings_file
        # The file as read: what it said, and what a save must keep of it first.
        if settings_file is None:
            settings_file = read_settings(self.settings_path)
        self.settings_file = settings_file
        self.settings = settings if settings is not None else settings_file.settings
        self.band_shown = False  # the window shows the settings file's notice in a band
        self.saved = True  # whether the last change reached settings.yaml
        self.now = now or _local_now  # the person's wall clock (tests: a fake)
        self.zone: tzinfo | None = None  # tests: a fixed time zone
        self._history: History | None = None
        self.history_problem = ""  # why no history is kept, when none can be
        self.history_read_only = False  # readable, not writable: sessions go unrecorded
        self._history_tried = False
        self.idle_probe: Probe | None = None  # how idle time is learnt (tests: a fake)
        self.full_screen_probe: Probe | None = None
        self.away_watch: AwayWatch | str | None = None  # or why there is none
        self.adherence_day: date | None = None  # the day the counts shown are for
        self.changed.connect(self._autostart)  # first: later parts see what holds

    # -- settings -------------------------------------------------------------------

    @property
    def routines_dir(self) -> Path:
        return user_paths().routines_dir

    def change(self, **values: object) -> None:
        """Change settings, keep them, and tell the parts that follow them (which may
        ask to restart, so the file is written first)."""
        self.settings = self.settings.changed(**values)
        self.saved = self.save()
        asked = self.settings
        self.changed.emit(frozenset(values))
        if self.settings != asked:
            self.saved = self.save()  # a part could not apply a value and set it back

    def _autostart(self, keys: frozenset[str]) -> None:
        if "start_on_login" not in keys:
            return
        autostart = services().autostart

        try:
            autostart.set_enabled(self.settings.start_on_login)
        except OSError as exc:
            self.settings = self.settings.changed(start_on_login=autostart.is_enabled())
            self.warned.emit(
                _("Start on login"),
                _("Could not change the start-up entry: {reason}").format(reason=exc),
            )

    def save(self) -> bool:
        """Write the settings (a file that could not be read is kept aside first);
        False, and said, when they could not be written."""
        kept_before = self.settings_file.kept_as
        written = True
        try:
            write_settings(self.settings_file, self.settings)
        except OSError as exc:
            written = False
            self.said.emit(_("Could not save your settings: {reason}").format(reason=exc), 10000)
        kept = self.settings_file.kept_as
        if kept is not None and kept != kept_before and not self.band_shown:
            # Text of the person's that a save does not keep (comments, a change
            # made by hand while the app ran): said, since no band said it before.
            self.said.emit(
                _(
                    "Your settings file held text that saving does not keep (such as "
                    "comments); your version is kept as {file}."
                ).format(file=kept),
                15000,
            )
        if self.band_shown:
            self.notice_changed.emit(self.settings_file.notice())
        return written

    # -- history --------------------------------------------------------------------

    def history(self) -> History | None:
        """The history, opened on first use; None (and history_problem) if it cannot be."""
        if self._history_tried:
            return self._history
        self._history_tried = True
        from ..core.history import History
        from ..core.history_records import HistoryError, notice_texts

        path = user_paths().history_file
        try:
            self._history, notices = History.open(path)
        except HistoryError as exc:
            self.history_problem = str(exc)
            # What is there can still be shown and exported (a read-only disk, say).
            with contextlib.suppress(HistoryError):
                salvaged: list[Notice] = []  # a damaged file: how much of it could be read
                self._history = History.open_read_only(path, notices=salvaged)
                self.history_read_only = True
                self.history_problem = " ".join([self.history_problem, *notice_texts(salvaged)])
            self.said.emit(self.history_problem, 15000)
        else:
            for notice in notices:
                self._tell_history_notice(notice)
        self.history_opened.emit()
        return self._history

    def _tell_history_notice(self, notice: Notice) -> None:
        """What needs attention (a file set aside: the person must know where it is) is
        a warning; the rest is a status message."""
        if notice.kind.needs_attention:
            self.warned.emit(_("Your history"), notice.text)
        else:
            self.said.emit(notice.text, 15000)

    def close_history(self) -> None:
        if self._history is not None:
            self._history.close()
            self._history = None

    # -- the desktop's services -----------------------------------------------------

    def platform_services(self) -> tuple[Probe, Probe, AwayWatch | str]:
        """The idle and full-screen probes and the away watch (or why there is none),
        built once, for this desktop."""
        if self.idle_probe is None or self.full_screen_probe is None or self.away_watch is None:
            desktop = services()
            self.idle_probe = self.idle_probe or desktop.idle
            self.full_screen_probe = self.full_screen_probe or desktop.full_screen
            if self.away_watch is None:
                self.away_watch = desktop.away_watch(self.idle_probe)
        return self.idle_probe, self.full_screen_probe, self.away_watch

    # -- adherence ------------------------------------------------------------------

    def local_now(self) -> datetime:
        now = self.now()
        return now.astimezone(self.zone) if self.zone is not None else now

    def adherence(self, entries: Iterable[Entry]) -> tuple[dict[str, str], float] | None:
        """Today's and this week's counts of each scheduled routine ("1 of 2 today"),
        and the seconds until they start again; None while there is no history."""
        from ..core.adherence import adherence_texts, until_next_day

        if self._history is None:
            return None
        now = self.local_now()
        self.adherence_day = now.date()
        schedules = [
            (e.id, e.result.routine.schedule)
            for e in entries
            if e.result.routine is not None and e.result.routine.schedule is not None
        ]
        texts = adherence_texts(schedules, self._history.completed_per_day, now.date())
        return texts, until_next_day(now)

    def new_day(self) -> bool:
        """Whether the counts shown are for another day than today (the computer slept)."""
        return self.adherence_day is not None and self.local_now().date() != self.adherence_day
