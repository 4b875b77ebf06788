"""The demo imports every app; no app imports the demo (it can be left out of a deployment).
Tests, and the test support in ``duallife/testing``, may build their data with it, as they may
with any layer."""

import ast
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1]
PACKAGE = DEMO.parent
ROOT = PACKAGE.parent


def imports_the_demo(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        if any(name == "duallife.demo" or name.startswith("duallife.demo.") for name in names):
            return True
    return False


def test_nothing_outside_the_demo_imports_it():
    sources = [
        path
        for path in PACKAGE.rglob("*.py")
        if DEMO not in path.parents and not {"tests", "testing"} & set(path.relative_to(PACKAGE).parts)
    ]
    assert len(sources) > 100
    assert [str(path.relative_to(ROOT)) for path in sources if imports_the_demo(path)] == []
