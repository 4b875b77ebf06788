"""The published 法人番号 data's rows, and comparing a company's name and place with them."""

import dataclasses
import datetime

import pytest

from duallife.engine.corporate_number import corporate_number_check_digit
from duallife.engine.corporate_registry import (
    CLOSED,
    COLUMN_COUNT,
    MATCHED,
    NAME_AND_PLACE_MISMATCH,
    NAME_MISMATCH,
    NOT_FOUND,
    PLACE_MISMATCH,
    Entered,
    Registered,
    RegistryRowError,
    compare,
    name_matches,
    normalise_company_name,
    parse_row,
    place_matches,
)

NUMBER = f"{corporate_number_check_digit('000000000001')}000000000001"


def row(**changes) -> list[str]:
    fields = [""] * COLUMN_COUNT
    fields[:7] = ["1", NUMBER, "01", "0", "2025-03-31", "2015-10-05", "株式会社みちのく醸造"]
    fields[8:12] = ["301", "宮城県", "仙台市青葉区", "本町１丁目１－１"]
    fields[13:16] = ["04", "101", "9800014"]
    fields[22:24] = ["2015-10-05", "1"]
    fields[28:30] = ["ミチノクジョウゾウ", "0"]
    for index, value in changes.items():
        fields[int(index[1:])] = value
    return fields


def test_a_published_row_is_read_column_by_column():
    parsed = parse_row(row(), line=3)

    assert parsed.number == NUMBER
    assert parsed.name == "株式会社みちのく醸造"
    assert parsed.updated_on == datetime.date(2025, 3, 31)
    assert (parsed.prefecture_code, parsed.city_code, parsed.city_name) == ("04", "101", "仙台市青葉区")
    assert parsed.latest
    assert not parsed.excluded
    assert not parsed.deleted
    assert parsed.furigana == "ミチノクジョウゾウ"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"c1": "1234567890123"}, "2列目「法人番号」"),
        ({"c4": "2025/03/31"}, "5列目「更新年月日」"),
        ({"c4": "2025-02-30"}, "5列目「更新年月日」"),
        ({"c4": ""}, "5列目「更新年月日」が空"),
        ({"c6": ""}, "7列目「商号又は名称」が空"),
        ({"c13": "4"}, "14列目「都道府県コード」は2桁"),
        ({"c23": "2"}, "24列目「最新履歴」は 0 か 1"),
        ({"c20": "1"}, "21列目「承継先法人番号」"),
        ({"c6": "あ" * 301}, "7列目「商号又は名称」が300文字を超えて"),
    ],
)
def test_a_malformed_row_is_refused_naming_its_line_and_column(changes, words):
    with pytest.raises(RegistryRowError) as caught:
        parse_row(row(**changes), line=7)

    assert str(caught.value).startswith("7行目: ")
    assert words in str(caught.value)


def test_a_row_with_the_wrong_number_of_columns_is_refused():
    with pytest.raises(RegistryRowError, match="列の数が28です"):
        parse_row(row()[:28], line=1)


@pytest.mark.parametrize(
    ("entered", "registered"),
    [
        ("株式会社みちのく醸造", "株式会社みちのく醸造"),
        ("(株)みちのく醸造", "株式会社みちのく醸造"),
        ("㈱みちのく醸造", "株式会社みちのく醸造"),
        ("（株）みちのく　醸造", "株式会社みちのく醸造"),
        ("みちのく醸造株式会社", "株式会社みちのく醸造"),
        ("みちのく醸造", "株式会社みちのく醸造"),
        ("株式会社ＳＯＵＶＥＮＩＲ", "株式会社ｓｏｕｖｅｎｉｒ"),
        ("ｶﾌﾞｼｷｶﾞｲｼｬ", "カブシキガイシャ"),
        ("(有)石巻水産", "有限会社石巻水産"),
        ("㈲石巻水産", "有限会社石巻水産"),
        ("(同)ハマ", "合同会社ハマ"),
        ("(一社)東北デュアル", "一般社団法人東北デュアル"),
        ("NPO法人ささえあい", "特定非営利活動法人ささえあい"),
        ("医療法人 青葉会", "医療法人社団青葉会"),
    ],
)
def test_legal_forms_widths_and_spaces_do_not_stop_a_match(entered, registered):
    assert name_matches(entered, [registered])


@pytest.mark.parametrize(
    ("entered", "registered"),
    [
        ("有限会社みちのく醸造", "株式会社みちのく醸造"),  # another legal form is another company
        ("株式会社みちのく酒造", "株式会社みちのく醸造"),
        ("株式会社", "株式会社みちのく醸造"),
        ("", "株式会社みちのく醸造"),
    ],
)
def test_a_different_name_or_legal_form_does_not_match(entered, registered):
    assert not name_matches(entered, [registered])


def test_an_old_name_the_data_lists_is_accepted():
    assert name_matches("㈱旧みちのく", ["株式会社みちのく醸造", "株式会社旧みちのく"])


def test_the_normalised_name_keeps_the_core_and_the_forms():
    name = normalise_company_name("（株）みちのく・醸造")

    assert name.core == "みちのく醸造"
    assert name.forms == {"kabushiki"}


@pytest.mark.parametrize(
    ("prefecture_code", "city_code", "city_name", "code", "name", "expected"),
    [
        ("04", "202", "石巻市", "042021", "石巻市", True),
        ("04", "101", "仙台市青葉区", "041009", "仙台市", True),  # a ward of the designated city
        ("04", "", "仙台市若林区", "041009", "仙台市", True),
        ("31", "", "岩美郡岩美町", "313025", "岩美町", True),  # the district is not part of the town
        ("07", "203", "郡山市", "072036", "郡山市", True),
        ("04", "202", "石巻市", "041009", "仙台市", False),
        ("05", "201", "秋田市", "041009", "仙台市", False),
        ("", "", "", "041009", "仙台市", False),
        ("04", "202", "石巻市", "", "", False),
    ],
)
def test_places_compare_at_prefecture_and_municipality_level(
    prefecture_code, city_code, city_name, code, name, expected
):
    assert (
        place_matches(
            prefecture_code=prefecture_code,
            city_code=city_code,
            city_name=city_name,
            municipality_code=code,
            municipality_name=name,
        )
        is expected
    )


ENTERED = Entered(
    name="㈱みちのく醸造", prefecture_code="04", municipality_code="041009", municipality_name="仙台市"
)
REGISTERED = Registered(
    names=("株式会社みちのく醸造",),
    prefecture_code="04",
    city_code="101",
    prefecture_name="宮城県",
    city_name="仙台市青葉区",
)


def test_compare_says_what_did_not_match():
    elsewhere = dataclasses.replace(REGISTERED, city_code="202", city_name="石巻市")
    renamed = dataclasses.replace(REGISTERED, names=("株式会社あおば",))

    assert compare(ENTERED, REGISTERED).code == MATCHED
    assert compare(ENTERED, None).code == NOT_FOUND
    assert compare(ENTERED, elsewhere).code == PLACE_MISMATCH
    assert compare(ENTERED, elsewhere).registered_place == "宮城県石巻市"
    assert compare(ENTERED, renamed).code == NAME_MISMATCH
    assert compare(ENTERED, renamed).registered_name == "株式会社あおば"
    assert compare(Entered("別の会社", "05", "052019", "秋田市"), elsewhere).code == NAME_AND_PLACE_MISMATCH


def test_a_closed_or_deleted_number_never_matches():
    closed = dataclasses.replace(REGISTERED, closed_on=datetime.date(2024, 1, 5))
    deleted = dataclasses.replace(REGISTERED, deleted=True)

    assert compare(ENTERED, closed).code == CLOSED
    assert compare(ENTERED, closed).closed_on == datetime.date(2024, 1, 5)
    assert compare(ENTERED, deleted).code == NOT_FOUND
