"""The window's pages, one shown at a time: the library (with each scheduled routine's
counts for today and this week), the player in its place while a routine runs, and
the history."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from ..core.i18n import _
from .library_page import LibraryPage

if TYPE_CHECKING:
    from ..core.discovery import Entry, Library
    from ..core.engine import Clock
    from ..core.model import Routine
    from .app_state import AppState
    from .cues import CuePlayer
    from .player import PlayerPage


class Stage(QStackedWidget):
    """The library page, and the page shown in its place (the player, the history)."""

    session_completed = Signal()

    def __init__(
        self, window: QMainWindow, state: AppState, clock: Clock, cue_player: CuePlayer
    ) -> None:
        super().__init__()
        self.window_, self.state, self.clock, self.cue_player = window, state, clock, cue_player
        self.player: PlayerPage | None = None
        self.library_page = LibraryPage()
        self.library_page.play_requested.connect(self.play)
        self._library_status = ""
        self.library_page.status.connect(self._show_library_status)
        self.addWidget(self.library_page)
        self._midnight = QTimer(self)  # the day's counts start again at midnight
        self._midnight.setSingleShot(True)
        self._midnight.timeout.connect(self.update_adherence)
        state.history_opened.connect(self.update_adherence)
        state.changed.connect(self._follow_settings)

    # -- the library --------------------------------------------------------------

    @property
    def library(self) -> Library:
        return self.library_page.library

    def set_library(self, library: Library) -> None:
        self.library_page.set_library(library)
        self.update_adherence()

    def reload(self) -> None:
        from ..core.discovery import known_routines

        self.set_library(known_routines())

    def select(self, routine_id: str) -> None:
        self.library_page.select(routine_id)

    def shown_entry(self) -> Entry | None:
        """The routine the window shows: the one playing, else the library's choice."""
        player = self.player
        if player is not None and self.currentWidget() is player:
            return self.library.find(player.routine.id)
        if self.currentWidget() is not self.library_page:
            return None  # the history: no routine is shown
        return self.library_page.current_entry()

    def routine_at(self, path: str) -> Routine | None:
        """The routine in a file another start of the app asked for (None: said why)."""
        from PySide6.QtWidgets import QMessageBox

        from ..core.discovery import discover
        from ..core.names import readable

        entries = discover(bundled_dir=None, user_dir=None, paths=[Path(path)])
        routine = entries.entries[0].result.routine if entries.entries else None
        if routine is None:
            # Translators: {path} is a routine file that another start of the app asked for.
            message = _("Cannot run {path}.").format(path=readable(path))
            QMessageBox.warning(self.window_, "BackRoutine", message)
        return routine

    def routines_by_id(self) -> dict[str, Routine]:
        return {e.id: e.result.routine for e in self.library.entries if e.result.routine}

    def update_adherence(self) -> None:
        """Today's and this week's count for each scheduled routine, in the library;
        again after each session, and at midnight."""
        counted = self.state.adherence(self.library.entries)
        if counted is not None:
            texts, wait = counted
            self.library_page.model.set_adherence(texts)
            self._midnight.start(int(wait * 1000))

    def show_status(self, text: str, msecs: int = 0) -> None:
        self.window_.statusBar().showMessage(text, msecs)

    def _show_library_status(self, text: str) -> None:
        self._library_status = text
        if self.player is None:
            self.show_status(text)

    # -- pages in the library's place -------------------------------------------------

    def show_page(self, page: QWidget, title: str) -> None:
        """A page in the library's place (the player, the history)."""
        if self.indexOf(page) < 0:
            self.addWidget(page)
        self.setCurrentWidget(page)
        self.window_.statusBar().clearMessage()  # the library's count means nothing here
        self.window_.setWindowTitle(title)

    def back_to_library(self) -> None:
        self.setCurrentWidget(self.library_page)
        self.show_status(self._library_status)
        self.window_.setWindowTitle("BackRoutine")
        self.library_page.list.setFocus()

    # -- the player -------------------------------------------------------------------

    def _follow_settings(self, keys: frozenset[str]) -> None:
        """The open player follows what it shows of the settings: whether it asks for
        pain ratings (changed from the menu while it is open)."""
        player = self.player
        if player is not None and "ratings" in keys:
            from ..core.settings import asks_for_ratings

            routine = player.routine
            player.ask_ratings = asks_for_ratings(
                self.state.settings, routine.schedule, routine.tags
            )
            player.refresh()

    def under_way(self) -> Routine | None:
        """The routine of a session under way (running or paused), if one is."""
        player = self.player
        return player.routine if player is not None and player.under_way() else None

    def may_replace_player(self) -> bool:
        """Whether another routine may take the player now: a session under way asks
        first, as Esc does (yes stops it, keeping what was done)."""
        return self.player is None or self.player.confirm_stop()

    def try_out(self, routine: Routine) -> None:
        self.play(routine, record=False)
        self.window_.raise_()
        self.window_.activateWindow()

    def play(
        self,
        routine: Routine,
        start: bool = False,
        trace: TextIO | None = None,
        record: bool = True,
    ) -> PlayerPage:
        """Open the player on a routine; with start, begin at once. A routine tried out
        from the editor (record False) is not kept in the history."""
        from ..core.settings import asks_for_ratings
        from .player import PlayerPage
        from .player_words import safety_banner

        self.close_player()
        state = self.state
        history = state.history()
        player = self.player = PlayerPage(
            routine,
            clock=self.clock,
            trace=trace,
            history=None if state.history_read_only or not record else history,
            history_problem=state.history_problem if record else _("It is being tried out."),
            ask_ratings=asks_for_ratings(state.settings, routine.schedule, routine.tags),
            trying_out=not record,
        )
        player.closed.connect(self.close_player)
        player.completed.connect(self.session_completed)
        player.cues_due.connect(lambda cues: self.cue_player.play(cues, player.timeline))
        self.cue_player.prepare(routine, lambda note: player.add_notice("voice", note))
        # Translators: the window's title while a routine plays; {routine} is its name.
        self.show_page(player, _("{routine} - BackRoutine").format(routine=routine.name))
        if not state.settings.safety_notice_seen and start:
            # Starting straight away: the notice shows inside the player, not as a
            # dialog that would block the start.
            player.show_notice(safety_banner())
            state.change(safety_notice_seen=True)
        if not record:
            player.add_notice(
                "history", _("You are trying out a routine from the editor: it is not recorded.")
            )
        player.setFocus()
        if start:
            player.start()
        return player

    def close_player(self) -> None:
        if self.player is None:
            return
        player, self.player = self.player, None
        player.end()
        self.back_to_library()
        self.removeWidget(player)
        player.deleteLater()
        self.update_adherence()
