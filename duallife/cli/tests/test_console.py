"""The ``duallife`` console command: database-free commands run before (and without) Django, every
other command is Django's; the management commands of the fast ones reach the same code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from duallife.cli import FAST_COMMANDS
from duallife.recommendations import batch_io
from duallife.testing.console import console

ROOT = Path(__file__).resolve().parents[3]
INSTANCE = {
    "players": [{"id": "p1", "ranking": ["t1"]}, {"id": "p2", "ranking": ["t1"]}],
    "teams": [{"id": "t1", "capacity": 1, "ranking": ["p2", "p1"]}],
}
TALENT = {"id": 1, "skills": ["EC"], "home_municipality": "131016"}
SHEET = {"id": 10, "required_skills": ["EC"], "municipality": "041009"}


@pytest.fixture
def files(tmp_path):
    (tmp_path / "instance.json").write_text(json.dumps(INSTANCE), encoding="utf-8")
    (tmp_path / "t.jsonl").write_text(json.dumps(TALENT), encoding="utf-8")
    (tmp_path / "s.jsonl").write_text(json.dumps(SHEET), encoding="utf-8")
    return tmp_path


def test_the_fast_commands_run_without_importing_django_or_celery(files):
    script = f"""
import sys
from duallife.cli import main
for argv in (
    ["draft-solve", "--input", {str(files / "instance.json")!r}],
    ["recommend-batch", "--talents", {str(files / "t.jsonl")!r}, "--sheets", {str(files / "s.jsonl")!r}],
):
    try:
        main(["duallife", *argv])
    except SystemExit as exc:
        assert not exc.code, exc.code
print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"django", "celery", "kombu", "ninja"}}))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    assert '"matches": {"t1": ["p2"]}' in done.stdout
    assert '"talent": 1' in done.stdout


def test_help_for_a_fast_command_comes_from_the_command_itself():
    for args in (("help", "draft-solve"), ("draft-solve", "--help"), ("help", "recommend_batch")):
        ran = console(*args)
        assert ran.returncode == 0
        assert ran.stdout.startswith("usage: duallife ")
        assert "--settings" not in ran.stdout  # Django's options are accepted but not offered


def test_djangos_own_options_are_still_accepted(files):
    ran = console("draft-solve", "--input", str(files / "instance.json"), "-v", "0", "--no-color")

    assert ran.returncode == 0
    assert json.loads(ran.stdout)["matches"] == {"t1": ["p2"]}


def test_the_management_commands_run_the_same_implementation(files):
    out = StringIO()
    call_command("draft_solve", "--input", str(files / "instance.json"), stdout=out)
    ran = console("draft-solve", "--input", str(files / "instance.json"))

    assert out.getvalue() == ran.stdout
    with pytest.raises(CommandError, match="--k"):
        call_command("recommend_batch", talents=str(files / "t.jsonl"), sheets=str(files / "s.jsonl"), k=0)


def test_djangos_command_list_still_names_every_command():
    ran = console("help", "--commands")

    listed = set(ran.stdout.split())
    assert ran.returncode == 0
    assert {name.replace("-", "_") for name in FAST_COMMANDS} <= listed
    assert {"simulate", "load_region_pack", "runserver", "migrate"} <= listed


def test_the_batch_finds_the_data_folders_where_the_settings_do():
    assert batch_io.BASE_DIR == settings.BASE_DIR
    assert batch_io.REGION_PACKS_DIR == settings.REGION_PACKS_DIR
    assert batch_io.default_region_pack() == settings.DEFAULT_REGION_PACK
