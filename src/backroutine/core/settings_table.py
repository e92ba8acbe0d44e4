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

from .i18n import N_
from .weekdays import WEEKDAYS  # not .model: settings load before the window shows


class Kind(enum.Enum):
    """What a setting's value is, as the docs name it."""

    SWITCH = "true or false"
    NUMBER = "a whole number"
    CHOICE = "one of a few words"
    HOURS = "two times of day"
    DAYS = "a list of weekdays"
    ROUTINE = "a routine id"
    TIMES = "routine ids with lists of times"
    TEXT = "text"


class Choice(NamedTuple):
    value: str  # as settings.yaml spells it
    label: str  # as the dialog and the menus show it


class Setting(NamedTuple):
    key: str
    kind: Kind
    default: object
    label: str  # as the settings dialog shows it
    help: str  # what it does, in a sentence, for the docs and the dialog's tooltip
    section: str = ""  # the settings dialog's tab; "" keeps it out of the dialog
    low: int = 0
    high: int = 0
    unit: str = ""  # of a number: "minutes", "%"
    off: str = ""  # of a number: shown instead of the lowest one ("No heads-up")
    choices: tuple[Choice, ...] = ()
    example: str = ""  # how a value is written, where the kind alone does not say

    def allowed(self) -> str:
        """What a value must be, as the refusal of a bad one and the docs say it."""
        if self.kind is Kind.NUMBER:
            unit = f" {self.unit}" if self.unit else ""
            return f"a whole number from {self.low} to {self.high}{unit}"
        if self.kind is Kind.CHOICE:
            return "one of: " + ", ".join(_written(c.value) for c in self.choices)
        if self.example:
            return f"{self.kind.value!s}, such as {self.example}"
        return str(self.kind.value)

    def label_of(self, value: object) -> str:
        """The label of one of this setting's choices (the value itself if none)."""
        labels = [c.label for c in self.choices if c.value == value]
        return labels[0] if labels else str(value)


BREAKS, PROGRAMS, GENERAL = "Breaks", "Programs", "General"  # the dialog's tabs


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
        "Remind me to take a break",
        "Break reminders, within working hours on working days.",
        BREAKS,
    ),
    _break_minutes("break_every", 60, (10, 240), "Break every", "How often a break is due."),
    Setting(
        "work_hours",
        Kind.HOURS,
        "09:00-17:30",
        "Working hours",
        "Breaks are due only between these times.",
        BREAKS,
        example='"09:00-17:30"',
    ),
    Setting(
        "work_days",
        Kind.DAYS,
        WEEKDAYS[:5],
        "Working days",
        "Breaks are due only on these days.",
        BREAKS,
        example="[mon, tue, wed, thu, fri]",
    ),
    Setting(
        "break_routine",
        Kind.ROUTINE,
        "desk-break",
        "A break runs",
        "The routine a break reminder offers.",
        BREAKS,
        example="desk-break",
    ),
    _break_minutes(
        "heads_up",
        1,
        (0, 15),
        "Heads-up before a break",
        "A quiet warning this long before a break is due; 0 gives none.",
        off="No heads-up",
    ),
    _break_minutes("snooze", 10, (1, 60), "Snooze for", "How long Snooze puts a reminder off."),
    _switch(
        "program_reminders",
        True,
        "Remind me of my home programs",
        "Reminders for routines with a schedule (a home program).",
        PROGRAMS,
    ),
    Setting(
        "program_times",
        Kind.TIMES,
        {},
        "Reminder times",
        "When each home program is due, by routine id; a program not listed here is "
        "spread over the waking day.",
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
            Choice("zh_CN", "中文 (简体, 中国)"),
        ),
    ),
    _switch(
        "start_on_login",
        False,
        "Start BackRoutine when I log in",
        "Start in the tray when you log in, so that reminders come.",
        GENERAL,
    ),
    _switch(
        "sound",
        True,
        "Cue sounds",
        "Sounds at the start and end of each part and in its last seconds.",
        GENERAL,
    ),
    Setting(
        "volume", Kind.NUMBER, 80, "Volume", "How loud the cue sounds are.", GENERAL, 0, 100, "%"
    ),
    _switch(
        "voice",
        True,
        "Spoken announcements",
        "Each exercise's name and what comes next, spoken, where a speech engine exists.",
        GENERAL,
    ),
    Setting(
        "theme",
        Kind.CHOICE,
        "system",
        "Colours",
        "Light or dark colours, or the desktop's choice.",
        GENERAL,
        choices=(
            Choice("system", "System colours"),
            Choice("light", "Light"),
            Choice("dark", "Dark"),
        ),
    ),
    Setting(
        "text_size",
        Kind.CHOICE,
        "normal",
        "Text size",
        "Large text in the whole window.",
        GENERAL,
        choices=(Choice("normal", "Normal text"), Choice("large", "Large text")),
    ),
    Setting(
        "ratings",
        Kind.CHOICE,
        "auto",
        "Ask for pain ratings",
        "When to ask for pain before and after a session and effort after it: for home "
        "programs (routines with a schedule or tagged physio), after every routine, or never.",
        GENERAL,
        choices=(
            Choice("auto", "For home programs"),
            Choice("always", "After every routine"),
            Choice("never", "Never"),
        ),
    ),
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
