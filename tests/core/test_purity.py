"""The core never imports Qt or the platform package: it runs (and is tested) without a
display or PySide6 loaded, and never branches on the system it runs on."""

from __future__ import annotations

import ast
import subprocess
import sys

from ..conftest import REPO

CORE = REPO / "src" / "backroutine" / "core"
FOREIGN = ("PySide6", "shiboken", "backroutine.platform")


def foreign_modules_loaded(code: str) -> list[str]:
    """Runs code in a fresh interpreter: the Qt and platform modules it loaded."""
    probe = (
        f"import sys\n{code}\nprint(sorted(m for m in sys.modules if m.startswith({FOREIGN!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return list(ast.literal_eval(done.stdout.splitlines()[-1]))


def test_importing_every_core_module_loads_no_qt_and_no_platform_code():
    modules = sorted(p.stem for p in CORE.glob("*.py"))
    assert len(modules) >= 10
    code = (
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module('backroutine.core.' + name)\n"
    )
    assert foreign_modules_loaded(code) == []


def test_a_core_module_that_imports_the_platform_package_is_caught():
    # A stand-in for a core module that reaches for platform/ (for its clock, say).
    code = (
        "import types, backroutine.core\n"
        "sneaky = types.ModuleType('backroutine.core.sneaky')\n"
        "exec('from backroutine.platform import services', sneaky.__dict__)\n"
    )
    assert "backroutine.platform" in foreign_modules_loaded(code)


def test_only_the_platform_package_asks_which_system_this_is():
    source = REPO / "src" / "backroutine"
    asking = sorted(
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if (source / "platform") not in path.parents
        and any(ask in path.read_text(encoding="utf-8") for ask in ("sys.platform", "os.name"))
    )
    # cli.py may print it with the version; nothing else branches on it.
    assert [name for name in asking if name != "cli.py"] == []
    assert (source / "cli.py").read_text(encoding="utf-8").count("sys.platform") <= 1
