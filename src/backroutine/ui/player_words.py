"""What the player says about a period, in words: Qt-free, so it is tested without a
window. Every word goes through the translation layer (core.i18n)."""

from __future__ import annotations

from ..core import safety
from ..core.durations import format_clock, say_duration
from ..core.engine import Outcome, PauseReason, Session, State, View
from ..core.i18n import N_, _, ngettext, pgettext
from ..core.model import Side
from ..core.phrases import SWITCH_SIDES, at_your_pace
from ..core.timeline import Period, PeriodKind

# The play button's word in each state of the session.
_PLAY_ACTIONS = {
    # Translators: the player's button that starts, pauses or resumes the session.
    State.READY: N_("Start"),
    State.RUNNING: N_("Pause"),
    State.PAUSED: N_("Resume"),
}


def play_action(state: State) -> str:
    """What the play button does now: "Start", "Pause" or "Resume"."""
    return _(_PLAY_ACTIONS.get(state, _PLAY_ACTIONS[State.READY]))


def stop_question(recording: bool, trying_out: bool) -> str:
    """What Esc asks before a session under way is stopped, and what happens to it."""
    if recording:
        return _("Stop this session now? What you have done so far is kept.")
    if trying_out:  # a routine tried out from the editor
        return _("Stop this session now? This try is not recorded.")
    return _("Stop this session now? It is not recorded.")  # a history that cannot be written


def rest_word() -> str:
    # Translators: a rest is a pause between exercises or reps; the player's big title.
    return pgettext("player", "Rest")


def picture_name(exercise: str) -> str:
    """An exercise's picture, named for screen readers."""
    # Translators: read by screen readers; {exercise} is the exercise's name.
    return _("Picture: {exercise}").format(exercise=exercise)


def side_words(side: Side | None) -> str:
    """ "Left side", "Right side": which side of the body is being worked."""
    if side is Side.LEFT:
        # Translators: the side of the body being exercised now.
        return pgettext("side of the body", "Left side")
    if side is Side.RIGHT:
        return pgettext("side of the body", "Right side")
    return ""


def rep_of(rep: int, reps: int) -> str:
    # Translators: a "rep" is one repetition of an exercise movement: "Rep 3 of 10".
    return ngettext("Rep {rep} of {count}", "Rep {rep} of {count}", reps).format(
        rep=rep, count=reps
    )


def period_title(period: Period | None) -> str:
    """What the period is, in a few words: "Get ready", "Hold", "Rep 4 of 10 - press Done"."""
    if period is None:
        return ""
    kind = period.kind
    if kind is PeriodKind.PREPARE:
        return _("Get ready")
    if kind is PeriodKind.HOLD:
        # Translators: hold the position still now (a "hold" in the routine).
        return pgettext("player", "Hold")
    if kind is PeriodKind.DURATION:
        # Translators: keep doing the exercise until the time is up.
        return _("Keep going")
    if kind is PeriodKind.TIMED_REP:
        return rep_of(period.rep, period.reps)
    if kind is PeriodKind.UNTIMED_REP:
        # Translators: "Done" is the player's button that ends an untimed rep.
        return ngettext(
            "Rep {rep} of {count} - press Done", "Rep {rep} of {count} - press Done", period.reps
        ).format(rep=period.rep, count=period.reps)
    if kind is PeriodKind.SWITCH_SIDES:
        return _(SWITCH_SIDES)
    return rest_word()


def period_counters(period: Period | None) -> str:
    """Where in the exercise this is: set, side and rep."""
    if period is None or not period.exercise:
        return ""
    if period.kind is PeriodKind.REST:
        # A rest inside an exercise leads to its next rep, or to its next set.
        if period.rep > 1:
            # Translators: shown during a rest; the rep that comes after it.
            return ngettext(
                "Rep {rep} of {count} next", "Rep {rep} of {count} next", period.reps
            ).format(rep=period.rep, count=period.reps)
        if period.sets > 1:
            # Translators: a "set" is one round of an exercise's reps; the set after the rest.
            return ngettext(
                "Set {set} of {count} next", "Set {set} of {count} next", period.sets
            ).format(set=period.set, count=period.sets)
        return ""
    parts = []
    if period.sets > 1:
        # Translators: a "set" is one round of an exercise's reps: "Set 2 of 3".
        text = ngettext("Set {set} of {count}", "Set {set} of {count}", period.sets)
        parts.append(text.format(set=period.set, count=period.sets))
    if period.side is not None:
        parts.append(side_words(period.side))
    if period.kind is PeriodKind.HOLD and period.reps > 1:
        parts.append(rep_of(period.rep, period.reps))
    return "  ·  ".join(p for p in parts if p)


def switch_instructions(side: Side | None) -> str:
    """What to do at a side switch."""
    if side is Side.LEFT:
        return _("Change to the left side and get into position.")
    if side is Side.RIGHT:
        return _("Change to the right side and get into position.")
    return _("Change to the other side and get into position.")


def describe_next(period: Period | None) -> str:
    if period is None:
        return _("Next: the end")
    name = period.exercise
    if period.kind is PeriodKind.PREPARE:
        # Translators: {exercise} is the name of the next exercise.
        return _("Next: {exercise}").format(exercise=name)
    duration = say_duration(period.seconds or 0)
    if period.kind is PeriodKind.REST:
        # Translators: a rest is a pause; {duration} is how long, such as 30s.
        return _("Next: rest {duration}").format(duration=duration)
    if period.kind is PeriodKind.SWITCH_SIDES:
        if period.side is Side.LEFT:
            return _("Next: switch to the left side")
        if period.side is Side.RIGHT:
            return _("Next: switch to the right side")
        return _("Next: switch to the other side")
    if period.kind is PeriodKind.HOLD:
        # Translators: "hold" means holding a position still for {duration}.
        return _("Next: {exercise}, hold {duration}").format(exercise=name, duration=duration)
    if period.kind is PeriodKind.DURATION:
        return _("Next: {exercise}, {duration}").format(exercise=name, duration=duration)
    # Translators: a "rep" is one repetition of an exercise movement.
    return ngettext(
        "Next: {exercise}, rep {rep} of {count}",
        "Next: {exercise}, rep {rep} of {count}",
        period.reps,
    ).format(exercise=name, rep=period.rep, count=period.reps)


def countdown_text(seconds: int) -> str:
    """Plain seconds under a minute ("45"), minutes and seconds above ("1:30")."""
    return str(seconds) if seconds < 60 else format_clock(seconds)


def status_text(view: View) -> str:
    """The line under the countdown: how to start, or why it is paused."""
    if view.state is State.READY:
        # Translators: "Start" is the player's button; "Space" is the keyboard's space bar.
        return _("Press Start or Space when you are ready.")
    if view.state is State.PAUSED:
        if view.pause_reason is PauseReason.SLEPT:
            return _("Paused because the computer was asleep. Press Space to go on.")
        return _("Paused. Press Space to go on.")
    return ""


def time_left_text(view: View) -> str:
    """What is left of the routine: "2:30 left", or about that plus the untimed reps."""
    clock = format_clock(view.remaining_total)
    if view.untimed_left:
        # Translators: {clock} is a time such as 2:30; {reps} is a count of reps with no
        # timer, which take as long as the person takes, such as "4 reps at your pace".
        text = _("about {clock} left, plus {reps}")
        return text.format(clock=clock, reps=at_your_pace(view.untimed_left))
    # Translators: what is left of the routine; {clock} is a time such as 2:30.
    return _("{clock} left").format(clock=clock)


def safety_banner() -> str:
    """The safety notice in one paragraph, for the top of the player."""
    return safety.banner_text()


def summary_words(session: Session, routine_name: str) -> tuple[str, str]:
    """The title and the lines of the page at the end of a session."""
    if session.state is not State.FINISHED:
        title = _("Session stopped")
    elif session.completed:
        title = _("Well done!")
    else:
        title = _("Everything was skipped")
    done = {w.period_index for w in session.work if w.outcome is Outcome.DONE}
    lines = [routine_name, ""]
    # Translators: {clock} is a time such as 2:33.
    lines.append(_("Active time {clock}").format(clock=format_clock(session.active_seconds())))
    if session.paused_seconds >= 1:
        lines.append(_("Paused for {clock}").format(clock=format_clock(session.paused_seconds)))
    work = [p for p in session.periods if p.kind.is_work]
    # Translators: "holds" (positions held still), "reps" (repetitions) and timed
    # parts are the pieces of a routine; {done} of {count} of them were done.
    parts = ngettext(
        "{done} of {count} holds, reps and timed parts done",
        "{done} of {count} holds, reps and timed parts done",
        len(work),
    )
    lines.append(parts.format(done=len(done), count=len(work)))
    if session.completed:
        lines += ["", _("Notice how your back feels now. Stop an exercise that made it worse.")]
    return title, "\n".join(lines)
