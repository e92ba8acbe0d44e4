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
