"""The review queue and decisions of coordinators, and what operators see in the admin."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.postings.models import SpecSheet, SpecSheetEvent
from duallife.testing.accounts import give_mfa
from duallife.testing.pages import COORDINATOR_HEADER_QUERIES
from duallife.testing.postings import AKITA, copy_sheet, good_data, login

Status = SpecSheet.Status


# --- The review queue --------------------------------------------------------------------------


def test_review_queue_lists_submitted_sheets_in_scope_oldest_first(client, world, make_sheet):
    older = make_sheet(Status.SUBMITTED, title="先に提出した仕様書：味噌の新商品開発")
    newer = make_sheet(Status.SUBMITTED, title="後に提出した仕様書：観光の広報戦略")
    SpecSheet.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=3))
    elsewhere = make_sheet(
        Status.SUBMITTED, organization=world.other_company, municipality=AKITA, title="秋田の仕様書"
    )
    make_sheet(Status.DRAFT, title="下書きは審査に出ない")

    mine = login(client, world.coordinator).get("/sheets/review/")
    everything = login(client, world.operator).get("/sheets/review/")

    assert [s.pk for s in mine.context["sheets"]] == [older.pk, newer.pk]
    assert [s.pk for s in everything.context["sheets"]] == [older.pk, newer.pk, elsewhere.pk]
    assert "品質スコア" in mine.content.decode()


@pytest.mark.parametrize("count", [3, 45])
def test_review_queue_pages_twenty_at_a_flat_query_count(
    client, world, make_sheet, django_assert_max_num_queries, count
):
    copy_sheet(make_sheet(Status.SUBMITTED, title="提出した仕様書：味噌の新商品開発"), count - 1)
    login(client, world.coordinator)

    with django_assert_max_num_queries(9 + COORDINATOR_HEADER_QUERIES):
        first = client.get("/sheets/review/")
    last = client.get("/sheets/review/", {"page": "3"})

    assert len(first.context["sheets"]) == min(count, 20)
    assert f"{count}件" in first.content.decode()
    if count > 20:
        assert 'aria-label="審査待ちの仕様書のページ"' in first.content.decode()
        assert len(last.context["sheets"]) == 5


@pytest.mark.parametrize("garbage", ["0", "-3", "999", "abc", "9" * 30])
def test_review_queue_answers_garbage_page_numbers_with_a_page(client, world, make_sheet, garbage):
    copy_sheet(make_sheet(Status.SUBMITTED, title="提出した仕様書：味噌の新商品開発"), 24)

    response = login(client, world.coordinator).get("/sheets/review/", {"page": garbage})

    assert response.status_code == 200
    assert len(response.context["sheets"]) in (5, 20)


@pytest.mark.parametrize("user", ["owner", "talent", "nobody"])
def test_review_queue_is_for_coordinators_and_operators(client, world, user):
    assert login(client, getattr(world, user)).get("/sheets/review/").status_code == 403


def test_out_of_area_review_pages_are_404(client, world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    login(client, world.far_coordinator)

    assert client.get(f"/sheets/review/{sheet.pk}/").status_code == 404
    assert client.post(f"/sheets/review/{sheet.pk}/decide/", {"decision": "approve"}).status_code == 404
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.SUBMITTED


def test_review_page_shows_the_quality_check_and_approves(client, world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    login(client, world.coordinator)

    page = client.get(f"/sheets/review/{sheet.pk}/").content.decode()
    response = client.post(f"/sheets/review/{sheet.pk}/decide/", {"decision": "approve", "comment": ""})

    assert "点／100点" in page
    assert "承認して公開する" in page
    assert response["Location"] == "/sheets/review/"
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.PUBLISHED
    assert client.get(f"/sheets/review/{sheet.pk}/").status_code == 404  # no longer waiting


def test_returning_needs_a_comment(client, world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    login(client, world.coordinator)

    empty = client.post(f"/sheets/review/{sheet.pk}/decide/", {"decision": "return", "comment": " "})
    unknown = client.post(f"/sheets/review/{sheet.pk}/decide/", {"decision": "maybe"})
    returned = client.post(
        f"/sheets/review/{sheet.pk}/decide/", {"decision": "return", "comment": "締切を延ばしてください。"}
    )

    assert empty.status_code == 400
    assert "差し戻す理由（直してほしい点）をコメントに書いてください。" in empty.content.decode()
    assert unknown.status_code == 400
    assert returned.status_code == 302
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.RETURNED
    assert SpecSheetEvent.objects.filter(sheet=sheet).last().comment == "締切を延ばしてください。"
    edit = login(client, world.owner).get(f"/sheets/{sheet.pk}/edit/").content.decode()
    assert "差し戻されました" in edit


def test_operators_can_read_sheets_in_the_admin_but_not_change_them(client, world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    world.operator.is_staff = True
    world.operator.is_superuser = True
    world.operator.save()
    give_mfa(world.operator)  # staff open the admin only with a second factor

    client.force_login(world.operator)
    listing = client.get("/admin/postings/specsheet/")
    page = client.get(f"/admin/postings/specsheet/{sheet.pk}/change/")
    posted = client.post(f"/admin/postings/specsheet/{sheet.pk}/change/", {"title": "変更"})

    assert listing.status_code == 200
    assert sheet.title in listing.content.decode()
    assert page.status_code == 200
    assert posted.status_code == 403
    assert SpecSheet.objects.get(pk=sheet.pk).title == good_data()["title"]
