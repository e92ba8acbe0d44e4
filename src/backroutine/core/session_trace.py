"""`backroutine run --trace FILE`: one JSON line per change of period, with how late it
was handled, written as the session goes. A trace that cannot be written is given up
(the session goes on) and the caller is told why, once."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from .engine import Transition
from .i18n import _


class SessionTrace:
    def __init__(self, out: TextIO | None) -> None:
        self._out = out
        self._written = 0  # transitions of the current session already written

    def restart(self) -> None:
        """A new session: its transitions are counted from the first again."""
        self._written = 0

    def write(self, transitions: Sequence[Transition]) -> str:
        """Write the transitions not written yet; returns why the trace stopped, or ""."""
        if self._out is None:
            return ""
        try:
            for transition in transitions[self._written :]:
                line = {
                    "period": transition.period_index,
                    "kind": transition.kind,
                    "due": round(transition.due, 6),
                    "handled": round(transition.handled, 6),
                    "late_ms": round((transition.handled - transition.due) * 1000, 3),
                }
                self._out.write(json.dumps(line) + "\n")
            self._out.flush()
        except OSError as exc:
            self._out = None
            # Translators: the trace is a file of timings asked for with --trace.
            return _("The trace file could not be written ({reason}).").format(reason=exc)
        self._written = len(transitions)
        return ""
