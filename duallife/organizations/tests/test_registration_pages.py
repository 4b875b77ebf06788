"""A signed-up user registers their company, becomes its admin, and can then build its profile."""

import pytest

from duallife.organizations.errors import RegistrationInvalid
from duallife.organizations.models import CompanyProfile, Membership, Organization
from duallife.organizations.services.registration import company_register
from duallife.regions.models import Municipality, Prefecture
from duallife.testing.accounts import make_user

URL = "/organizations/new/"


@pytest.fixture
def sendai(region_pack):
    return Municipality.objects.get(code="041009")


def form_data(sendai, **overrides):
    data = {
        "name": "株式会社みちのく試験",
        "name_kana": "ミチノクシケン",
        "prefecture": str(sendai.prefecture_id),
        "municipality": str(sendai.pk),
    }
    data.update(overrides)
    return data


def test_registering_creates_the_company_and_makes_the_user_its_admin(client, sendai):
    user = make_user("founder@example.jp", signed_up=True)
    client.force_login(user)

    response = client.post(URL, form_data(sendai))

    organization = Organization.objects.get(name="株式会社みちのく試験")
    assert response.status_code == 302
    assert response["Location"] == f"/organizations/{organization.slug}/edit/"
    assert organization.kind == Organization.Kind.COMPANY
    assert organization.municipality == sendai
    assert CompanyProfile.objects.filter(organization=organization).exists()
    assert Membership.objects.get(organization=organization).user == user
    assert Membership.objects.get(organization=organization).role == Membership.Role.ADMIN
    assert client.get(f"/organizations/{organization.slug}/edit/").status_code == 200


def test_another_user_cannot_edit_the_new_company(client, sendai):
    organization = company_register(
        user=make_user("founder@example.jp", signed_up=True),
        name="株式会社A",
        prefecture=sendai.prefecture,
        municipality=sendai,
    )
    client.force_login(make_user("stranger@example.jp", signed_up=True))

    assert client.get(f"/organizations/{organization.slug}/edit/").status_code == 403


def test_anonymous_visitor_is_sent_to_log_in(client, sendai):
    response = client.get(URL)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.post(URL, form_data(sendai)).status_code == 302
    assert not Organization.objects.exists()


def test_unverified_email_cannot_register_a_company(client, sendai):
    client.force_login(make_user("new@example.jp", signed_up=True, verified=False))

    response = client.post(URL, form_data(sendai))

    assert response.status_code == 400
    assert "メールアドレスの確認を済ませてください" in response.content.decode()
    assert not Organization.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "入力してください"),
        ({"name_kana": "abc"}, "カタカナで入力してください"),
        ({"municipality": ""}, "所在地の市区町村を選んでください"),
        ({"prefecture": "999999"}, "都道府県を選び直してください"),
        ({"municipality": "999999"}, "市区町村を選び直してください"),
    ],
)
def test_bad_input_is_refused_with_a_japanese_message_and_nothing_is_saved(
    client, sendai, overrides, message
):
    client.force_login(make_user("founder@example.jp", signed_up=True))

    response = client.post(URL, form_data(sendai, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Organization.objects.exists()
    assert not Membership.objects.exists()


def test_municipality_must_belong_to_the_chosen_prefecture(client, sendai):
    client.force_login(make_user("founder@example.jp", signed_up=True))
    akita = Prefecture.objects.get(code="05")

    response = client.post(URL, form_data(sendai, prefecture=str(akita.pk)))

    assert response.status_code == 400
    assert "仙台市は秋田県の市区町村ではありません。" in response.content.decode()
    assert not Organization.objects.exists()


def test_company_outside_the_covered_region_is_refused(sendai):
    tokyo = Prefecture.objects.get(code="13")

    with pytest.raises(RegistrationInvalid) as excinfo:
        company_register(
            user=make_user("founder@example.jp", signed_up=True),
            name="東京の会社",
            prefecture=tokyo,
            municipality=None,
        )

    assert "東北7県" in str(excinfo.value)
    assert not Organization.objects.exists()
