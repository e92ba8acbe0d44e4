"""Words the app says in more than one place, kept here once.

A phrase that the library, the editor and the player all show, or that several
messages end with, is written here and nowhere else, so that it reads the same
everywhere and can later be put through one translation layer. Nothing here
imports the rest of the app: any part of it may use these.
"""

from __future__ import annotations

# The player's title for a side switch, and what the voice says at one.
SWITCH_SIDES = "Switch sides"
# Going back from the player's summary, or from the history page.
BACK_TO_LIBRARY = "Back to the library"
# The player's "It hurts" button and the caution it opens.
IT_HURTS = "It hurts"
# An exercise without a picture: the player's empty frame, the editor's empty field.
NO_PICTURE = "No picture"

# Statuses as a person reads them, by the word the history keeps.
_STATUS_WORDS = {
    "completed": "completed",
    "stopped": "stopped",
    "interrupted": "interrupted",
    "in_progress": "in progress",
    "done": "done",
    "skipped": "skipped",
}


def status_word(stored: str) -> str:
    """A session's or a period's status in words: "in progress", not "in_progress"."""
    return _STATUS_WORDS.get(stored, stored.replace("_", " "))


def reps(count: int) -> str:
    """ "1 rep", "4 reps"."""
    return f"{count} rep{'' if count == 1 else 's'}"


def at_your_pace(count: int) -> str:
    """Untimed reps, which take as long as the person takes: "4 reps at your pace"."""
    return f"{reps(count)} at your pace"


def about_total(clock: str, untimed_reps: int, first: bool = False) -> str:
    """A routine's length when some reps wait for Done: "about 2:30 + 4 reps at your
    pace" ("About ..." first in a sentence)."""
    about = "About" if first else "about"
    return f"{about} {clock} + {at_your_pace(untimed_reps)}"


def not_recorded_until(what: str) -> str:
    """The end of every message about a history that cannot be written: the session
    goes on, and what would make recording start again."""
    return f"Sessions still run, but they are not recorded until {what}."


def nothing_written(target: str) -> str:
    """What an export that failed says about its file, from the menu or the command line."""
    return f"Nothing was written to {target}"
