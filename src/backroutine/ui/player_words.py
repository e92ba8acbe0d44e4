"""What the player says about a period, in words: Qt-free, so it is tested without a
window and, later, put through the translation layer."""

from __future__ import annotations

from ..core import safety
from ..core.durations import format_clock, format_duration
from ..core.engine import Outcome, PauseReason, Session, State, View
from ..core.phrases import SWITCH_SIDES, at_your_pace
from ..core.timeline import Period, PeriodKind


def period_title(period: Period | None) -> str:
    """What the period is, in a few words: "Get ready", "Hold", "Rep 4 of 10 - press Done"."""
    if period is None:
        return ""
    kind = period.kind
    if kind is PeriodKind.PREPARE:
        return "Get ready"
    if kind is PeriodKind.HOLD:
        return "Hold"
    if kind is PeriodKind.DURATION:
        return "Keep going"
    if kind is PeriodKind.TIMED_REP:
        return f"Rep {period.rep} of {period.reps}"
    if kind is PeriodKind.UNTIMED_REP:
        return f"Rep {period.rep} of {period.reps} - press Done"
    if kind is PeriodKind.SWITCH_SIDES:
        return SWITCH_SIDES
    return "Rest"


def period_counters(period: Period | None) -> str:
    """Where in the exercise this is: set, side and rep."""
    if period is None or not period.exercise:
        return ""
    if period.kind is PeriodKind.REST:
        # A rest inside an exercise leads to its next rep, or to its next set.
        if period.rep > 1:
            return f"Rep {period.rep} of {period.reps} next"
        return f"Set {period.set} of {period.sets} next" if period.sets > 1 else ""
    parts = []
    if period.sets > 1:
        parts.append(f"Set {period.set} of {period.sets}")
    if period.side is not None:
        parts.append(f"{period.side.value.capitalize()} side")
    if period.kind is PeriodKind.HOLD and period.reps > 1:
        parts.append(f"Rep {period.rep} of {period.reps}")
    return "  ·  ".join(parts)


def describe_next(period: Period | None) -> str:
    if period is None:
        return "Next: the end"
    if period.kind is PeriodKind.PREPARE:
        return f"Next: {period.exercise}"
    if period.kind is PeriodKind.REST:
        return f"Next: rest {format_duration(period.seconds or 0)}"
    if period.kind is PeriodKind.SWITCH_SIDES:
        return f"Next: switch to the {period.side.value if period.side else 'other'} side"
    if period.kind is PeriodKind.HOLD:
        what = f"hold {format_duration(period.seconds or 0)}"
    elif period.kind is PeriodKind.DURATION:
        what = format_duration(period.seconds or 0)
    else:
        what = f"rep {period.rep} of {period.reps}"
    return f"Next: {period.exercise}, {what}"


def countdown_text(seconds: int) -> str:
    """Plain seconds under a minute ("45"), minutes and seconds above ("1:30")."""
    return str(seconds) if seconds < 60 else format_clock(seconds)


def status_text(view: View) -> str:
    """The line under the countdown: how to start, or why it is paused."""
    if view.state is State.READY:
        return "Press Start or Space when you are ready."
    if view.state is State.PAUSED:
        if view.pause_reason is PauseReason.SLEPT:
            return "Paused because the computer was asleep. Press Space to go on."
        return "Paused. Press Space to go on."
    return ""


def time_left_text(view: View) -> str:
    """What is left of the routine: "2:30 left", or about that plus the untimed reps."""
    left = f"{format_clock(view.remaining_total)} left"
    if view.untimed_left:
        left = f"about {left}, plus {at_your_pace(view.untimed_left)}"
    return left


def safety_banner() -> str:
    """The safety notice in one paragraph, for the top of the player."""
    return safety.banner_text()


def summary_words(session: Session, routine_name: str) -> tuple[str, str]:
    """The title and the lines of the page at the end of a session."""
    if session.state is not State.FINISHED:
        title = "Session stopped"
    elif session.completed:
        title = "Well done!"
    else:
        title = "Everything was skipped"
    done = {w.period_index for w in session.work if w.outcome is Outcome.DONE}
    lines = [routine_name, ""]
    lines.append(f"Active time {format_clock(session.active_seconds())}")
    if session.paused_seconds >= 1:
        lines.append(f"Paused for {format_clock(session.paused_seconds)}")
    work = [p for p in session.periods if p.kind.is_work]
    lines.append(f"{len(done)} of {len(work)} holds, reps and timed parts done")
    if session.completed:
        lines += ["", "Notice how your back feels now. Stop an exercise that made it worse."]
    return title, "\n".join(lines)
