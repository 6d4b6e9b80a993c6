"""The house rules about how the code hangs together, checked over the source itself.

- No package imports another package's route module (or its blueprint to hang views on it).
- The packages and top-level modules of consult/ import each other without cycles.
- Nothing outside consult/questions/ decides by a question type's name, in Python or in templates.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from consult.questions import REGISTRY

CONSULT = Path(__file__).resolve().parent.parent / "consult"
TEMPLATES = CONSULT.parent / "templates"
ROUTE_MODULE = re.compile(r"(^|_)routes$|^views$|^blueprint$")
# The composition root wires every package together, so it imports them all by design.
COMPOSITION_ROOT = {"__init__", "app_setup"}


def _modules():
    for path in sorted(CONSULT.rglob("*.py")):
        parts = path.relative_to(CONSULT).with_suffix("").parts
        if parts[0] == "migrations":
            continue
        yield path, parts


def _unit(parts: tuple[str, ...]) -> str:
    """The package (or top-level module) a module belongs to."""
    return parts[0]


def _imports(path: Path):
    """Every consult module this file imports, at the top or inside a function, as dotted names."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "consult":
                yield from (f"consult.{alias.name}" for alias in node.names)
            elif node.module.startswith("consult."):
                yield node.module
                yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("consult."))


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path, parts in _modules():
        if _unit(parts) in COMPOSITION_ROOT:
            continue
        for name in _imports(path):
            target = name.split(".")[1]
            exists = (CONSULT / target).is_dir() or (CONSULT / f"{target}.py").is_file()
            if exists and target != _unit(parts) and target not in COMPOSITION_ROOT:
                graph.setdefault(_unit(parts), set()).add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_package_imports_another_packages_routes():
    wrong = []
    for path, parts in _modules():
        for name in _imports(path):
            pieces = name.split(".")
            if len(pieces) >= 3 and pieces[1] != _unit(parts) and ROUTE_MODULE.search(pieces[-1]):
                if _unit(parts) not in COMPOSITION_ROOT:
                    wrong.append(f"{path.relative_to(CONSULT.parent)} imports {name}")
    assert not wrong, "route modules are for the app to register, not for other packages:\n" + "\n".join(wrong)


def test_the_packages_import_each_other_without_cycles():
    cycles = _cycles(_graph())
    assert not cycles, f"import cycles between packages: {cycles}"


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _compares_a_kind_with_a_type_name(node: ast.Compare) -> bool:
    sides = [node.left, *node.comparators]
    on_kind = any(isinstance(side, ast.Attribute) and side.attr == "kind" for side in sides)
    names = set()
    for side in sides:
        if isinstance(side, ast.Constant) and isinstance(side.value, str):
            names.add(side.value)
        elif isinstance(side, (ast.Tuple, ast.List, ast.Set)):
            names |= {item.value for item in side.elts if isinstance(item, ast.Constant)}
    return on_kind and bool(names & set(REGISTRY))


def test_nothing_outside_the_questions_package_switches_on_a_type_name():
    wrong = []
    for path, parts in _modules():
        # The plain-language checker's tokens have kinds too ("word", "number"), which are not question types.
        if parts[0] in ("questions", "checker"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare) and _compares_a_kind_with_a_type_name(node):
                wrong.append(f"{path.relative_to(CONSULT.parent)}:{node.lineno}")
    names = "|".join(re.escape(name) for name in REGISTRY)
    in_template = re.compile(rf"kind\s*(==|!=|\bin\b|\bis\b)[^%}}]*['\"]({names})['\"]")
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if in_template.search(line):
                wrong.append(f"{path.relative_to(TEMPLATES.parent)}:{number}")
    assert not wrong, "ask the question type (consult/questions/) instead of its name:\n" + "\n".join(wrong)
