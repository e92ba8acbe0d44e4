"""What the history holds, as typed values: sessions and their periods, the statuses
they can have, and the notices opening a history gives the person.

Statuses are stored as the words they have always been ("completed", "done"...),
so every history file written before reads the same. They are `str` enums: a
status compares equal to its stored word, and prints as it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from .phrases import status_word

Now = Callable[[], datetime]


def local_now() -> datetime:
    """The wall clock, with the computer's current offset from UTC."""
    return datetime.now().astimezone()


class HistoryError(Exception):
    """The history could not be read or written; the message says why, for a person."""


class _Stored(str, enum.Enum):
    """A value kept in the history file as its word."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The word for a person: "in progress", not "in_progress"."""
        return status_word(self.value)


class SessionStatus(_Stored):
    COMPLETED = "completed"  # done to its end, with something done
    STOPPED = "stopped"  # ended early (or everything skipped)
    INTERRUPTED = "interrupted"  # the app closed or the computer stopped during it
    IN_PROGRESS = "in_progress"  # being recorded now

    @classmethod
    def ended(cls, completed: bool) -> SessionStatus:
        """How a session the person ended is kept."""
        return cls.COMPLETED if completed else cls.STOPPED


class PeriodStatus(_Stored):
    DONE = "done"  # ran to its end, or Done was pressed
    SKIPPED = "skipped"  # left early: skipped, or the session stopped during it


STATUSES = tuple(status.value for status in SessionStatus)
PERIOD_STATUSES = tuple(status.value for status in PeriodStatus)
_SESSION_WORDS: dict[object, SessionStatus] = {status.value: status for status in SessionStatus}
_PERIOD_WORDS: dict[object, PeriodStatus] = {status.value: status for status in PeriodStatus}


class NoticeKind(enum.Enum):
    """What a notice from opening the history is about, so callers need not read it."""

    SET_ASIDE = "set_aside"  # the file was damaged and is kept aside; a new one started
    READ_DAMAGED = "read_damaged"  # a damaged file read as far as it goes, left unchanged
    INTERRUPTED = "interrupted"  # sessions found unfinished were settled as interrupted

    @property
    def needs_attention(self) -> bool:
        """Worth stopping the person for (a file moved), not just a passing word."""
        return self is NoticeKind.SET_ASIDE


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the person should be told about their history: a kind and the words."""

    kind: NoticeKind
    text: str

    def __str__(self) -> str:
        return self.text

    def __contains__(self, words: str) -> bool:
        return words in self.text


def notice_texts(notices: Sequence[Notice]) -> list[str]:
    return [notice.text for notice in notices]


@dataclass(frozen=True, slots=True)
class PeriodRecord:
    exercise: str
    side: str | None
    set: int
    rep: int
    kind: str
    planned_seconds: float | None
    actual_seconds: float
    status: PeriodStatus
    hurt: bool = False
    position: int = 0
    ended_at: str = ""

    def __post_init__(self) -> None:
        # A word as stored ("done") is taken as its status; any other word is refused.
        if type(self.status) is not PeriodStatus:
            object.__setattr__(self, "status", PeriodStatus(self.status))

    def as_dict(self) -> dict[str, object]:
        return {
            "exercise": self.exercise,
            "side": self.side,
            "set": self.set,
            "rep": self.rep,
            "kind": self.kind,
            "planned_seconds": self.planned_seconds,
            "actual_seconds": round(self.actual_seconds, 3),
            "status": self.status.value,
            "hurt": self.hurt,
        }


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    started_at: str
    local_date: str
    planned_seconds: float
    status: SessionStatus
    ended_at: str | None
    active_seconds: float | None
    paused_seconds: float | None
    pain_before: int | None
    pain_after: int | None
    effort: int | None
    note: str
    periods: tuple[PeriodRecord, ...] = field(default=())

    def __post_init__(self) -> None:
        if type(self.status) is not SessionStatus:
            object.__setattr__(self, "status", SessionStatus(self.status))

    @property
    def day(self) -> date:
        return date.fromisoformat(self.local_date)

    @property
    def completed(self) -> bool:
        return self.status is SessionStatus.COMPLETED

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "routine_id": self.routine_id,
            "routine_name": self.routine_name,
            "routine_hash": self.routine_hash,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "status": self.status.value,
            "planned_seconds": self.planned_seconds,
            "active_seconds": _rounded(self.active_seconds),
            "paused_seconds": _rounded(self.paused_seconds),
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "effort": self.effort,
            "note": self.note,
            "periods": [p.as_dict() for p in self.periods],
        }


# The columns read for a session and for a period are the records' own fields, in
# their order (a period's set is kept as set_number), so a row is read by the names
# the record declares, and a field added to a record is read with it.
_SESSION_FIELDS = [f.name for f in fields(SessionRecord) if f.name != "periods"]
_PERIOD_FIELDS = [f.name for f in fields(PeriodRecord)]
SESSION_COLUMNS = ", ".join([*_SESSION_FIELDS, "owner"])
PERIOD_COLUMNS = ", ".join(
    ["session_id", *("set_number" if name == "set" else name for name in _PERIOD_FIELDS)]
)
_SESSION_STATUS = _SESSION_FIELDS.index("status")
_PERIOD_STATUS = _PERIOD_FIELDS.index("status")
_PERIOD_HURT = _PERIOD_FIELDS.index("hurt")


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A session as its row holds it, before it is read as interrupted or not."""

    record: SessionRecord
    owner: str

    @classmethod
    def read(cls, row: Sequence[Any], periods: Mapping[int, list[PeriodRecord]]) -> SessionRow:
        """From a row of SESSION_COLUMNS, with its periods among those given."""
        *values, owner = row
        values[_SESSION_STATUS] = _SESSION_WORDS.get(
            values[_SESSION_STATUS], SessionStatus.INTERRUPTED
        )
        values.append(tuple(periods.get(values[0], ())))  # the last field: its periods
        return cls(SessionRecord(*values), owner)


def period_from_row(row: Sequence[Any]) -> tuple[int, PeriodRecord]:
    """The session id and the period, from a row of PERIOD_COLUMNS."""
    session_id, *values = row
    values[_PERIOD_STATUS] = _PERIOD_WORDS.get(values[_PERIOD_STATUS], PeriodStatus.SKIPPED)
    values[_PERIOD_HURT] = bool(values[_PERIOD_HURT])
    return session_id, PeriodRecord(*values)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
