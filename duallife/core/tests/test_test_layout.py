"""Where test data and test helpers live: in ``duallife/testing/``, never in a test module.

- No test file (``test_*.py``, ``conftest.py``) under ``duallife/`` or ``e2e/`` imports another test
  module, a conftest or a helper in a test package: no ``from duallife.<app>.tests…``, no
  ``from e2e…``, no relative import (``from .conftest``, ``from .test_…``, ``from .helpers``).
  Builders go in ``duallife/testing/<domain>.py``, fixtures that several apps use in the plugin
  ``duallife/testing/fixtures.py``, an app's own fixtures in its ``tests/conftest.py``.
- A test package under ``duallife/`` holds test modules and its conftest only.
- Test files are named for behaviour, not for the review round that asked for them
  (``test_review*``, ``test_*fixes*``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2]
ROOT = PACKAGE_DIR.parent
TEST_ROOTS = (PACKAGE_DIR, ROOT / "e2e")
TEST_PACKAGE_FILES = {"__init__.py", "conftest.py"}


def _is_test_file(path: Path) -> bool:
    return path.name == "conftest.py" or (path.name.startswith("test_") and path.suffix == ".py")


def _test_files() -> Iterator[Path]:
    for root in TEST_ROOTS:
        for path in sorted(root.rglob("*.py")):
            if _is_test_file(path):
                yield path


def _is_test_module(module: str) -> bool:
    parts = module.split(".")
    return (
        parts[0] == "e2e"
        or "tests" in parts
        or "conftest" in parts
        or any(part.startswith("test_") for part in parts)
    )


def forbidden_imports(source: str) -> list[tuple[int, str]]:
    """(line, import) for each import of a test module, conftest or test-package helper."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                names = ", ".join(alias.name for alias in node.names)
                found.append((node.lineno, f"from {'.' * node.level}{module} import {names}"))
            elif _is_test_module(module):
                found.append((node.lineno, f"from {module} import …"))
        elif isinstance(node, ast.Import):
            found.extend(
                (node.lineno, f"import {alias.name}") for alias in node.names if _is_test_module(alias.name)
            )
    return found


def test_no_test_file_imports_another_test_module():
    problems = [
        f"{path.relative_to(ROOT)}:{line}: {statement}"
        for path in _test_files()
        for line, statement in forbidden_imports(path.read_text(encoding="utf-8"))
    ]
    assert not problems, (
        "test files import other test modules (move builders to duallife/testing/, shared fixtures "
        "to duallife/testing/fixtures.py):\n" + "\n".join(problems)
    )


def test_test_packages_hold_only_tests_and_their_conftest():
    helpers = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE_DIR.rglob("tests/**/*.py"))
        if path.name not in TEST_PACKAGE_FILES and not path.name.startswith("test_")
    ]
    assert not helpers, "helper modules in test packages (move them to duallife/testing/):\n" + "\n".join(
        helpers
    )


def test_test_files_are_named_for_behaviour_not_review_rounds():
    named = [
        str(path.relative_to(ROOT))
        for path in _test_files()
        if path.name.startswith("test_review") or (path.name.startswith("test_") and "fixes" in path.stem)
    ]
    assert not named, "test files named after a review round (name them for the behaviour):\n" + "\n".join(
        named
    )


def test_the_checks_see_the_tests_and_catch_each_kind_of_import():
    """The checks above read real test files (a wrong root would pass them) and flag what they say."""
    files = list(_test_files())
    assert any(path.parent.name == "tests" for path in files)
    assert any(path.parent.name == "e2e" for path in files)
    bad = (
        "from duallife.postings.tests.conftest import world\n"
        "from .conftest import APPLY_MESSAGE\n"
        "from .test_pages import me\n"
        "from .helpers import fitting_talent\n"
        "from . import builders\n"
        "from e2e.conftest import PHONE_VIEWPORT\n"
        "import duallife.engagements.tests.fuzzing\n"
    )
    assert [line for line, _ in forbidden_imports(bad)] == [1, 2, 3, 4, 5, 6, 7]
    assert forbidden_imports("from duallife.testing.postings import make_world\nimport pytest\n") == []
