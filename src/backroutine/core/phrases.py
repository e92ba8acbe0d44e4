"""Words the app says in more than one place, kept here once.

A phrase that the library, the editor and the player all show, or that several
messages end with, is written here and nowhere else, so that it reads the same
everywhere. Each goes through the translation layer (core.i18n): the constants are
only marked here (N_) and translated with _() by whoever shows them. Nothing here
imports the rest of the app but the layer: any part of it may use these.
"""

from __future__ import annotations

from .i18n import N_, _, ngettext, pgettext

# The player's title for a side switch, and what the voice says at one.
SWITCH_SIDES = N_("Switch sides")
# Going back from the player's summary, or from the history page.
BACK_TO_LIBRARY = N_("Back to the library")
# The player's "It hurts" button and the caution it opens.
IT_HURTS = N_("It hurts")
# An exercise without a picture: the player's empty frame, the editor's empty field.
NO_PICTURE = N_("No picture")


def status_word(stored: str) -> str:
    """A session's or a period's status in words: "in progress", not "in_progress"."""
    words = {
        # Translators: a session's status in the history.
        "completed": pgettext("session status", "completed"),
        "stopped": pgettext("session status", "stopped"),
        "interrupted": pgettext("session status", "interrupted"),
        "in_progress": pgettext("session status", "in progress"),
        # Translators: a planned period's status in the history (a session done or not).
        "done": pgettext("period status", "done"),
        "skipped": pgettext("period status", "skipped"),
    }
    return words.get(stored, stored.replace("_", " "))


def reps(count: int) -> str:
    """ "1 rep", "4 reps"."""
    # Translators: a "rep" is one repetition of an exercise movement.
    return ngettext("{count} rep", "{count} reps", count).format(count=count)


def at_your_pace(count: int) -> str:
    """Untimed reps, which take as long as the person takes: "4 reps at your pace"."""
    # Translators: reps with no timer; the person presses Done when finished.
    return ngettext("{count} rep at your pace", "{count} reps at your pace", count).format(
        count=count
    )


def about_total(clock: str, untimed_reps: int, first: bool = False) -> str:
    """A routine's length when some reps wait for Done: "about 2:30 + 4 reps at your
    pace" ("About ..." first in a sentence)."""
    if first:
        # Translators: a routine's length; {clock} is a time such as 2:30.
        text = ngettext(
            "About {clock} + {count} rep at your pace",
            "About {clock} + {count} reps at your pace",
            untimed_reps,
        )
    else:
        # Translators: the same, inside a sentence.
        text = ngettext(
            "about {clock} + {count} rep at your pace",
            "about {clock} + {count} reps at your pace",
            untimed_reps,
        )
    return text.format(clock=clock, count=untimed_reps)


def not_recorded_until(what: str) -> str:
    """The end of every message about a history that cannot be written: the session
    goes on, and what would make recording start again."""
    # Translators: {what} is a whole condition, such as "the disk has free space".
    return _("Sessions still run, but they are not recorded until {what}.").format(what=what)


def nothing_written(target: str) -> str:
    """What an export that failed says about its file, from the menu or the command line."""
    return _("Nothing was written to {target}").format(target=target)


def tag_label(tag: str) -> str:
    """A tag as the library shows it: the bundled routines' and importers' tags in
    the person's language, any other as written. The file keeps the tag itself, in
    English ("physio" changes what the app does), so only its label is translated."""
    labels = {
        # Translators: a tag, a short word that sorts routines in the library.
        "break": pgettext("tag", "break"),
        "desk": pgettext("tag", "desk"),
        "standing": pgettext("tag", "standing"),
        "yoga": pgettext("tag", "yoga"),
        "mobility": pgettext("tag", "mobility"),
        "warm-up": pgettext("tag", "warm-up"),
        "strength": pgettext("tag", "strength"),
        "hips": pgettext("tag", "hips"),
        # Translators: a tag: a physiotherapy home program.
        "physio": pgettext("tag", "physio"),
        "low-back": pgettext("tag", "low back"),
        "eyes": pgettext("tag", "eyes"),
        # Translators: a tag: made from another app's breaks by an import.
        "imported": pgettext("tag", "imported"),
    }
    return labels.get(tag, tag)


def tags_text(tags: tuple[str, ...] | list[str]) -> str:
    """A routine's tags as one line: "yoga, mobility"."""
    # Translators: separates a routine's tags in a line ("yoga, mobility").
    return pgettext("list separator", ", ").join(tag_label(tag) for tag in tags)
