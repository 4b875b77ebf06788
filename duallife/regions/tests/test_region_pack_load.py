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
    assert report.unchanged["municipalities"] == 472
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
        ("municipalities.csv", "センダイシ,Sendai,", "センダイシ,仙台,", "英語名はローマ字"),
        ("municipalities.csv", "センダイシ,Sendai,", "センダイシ,,", "name_en: 値が空です"),
        ("municipalities.csv", "Minamisanriku,pack,0,041009", "Minamisanriku,pack,0,011002", "011002 が"),
        (
            "municipalities.csv",
            "Minamisanriku,pack,0,041009",
            "Minamisanriku,pack,0,022021",
            "の経由地が 022012",
        ),
        ("municipalities.csv", "Yokohama,origin,0,131008", "Yokohama,origin,0,041009", "基準地 131008"),
        ("municipalities.csv", "Minamisanriku,pack,0,041009", "Minamisanriku,pack,0,41009", "gateway_code"),
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

    assert {e.file for e in excinfo.value.problems} == {"routes.csv", "rents.csv"}


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
    assert "municipalities: 追加 472" in out

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


# --- The manifest: shape, lengths, slug ---------------------------------------------------------


def replace_manifest(pack_dir: Path, old: str, new: str) -> None:
    edit(pack_dir / "manifest.toml", old, new)


@pytest.mark.parametrize(
    ("top", "old", "new", "message"),
    [
        ('pack = "x"', "[pack]", "[unused]", "[pack] は表（テーブル）で指定"),
        ('sources = ["a"]', "[[sources]]", "[[unused]]", "出典 1 件目は表（[[sources]] の1件）"),
        ('sources = "a"', "[[sources]]", "[[unused]]", "出典は [[sources]] の表の配列"),
        ('files = "x"', "[files]", "[unused2]", "[files] は表（テーブル）で指定"),
        ("", 'routes = "routes.csv"', "routes = 5", "[files] の routes はファイル名の文字列"),
        (
            "",
            'version = "2026.12.1"',
            "version = 2026",
            "version は文字列で指定してください（整数になっています）",
        ),
        ("", 'prefectures = ["02",', "prefectures = [2,", "prefectures は都道府県コードの文字列の配列"),
        ("", 'prefectures = ["02",', 'prefectures = ["99",', "不正な都道府県コード"),
        (
            "",
            'reference_municipality = "131008"',
            'reference_municipality = "131009"',
            "reference_municipality が地方公共団体コード",
        ),
        (
            "",
            'reference_municipality = "131008"',
            "reference_municipality = 131008",
            "reference_municipality は文字列",
        ),
        ("", 'routes = "routes.csv"', 'routes = "../../routes.csv"', "フォルダ内のファイル名"),
        ("", 'key = "lg-codes"', "key = 7", "出典 1 件目の key は文字列"),
    ],
)
@pytest.mark.django_db
def test_a_malformed_manifest_is_reported_in_japanese_not_as_a_traceback(pack_copy, top, old, new, message):
    manifest = pack_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    manifest.write_text(f"{top}\n" + text.replace(old, new), encoding="utf-8")

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    assert any(e.file == "manifest.toml" and message in e.message for e in excinfo.value.problems), str(
        excinfo.value
    )
    # One mistake in the manifest, not one per CSV row that cites a source.
    assert len(excinfo.value.problems) <= 3, str(excinfo.value)


@pytest.mark.parametrize(
    ("line", "key", "limit"),
    [
        ('version = "2026.12.1"', "version", 40),
        ('title = "東北（青森・岩手・宮城・秋田・山形・福島・新潟）"', "title", 200),
        ('key = "lg-codes"', "key", 80),
        ('title = "全国地方公共団体コード"', "title", 300),
        ('publisher = "総務省"', "publisher", 200),
        ('published = "2022-02"', "published", 40),
    ],
)
@pytest.mark.django_db
def test_manifest_texts_longer_than_the_database_takes_are_reported(pack_copy, line, key, limit):
    # Given a value one character longer than its column (PostgreSQL would raise DataError)
    long_value = ("a" if key == "key" else "長") * (limit + 1)
    replace_manifest(pack_copy, line, f'{key} = "{long_value}"')

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    assert f"{key} は{limit}文字以内にしてください（{limit + 1}文字）" in str(excinfo.value)
    assert Prefecture.objects.count() == 0


def test_manifest_limits_follow_the_models():
    from duallife.regions.packs import MANIFEST_LIMITS
    from duallife.regions.services import manifest_limits

    assert manifest_limits() == MANIFEST_LIMITS


@pytest.mark.django_db
def test_the_manifest_slug_must_match_the_pack_being_loaded_not_the_folder(tmp_path):
    # A copy in a folder with another name loads normally ...
    elsewhere = tmp_path / "tohoku-2027-draft"
    shutil.copytree(PACK, elsewhere)
    call_command("load_region_pack", "tohoku", path=str(elsewhere))
    assert Municipality.objects.count() == 472

    # ... but loading the Tohoku pack under another name fails clearly.
    with pytest.raises(CommandError) as excinfo:
        call_command("load_region_pack", "foo", path=str(PACK))
    assert "slug 'tohoku' が読み込む地域パックの識別子 'foo' と異なります" in str(excinfo.value)


def test_command_rejects_a_malformed_slug():
    with pytest.raises(CommandError, match="英小文字"):
        call_command("load_region_pack", "../tohoku")


# --- Every error in one run ---------------------------------------------------------------------


@pytest.mark.django_db
def test_manifest_errors_do_not_stop_the_csv_checks(pack_copy):
    # Given a source without a title, and a bad figure in a CSV file
    replace_manifest(pack_copy, 'title = "全国地方公共団体コード"\n', "")
    edit(pack_copy / "routes.csv", "114,21120", "x,21120")

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    messages = [str(e) for e in excinfo.value.problems]
    assert "manifest.toml: 出典 1 件目に title がありません" in messages
    assert any(m.startswith("routes.csv:6: one_way_minutes") for m in messages)


@pytest.mark.django_db
def test_references_are_checked_among_the_rows_that_parsed(pack_copy):
    # Given a bad header in rents.csv (the whole file unreadable) and a route to an unknown place
    edit(pack_copy / "rents.csv", "municipality_code,monthly_rent_yen", "municipality,monthly_rent_yen")
    edit(pack_copy / "routes.csv", "131008,041009", "131008,041017")

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    messages = [str(e) for e in excinfo.value.problems]
    assert any("rents.csv:1: 列が定義と一致しません" in m for m in messages)
    assert any(
        "routes.csv:6: destination_code: 市区町村 041017 が municipalities にありません" in m
        for m in messages
    )


@pytest.mark.django_db
def test_a_reported_row_is_not_reported_again_by_the_rows_that_point_at_it(pack_copy):
    # Given Sendai's row broken (bad kana) in municipalities.csv
    edit(pack_copy / "municipalities.csv", "041009,04,仙台市,センダイシ", "041009,04,仙台市,せんだいし")

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    # The route and the rent that name 041009 are not reported as pointing at nothing.
    assert [e.file for e in excinfo.value.problems] == ["municipalities.csv"]


@pytest.mark.django_db
def test_files_that_failed_to_read_are_skipped_but_others_are_checked(pack_copy):
    (pack_copy / "municipalities.csv").write_bytes("code,名前\n".encode("cp932"))
    edit(pack_copy / "net_migration.csv", "13,2019,2,4053", "13,2019,2,many")

    with pytest.raises(PackValidationError) as excinfo:
        region_pack_load(slug="tohoku", directory=pack_copy)

    files = [e.file for e in excinfo.value.problems]
    assert files.count("municipalities.csv") == 1
    assert "net_migration.csv" in files
    assert "routes.csv" not in files  # its places could not be checked, so nothing is claimed
