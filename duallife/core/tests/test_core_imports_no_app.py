"""core holds what every app shares: it imports no app (tests aside), so any app may import it."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]
PACKAGE = CORE.parent
APPS = sorted(path.parent.name for path in PACKAGE.glob("*/apps.py") if path.parent.name != "core")


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_core_imports_no_app():
    assert {"regions", "site", "demo"} <= set(APPS)
    offending = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in CORE.rglob("*.py")
        if "tests" not in path.relative_to(CORE).parts
        for module in imported_modules(path)
        if module.split(".")[:2] in (["duallife", app] for app in APPS)
    }
    assert not offending
