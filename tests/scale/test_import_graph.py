"""mindlex's modules import each other without cycles, and every one of them imports."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import mindlex

PACKAGE = Path(mindlex.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, name: str) -> set[str]:
    """Modules imported when `path` is imported: top-level statements, not those under
    `if TYPE_CHECKING:` or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in tree.body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m == "mindlex" or m.startswith("mindlex.")}


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {m for m in _top_level_imports(path, name) if m in modules}
        # Importing a.b.c runs a/__init__ and a/b/__init__ first.
        for target in list(targets):
            parts = target.split(".")
            targets.update(".".join(parts[:i]) for i in range(1, len(parts)))
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first walk (each reported once, from its first node)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                found.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_no_module_imports_itself_through_others() -> None:
    graph = import_graph()
    assert len(graph) > 50
    # Packages importing their own submodules (`mindlex.x/__init__` re-exports) are not
    # cycles in practice; everything else is.
    real = [
        c for c in cycles(graph) if not all(c[0].startswith(n) or n.startswith(c[0]) for n in c)
    ]
    assert real == []


def package_graph(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph between mindlex's top-level modules and subpackages (`mindlex.x`)."""

    def top(name: str) -> str:
        return ".".join(name.split(".")[:2])

    collapsed: dict[str, set[str]] = {}
    for name, targets in graph.items():
        here = top(name)
        collapsed.setdefault(here, set()).update(t for t in map(top, targets) if t != here)
    collapsed.pop("mindlex", None)
    for targets in collapsed.values():
        targets.discard("mindlex")
    return collapsed


def test_no_subpackage_depends_on_itself_through_others() -> None:
    """Layers stay layers: the loader may not import the publishing stage that calls it."""
    assert cycles(package_graph(import_graph())) == []


def test_every_module_imports() -> None:
    for name in sorted(import_graph()):
        if not name.endswith("__main__"):  # runs the command line when imported
            importlib.import_module(name)


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
