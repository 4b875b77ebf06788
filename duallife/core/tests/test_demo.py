"""`duallife demo`: fictional content, idempotent, never on a database with real users."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from duallife.core.services import (
    DEMO_PREFIX,
    RealUsersPresent,
    RegionPackNotLoaded,
    demo_data_create,
)
from duallife.regions.models import SupportProgram


def real_user():
    return get_user_model().objects.create_user(
        username="tanaka", email="tanaka@city.example.com", password="x" * 12
    )


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_creates_fictional_programs_across_the_seven_prefectures(region_pack):
    # given a fresh database with the pack
    # when
    report = demo_data_create(password="demo-password-123")

    # then
    programs = SupportProgram.objects.select_related("prefecture")
    assert report.programs_created == programs.count() >= 14
    assert {p.prefecture.code for p in programs} == {"02", "03", "04", "05", "06", "07", "15"}
    assert programs.filter(municipality__isnull=False).count() >= 7
    assert all(p.name.startswith(DEMO_PREFIX) for p in programs)
    assert all(p.url.startswith("https://example.jp/") for p in programs)
    assert all("架空" in p.summary for p in programs)
    assert programs.filter(is_published=False).exists()


def test_demo_creates_the_admin_with_the_given_password(region_pack):
    report = demo_data_create(password="demo-password-123")

    admin = get_user_model().objects.get(username="admin")
    assert report.admin_created
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.email == "admin@example.jp"
    assert admin.check_password("demo-password-123")


def test_demo_is_idempotent(region_pack):
    # given
    first = demo_data_create()
    count = SupportProgram.objects.count()
    admin = get_user_model().objects.get(username="admin")

    # when
    second = demo_data_create(password="another-password-456")

    # then
    assert SupportProgram.objects.count() == count
    assert second.programs_created == 0
    assert second.programs_updated == 0
    assert second.programs_unchanged == count
    assert not second.admin_created
    assert second.admin_password is None
    assert get_user_model().objects.count() == 1
    admin.refresh_from_db()
    assert admin.check_password(first.admin_password)  # a re-run never changes the password


def test_demo_restores_an_edited_demo_program(region_pack):
    demo_data_create()
    program = SupportProgram.objects.order_by("pk").first()
    program.summary = "書き換えた"
    program.save()

    report = demo_data_create()

    program.refresh_from_db()
    assert report.programs_updated == 1
    assert "架空" in program.summary


def test_demo_refuses_when_a_real_user_exists(region_pack):
    # given
    get_user_model().objects.create_user(
        username="tanaka", email="tanaka@city.example.com", password="x" * 12
    )

    # when / then
    with pytest.raises(RealUsersPresent, match="--force"):
        demo_data_create()
    assert SupportProgram.objects.count() == 0
    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_command_refuses_without_force_and_runs_with_it(region_pack):
    get_user_model().objects.create_user(
        username="tanaka", email="tanaka@city.example.com", password="x" * 12
    )

    with pytest.raises(CommandError, match="デモ以外のユーザーが1人登録されています"):
        run_demo()
    assert SupportProgram.objects.count() == 0

    output = run_demo("--force")
    assert SupportProgram.objects.count() > 0
    assert "デモデータを用意しました" in output


def test_demo_requires_the_region_pack(db):
    with pytest.raises(RegionPackNotLoaded):
        demo_data_create()

    with pytest.raises(CommandError, match="load-region-pack tohoku"):
        run_demo()
    assert get_user_model().objects.count() == 0


def test_demo_command_prints_a_generated_password_once(region_pack, monkeypatch):
    monkeypatch.delenv("DUALLIFE_DEMO_PASSWORD", raising=False)

    first = run_demo()
    second = run_demo()

    admin = get_user_model().objects.get(username="admin")
    password = next(line for line in first.splitlines() if "パスワード:" in line).split("パスワード: ")[1]
    password = password.split("（")[0]
    assert admin.check_password(password)
    assert "パスワード:" not in second
    assert "作成済み" in second


def test_demo_command_uses_the_password_from_the_environment(region_pack, monkeypatch):
    monkeypatch.setenv("DUALLIFE_DEMO_PASSWORD", "from-the-environment-789")

    output = run_demo()

    assert "from-the-environment-789" not in output
    assert get_user_model().objects.get(username="admin").check_password("from-the-environment-789")
