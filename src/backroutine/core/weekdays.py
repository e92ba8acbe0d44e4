"""The days of the week as routine files and settings write them (Monday first)."""

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
