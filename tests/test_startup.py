"""Start-up imports only what the first, empty window needs; the rest loads once it shows.

The window must be on screen within 1.5x the time of a bare Qt window
(benchmarks/startup.py measures it); most of BackRoutine's start-up time is
imports, so a module pulled in early by mistake would break that quietly.
"""

from __future__ import annotations

import ast
import subprocess
import sys

LATER = {
    "backroutine.core.discovery",
    "backroutine.core.model",
    "backroutine.core.validation",
    "backroutine.core.history",
    "backroutine.ui.library_page",
    "backroutine.ui.player",
    "backroutine.ui.cues",
    "backroutine.ui.sound",
    "json",
    "hashlib",
    "sqlite3",
    "PySide6.QtNetwork",
}


def test_the_first_window_imports_no_routine_core_player_or_history():
    probe = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import backroutine.cli, backroutine.ui.app, backroutine.ui.main_window\n"
        "import backroutine.ui.theme, backroutine.ui.dialogs, backroutine.ui.single_instance\n"
        "import PySide6.QtCore\n"
        "loaded = set(sys.modules) - before\n"
        # Qt's namespace builds all its enums when first named: some 12 ms.
        "if 'Qt' in vars(PySide6.QtCore):\n"
        "    loaded.add('PySide6.QtCore.Qt')\n"
        "print(sorted(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(ast.literal_eval(done.stdout.splitlines()[-1]))
    early = loaded & (LATER | {"PySide6.QtCore.Qt"})
    assert not early, f"imported before the window shows: {sorted(early)}"
