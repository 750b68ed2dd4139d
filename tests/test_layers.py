"""The layers import one way: pipelines ← model ← dashboard; the CLI and benchmarks at the side.

Read from the source with `ast` (every import, including those inside functions), so a lazy import
cannot hide a wrong-way dependency or a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pipelines", "dashboard", "datamoat")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    return {module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


def imports_of(path: Path, name: str) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved against `name`)."""
    found = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return found


def project_imports() -> dict[str, set[str]]:
    """Each project module → the project modules it imports."""
    modules = project_modules()
    return {name: {m for m in imports_of(path, name) if m in modules and m != name} for name, path in modules.items()}


def wrong_way(graph: dict[str, set[str]], importer: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(f"{source} imports {target}" for source, targets in graph.items()
                  if source == importer or source.startswith(importer + ".")
                  for target in targets if target.startswith(forbidden))


GRAPH = project_imports()


def test_the_graph_sees_every_package():
    assert {name.split(".")[0] for name in GRAPH} == set(PACKAGES)
    assert any(GRAPH.values()), "no import was found; the parser is broken"


def test_pipelines_import_neither_the_dashboard_nor_the_command_line():
    assert wrong_way(GRAPH, "pipelines", ("dashboard", "datamoat")) == []


def test_the_model_imports_no_streamlit_and_nothing_above_it():
    assert wrong_way(GRAPH, "dashboard.model", ("dashboard.ui", "dashboard.app", "datamoat")) == []
    third_party = sorted(f"{name} imports streamlit" for name, path in project_modules().items()
                         if name.startswith("dashboard.model")
                         and any(m.split(".")[0] == "streamlit" for m in imports_of(path, name)))
    assert third_party == []


def test_the_dashboard_does_not_import_the_command_line_or_benchmarks():
    assert wrong_way(GRAPH, "dashboard", ("datamoat",)) == []


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: every strongly connected component with more than one module."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]

    def visit(root: str) -> None:
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return found


def _package_edges_removed(graph: dict[str, set[str]]) -> dict[str, set[str]]:
    """A package importing its own submodules (`__init__` re-exports) is not a cycle worth reporting."""
    return {name: {t for t in targets if not t.startswith(name + ".") and not name.startswith(t + ".")}
            for name, targets in graph.items()}


def test_no_import_cycle():
    assert strongly_connected(_package_edges_removed(GRAPH)) == []


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
])
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert strongly_connected(graph) == expected
