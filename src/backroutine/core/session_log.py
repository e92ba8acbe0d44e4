"""Writes one session into the history as the engine reports it, and never stops the session.

If the history cannot be written (a read-only or full disk, a damaged file),
the session goes on; `failure` says why, once, for the player to show.
"""

from __future__ import annotations

from .engine import Session, State, WorkDone
from .history import History
from .history_records import HistoryError, PeriodRecord, PeriodStatus, SessionStatus
from .model import Routine


class SessionLog:
    def __init__(self, history: History | None, routine: Routine, failure: str = "") -> None:
        self.history = history
        self.routine = routine
        self.session_id: int | None = None
        self.failure = failure  # why nothing (more) is being recorded; "" while all is well
        self._written = 0  # how many of the engine's work periods are in the history
        self._last_row: int | None = None
        self._last_step: int | None = None  # the routine step of the last row written
        self._hurt_step: int | None = None  # "It hurts" waiting for this step's next row
        self._finished = False

    @property
    def recording(self) -> bool:
        return self.history is not None and not self.failure

    def _guard(self, action: str) -> bool:
        return self.recording and (action == "begin" or self.session_id is not None)

    def begin(self, session: Session, pain_before: int | None = None) -> None:
        if not self._guard("begin") or self.session_id is not None:
            return
        assert self.history is not None
        try:
            self.session_id = self.history.begin(
                self.routine.id,
                self.routine.name,
                self.routine.content_hash,
                session.timeline.total_seconds,
                pain_before=pain_before,
            )
        except HistoryError as exc:
            self.failure = str(exc)

    def sync(self, session: Session) -> None:
        """Write the work periods that ended since the last call, and the end if it came."""
        if not self._guard("sync"):
            return
        assert self.history is not None and self.session_id is not None
        try:
            for done in session.work[self._written :]:
                self._last_row = self.history.add_period(self.session_id, self._record(done))
                self._last_step = done.period.step_index
                self._written += 1
            if session.over and not self._finished:
                self.history.finish(
                    self.session_id,
                    SessionStatus.ended(session.completed),
                    session.active_seconds(),
                    session.paused_seconds,
                )
                self._finished = True
        except HistoryError as exc:
            self.failure = str(exc)

    def _record(self, done: WorkDone) -> PeriodRecord:
        period = done.period
        hurt = self._hurt_step == period.step_index
        if hurt:
            self._hurt_step = None
        return PeriodRecord(
            exercise=period.exercise,
            side=period.side.value if period.side else None,
            set=period.set,
            rep=period.rep,
            kind=period.kind.value,
            planned_seconds=period.seconds,
            actual_seconds=done.active_seconds,
            status=PeriodStatus(done.outcome.value),
            hurt=hurt,
            position=done.period_index,
        )

    def hurt(self, session: Session) -> None:
        """ "This hurts": flag the exercise under way on its next hold or rep kept, or,
        between exercises or just after a rep, the hold or rep just done."""
        period = session.current
        if period is None or session.state is State.FINISHED:
            return
        just_done = self._last_step is not None and self._last_step == period.step_index
        if period.exercise and (period.kind.is_work or not just_done):
            self._hurt_step = period.step_index  # during it, or before its first rep
            return
        if self._guard("hurt") and self._last_row is not None:
            assert self.history is not None
            try:
                self.history.mark_hurt(self._last_row)
            except HistoryError as exc:
                self.failure = str(exc)

    def rate(
        self,
        *,
        pain_before: int | None = None,
        pain_after: int | None = None,
        effort: int | None = None,
        note: str | None = None,
    ) -> None:
        if not self._guard("rate"):
            return
        assert self.history is not None and self.session_id is not None
        try:
            self.history.rate(
                self.session_id,
                pain_before=pain_before,
                pain_after=pain_after,
                effort=effort,
                note=note,
            )
        except HistoryError as exc:
            self.failure = str(exc)
