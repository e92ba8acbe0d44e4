"""The core never imports Qt: it runs (and is tested) without a display or PySide6 loaded."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import REPO


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(p.stem for p in (REPO / "src" / "backroutine" / "core").glob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('backroutine.core.' + name)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert len(modules) >= 10
