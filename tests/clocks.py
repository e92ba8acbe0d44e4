"""Fake clocks for the tests: time moves only when a test moves it, so no test sleeps
to test a timer and every date is the same on every machine."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


class FakeClock:
    """A monotonic clock in seconds, as the session engine and the player read it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class WallClock:
    """The person's clock: an aware date and time, changed by setting `moment`."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def hhmm(moment: datetime) -> str:
    """The time of day a person in Berlin reads on the clock."""
    return moment.astimezone(BERLIN).strftime("%H:%M")
