"""Who received my data: the page and the API list the person's own provisions and staff reads."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duallife.accounts.services import personal_data_access_log
from duallife.engagements.models import ConsentRecord
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.consent import consent_grant
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.pages import TALENT_HEADER_QUERIES
from duallife.testing.talents import make_talent_user

PAGE = reverse("engagements:my_provisions")
API = "/api/v1/my/data-provisions"


def test_the_page_lists_each_provision_with_recipient_fields_basis_and_retention(client, world, application):
    consent_grant(application=application, by=world.talent, fields=["phone"])
    client.force_login(world.talent)

    response = client.get(PAGE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "sendai-misoの名前" in html
    assert "氏名（姓名・フリガナ）、メールアドレス" in html
    assert "電話番号" in html
    assert "応募時の同意" in html
    assert "追加の同意" in html
    record = ConsentRecord.objects.filter(fields=["name", "email"]).get()
    assert f"{record.keep_until.year}年{record.keep_until.month}月{record.keep_until.day}日" in html
    assert reverse("engagements:application_detail", args=[application.pk]) in html
    assert [row.basis for row in response.context["provisions"]] == ["additional", "application"]


def test_staff_reads_show_the_organisation_not_the_staff_member(client, world, application):
    personal_data_access_log(
        by=world.coordinator, subject=world.talent, what=f"応募 #{application.pk} の閲覧"
    )
    personal_data_access_log(by=world.operator, subject=world.talent, what="人材プロフィールの閲覧")
    client.force_login(world.talent)

    response = client.get(PAGE)

    html = response.content.decode()
    assert "miyagi-prefの名前" in html
    assert "secretariatの名前" in html
    assert "人材プロフィールの閲覧" in html
    assert "coordinator@example.jp" not in html
    assert "operator@example.jp" not in html


def test_nobody_sees_another_persons_records(client, world, application):
    personal_data_access_log(by=world.coordinator, subject=world.talent, what="人材プロフィールの閲覧")
    other = make_talent_user("other")
    client.force_login(other)

    response = client.get(PAGE)

    assert response.context["provisions"] == []
    assert response.context["reads"] == []
    assert "sendai-misoの名前" not in response.content.decode()
    body = client.get(API).json()
    assert body["provisions"]["count"] == 0
    assert body["staff_reads"]["count"] == 0


def test_someone_who_shared_nothing_sees_kind_empty_states(client, world):
    client.force_login(world.talent)

    html = client.get(PAGE).content.decode()

    assert "知らせた記録はありません" in html
    assert "閲覧した記録はありません" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_staff_without_mfa_are_sent_to_set_it_up_first(client, world):
    client.force_login(world.coordinator)

    response = client.get(PAGE)

    assert response.status_code == 302
    assert response.url == reverse("mfa_index")
    give_mfa(world.coordinator)
    assert client.get(PAGE).status_code == 200


@pytest.mark.parametrize("page", ["abc", "0", str(10**30), "-1"])
def test_odd_page_numbers_show_a_page_not_an_error(client, world, application, page):
    client.force_login(world.talent)

    response = client.get(PAGE, {"page": page, "reads_page": page})

    assert response.status_code == 200


def _history(world, sheets: list, count: int) -> None:
    for n in range(count):
        personal_data_access_log(by=world.coordinator, subject=world.talent, what=f"閲覧 {n}")
    for sheet in sheets:
        application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE, shared_fields=["name"])


@pytest.mark.parametrize("count", [1, 25])
def test_the_page_and_the_api_cost_a_bounded_number_of_queries(
    client, world, make_sheet, django_assert_max_num_queries, count
):
    sheets = [make_sheet("published") for _ in range(min(count, 25))]
    _history(world, sheets, count)
    client.force_login(world.talent)

    with django_assert_max_num_queries(11 + TALENT_HEADER_QUERIES):
        response = client.get(PAGE)
    with django_assert_max_num_queries(8):
        api = client.get(API)

    assert len(response.context["provisions"]) == min(count, 20)
    assert len(response.context["reads"]) == min(count, 20)
    assert api.json()["provisions"]["count"] == count
    assert api.json()["staff_reads"]["count"] == count


def test_the_api_returns_both_lists_a_page_at_a_time(client, world, application):
    personal_data_access_log(by=world.coordinator, subject=world.talent, what="人材プロフィールの閲覧")
    client.force_login(world.talent)

    body = client.get(API).json()
    beyond = client.get(API, {"page": 2}).json()

    assert body["pages"] == 1
    [provision] = body["provisions"]["results"]
    assert provision["recipient"] == "sendai-misoの名前"
    assert provision["fields"] == ["name", "email"]
    assert provision["field_labels"] == ["氏名（姓名・フリガナ）", "メールアドレス"]
    assert provision["basis"] == "application"
    assert provision["application_url"] == f"/applications/{application.pk}/"
    [read] = body["staff_reads"]["results"]
    assert read == {"at": read["at"], "what": "人材プロフィールの閲覧", "organization": "miyagi-prefの名前"}
    assert beyond["provisions"]["results"] == []
    assert beyond["staff_reads"]["results"] == []


@pytest.mark.parametrize("page", ["abc", "0", str(10**30)])
def test_the_api_refuses_bad_pages_in_japanese(client, world, page):
    client.force_login(world.talent)

    response = client.get(API, {"page": page})

    assert response.status_code == 400
    assert "page" in response.json()["errors"]


def test_the_api_answers_401_to_anonymous_callers(client):
    response = client.get(API)

    assert response.status_code == 401
    assert "ログイン" in response.json()["detail"]


def test_my_page_links_to_the_provision_record(client, world):
    client.force_login(world.talent)

    html = client.get(reverse("accounts:me")).content.decode()

    assert PAGE in html
