"""The region pack loader: complete, validated before writing, idempotent, all-or-nothing."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from duallife.regions.models import (
    IndustryEmployment,
    Municipality,
    NetMigration,
    Prefecture,
    PrefectureIndicator,
    RentBenchmark,
    Route,
    Source,
)
from duallife.regions.packs import PackValidationError
from duallife.regions.services import region_pack_load

PACK = Path(settings.REGION_PACKS_DIR) / "tohoku"


@pytest.fixture
def pack_copy(tmp_path):
    """A writable copy of the Tohoku pack, for tests that break or change a file."""
    target = tmp_path / "tohoku"
    shutil.copytree(PACK, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.django_db
def test_loads_every_prefecture_and_all_257_pack_municipalities():
    region_pack_load(slug="tohoku")

    assert Prefecture.objects.count() == 47
    assert list(Prefecture.objects.values_list("code", flat=True)[:3]) == ["01", "02", "03"]
    pack_prefs = Prefecture.objects.filter(pack__slug="tohoku")
    assert list(pack_prefs.values_list("name", flat=True)) == [
        "青森県",
        "岩手県",
        "宮城県",
        "秋田県",
        "山形県",
        "福島県",
        "新潟県",
    ]
    assert Municipality.objects.filter(role="pack").count() == 257
    sendai = Municipality.objects.get(code="041009")
    assert (sendai.name, sendai.name_kana, sendai.prefecture.code, sendai.is_capital) == (
        "仙台市",
        "センダイシ",
        "04",
        True,
    )
    assert Municipality.objects.get(code="131008").role == "reference"


@pytest.mark.django_db
def test_figures_keep_their_source_and_year():
    region_pack_load(slug="tohoku")

    route = Route.objects.get(origin__code="131008", destination__code="032018")
    assert (route.one_way_minutes, route.round_trip_fare_yen, route.year) == (132, 29620, 2021)
    assert route.source.publisher == "日本政策投資銀行 東北支店"
    rent = RentBenchmark.objects.get(municipality__code="131008")
    assert (rent.monthly_rent_yen, rent.year, rent.source.publisher) == (105167, 2018, "総務省")
    akita = PrefectureIndicator.objects.get(prefecture__code="05", indicator__key="home-ownership")
    assert (str(akita.value), akita.national_rank) == ("77.30", 1)
    creative = IndustryEmployment.objects.get(area_key="tohoku", industry__key="creative")
    assert (creative.workers_thousands, str(creative.share_percent)) == (584, "12.3")
    assert NetMigration.objects.get(prefecture__code="13", year=2020, month=7).net_migrants == -2144
    assert Source.objects.filter(pack__slug="tohoku").count() == 6


@pytest.mark.django_db
def test_second_run_changes_nothing():
    region_pack_load(slug="tohoku")
    before = list(Route.objects.order_by("pk").values())

    report = region_pack_load(slug="tohoku")

    assert not report.changed
    assert report.unchanged["municipalities"] == 260
    assert list(Route.objects.order_by("pk").values()) == before


@pytest.mark.django_db
def test_changed_file_updates_in_place_and_removed_rows_are_deleted(pack_copy):
    region_pack_load(slug="tohoku", directory=pack_copy)
    route_pk = Route.objects.get(destination__code="041009").pk
    edit(pack_copy / "routes.csv", "114,21120", "110,21500")
    edit(
        pack_copy / "rents.csv",
        "221007,61015,専用住宅・居住室18.0〜23.9畳の1か月当たり家賃＋共益費・管理費,housing-land-survey-2018,2018\n",
        "",
    )

    report = region_pack_load(slug="tohoku", directory=pack_copy)

    route = Route.objects.get(destination__code="041009")
    assert (route.pk, route.one_way_minutes, route.round_trip_fare_yen) == (route_pk, 110, 21500)
    assert report.updated["routes"] == 1
    assert report.deleted["rents"] == 1
    assert not RentBenchmark.objects.filter(municipality__code="221007").exists()


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("municipalities.csv", "041009,04,仙台市", "041008,04,仙台市", "municipalities.csv:"),
        ("municipalities.csv", "041009,04,仙台市,センダイシ", "041009,04,仙台市,せんだいし", "全角カタカナ"),
        (
            "routes.csv",
            "131008,041009,新幹線,114,21120",
            "131008,041009,新幹線,114,-5",
            "routes.csv:6: round_trip_fare_yen",
        ),
        ("routes.csv", "131008,041009", "131008,041017", "041017 が municipalities にありません"),
        (
            "routes.csv",
            "dbj-2022-fares,2021\n131008,062014",
            "no-such-source,2021\n131008,062014",
            "出典 'no-such-source'",
        ),
        (
            "rents.csv",
            "municipality_code,monthly_rent_yen",
            "municipality,monthly_rent_yen",
            "不足: municipality_code",
        ),
        (
            "prefecture_indicators.csv",
            "05,home-ownership,77.3,1,",
            "05,home-ownership,77.3,48,",
            "1〜47の範囲外",
        ),
        ("net_migration.csv", "13,2019,2,4053", "13,2019,1,4053", "重複しています"),
        (
            "industry_employment.csv",
            "tohoku,東北,,creative,584,12.3",
            "tohoku,東北,,creative,584,abc",
            "数値ではありません",
        ),
        ("municipalities.csv", "041009,04,仙台市", "041009,05,仙台市", "上2桁が都道府県 05"),
    ],
)
@pytest.mark.django_db
def test_bad_pack_is_rejected_with_file_and_line_and_nothing_is_written(pack_copy, file, old, new, message):
    edit(pack_copy / file, old, new)

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    assert message in str(excinfo.value)
    assert Prefecture.objects.count() == 0
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_bad_pack_leaves_a_previously_loaded_pack_untouched(pack_copy):
    region_pack_load(slug="tohoku", directory=pack_copy)
    edit(pack_copy / "routes.csv", "114,21120", "110,21500")
    edit(pack_copy / "rents.csv", "062014,53001", "062014,lots")

    with pytest.raises(PackValidationError):
        region_pack_load(slug="tohoku", directory=pack_copy)

    assert Route.objects.get(destination__code="041009").round_trip_fare_yen == 21120


@pytest.mark.django_db
def test_every_error_is_reported_at_once(pack_copy):
    edit(pack_copy / "routes.csv", "114,21120", "x,21120")
    edit(pack_copy / "rents.csv", "062014,53001", "062014,-1")

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    assert {e.file for e in excinfo.value.errors} == {"routes.csv", "rents.csv"}


@pytest.mark.django_db
def test_missing_file_and_broken_manifest_are_reported(pack_copy):
    (pack_copy / "rents.csv").unlink()
    with pytest.raises(PackValidationError, match=r"rents\.csv: ファイルがありません"):
        region_pack_load(slug="tohoku", directory=pack_copy)

    (pack_copy / "manifest.toml").write_text("[pack\n", encoding="utf-8")
    with pytest.raises(PackValidationError, match="TOML として読めません"):
        region_pack_load(slug="tohoku", directory=pack_copy)


@pytest.mark.django_db
def test_command_loads_and_reports(capsys):
    call_command("load_region_pack", "tohoku")
    out = capsys.readouterr().out
    assert "municipalities: 追加 260" in out

    call_command("load_region_pack", "tohoku")
    assert "変更はありません" in capsys.readouterr().out


@pytest.mark.django_db
def test_command_rejects_bad_pack_with_japanese_message(pack_copy):
    edit(pack_copy / "routes.csv", "114,21120", "x,21120")

    with pytest.raises(CommandError) as excinfo:
        call_command("load_region_pack", "tohoku", path=str(pack_copy))

    assert "何も読み込んでいません" in str(excinfo.value)
    assert "routes.csv:6: one_way_minutes" in str(excinfo.value)
    assert not Route.objects.exists()


@pytest.mark.django_db
def test_command_rejects_unknown_pack():
    with pytest.raises(CommandError, match=r"見つかりません"):
        call_command("load_region_pack", "kyushu")
