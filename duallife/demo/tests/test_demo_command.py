"""`duallife demo [--small] [--force]`: refuses a database with real users unless forced, prints
the demo password once (or says it came from the environment) and a table of sample log-ins."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError

from duallife.regions.models import SupportProgram
from duallife.talents.models import TalentProfile


def test_demo_command_refuses_without_force_and_runs_with_it(region_pack, real_user, run_demo):
    real_user()

    with pytest.raises(CommandError, match="デモ以外のユーザーが1人登録されています"):
        run_demo("--small")
    assert SupportProgram.objects.count() == 0

    output = run_demo("--small", "--force")
    assert SupportProgram.objects.count() > 0
    assert TalentProfile.objects.count() == 30
    assert "デモデータを用意しました" in output


def test_demo_command_prints_a_generated_password_once_and_sample_logins(region_pack, monkeypatch, run_demo):
    monkeypatch.delenv("DUALLIFE_DEMO_PASSWORD", raising=False)

    first = run_demo("--small")
    second = run_demo("--small")

    password = next(line for line in first.splitlines() if "パスワード:" in line).split("パスワード: ")[1]
    password = password.split("（")[0]
    users = get_user_model().objects.all()
    assert all(user.check_password(password) for user in users)
    assert "パスワード:" not in second
    assert "作成済み" in second
    for email in ("operator@example.jp", "coordinator-miyagi@example.jp", "company-001@example.jp"):
        assert email in first
        assert email in second
    assert "talent-0001@example.jp" in first


def test_demo_command_uses_the_password_from_the_environment(region_pack, monkeypatch, run_demo):
    monkeypatch.setenv("DUALLIFE_DEMO_PASSWORD", "from-the-environment-789")

    output = run_demo("--small")

    assert "from-the-environment-789" not in output
    assert "DUALLIFE_DEMO_PASSWORD" in output
    assert get_user_model().objects.get(username="admin").check_password("from-the-environment-789")
    talent = get_user_model().objects.get(email="talent-0001@example.jp")
    assert talent.check_password("from-the-environment-789")
