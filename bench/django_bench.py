"""Shared set-up of the benchmarks that run the product in process: a throwaway SQLite database
(or ``DATABASE_URL`` when set, migrated and emptied), production-like settings (``DEBUG=0``),
plain static files, mail kept in memory, and the Tohoku region pack loaded."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_database() -> str:
    """Set Django up for a benchmark; returns the vendor of the database in use."""
    sys.path.insert(0, str(ROOT))
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duallife.settings")
    os.environ.setdefault("DUALLIFE_PRIVATE_MEDIA_ROOT", f"{tmp}/private")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ).enable()
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        call_command("flush", interactive=False, verbosity=0)
    call_command("load_region_pack", "tohoku", verbosity=0)
    return connection.vendor
