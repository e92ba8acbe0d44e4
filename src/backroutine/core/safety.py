"""The safety notice: shown on first run and from the Help menu (in our own words).

This is medical safety guidance. Each paragraph and each red flag is one message
of its own, so that a translator renders it whole; the constants are the English
texts (marked for the catalogue) and the functions give them in the person's
language.
"""

from __future__ import annotations

from .i18n import N_, _

# Translators: the title of the safety notice shown before first use.
TITLE = N_("Before you begin")

# Translators: medical safety guidance. Translate faithfully and plainly, without
# adding or dropping meaning.
INTRO = N_(
    "BackRoutine guides general exercises. It is not medical advice and does not "
    "replace a doctor or physiotherapist who knows your back."
)

# Translators: medical safety guidance. Translate faithfully and plainly, without
# adding or dropping meaning.
WHILE_EXERCISING = N_(
    "Move slowly and within what feels comfortable. Stop an exercise if it makes your "
    "pain worse or sends pain down a leg, and talk to your clinician before you try it again."
)

# Translators: medical safety guidance, the heading of the list of warning signs
# (red flags) that follows it. Translate faithfully and plainly.
RED_FLAGS_HEADING = N_("Get medical care now, rather than exercising, if you have:")

RED_FLAGS = (
    # Translators: medical safety guidance, one warning sign in the list after "Get
    # medical care now ... if you have:". Translate faithfully and plainly.
    N_("back pain after a fall, an accident or another injury"),
    # Translators: medical safety guidance, one warning sign (see above).
    N_("numbness, tingling or weakness in a leg or foot"),
    # Translators: medical safety guidance, one warning sign (see above).
    N_(
        "new trouble controlling your bladder or bowels, or numbness around your bottom or genitals"
    ),
    # Translators: medical safety guidance, one warning sign (see above).
    N_("fever, or weight loss you cannot explain"),
    # Translators: medical safety guidance, one warning sign (see above).
    N_("pain that is constant, keeps getting worse, or wakes you at night"),
)


def title() -> str:
    return _(TITLE)


def red_flags() -> list[str]:
    """The warning signs that call for medical care, in the person's language."""
    return [_(flag) for flag in RED_FLAGS]


def notice_text() -> str:
    """The whole notice as plain text."""
    flags = "\n".join(f"  • {flag}" for flag in red_flags())
    return f"{_(INTRO)}\n\n{_(WHILE_EXERCISING)}\n\n{_(RED_FLAGS_HEADING)}\n{flags}"


def banner_text() -> str:
    """The whole notice in one paragraph, for the top of the player."""
    # Translators: a separator between the warning signs of a list in one sentence.
    flags = _("; ").join(red_flags())
    # Translators: the safety notice in one paragraph: {intro}, {while_exercising} and
    # {heading} are its translated paragraphs, {red_flags} its warning signs. Change only
    # the spaces and the final full stop if your language writes them otherwise.
    return _("{intro} {while_exercising} {heading} {red_flags}.").format(
        intro=_(INTRO),
        while_exercising=_(WHILE_EXERCISING),
        heading=_(RED_FLAGS_HEADING),
        red_flags=flags,
    )


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
        # Translators: medical safety guidance after a session; {before} and {after}
        # are pain ratings from 0 (none) to 10 (worst). Translate faithfully and plainly.
        opening = _("Your pain went up from {before} to {after}.").format(
            before=before, after=after
        )
    else:
        # Translators: medical safety guidance after a session; {after} is a pain
        # rating from 0 (none) to 10 (worst). Translate faithfully and plainly.
        opening = _("Your pain is {after} out of 10 after this session.").format(after=after)
    # Translators: medical safety guidance when pain rose during a session. Translate
    # faithfully and plainly, without adding or dropping meaning.
    advice = _(
        "Leave the exercises that hurt for today, and tell your clinician "
        "before you do them again; they may change the dose or the exercise. "
        "Rest in a position that eases it. "
        "Get medical care straight away if you notice numbness or weakness in a leg, "
        "new trouble with your bladder or bowels, or numbness around your bottom or genitals."
    )
    return f"{opening} {advice}"


def hurt_advice(exercise: str) -> str:
    """Said when the person presses "It hurts" during an exercise."""
    # Translators: medical safety guidance shown when the person presses "It hurts";
    # {exercise} is the exercise's name. Translate faithfully and plainly, without
    # adding or dropping meaning.
    return _(
        "Stop {exercise} for today; it is noted in your history for your clinician. "
        "Pain that spreads down a leg, or numbness or weakness, needs medical care now."
    ).format(exercise=exercise)
