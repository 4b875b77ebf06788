"""Loading support programs from their files: checked first, all or nothing, versions only when
the rules change, and the shipped programs load."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from duallife.engine.subsidies import rules_from_mapping
from duallife.subsidies.models import Program, ProgramVersion

SHIPPED = Path(settings.BASE_DIR) / "data" / "subsidies"
NATIONAL = SHIPPED / "national-sidejob-2026.toml"

pytestmark = pytest.mark.django_db


def load(directory: Path) -> str:
    out = StringIO()
    call_command("load_subsidy_programs", "--dir", str(directory), stdout=out)
    return out.getvalue()


def test_the_shipped_programs_load_once_and_again_change_nothing():
    first = load(SHIPPED)
    assert "制度 5件を追加" in first
    assert Program.objects.count() == ProgramVersion.objects.count() == 5
    national = Program.objects.get(slug="national-sidejob", fiscal_year=2026)
    assert (national.payee, national.budget_yen) == ("company", 50_000_000)
    version = national.versions.get()
    assert version.loaded_from == "national-sidejob-2026.toml"
    assert (
        rules_from_mapping(version.rules | {"source_date": version.source_date}).min_round_trip_yen == 10_000
    )

    again = load(SHIPPED)
    assert "0件を追加、0件に新しい版、5件は変更なし" in again
    assert ProgramVersion.objects.count() == 5


def test_a_changed_file_adds_a_version_and_keeps_the_old_one(tmp_path):
    shutil.copy(NATIONAL, tmp_path / NATIONAL.name)
    load(tmp_path)
    path = tmp_path / NATIONAL.name
    path.write_text(
        path.read_text(encoding="utf-8").replace('rate = "1/2"', 'rate = "2/3"'), encoding="utf-8"
    )

    out = load(tmp_path)

    assert "新しい版: national-sidejob-2026" in out
    versions = list(Program.objects.get().versions.order_by("number"))
    assert [(v.number, v.rules["rate"]) for v in versions] == [(1, "1/2"), (2, "2/3")]


def test_a_bad_file_stops_the_load_with_every_problem_and_saves_nothing(tmp_path):
    shutil.copy(NATIONAL, tmp_path / NATIONAL.name)
    (tmp_path / "akita-2026.toml").write_text(
        'name = "x"\nowner = "y"\nfiscal_year = 2025\nbudget_yen = -1\npayee = "bank"\n'
        'source = "s"\nsource_date = 2025-04-01\nrate = "1/2"\n',
        encoding="utf-8",
    )
    (tmp_path / "Bad_Name.toml").write_text("", encoding="utf-8")
    (tmp_path / "broken-2026.toml").write_text("name = ", encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        load(tmp_path)

    message = str(caught.value)
    assert "何も読み込んでいません" in message
    assert "akita-2026.toml: budget_yen: 0以上の整数（円）で書いてください" in message
    assert 'akita-2026.toml: payee: "company" か "talent" にしてください' in message
    assert "Bad_Name.toml: ファイル名は <識別子>-<年度>.toml にしてください" in message
    assert "broken-2026.toml: TOMLとして読めません" in message
    assert not Program.objects.exists()


def test_the_year_in_the_file_must_be_the_year_in_its_name(tmp_path):
    text = NATIONAL.read_text(encoding="utf-8").replace("fiscal_year = 2026", "fiscal_year = 2027")
    (tmp_path / NATIONAL.name).write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="fiscal_year がファイル名の年度と違います"):
        load(tmp_path)
    with pytest.raises(CommandError, match="見つかりません"):
        load(tmp_path / "missing")
