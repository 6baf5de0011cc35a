"""The shape of the code: small functions in the core, few top-level core modules, no import cycle, and no
stage that keeps its own list of event types (they live in ``data/event_types.csv``)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from conflict_events.resources import DATA_DIR

PACKAGE = Path(__file__).resolve().parents[1] / "services" / "conflict_events"
CORE = PACKAGE / "core"
MAX_FUNCTION_LINES = 60
MAX_CORE_MODULES = 15


def _modules(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """Modules of the package that ``module`` imports (at any level, TYPE_CHECKING blocks aside)."""
    found: set[str] = set()
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                found.add(target if target in known else base)
    return {m for m in found if m in known and m != module}


def test_no_core_function_is_longer_than_60_lines() -> None:
    """Every function of ``core`` fits on one screen."""
    long = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for _, path in _modules(CORE)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_core_has_at_most_15_top_level_modules() -> None:
    """Stage families are sub-packages with a public face, not prefixed flat modules."""
    modules = sorted(p.name for p in CORE.glob("*.py"))
    assert len(modules) <= MAX_CORE_MODULES, modules
    assert not [p for p in CORE.glob("_*_*.py") if p.name != "__init__.py"], "_dates_* wants a sub-package"


def test_no_import_cycle_in_the_package() -> None:
    """The module import graph of ``conflict_events`` is acyclic (function-level imports included)."""
    paths = dict(_modules(PACKAGE))
    known = set(paths)
    graph = {
        name: _imports(ast.parse(path.read_text(encoding="utf-8")), name, path.name == "__init__.py", known)
        for name, path in paths.items()
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_stage_keeps_its_own_set_of_event_types() -> None:
    """No literal set, list or tuple in ``core`` names two or more PLOVER types: the table holds them."""
    header = next(
        line
        for line in (DATA_DIR / "event_types.csv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert header.startswith("event_type,")
    types = {
        line.split(",")[0]
        for line in (DATA_DIR / "event_types.csv").read_text(encoding="utf-8").splitlines()[1:]
        if line and not line.startswith("#") and not line.startswith("event_type,")
    }
    offenders = []
    for _, path in _modules(CORE):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Set | ast.List | ast.Tuple):
                named = [e.value for e in node.elts if isinstance(e, ast.Constant) and e.value in types]
                if len(named) >= 2:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {named}")
    assert offenders == []
