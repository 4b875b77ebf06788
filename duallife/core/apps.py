from django.apps import AppConfig
from django.urls import register_converter

from .ids import IdConverter


class CoreConfig(AppConfig):
    name = "duallife.core"
    label = "core"

    def ready(self) -> None:
        # ``<id:pk>`` in every URL with an id (duallife/core/ids.py), before any URLconf is read.
        register_converter(IdConverter, "id")
        # The Celery app, configured from the settings, in every process that runs Django (pages,
        # commands, tests, workers), so that shared tasks use it; duallife/__init__.py no longer
        # creates it on import (docs/adr/0012).
        from duallife import celery  # noqa: F401
