"""Admin for region data: pack figures are view-only; support programs are validated in Japanese."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from duallife.regions.forms import SupportProgramAdminForm
from duallife.regions.models import (
    Indicator,
    Industry,
    IndustryEmployment,
    Municipality,
    NetMigration,
    Prefecture,
    PrefectureIndicator,
    RegionPack,
    RentBenchmark,
    Route,
    Source,
    SupportProgram,
)

PACK_MODELS = [
    RegionPack,
    Source,
    Prefecture,
    Municipality,
    Route,
    RentBenchmark,
    Indicator,
    PrefectureIndicator,
    Industry,
    IndustryEmployment,
    NetMigration,
]


def form_data(**overrides) -> dict:
    akita = Prefecture.objects.get(code="05")
    data = {
        "prefecture": str(akita.pk),
        "municipality": "",
        "owner": "秋田県",
        "category": SupportProgram.Category.TRAVEL,
        "name": "通い交通費の補助",
        "summary": "首都圏から通う副業人材の交通費を補助します。",
        "amount_yen": "20000",
        "amount_note": "1往復あたり",
        "conditions": "",
        "url": "https://example.jp/akita/",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def municipality_pk(code: str) -> str:
    return str(Municipality.objects.get(code=code).pk)


# --- the form -------------------------------------------------------------------------------------


def test_valid_program_form_saves(region_pack):
    form = SupportProgramAdminForm(data=form_data(municipality=municipality_pk("053619")))

    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.municipality.name == "五城目町"
    assert saved.prefecture.code == "05"


def test_municipality_must_belong_to_the_chosen_prefecture(region_pack):
    form = SupportProgramAdminForm(data=form_data(municipality=municipality_pk("041009")))  # 仙台市

    assert not form.is_valid()
    assert form.errors["municipality"] == [
        "仙台市は秋田県の市区町村ではありません。都道府県か市区町村を選び直してください。"
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.jp/file", "http:// または https:// で始まるもの"),
        ("javascript:alert(1)", "詳細ページのURLを正しく入力してください"),
        ("not a url", "詳細ページのURLを正しく入力してください"),
    ],
)
def test_program_url_must_be_http_or_https(region_pack, url, message):
    form = SupportProgramAdminForm(data=form_data(url=url))

    assert not form.is_valid()
    assert message in form.errors["url"][0]


def test_program_url_without_scheme_becomes_https(region_pack):
    form = SupportProgramAdminForm(data=form_data(url="example.jp/akita/"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://example.jp/akita/"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "上限額は0円以上で入力してください。"),
        ("1.5", "上限額は半角数字"),
        ("abc", "上限額は半角数字"),
        ("100000001", "上限額は1億円（100,000,000円）以下で入力してください。"),
        ("99999999999", "上限額は1億円（100,000,000円）以下で入力してください。"),
    ],
)
def test_program_amount_must_be_a_non_negative_integer(region_pack, amount, message):
    form = SupportProgramAdminForm(data=form_data(amount_yen=amount))

    assert not form.is_valid()
    (error,) = form.errors["amount_yen"]
    assert message in error


def test_program_amount_may_be_left_empty(region_pack):
    form = SupportProgramAdminForm(data=form_data(amount_yen="", amount_note="1泊1,000円"))

    assert form.is_valid(), form.errors
    assert form.save().amount_yen is None


@pytest.mark.parametrize("code", ["13", "01"])
def test_program_prefecture_must_be_covered_by_a_pack(region_pack, code):
    form = SupportProgramAdminForm(data=form_data(prefecture=str(Prefecture.objects.get(code=code).pk)))

    assert not form.is_valid()
    assert form.errors["prefecture"] == ["選んだ都道府県は支援制度の対象地域ではありません。"]


def test_program_municipality_must_be_a_pack_place(region_pack):
    form = SupportProgramAdminForm(data=form_data(municipality=municipality_pk("131008")))

    assert not form.is_valid()
    assert form.errors["municipality"] == ["選んだ市町村は支援制度の対象地域ではありません。"]


def test_program_required_fields_have_japanese_messages(region_pack):
    form = SupportProgramAdminForm(data=form_data(name="", prefecture=""))

    assert not form.is_valid()
    assert form.errors["name"] == ["制度名を入力してください。"]
    assert form.errors["prefecture"] == ["都道府県を選んでください。"]


# --- the admin site -------------------------------------------------------------------------------


def test_admin_add_with_mismatched_places_shows_error_and_saves_nothing(admin_client, region_pack):
    # given
    url = reverse("admin:regions_supportprogram_add")

    # when
    response = admin_client.post(url, form_data(municipality=municipality_pk("041009")))

    # then
    assert response.status_code == 200
    assertContains(response, "仙台市は秋田県の市区町村ではありません。")
    assert SupportProgram.objects.count() == 0


def test_admin_add_valid_program(admin_client, region_pack):
    response = admin_client.post(reverse("admin:regions_supportprogram_add"), form_data())

    assert response.status_code == 302
    assert SupportProgram.objects.get().name == "通い交通費の補助"


def test_admin_program_list_search_and_filters(admin_client, region_pack, django_assert_max_num_queries):
    # given
    form = SupportProgramAdminForm(data=form_data(municipality=municipality_pk("053619")))
    form.is_valid()
    form.save()

    # when
    with django_assert_max_num_queries(15):
        response = admin_client.get(
            reverse("admin:regions_supportprogram_changelist"), {"q": "交通費", "is_published__exact": "1"}
        )

    # then
    assertContains(response, "通い交通費の補助")


@pytest.mark.parametrize("model", PACK_MODELS, ids=lambda m: m.__name__)
def test_pack_data_is_listed_and_view_only(admin_client, region_pack, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    obj = model.objects.order_by("pk").first()

    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "秋田"}).status_code == 200
    assert admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 403
    change = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert change.status_code == 200
    assertNotContains(change, 'name="_save"')
    delete = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[obj.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403


def test_municipality_autocomplete_for_programs_offers_only_pack_places(admin_client, region_pack):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "regions", "model_name": "supportprogram", "field_name": "municipality", "term": "市"},
    )

    assert response.status_code == 200
    names = [r["text"] for r in response.json()["results"]]
    assert names
    assert not any("特別区部" in n or "金沢" in n for n in names)


def test_admin_program_add_page_renders(admin_client, region_pack):
    response = admin_client.get(reverse("admin:regions_supportprogram_add"))

    assert response.status_code == 200
    assertContains(response, "対象地域")
