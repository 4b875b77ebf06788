"""Every schema of the JSON API has its own name: OpenAPI keys components by class name, so two
classes with one name would make the document describe one endpoint with the other's shape."""

from __future__ import annotations

from collections import defaultdict

from ninja import Schema

import duallife.api  # noqa: F401  (imports every router and its schemas)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_no_two_api_schemas_share_a_name():
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(Schema):
        if cls.__module__.startswith("duallife."):
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")

    clashes = {name: sorted(paths) for name, paths in by_name.items() if len(paths) > 1}

    assert clashes == {}
