"""Settings come from the environment only, with secure defaults when DEBUG is off."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "from duallife import celery_app as c; "
    "print(json.dumps({'db': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'cache': settings.CACHES['default']['BACKEND'], 'broker': c.conf.broker_url, "
    "'eager': c.conf.task_always_eager, 'debug': settings.DEBUG, 'ssl': settings.SECURE_SSL_REDIRECT, "
    "'hsts': settings.SECURE_HSTS_SECONDS, 'cookie': settings.SESSION_COOKIE_SECURE, "
    "'lang': settings.LANGUAGE_CODE, 'tz': settings.TIME_ZONE}))"
)


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="duallife.settings", PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=60)


def probe(**env: str) -> dict:
    result = run(PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_are_sqlite_local_memory_and_in_process_tasks_in_japanese():
    s = probe()
    assert s["db"] == "django.db.backends.sqlite3"
    assert s["name"].endswith("var/db.sqlite3")
    assert s["cache"].endswith("LocMemCache")
    assert s["eager"] is True
    assert (s["lang"], s["tz"]) == ("ja", "Asia/Tokyo")


def test_database_and_redis_urls_switch_to_postgresql_redis_and_celery_workers():
    s = probe(
        DATABASE_URL="postgres://app@db.internal:5432/duallife", REDIS_URL="redis://cache.internal:6379/0"
    )
    assert s["db"] == "django.db.backends.postgresql"
    assert s["name"] == "duallife"
    assert s["cache"].endswith("RedisCache")
    assert s["broker"] == "redis://cache.internal:6379/0"
    assert s["eager"] is False


def test_starting_django_creates_the_celery_app_that_shared_tasks_use():
    # duallife/__init__.py no longer creates it on import (the console's fast commands stay free
    # of Celery and Django); Django's start-up does, before any task is sent
    result = run(
        "import django; django.setup(); from celery import current_app as app; import duallife; "
        "print(app.main, app.conf.task_always_eager, app._get_current_object() is duallife.celery_app)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["duallife", "True", "True"]


def test_debug_off_turns_on_https_redirect_hsts_and_secure_cookies():
    s = probe(DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="duallife.example.jp")
    assert s["debug"] is False
    assert s["ssl"] is True
    assert s["hsts"] >= 31536000
    assert s["cookie"] is True


def test_debug_off_without_secret_key_refuses_to_start():
    result = run(PROBE, DEBUG="0", ALLOWED_HOSTS="duallife.example.jp")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_passes_with_only_debug_secret_and_hosts():
    result = subprocess.run(
        [sys.executable, "-m", "duallife.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}},
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-secret-key-for-the-deploy-check-0123456789-abcdefghij",
            "ALLOWED_HOSTS": "duallife.example.jp",
            "PYTHONPATH": str(ROOT),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_cli_accepts_dashed_command_names(capsys):
    from duallife.cli import main

    with pytest.raises(SystemExit) as excinfo:
        main(["duallife", "load-region-pack", "--help"])
    assert excinfo.value.code == 0
    assert "地域パック" in capsys.readouterr().out


@pytest.mark.django_db
def test_health_check_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_migrations_describe_every_model(tmp_path):
    """The test databases are built from the models (``--no-migrations``: faster); the migrations
    that deployments apply must say the same (the browser tests' site applies them all)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DUALLIFE_TESTING"))}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "duallife.cli", "makemigrations", "--check", "--dry-run"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
