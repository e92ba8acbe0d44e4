"""Every setting, declared once.

Reading and checking settings.yaml, the rows of the settings dialog, the labels of
the menus' choices and docs/settings.md are all derived from SETTINGS, so they
cannot disagree. A new setting is one more entry here (and, for code that reads it
by name, one typed line in core.settings.Settings; a test keeps the two in step).

Readers look SETTINGS up on this module when they need it, never copy it at import.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

from .i18n import N_, _, ngettext
from .weekdays import WEEKDAYS  # not .model: settings load before the window shows


class Kind(enum.Enum):
    """What a setting's value is, as the docs name it (and, translated with
    shown(), as the refusal of a bad value in settings.yaml says it)."""

    # Translators: what a value in the settings file must be, as in "sound must be
    # true or false"; "true" and "false" are words of the file: keep them in English.
    SWITCH = N_("true or false")
    # Translators: what a value in the settings file must be.
    NUMBER = N_("a whole number")
    # Translators: what a value in the settings file must be.
    CHOICE = N_("one of a few words")
    # Translators: what a value in the settings file must be, such as "09:00-17:30".
    HOURS = N_("two times of day")
    # Translators: what a value in the settings file must be, such as [mon, tue].
    DAYS = N_("a list of weekdays")
    # Translators: what a value in the settings file must be: a routine's id, the
    # name of its file without ".yaml".
    ROUTINE = N_("a routine id")
    # Translators: what a value in the settings file must be, such as
    # low-back-basics: ["08:00", "20:00"].
    TIMES = N_("routine ids with lists of times")
    # Translators: what a value in the settings file must be: any text.
    TEXT = N_("text")

    def shown(self) -> str:
        """What the value must be, in the person's language."""
        return _(self.value)


class Choice(NamedTuple):
    value: str  # as settings.yaml spells it
    label: str  # as the dialog and the menus show it (marked with N_, in English)

    def shown_label(self) -> str:
        """The label in the person's language."""
        return _(self.label)


class Setting(NamedTuple):
    key: str
    kind: Kind
    default: object
    # The texts below are English, marked with N_; the shown_...() methods give them
    # in the person's language, and the docs use them as they are.
    label: str  # as the settings dialog shows it
    help: str  # what it does, in a sentence, for the docs and the dialog's tooltip
    section: str = ""  # the settings dialog's tab; "" keeps it out of the dialog
    low: int = 0
    high: int = 0
    unit: str = ""  # of a number: "minutes", "seconds", "%" (see amount())
    off: str = ""  # of a number: shown instead of the lowest one ("No heads-up")
    choices: tuple[Choice, ...] = ()
    example: str = ""  # how a value is written, where the kind alone does not say

    def shown_label(self) -> str:
        return _(self.label)

    def shown_help(self) -> str:
        return _(self.help)

    def shown_off(self) -> str:
        """What a number's lowest value is shown as ("" when it is shown as a number)."""
        return _(self.off) if self.off else ""

    def amount_template(self, number: int) -> str:
        """A number of this setting's unit with "{count}" for the number, in the form
        that fits it: "{count} minutes", "{count} minute", "{count} %"."""
        if self.unit == "minutes":
            return ngettext("{count} minute", "{count} minutes", number)
        if self.unit == "seconds":
            return ngettext("{count} second", "{count} seconds", number)
        if self.unit == "%":
            # Translators: a percentage, such as a volume of "80 %".
            return _("{count} %")
        if self.unit:
            # Translators: a number and its unit, for a unit with no forms of its own.
            return _("{count} {unit}").replace("{unit}", _(self.unit))
        return "{count}"

    def amount(self, number: int) -> str:
        """ "10 minutes", "1 minute", "80 %": a number with its unit."""
        return self.amount_template(number).format(count=number)

    def allowed(self) -> str:
        """What a value must be, as the refusal of a bad one and the docs say it."""
        if self.kind is Kind.NUMBER:
            # Translators: what a value in the settings file must be; {amount} is the
            # highest number with its unit, such as "15 minutes".
            return _("a whole number from {low} to {amount}").format(
                low=self.low, amount=self.amount(self.high)
            )
        if self.kind is Kind.CHOICE:
            # Translators: what a value in the settings file must be; {values} are
            # words of the file, such as "system, light, dark", kept as they are.
            values = ", ".join(_written(c.value) for c in self.choices)
            return _("one of: {values}").format(values=values)
        if self.example:
            # Translators: {kind} says what a value must be, {example} is one written
            # as in the settings file (kept as it is).
            return _("{kind}, such as {example}").format(
                kind=self.kind.shown(), example=self.example
            )
        return self.kind.shown()

    def label_of(self, value: object) -> str:
        """The label of one of this setting's choices (the value itself if none)."""
        labels = [c.label for c in self.choices if c.value == value]
        return labels[0] if labels else str(value)

    def shown_label_of(self, value: object) -> str:
        """label_of(), in the person's language."""
        labels = [c.shown_label() for c in self.choices if c.value == value]
        return labels[0] if labels else str(value)


# The dialog's tabs, by their English names (which settings_table's users compare).
# Translators: a tab of the Settings dialog: reminders to take a break from work.
BREAKS = N_("Breaks")
# Translators: a tab of the Settings dialog: home exercise programs a clinician gave.
PROGRAMS = N_("Programs")
# Translators: a tab of the Settings dialog.
GENERAL = N_("General")


def section_title(section: str) -> str:
    """A tab's title in the person's language."""
    return _(section) if section else ""


def _switch(key: str, default: bool, label: str, help: str, section: str = "") -> Setting:
    return Setting(key, Kind.SWITCH, default, label, help, section)


def _break_minutes(
    key: str, default: int, span: tuple[int, int], label: str, help: str, off: str = ""
) -> Setting:
    low, high = span
    return Setting(key, Kind.NUMBER, default, label, help, BREAKS, low, high, "minutes", off)


# In the order of the dialog's tabs and rows; settings.yaml is written in this order.
SETTINGS: tuple[Setting, ...] = (
    _switch(
        "breaks",
        True,
        N_("Remind me to take a break"),
        N_("Break reminders, within working hours on working days."),
        BREAKS,
    ),
    _break_minutes(
        "break_every",
        60,
        (10, 240),
        # Translators: a setting's label, followed by a number of minutes ("60 minutes").
        N_("Break every"),
        N_("How often a break is due."),
    ),
    Setting(
        "work_hours",
        Kind.HOURS,
        "09:00-17:30",
        N_("Working hours"),
        N_("Breaks are due only between these times."),
        BREAKS,
        example='"09:00-17:30"',
    ),
    Setting(
        "work_days",
        Kind.DAYS,
        WEEKDAYS[:5],
        N_("Working days"),
        N_("Breaks are due only on these days."),
        BREAKS,
        example="[mon, tue, wed, thu, fri]",
    ),
    Setting(
        "break_routine",
        Kind.ROUTINE,
        "desk-break",
        # Translators: a setting's label, followed by a list of routines to choose from.
        N_("A break runs"),
        N_("The routine a break reminder offers."),
        BREAKS,
        example="desk-break",
    ),
    _break_minutes(
        "heads_up",
        1,
        (0, 15),
        N_("Heads-up before a break"),
        N_("A quiet warning this long before a break is due; 0 gives none."),
        # Translators: shown in place of 0 minutes of warning before a break.
        off=N_("No heads-up"),
    ),
    _break_minutes(
        "snooze",
        10,
        (1, 60),
        # Translators: a setting's label, followed by a number of minutes.
        N_("Snooze for"),
        # Translators: "Snooze" is the reminder's button that puts a break off a while.
        N_("How long Snooze puts a reminder off."),
    ),
    _switch(
        "program_reminders",
        True,
        N_("Remind me of my home programs"),
        N_("Reminders for routines with a schedule (a home program)."),
        PROGRAMS,
    ),
    Setting(
        "program_times",
        Kind.TIMES,
        {},
        N_("Reminder times"),
        N_(
            "When each home program is due, by routine id; a program not listed here is "
            "spread over the waking day."
        ),
        PROGRAMS,
        example='low-back-basics: ["08:00", "20:00"]',
    ),
    Setting(
        "language",
        Kind.CHOICE,
        "",
        N_("Language"),
        N_("The language of the window, reminders and voice; it applies at the next start."),
        GENERAL,
        # Each language is named in itself, untranslated (i18n.language_name says the
        # same: a test keeps them in step; Babel is not loaded at start-up for this).
        choices=(
            Choice("", N_("Follow the system")),
            Choice("en", "English"),
            Choice("ar", "العربية"),
            Choice("de", "Deutsch"),
            Choice("es", "Español"),
            Choice("fr", "Français"),
            Choice("it", "Italiano"),
            Choice("ja", "日本語"),
            Choice("nl", "Nederlands"),
            Choice("pl", "Polski"),
            Choice("pt_BR", "Português (Brasil)"),
            Choice("zh_CN", "简体中文"),
        ),
    ),
    _switch(
        "start_on_login",
        False,
        N_("Start BackRoutine when I log in"),
        # Translators: the tray is the notification area of the desktop's panel.
        N_("Start in the tray when you log in, so that reminders come."),
        GENERAL,
    ),
    _switch(
        "sound",
        True,
        # Translators: short sounds that mark the start and end of each part of a routine.
        N_("Cue sounds"),
        N_("Sounds at the start and end of each part and in its last seconds."),
        GENERAL,
    ),
    Setting(
        "volume",
        Kind.NUMBER,
        80,
        # Translators: how loud the sounds are (a setting's label).
        N_("Volume"),
        N_("How loud the cue sounds are."),
        GENERAL,
        0,
        100,
        "%",
    ),
    _switch(
        "voice",
        True,
        N_("Spoken announcements"),
        N_("Each exercise's name and what comes next, spoken, where a speech engine exists."),
        GENERAL,
    ),
    Setting(
        "theme",
        Kind.CHOICE,
        "system",
        # Translators: the window's colour scheme (light or dark).
        N_("Colours"),
        N_("Light or dark colours, or the desktop's choice."),
        GENERAL,
        choices=(
            Choice("system", N_("System colours")),
            # Translators: light colours (a colour scheme), also a menu item.
            Choice("light", N_("Light")),
            # Translators: dark colours (a colour scheme), also a menu item.
            Choice("dark", N_("Dark")),
        ),
    ),
    Setting(
        "text_size",
        Kind.CHOICE,
        "normal",
        N_("Text size"),
        N_("Large text in the whole window."),
        GENERAL,
        choices=(Choice("normal", N_("Normal text")), Choice("large", N_("Large text"))),
    ),
    Setting(
        "ratings",
        Kind.CHOICE,
        "auto",
        N_("Ask for pain ratings"),
        # Translators: "physio" is a tag written in routine files: keep it as it is.
        N_(
            "When to ask for pain before and after a session and effort after it: for home "
            "programs (routines with a schedule or tagged physio), after every routine, or never."
        ),
        GENERAL,
        choices=(
            Choice("auto", N_("For home programs")),
            Choice("always", N_("After every routine")),
            # Translators: never ask for pain ratings (a choice of a setting).
            Choice("never", N_("Never")),
        ),
    ),
    # Kept by the app, never shown but in docs/settings.md (which stays English).
    _switch(
        "safety_notice_seen", False, "Safety notice seen", "The first-run safety notice was read."
    ),
    _switch(
        "tray_notice_seen",
        False,
        "Tray notice seen",
        "You were told once that closing the window keeps BackRoutine in the tray.",
    ),
    Setting(
        "window_geometry",
        Kind.TEXT,
        "",
        "Window size and place",
        "The main window's size and place, as Qt saves it (base64).",
    ),
)


def declared(key: str) -> Setting:
    """The declaration of one setting; KeyError if there is none."""
    for setting in SETTINGS:
        if setting.key == key:
            return setting
    raise KeyError(key)


def choice_values(key: str) -> tuple[str, ...]:
    return tuple(c.value for c in declared(key).choices)


def _written(value: object) -> str:
    """A default as settings.yaml spells it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_written(v)}" for k, v in value.items()) + "}"
    return f'"{value}"' if value == "" or ":" in str(value) else str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def reference_markdown() -> str:
    """The tables of docs/settings.md: every setting, by the dialog's tab."""
    sections = [s.section for s in SETTINGS if s.section]
    titles = [*dict.fromkeys(sections), ""]
    lines: list[str] = []
    for title in titles:
        shown = [s for s in SETTINGS if s.section == title]
        if title:
            lines += [f"## {title}", "", f"In the Settings dialog, on the {title} tab."]
        else:
            lines += ["## Kept by the app", "", "Not in the Settings dialog: the app keeps these."]
        lines += ["", "| key | value | default | label | meaning |", "|---|---|---|---|---|"]
        for s in shown:
            default = f"`{_written(s.default)}`"
            if s.choices:
                default += f" ({s.label_of(s.default)})"
                labels = "; ".join(f"`{_written(c.value)}`: {c.label}" for c in s.choices)
                meaning = f"{s.help} Shown as {labels}."
            else:
                meaning = s.help
            row = (f"`{s.key}`", s.allowed(), default, s.label, meaning)
            lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
        lines.append("")
    return "\n".join(lines)
