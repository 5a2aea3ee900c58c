"""The package's modules depend on each other one way only: no import cycle, anywhere.

Every ``import`` statement counts, including those inside functions and under
``TYPE_CHECKING``: a cycle hidden in a function body still means two modules that
cannot be read (or changed) one without the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nnbook"


def module_name(path: Path, root: Path) -> str:
    """``nnbook/layer.py`` -> ``nnbook.layer``; ``nnbook/sub/__init__.py`` -> ``nnbook.sub``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """For each module of the package at ``root``, the package modules its import statements name.

    ``from pkg.sub import name`` counts as an import of ``pkg.sub.name`` when that is a
    module, else of ``pkg.sub``. Importing ``pkg.sub.mod`` also runs ``pkg/sub/__init__``
    first, so that package counts too, unless it contains the importing module (a
    submodule using a sibling is the normal case, not a cycle).
    """
    files = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - node.level + 1]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                for alias in node.names:
                    submodule = f"{source}.{alias.name}"
                    targets.add(submodule if submodule in files else source)
        ancestors = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 1)}
        run_on_the_way = {
            ".".join(t.split(".")[:k]) for t in targets for k in range(1, t.count(".") + 1)
        }
        targets |= run_on_the_way - ancestors
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as ``[a, b, ..., a]``, or None when the graph has none."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once fully explored
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def write_package(root: Path, modules: dict[str, str]) -> Path:
    package = root / "pkg"
    for relative, source in {"__init__.py": "", **modules}.items():
        target = package / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    return package


def test_nnbook_has_no_import_cycle():
    cycle = find_cycle(import_graph(PACKAGE))
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_core_modules_stand_on_the_floors_below_them():
    graph = import_graph(PACKAGE)
    assert "nnbook.layer" not in graph["nnbook.bias"]
    assert "nnbook.network" not in graph["nnbook.layer"]
    assert graph["nnbook.backend"] == set()


def test_a_cycle_hidden_inside_a_function_is_found(tmp_path):
    package = write_package(
        tmp_path,
        {
            "layer.py": "from pkg import bias\n",
            "bias.py": "def fold():\n    from pkg.layer import Layer\n",
        },
    )
    assert find_cycle(import_graph(package)) in (
        ["pkg.bias", "pkg.layer", "pkg.bias"],
        ["pkg.layer", "pkg.bias", "pkg.layer"],
    )


@pytest.mark.parametrize(
    "source",
    [
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import A\n",
        "from . import a\n",
        "import pkg.a\n",
    ],
)
def test_every_spelling_of_an_import_counts(tmp_path, source):
    package = write_package(tmp_path, {"a.py": "from pkg import b\n", "b.py": source})
    assert find_cycle(import_graph(package)) is not None


def test_a_package_run_on_the_way_to_its_submodule_counts(tmp_path):
    package = write_package(
        tmp_path,
        {
            "widgets/__init__.py": "from pkg.bench.latency import main\n",
            "widgets/explorer.py": "",
            "bench/__init__.py": "",
            "bench/latency.py": "from pkg.widgets.explorer import Explorer\n",
        },
    )
    assert find_cycle(import_graph(package)) is not None


def test_a_package_importing_its_own_submodules_is_no_cycle(tmp_path):
    package = write_package(
        tmp_path,
        {
            "sub/__init__.py": "from pkg.sub.topic import check\n",
            "sub/engine.py": "import numpy\n",
            "sub/topic.py": "from pkg.sub.engine import numpy\n",
        },
    )
    assert find_cycle(import_graph(package)) is None
