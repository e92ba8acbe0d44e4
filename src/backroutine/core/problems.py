"""Problems found in user input, as values that the CLI prints and the UI lists."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a file, pointing at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"

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
        }


def counted(n: int, word: str) -> str:
    """ "1 error", "2 errors": counts in messages (English plurals by -s)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def shorten(text: str, limit: int = 40) -> str:
    """Echo a value in a message without printing all of a huge one."""
    return text if len(text) <= limit else text[: limit - 3] + "..."
