"""What the history holds, as typed values: sessions and their periods, the statuses
they can have, and the notices opening a history gives the person.

Statuses are stored as the words they have always been ("completed", "done"...),
so every history file written before reads the same. They are `str` enums: a
status compares equal to its stored word, and prints as it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

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

    @classmethod
    def read(cls: type[S], word: object, otherwise: S) -> S:
        """The status a stored word means; otherwise's for a word this version does not
        know (a file changed by hand, say), so that reading never fails on it."""
        try:
            return cls(word)
        except ValueError:
            return cls(otherwise)

    @property
    def label(self) -> str:
        """The word for a person: "in progress", not "in_progress"."""
        return status_word(self.value)


S = TypeVar("S", bound=_Stored)


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


# The columns read for a session and for a period, each with the record's field it
# fills: one list gives both the query and the reading of its rows, by name.
_SESSION_FIELDS = (
    ("id", "id"),
    ("routine_id", "routine_id"),
    ("routine_name", "routine_name"),
    ("routine_hash", "routine_hash"),
    ("started_at", "started_at"),
    ("local_date", "local_date"),
    ("planned_seconds", "planned_seconds"),
    ("status", "status"),
    ("ended_at", "ended_at"),
    ("active_seconds", "active_seconds"),
    ("paused_seconds", "paused_seconds"),
    ("pain_before", "pain_before"),
    ("pain_after", "pain_after"),
    ("effort", "effort"),
    ("note", "note"),
)
_PERIOD_FIELDS = (
    ("exercise", "exercise"),
    ("side", "side"),
    ("set_number", "set"),
    ("rep", "rep"),
    ("kind", "kind"),
    ("planned_seconds", "planned_seconds"),
    ("actual_seconds", "actual_seconds"),
    ("status", "status"),
    ("hurt", "hurt"),
    ("position", "position"),
    ("ended_at", "ended_at"),
)
SESSION_COLUMNS = ", ".join([column for column, _ in _SESSION_FIELDS] + ["owner"])
PERIOD_COLUMNS = ", ".join(["session_id"] + [column for column, _ in _PERIOD_FIELDS])


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A session as its row holds it, before it is read as interrupted or not."""

    record: SessionRecord
    owner: str

    @classmethod
    def read(cls, row: Sequence[Any]) -> SessionRow:
        """From a row of SESSION_COLUMNS."""
        *fields, owner = row
        values = {name: value for (_, name), value in zip(_SESSION_FIELDS, fields, strict=True)}
        values["status"] = SessionStatus.read(values["status"], SessionStatus.INTERRUPTED)
        return cls(SessionRecord(**values), owner)


def period_from_row(row: Sequence[Any]) -> tuple[int, PeriodRecord]:
    """The session id and the period, from a row of PERIOD_COLUMNS."""
    session_id, *fields = row
    values = {name: value for (_, name), value in zip(_PERIOD_FIELDS, fields, strict=True)}
    values["status"] = PeriodStatus.read(values["status"], PeriodStatus.SKIPPED)
    values["hurt"] = bool(values["hurt"])
    return session_id, PeriodRecord(**values)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
