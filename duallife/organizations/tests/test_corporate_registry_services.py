"""Loading the published 法人番号 data: a whole file or nothing, idempotent, the newest record per
number and every name the data lists; reachable as ``duallife load-corporate-numbers``."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from duallife.organizations.errors import CorporateRegistryInvalid
from duallife.organizations.models import CorporateName, CorporateRecord, CorporateRegistryLoad
from duallife.organizations.services import corporate_registry
from duallife.organizations.services.corporate_registry import corporate_registry_load
from duallife.testing.console import console
from duallife.testing.corporate_registry import corporate_number, registry_row, write_registry_file

pytestmark = pytest.mark.django_db

A, B, C = corporate_number(1), corporate_number(2), corporate_number(3)


def extract():
    return [
        registry_row(A, "株式会社みちのく醸造", sequence=1, furigana="ミチノクジョウゾウ"),
        registry_row(B, "有限会社石巻水産", city="石巻市", city_code="202", sequence=2),
        registry_row(
            C, "合同会社はまなす", prefecture="秋田県", city="秋田市", prefecture_code="05", city_code="201"
        ),
    ]


@pytest.mark.parametrize(
    ("encoding", "zipped", "label"),
    [
        ("utf-8", False, "UTF-8"),
        ("utf-8-sig", False, "UTF-8"),
        ("cp932", False, "Shift_JIS"),
        ("cp932", True, "Shift_JIS"),
    ],
)
def test_an_extract_loads_in_either_encoding_and_from_its_zip(tmp_path, encoding, zipped, label):
    path = write_registry_file(tmp_path / "extract.zip", extract(), encoding=encoding, zipped=zipped)

    report = corporate_registry_load(path=path)

    assert report.encoding == label
    assert (report.rows, report.created, report.updated) == (3, 3, 0)
    record = CorporateRecord.objects.get(number=A)
    assert record.name == "株式会社みちのく醸造"
    assert (record.prefecture_code, record.city_code, record.city_name) == ("04", "101", "仙台市青葉区")
    assert record.furigana == "ミチノクジョウゾウ"
    assert CorporateRegistryLoad.objects.get().data_date.isoformat() == "2025-03-31"


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    path = write_registry_file(tmp_path / "all.csv", extract())
    corporate_registry_load(path=path)

    again = corporate_registry_load(path=path)

    assert (again.created, again.updated, again.unchanged, again.names_added) == (0, 0, 3, 0)
    assert not again.changed
    assert CorporateRecord.objects.count() == 3
    assert CorporateName.objects.count() == 3


def test_a_diff_keeps_the_newest_record_and_every_old_name(tmp_path):
    corporate_registry_load(path=write_registry_file(tmp_path / "all.csv", extract()))
    diff = [
        registry_row(A, "株式会社旧みちのく", updated_on="2025-04-10", latest="0", sequence=1, process="11"),
        registry_row(A, "株式会社みちのくブルワリー", updated_on="2025-04-10", sequence=2, process="11"),
        registry_row(
            B, "有限会社石巻水産", city="東松島市", city_code="214", updated_on="2025-04-11", process="12"
        ),
    ]

    report = corporate_registry_load(path=write_registry_file(tmp_path / "diff.csv", diff))

    assert (report.created, report.updated) == (0, 2)
    assert CorporateRecord.objects.get(number=A).name == "株式会社みちのくブルワリー"
    assert CorporateRecord.objects.get(number=B).city_name == "東松島市"
    assert set(CorporateName.objects.filter(number=A).values_list("name", flat=True)) == {
        "株式会社みちのく醸造",
        "株式会社旧みちのく",
        "株式会社みちのくブルワリー",
    }


def test_an_older_file_loaded_after_a_newer_one_does_not_roll_a_record_back(tmp_path):
    newer = [registry_row(A, "株式会社みちのくブルワリー", updated_on="2025-05-01")]
    corporate_registry_load(path=write_registry_file(tmp_path / "new.csv", newer))

    report = corporate_registry_load(path=write_registry_file(tmp_path / "old.csv", extract()))

    assert report.older == 1
    assert CorporateRecord.objects.get(number=A).name == "株式会社みちのくブルワリー"
    assert CorporateName.objects.filter(number=A, name="株式会社みちのく醸造").exists()  # still a name it had


def test_a_file_with_bad_rows_is_refused_whole_naming_each_line(tmp_path):
    rows = extract()
    rows[1][1] = "1234567890123"  # line 2: check digit
    rows[2][4] = "2025/03/31"  # line 3: date
    path = write_registry_file(tmp_path / "bad.csv", rows)

    with pytest.raises(CorporateRegistryInvalid) as caught:
        corporate_registry_load(path=path)

    assert caught.value.problems[0].startswith("2行目: 2列目「法人番号」")
    assert caught.value.problems[1].startswith("3行目: 5列目「更新年月日」")
    assert not CorporateRecord.objects.exists()
    assert not CorporateName.objects.exists()
    assert not CorporateRegistryLoad.objects.exists()


def test_a_bad_row_in_a_later_batch_leaves_nothing_written(tmp_path, monkeypatch):
    monkeypatch.setattr(corporate_registry, "BATCH_SIZE", 2)
    rows = [registry_row(corporate_number(n), f"株式会社テスト{n}", sequence=n) for n in range(1, 8)]
    rows[6][23] = "9"
    path = write_registry_file(tmp_path / "bad.csv", rows)

    with pytest.raises(CorporateRegistryInvalid, match="7行目: 24列目「最新履歴」"):
        corporate_registry_load(path=path)

    assert not CorporateRecord.objects.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "データの行がありません"),
        (b"1,2,3\r\n", "1行目: 列の数が3です"),
        (b'1,"unterminated\r\n', "CSVとして読めません"),
        ("株式会社".encode()[:-1] + b"\r\n" + "株式会社".encode("cp932"), "UTF-8として読めない文字"),
    ],
)
def test_a_file_that_is_not_the_published_csv_is_refused(tmp_path, content, words):
    path = tmp_path / "not.csv"
    path.write_bytes(content)

    with pytest.raises(CorporateRegistryInvalid, match=words):
        corporate_registry_load(path=path, encoding="utf-8")

    assert not CorporateRegistryLoad.objects.exists()


def test_a_zip_without_exactly_one_csv_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "two.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.csv", "")
        archive.writestr("b.csv", "")

    with pytest.raises(CorporateRegistryInvalid, match="CSVファイルが2個"):
        corporate_registry_load(path=path)


def test_the_console_command_loads_and_reports(tmp_path):
    path = write_registry_file(tmp_path / "all.csv", extract(), encoding="cp932")
    out = StringIO()

    # Through call_command: the console's run closes every connection at its end (Django's
    # run_from_argv), which would close the test's own on PostgreSQL.
    call_command("load_corporate_numbers", str(path), "--encoding", "shift_jis", stdout=out)

    assert "追加 3件" in out.getvalue()
    assert CorporateRecord.objects.count() == 3
    helped = console("load-corporate-numbers", "--help")  # the console knows the command
    assert helped.returncode == 0
    assert "--encoding" in helped.stdout


def test_the_command_refuses_a_bad_file_with_its_lines_and_loads_nothing(tmp_path):
    rows = extract()
    rows[0][2] = "x"
    path = write_registry_file(tmp_path / "bad.csv", rows)

    with pytest.raises(CommandError) as caught:
        call_command("load_corporate_numbers", str(path))

    assert "何も読み込んでいません" in str(caught.value)
    assert "1行目: 3列目「処理区分」" in str(caught.value)
    with pytest.raises(CommandError, match="ファイルが見つかりません"):
        call_command("load_corporate_numbers", str(tmp_path / "missing.csv"))
    assert not CorporateRecord.objects.exists()
