"""The shape of the code, checked: no module imports itself back through others, the
main window only builds and wires its parts, and no module grows past what one
person can read.

The import graph is read from the source with ast, every `import` and `from ...
import` anywhere in a module: at the top, inside functions (imported late for
start-up time) and under `if TYPE_CHECKING:`. A cycle that exists only for the type
checker still ties two modules together for a reader, so it counts too. An edge
goes to the module named (`from ..core import safety` is backroutine.core.safety),
not to the packages above it: their __init__ files import nothing."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).parents[1] / "src"
PACKAGE = SOURCE / "backroutine"
MAX_LINES = 600
MAIN_WINDOW_LINES = 300


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imported(module: str, path: Path, known: set[str]) -> set[str]:
    """The backroutine modules that module imports, wherever in it."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            named |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            named.add(target)
            named |= {f"{target}.{alias.name}" for alias in node.names}
    return {name for name in named if name in known and name != module}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imported(name, path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another (Tarjan's strongly connected
    components), as one cycle through it to show."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(_one_cycle(graph, set(group)))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def _one_cycle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = [[start]]
    seen = {start}
    while paths:
        path = paths.pop(0)
        for other in sorted(graph[path[-1]] & group):
            if other == start:
                return [*path, start]
            if other not in seen:
                seen.add(other)
                paths.append([*path, other])
    return sorted(group)


def test_the_graph_reader_finds_imports_in_functions_and_for_the_type_checker(tmp_path):
    module = tmp_path / "a.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .b import B\n"
        "def late():\n    from ..core import safety\n    import backroutine.cli\n"
    )
    known = {"backroutine.ui.b", "backroutine.core.safety", "backroutine.cli"}
    assert _imported("backroutine.ui.a", module, known) == known


def test_a_cycle_is_found_and_shown_as_a_path_back_to_its_start():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back_through_others():
    graph = import_graph()
    assert graph.get("backroutine.ui.main_window")
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def _lines(path: Path) -> int:
    return len(path.read_bytes().splitlines())


def test_the_main_window_only_builds_and_wires_its_parts():
    path = PACKAGE / "ui" / "main_window.py"
    assert _lines(path) < MAIN_WINDOW_LINES, f"{path.name}: {_lines(path)} lines"


def test_no_module_grows_past_what_one_person_can_read():
    too_long = {
        path.relative_to(SOURCE).as_posix(): _lines(path)
        for path in PACKAGE.rglob("*.py")
        if _lines(path) > MAX_LINES
    }
    assert not too_long, f"over {MAX_LINES} lines: {too_long}"
