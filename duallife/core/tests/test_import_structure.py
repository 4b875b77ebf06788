"""The shape of the code's imports: no module-level cycle anywhere in ``duallife/``, and project
imports inside functions only where the layers allow nothing else.

The layers themselves are checked by import-linter (``lint-imports``, the ``layers`` contract in
``pyproject.toml``). Two things it does not check are checked here, by reading the sources:

- a cycle of module-level imports (a module that can only be imported because another one
  happens to be imported first);
- an import of project code inside a function. It is allowed in ``tasks.py`` (a task is the
  entry point of background work) and for the deliberate upward calls listed in the contract's
  ``ignore_imports``, each with its reason; everywhere else imports go at the top of the module.
"""

from __future__ import annotations

import ast
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2]
ROOT = PACKAGE_DIR.parent
PACKAGE = PACKAGE_DIR.name


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    in_function: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _source_files() -> Iterator[Path]:
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        relative = path.relative_to(PACKAGE_DIR).parts
        if "tests" in relative or "migrations" in relative or path.name == "conftest.py":
            continue
        yield path


MODULES = {_module_name(path): path for path in _source_files()}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The project modules an import statement loads (a name imported from a package that is a
    submodule counts as that submodule; any other name as the package itself)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == PACKAGE]
    if node.level:
        base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join([*base, *([node.module] if node.module else [])])
    else:
        source = node.module or ""
    if source.split(".")[0] != PACKAGE:
        return []
    targets = []
    for alias in node.names:
        candidate = f"{source}.{alias.name}"
        targets.append(candidate if candidate in MODULES else source)
    return targets


def _imports(module: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def visit(node: ast.AST, in_function: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                for target in _targets(module, path, child):
                    if target != module:
                        yield Import(module, target, child.lineno, in_function)
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            yield from visit(child, inside)

    yield from visit(tree, False)


ALL_IMPORTS = [imp for module, path in MODULES.items() for imp in _imports(module, path)]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
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
    return found


def test_no_module_level_import_cycle():
    edges: dict[str, set[str]] = {}
    for imp in ALL_IMPORTS:
        if not imp.in_function and imp.imported in MODULES:
            edges.setdefault(imp.importer, set()).add(imp.imported)
    cycles = _cycles(edges)
    assert not cycles, "module-level import cycles:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


def _allowed_upward_calls() -> set[tuple[str, str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    allowed = set()
    for contract in config["tool"]["importlinter"]["contracts"]:
        for line in contract.get("ignore_imports", []):
            importer, imported = (part.strip() for part in line.split("->"))
            allowed.add((importer, imported))
    return allowed


#: Start-up code that loads a module only when it is needed (docs/adr/0012): the Celery app is
#: created when Django starts, not when the package is imported; a signal receiver that reads
#: models is connected in its app's ``ready()``, once the app registry is.
STARTUP_IMPORTS = {
    (PACKAGE, f"{PACKAGE}.celery"),
    (f"{PACKAGE}.core.apps", f"{PACKAGE}.celery"),
    (f"{PACKAGE}.content.apps", f"{PACKAGE}.content.middleware"),
}


def _listed(imp: Import, allowed: set[tuple[str, str]]) -> bool:
    if (imp.importer, imp.imported) in STARTUP_IMPORTS:
        return True
    return any(
        imp.importer == importer and (imp.imported == imported or imp.imported.startswith(imported + "."))
        for importer, imported in allowed
    )


def test_project_imports_inside_functions_only_in_tasks_and_listed_upward_calls():
    allowed = _allowed_upward_calls()
    stray = sorted(
        {
            f"{MODULES[imp.importer].relative_to(ROOT)}:{imp.line} imports {imp.imported}"
            for imp in ALL_IMPORTS
            if imp.in_function and not imp.importer.endswith(".tasks") and not _listed(imp, allowed)
        }
    )
    assert not stray, "imports inside functions (move them to the top of the module):\n" + "\n".join(stray)


def test_the_checks_see_the_code():
    """The two checks above read real modules and real imports (a wrong root would pass them)."""
    assert f"{PACKAGE}.settings" in MODULES
    assert any(imp.importer == f"{PACKAGE}.urls" for imp in ALL_IMPORTS)
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]
