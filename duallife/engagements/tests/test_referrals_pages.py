"""The referral pages: the credits table, registering a referred company, removing one."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duallife.engagements.models import Referral
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.referrals import referral_register
from duallife.organizations.models import Organization
from duallife.regions.models import Prefecture
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.pages import COORDINATOR_HEADER_QUERIES

LIST = reverse("engagements:referrals")
NEW = reverse("engagements:referral_new")


@pytest.fixture
def miyagi(world):
    return Organization.objects.get(slug="miyagi-pref")


@pytest.fixture
def referral(world, miyagi):
    return referral_register(referrer=miyagi, company=world.company, by=world.coordinator)


def remove_url(pk) -> str:
    """The remove URL with ``pk`` as written (``abc`` too, which ``reverse`` would refuse)."""
    return reverse("engagements:referral_remove", args=[1]).replace("/1/", f"/{pk}/")


def test_a_coordinator_sees_their_bodys_referrals_with_the_credits(client, world, referral, sheet):
    # the sheet (fixture) and the application come after the registration: both credited
    application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE)
    client.force_login(world.coordinator)

    response = client.get(LIST)

    assert response.status_code == 200
    html = response.content.decode()
    assert "sendai-misoの名前" in html
    row = response.context["rows"][0]
    assert (row.credited_sheets, row.credited_applications, row.credited_contracts) == (1, 1, 0)
    assert response.context["totals"].applications == 1
    assert 'role="region"' in html
    assert 'scope="row"' in html


def test_another_coordinator_body_does_not_see_the_referral(client, world, referral):
    client.force_login(world.far_coordinator)

    response = client.get(LIST)

    assert response.status_code == 200
    assert response.context["rows"] == []
    assert "sendai-misoの名前" not in response.content.decode()


def test_an_operator_sees_every_referral_and_may_filter_by_body(client, world, referral, miyagi):
    client.force_login(world.operator)

    everything = client.get(LIST)
    filtered = client.get(LIST, {"referrer": miyagi.pk})
    other = client.get(LIST, {"referrer": Organization.objects.get(slug="akita-pref").pk})

    assert [r.pk for r in everything.context["rows"]] == [referral.pk]
    assert [r.pk for r in filtered.context["rows"]] == [referral.pk]
    assert other.context["rows"] == []


@pytest.mark.parametrize("who", ["owner", "talent", "nobody"])
def test_company_members_and_talents_are_refused(client, world, referral, who):
    client.force_login(getattr(world, who))

    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403
    assert client.post(remove_url(referral.pk)).status_code in (403, 404)
    assert Referral.objects.filter(pk=referral.pk).exists()


@pytest.mark.parametrize("url", [LIST, NEW])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_anonymous_removal_is_sent_to_log_in(client, world, referral):
    response = client.post(remove_url(referral.pk))

    assert response.status_code == 302
    assert Referral.objects.filter(pk=referral.pk).exists()


def _companies(count: int) -> None:
    prefecture = Prefecture.objects.get(code="04")
    miyagi = Organization.objects.get(slug="miyagi-pref")
    for n in range(count):
        company = Organization.objects.create(
            kind=Organization.Kind.COMPANY,
            name=f"宮城の会社{n}",
            slug=f"miyagi-co-{n}",
            prefecture=prefecture,
        )
        Referral.objects.create(referrer=miyagi, company=company)


@pytest.mark.parametrize("count", [1, 30])
def test_the_credits_page_costs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries, count
):
    _companies(count)
    client.force_login(world.coordinator)

    with django_assert_max_num_queries(14 + COORDINATOR_HEADER_QUERIES):
        response = client.get(LIST)

    assert len(response.context["rows"]) == min(count, 20)  # twenty a page
    assert response.context["page"].paginator.count == count


def test_the_registration_form_offers_the_companies_in_the_bodys_area_only(client, world, miyagi):
    client.force_login(world.coordinator)

    response = client.get(NEW)

    assert response.status_code == 200
    companies = list(response.context["form"].fields["company"].queryset)
    assert world.company in companies
    assert world.other_company not in companies  # 秋田県: outside 宮城県
    assert list(response.context["form"].fields["referrer"].queryset) == [miyagi]
    html = response.content.decode()
    assert '<label for="id_company">' in html
    assert '<label for="id_q">' in html


def test_the_company_list_can_be_narrowed_by_name(client, world):
    client.force_login(world.operator)

    found = client.get(NEW, {"q": "akita"})
    missing = client.get(NEW, {"q": "存在しない会社"})

    assert found.context["company_count"] == 1
    assert missing.context["company_count"] == 0
    assert "登録できる企業がありません" in missing.content.decode()


def test_a_coordinator_registers_a_referral_through_the_form(client, world, miyagi):
    client.force_login(world.coordinator)

    response = client.post(
        NEW, {"referrer": miyagi.pk, "company": world.company.pk, "note": "金融機関の紹介"}
    )

    assert response.status_code == 302
    assert response.url == LIST
    referral = Referral.objects.get()
    assert (referral.referrer, referral.company, referral.note) == (miyagi, world.company, "金融機関の紹介")
    assert "登録しました" in client.get(LIST).content.decode()


def test_a_company_outside_the_area_or_another_body_is_not_a_valid_choice(client, world, miyagi):
    client.force_login(world.coordinator)
    akita = Organization.objects.get(slug="akita-pref")

    outside = client.post(NEW, {"referrer": miyagi.pk, "company": world.other_company.pk})
    foreign_body = client.post(NEW, {"referrer": akita.pk, "company": world.company.pk})

    assert outside.status_code == 400
    assert "一覧にある企業から選んでください" in outside.content.decode()
    assert foreign_body.status_code == 400
    assert "一覧にある機関から選んでください" in foreign_body.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"company": "abc"},
        {"company": str(10**30)},
        {"company": "-1"},
        {"note": "あ" * 301},
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(client, world, miyagi, data):
    client.force_login(world.coordinator)
    payload = {"referrer": miyagi.pk, "company": world.company.pk, **data}
    if not data:
        payload.pop("company")

    response = client.post(NEW, payload)

    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Referral.objects.exists()


def test_a_company_referred_meanwhile_is_refused_naming_the_body(client, world, miyagi):
    client.force_login(world.operator)
    akita = Organization.objects.get(slug="akita-pref")
    referral_register(referrer=miyagi, company=world.company, by=world.coordinator)

    response = client.post(NEW, {"referrer": akita.pk, "company": world.company.pk})

    assert response.status_code == 400  # no longer offered: already referred
    assert Referral.objects.get().referrer == miyagi


def test_a_coordinator_removes_their_bodys_referral(client, world, referral):
    client.force_login(world.coordinator)

    response = client.post(remove_url(referral.pk))

    assert response.status_code == 302
    assert not Referral.objects.exists()


def test_removing_needs_a_post(client, world, referral):
    client.force_login(world.coordinator)

    assert client.get(remove_url(referral.pk)).status_code == 405
    assert Referral.objects.exists()


@pytest.mark.parametrize("pk", ["abc", str(10**30), "0", "999999"])
def test_unknown_ids_answer_404(client, world, referral, pk):
    client.force_login(world.coordinator)

    assert client.post(remove_url(pk)).status_code == 404


def test_another_bodys_referral_answers_404_and_stays(client, world, referral):
    client.force_login(world.far_coordinator)

    assert client.post(remove_url(referral.pk)).status_code == 404
    assert Referral.objects.filter(pk=referral.pk).exists()
