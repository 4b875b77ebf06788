"""The project's form classes, for the tests that hold every form to a rule."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms

import duallife


def project_form_classes() -> set[type[forms.BaseForm]]:
    """The form classes defined in the project's form modules (``forms.py``, ``forms_*.py``,
    ``forms/`` packages; the saved-search forms live in ``views_saved.py``)."""
    classes = set()
    for module in pkgutil.walk_packages(duallife.__path__, "duallife."):
        parts = module.name.split(".")
        if {"tests", "migrations", "engine"} & set(parts):
            continue
        if not any(part.startswith("forms") for part in parts[1:]) and parts[-1] != "views_saved":
            continue
        for obj in vars(importlib.import_module(module.name)).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__.startswith("duallife.")
            ):
                classes.add(obj)
    return classes
