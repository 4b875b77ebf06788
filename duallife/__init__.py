"""Dual Life Tohoku.

The Celery app (:mod:`duallife.celery`) is created when Django starts
(:meth:`duallife.core.apps.CoreConfig.ready`), not when this package is imported: the console's
database-free commands import ``duallife`` without Celery or Django (docs/adr/0012).
``duallife.celery_app`` still gives the app.
"""


def __getattr__(name: str):
    if name == "celery_app":
        from .celery import app

        return app
    raise AttributeError(f"module 'duallife' has no attribute {name!r}")


__all__ = ["celery_app"]
