"""Problems found in user input, as values that the CLI prints and the UI lists.

Each problem carries a stable `code` (what kind of problem it is, the same in
every language and whatever the message says) and the `field` of the routine
it is about, as a path: "name", "schedule.per_day", "steps[3].hold" (steps
counted from 0), or "" for the file as a whole. Callers decide by these,
never by reading the message.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from .i18n import _, pgettext


class Severity(enum.Enum):
    ERROR = "error"  # the value, as `list --json` writes it; label() is for people
    WARNING = "warning"

    def label(self) -> str:
        """The word a person reads: "error", "Fehler"."""
        if self is Severity.ERROR:
            # Translators: a problem that keeps a routine from running.
            return pgettext("problem", "error")
        # Translators: a problem that a routine can run with.
        return pgettext("problem", "warning")


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a file, pointing at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    code: str = ""  # one of CODES
    field: str = ""  # the field it is about: "steps[3].hold"; "" for the whole file

    def __str__(self) -> str:
        """As `backroutine validate` prints it: "routine.yaml:3:5: error: ..."."""
        # The place stays in the form editors and compilers use (PATH:LINE:COL:), in
        # every language, so that editors can jump to it.
        place = f"{self.path}:{self.line}:{self.column}"
        # Translators: a problem as the command line prints it, after the place in the
        # file: "error" or "warning", then what is wrong.
        said = _("{severity}: {message}").format(
            severity=self.severity.label(), message=self.message
        )
        return f"{place}: {said}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
            "code": self.code,
            "field": self.field,
        }


FieldParts = tuple[object, ...]  # ("name",), ("schedule", "per_day"), ("steps", 3, "hold")

_PART = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def field_path(*parts: object) -> str:
    """("steps", 3, "hold") as "steps[3].hold"."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def field_parts(field: str) -> FieldParts:
    """ "steps[3].hold" as ("steps", 3, "hold"); "" as ()."""
    return tuple(int(index) if index else key for key, index in _PART.findall(field))


def shorten(text: str, limit: int = 40) -> str:
    """Echo a value in a message without printing all of a huge one."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
