"""The safety notice: shown on first run and from the Help menu (in our own words)."""

from __future__ import annotations

TITLE = "Before you begin"

INTRO = (
    "BackRoutine guides general exercises. It is not medical advice and does not "
    "replace a doctor or physiotherapist who knows your back."
)

WHILE_EXERCISING = (
    "Move slowly and within what feels comfortable. Stop an exercise if it makes your "
    "pain worse or sends pain down a leg, and talk to your clinician before you try it again."
)

RED_FLAGS_HEADING = "Get medical care now, rather than exercising, if you have:"

RED_FLAGS = (
    "back pain after a fall, an accident or another injury",
    "numbness, tingling or weakness in a leg or foot",
    "new trouble controlling your bladder or bowels, or numbness around the groin",
    "fever, or weight loss you cannot explain",
    "pain that is constant, keeps getting worse, or wakes you at night",
)


def notice_text() -> str:
    """The whole notice as plain text."""
    flags = "\n".join(f"  • {flag}" for flag in RED_FLAGS)
    return f"{INTRO}\n\n{WHILE_EXERCISING}\n\n{RED_FLAGS_HEADING}\n{flags}"


PAIN_RISE = 2  # points above the pain before a session that call for a pause
PAIN_HIGH = 7  # pain after a session at or above this calls for the same


def pain_advice(before: int | None, after: int | None) -> str:
    """What to say when the pain after a session is clearly up; "" when it is not."""
    if after is None:
        return ""
    rose = before is not None and after - before >= PAIN_RISE
    if not rose and after < PAIN_HIGH:
        return ""
    if rose:
        opening = f"Your pain went up from {before} to {after}."
    else:
        opening = f"Your pain is {after} out of 10 after this session."
    return (
        f"{opening} Leave the exercises that hurt for today, and tell your clinician "
        "before you do them again; they may change the dose or the exercise. "
        "Rest in a position that eases it. "
        "Get medical care straight away if you notice numbness or weakness in a leg, "
        "new trouble with your bladder or bowels, or numbness around the groin."
    )


def hurt_advice(exercise: str) -> str:
    """Said when the person presses "It hurts" during an exercise."""
    return (
        f"Stop {exercise} for today; it is noted in your history for your clinician. "
        "Pain that spreads down a leg, or numbness or weakness, needs medical care now."
    )
