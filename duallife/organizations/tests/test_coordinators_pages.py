"""The operator pages that create coordinator bodies and grant their scopes."""

import pytest
from django.urls import reverse

from duallife.organizations.models import CoordinatorProfile, CoordinatorScope, Membership, Organization
from duallife.organizations.services.coordinators import coordinator_body_create, scope_grant
from duallife.testing.accounts import make_user
from duallife.testing.organizations import make_org
from duallife.testing.pages import OPERATOR_HEADER_QUERIES

pytestmark = pytest.mark.django_db


def body_kwargs(tenants, **overrides):
    return {
        "by": tenants["operator"],
        "name": "宮城県 経済商工観光部",
        "slug": "miyagi-pref",
        "prefecture": tenants["miyagi"],
        "body_type": CoordinatorProfile.BodyType.PREFECTURE,
        **overrides,
    }


def test_operator_pages_create_a_body_and_grant_a_scope(client, tenants):
    client.force_login(tenants["operator"])
    listing = reverse("accounts:operator_coordinator_bodies")

    created = client.post(
        listing,
        {
            "name": "仙台市 経済局",
            "slug": "sendai-city",
            "body_type": "municipality",
            "prefecture": tenants["miyagi"].pk,
            "municipality": tenants["sendai"].pk,
        },
    )
    body = Organization.objects.get(slug="sendai-city")
    assert created.status_code == 302
    assert created.url == reverse("accounts:operator_coordinator_body", args=["sendai-city"])
    granted = client.post(
        created.url, {"prefecture": tenants["miyagi"].pk, "municipality": tenants["sendai"].pk}
    )
    assert granted.status_code == 302
    assert CoordinatorScope.objects.filter(organization=body, municipality=tenants["sendai"]).exists()
    assert "仙台市 経済局" in client.get(listing).content.decode()


@pytest.mark.parametrize("count", [2, 45])
def test_the_registered_bodies_come_twenty_a_page(client, tenants, django_assert_max_num_queries, count):
    for number in range(count):
        make_org(Organization.Kind.COORDINATOR, f"body-{number:02d}", prefecture=tenants["miyagi"])
    client.force_login(tenants["operator"])
    listing = reverse("accounts:operator_coordinator_bodies")

    with django_assert_max_num_queries(16 + OPERATOR_HEADER_QUERIES):
        first = client.get(listing)
    last = client.get(listing, {"page": "3"})

    assert len(first.context["bodies"]) == min(count, 20)
    if count > 20:
        assert 'href="?page=2#bodies-title"' in first.content.decode()
        assert len(last.context["bodies"]) == 5
    for garbage in ("abc", "0", "-2", "9" * 30):
        assert client.get(listing, {"page": garbage}).status_code == 200


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "slug": "x", "body_type": "other"}, "このフィールドは必須です"),
        ({"name": "X", "slug": "日本語", "body_type": "other"}, "半角英数字"),
        ({"name": "X", "slug": "sendai-co", "body_type": "other"}, "すでに使われています"),
        (
            {"name": "X", "slug": "x", "body_type": "other", "prefecture": "999999"},
            "一覧から都道府県を選んでください",
        ),
        (
            {"name": "X", "slug": "x", "body_type": "other", "municipality": "akita_city"},
            "秋田市は宮城県の市区町村ではありません。",
        ),
    ],
)
def test_operator_page_rejects_bad_input_in_japanese(client, tenants, data, message):
    data = {"prefecture": tenants["miyagi"].pk, **data}
    if data.get("municipality") == "akita_city":
        data["municipality"] = tenants["akita_city"].pk
    client.force_login(tenants["operator"])

    response = client.post(reverse("accounts:operator_coordinator_bodies"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Organization.objects.filter(kind=Organization.Kind.COORDINATOR).exists()


def test_scope_page_rejects_a_duplicate_in_japanese(client, tenants):
    body = coordinator_body_create(**body_kwargs(tenants))
    scope_grant(organization=body, prefecture=tenants["miyagi"], by=tenants["operator"])
    client.force_login(tenants["operator"])

    response = client.post(
        reverse("accounts:operator_coordinator_body", args=[body.slug]), {"prefecture": tenants["miyagi"].pk}
    )

    assert response.status_code == 200
    assert "全域がすでに担当地域です" in response.content.decode()
    assert CoordinatorScope.objects.count() == 1


@pytest.mark.parametrize("who", ["admin", "member", "other_admin"])
def test_operator_pages_are_forbidden_to_everyone_else(client, tenants, who):
    body = coordinator_body_create(**body_kwargs(tenants))
    client.force_login(tenants[who])

    assert client.get(reverse("accounts:operator_coordinator_bodies")).status_code == 403
    assert client.get(reverse("accounts:operator_coordinator_body", args=[body.slug])).status_code == 403


def test_operator_pages_need_mfa(client, tenants):
    operator = make_user("op2@office.example.jp", signed_up=True)
    Membership.objects.create(user=operator, organization=Organization.objects.get(slug="office"))
    client.force_login(operator)

    response = client.get(reverse("accounts:operator_coordinator_bodies"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_index")


def test_unknown_coordinator_body_is_not_found_for_operators(client, tenants):
    client.force_login(tenants["operator"])

    assert client.get(reverse("accounts:operator_coordinator_body", args=["sendai-co"])).status_code == 404
