"""Each role lands on its own home after login: what waits for an answer first (with the same
counts as the header's badges), then the lists of its work; a fixed number of queries however
much there is."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duallife.content.models import Inquiry
from duallife.engagements.models import Application
from duallife.engagements.services.applications import application_submit
from duallife.engagements.services.messages import message_post
from duallife.postings.models import SpecSheet
from duallife.site.selectors.navigation import header_counts
from duallife.testing.engagements import APPLY_MESSAGE, send
from duallife.testing.pages import (
    COMPANY_HEADER_QUERIES,
    COORDINATOR_HEADER_QUERIES,
    OPERATOR_HEADER_QUERIES,
    TALENT_HEADER_QUERIES,
)
from duallife.testing.postings import AKITA
from duallife.testing.subsidies import approved, contract_of, make_program, submitted
from duallife.testing.talents import make_talent_user

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _badges(html: str) -> dict[str, int]:
    """The header's role menu: link text → badge count."""
    nav = html.split('aria-label="あなたのメニュー"', 1)[1].split("</nav>", 1)[0]
    found = {}
    for label, rest in re.findall(r'<a href="[^"]*"(?: aria-current="page")?>([^<]+)(.*?)</a>', nav):
        badge = re.search(r'class="badge" aria-hidden="true">(\d+)<', rest)
        found[label.strip()] = int(badge.group(1)) if badge else 0
    return found


def test_a_visitor_still_gets_the_public_home_page(client, world):
    html = client.get("/").content.decode()
    assert 'action="/sheets/"' in html
    assert "あなたを待っていること" not in html
    assert "あなたのメニュー" not in html


def test_a_person_without_a_role_is_offered_both_ways_to_start(client, world):
    html = _home(client, world.nobody)
    assert "人材として始める" in html
    assert reverse("talents:profile_edit") in html
    assert reverse("organizations:register") in html
    assert _badges(html) == {"ホーム": 0, "お知らせ": 0}


def test_the_talent_sees_the_scout_waiting_and_their_applications(client, world, make_sheet):
    scouted = make_sheet(status=SpecSheet.Status.PUBLISHED, title="味噌蔵のEC改善")
    applied = make_sheet(status=SpecSheet.Status.PUBLISHED, title="酒蔵の海外販路")
    scout = send(world, scouted)
    application = application_submit(sheet=applied, by=world.talent, message=APPLY_MESSAGE)
    message_post(application=application, by=world.owner, body="面談の候補日をお送りします。")

    html = _home(client, world.talent)

    assert "人材として" in html
    assert reverse("engagements:scout_detail", args=[scout.pk]) in html
    assert reverse("engagements:application_detail", args=[application.pk]) in html
    assert "回答を待っているスカウト 1件" in html
    assert "未読のメッセージ 1件" in html
    badges = _badges(html)
    assert badges["スカウト"] == 1
    assert badges["応募"] == 1
    assert badges["ホーム"] == 2
    assert "仕様書の管理" not in badges
    assert "審査" not in badges


def test_the_company_sees_new_applicants_and_sheets_in_review(client, world, make_sheet):
    open_sheet = make_sheet(status=SpecSheet.Status.PUBLISHED, title="味噌蔵のEC改善")
    make_sheet(status=SpecSheet.Status.RETURNED, title="差し戻された募集")
    for name in ("applicant-1", "applicant-2"):
        application_submit(sheet=open_sheet, by=make_talent_user(name), message=APPLY_MESSAGE)

    html = _home(client, world.owner)

    assert "企業として（sendai-misoの名前）" in html
    assert "新しい応募 2件" in html
    assert "差し戻された仕様書 1件" in html
    assert "差し戻された募集" in html
    assert reverse("recommendations:sheet_matches", args=[open_sheet.pk]) in html
    assert "応募 2件" in html
    badges = _badges(html)
    assert badges["応募者"] == 2
    assert badges["仕様書の管理"] == 1
    assert "スカウト" not in badges  # not a talent
    # another company's member sees none of it
    other = _home(client, world.stranger)
    assert "味噌蔵のEC改善" not in other
    assert _badges(other)["応募者"] == 0


def _one_sheet_to_review_in_sendai_and_one_in_akita(world, make_sheet) -> None:
    make_sheet(status=SpecSheet.Status.SUBMITTED, title="仙台の審査待ち")
    make_sheet(
        status=SpecSheet.Status.SUBMITTED,
        title="秋田の審査待ち",
        organization=world.other_company,
        municipality=AKITA,
    )


def test_the_coordinator_sees_the_review_queue_of_their_area_only(client, world, make_sheet):
    _one_sheet_to_review_in_sendai_and_one_in_akita(world, make_sheet)

    html = _home(client, world.coordinator)

    assert "コーディネーターとして" in html
    assert "仙台の審査待ち" in html
    assert "秋田の審査待ち" not in html
    assert "審査待ちの仕様書 1件" in html
    assert _badges(html)["審査"] == 1
    assert "お問い合わせ" not in _badges(html)


def test_the_operator_sees_every_area_and_new_inquiries(client, world, make_sheet):
    _one_sheet_to_review_in_sendai_and_one_in_akita(world, make_sheet)
    Inquiry.objects.create(
        name="佐藤", email="sato@example.jp", topic=Inquiry.Topic.OTHER, body="掲載について"
    )

    html = _home(client, world.operator)

    assert "事務局として" in html
    assert "仙台の審査待ち" in html
    assert "秋田の審査待ち" in html
    assert "未対応のお問い合わせ 1件" in html
    badges = _badges(html)
    assert badges["審査"] == 2
    assert badges["お問い合わせ"] == 1


def test_english_home_pages_speak_english(client, world, make_sheet):
    sheet = make_sheet(status=SpecSheet.Status.PUBLISHED)
    send(world, sheet)
    client.force_login(world.talent)
    html = client.get("/en/").content.decode()
    assert "Waiting for you" in html
    assert "回答を待っている" not in html
    assert "あなたのメニュー" not in html


def test_the_header_badges_are_on_every_page_not_only_the_home(client, world, make_sheet):
    send(world, make_sheet(status=SpecSheet.Status.PUBLISHED))
    client.force_login(world.talent)
    html = client.get(reverse("postings:list")).content.decode()
    assert _badges(html)["スカウト"] == 1


def _more_of_everything(world, make_sheet, round_: int) -> None:
    sheet = make_sheet(status=SpecSheet.Status.PUBLISHED, title=f"募集{round_}")
    make_sheet(status=SpecSheet.Status.SUBMITTED, title=f"審査{round_}")
    make_sheet(status=SpecSheet.Status.RETURNED, title=f"差し戻し{round_}")
    application = application_submit(
        sheet=sheet, by=make_talent_user(f"more-{round_}"), message=APPLY_MESSAGE
    )
    message_post(application=application, by=application.talent.user, body="よろしくお願いします。")
    mine = application_submit(sheet=sheet, by=world.talent, message=APPLY_MESSAGE) if round_ == 0 else None
    if mine is not None:
        message_post(application=mine, by=world.owner, body="ご応募ありがとうございます。")
    send(world, make_sheet(status=SpecSheet.Status.PUBLISHED, title=f"スカウト{round_}"))
    Inquiry.objects.create(
        name="佐藤", email="sato@example.jp", topic=Inquiry.Topic.OTHER, body=f"質問{round_}"
    )


@pytest.mark.parametrize("who", ["talent", "owner", "coordinator", "operator", "nobody"])
def test_each_home_takes_a_fixed_number_of_queries(
    client, world, make_sheet, django_assert_max_num_queries, who
):
    client.force_login(getattr(world, who))
    _more_of_everything(world, make_sheet, 0)
    client.get("/")  # warm the session and the caches
    with django_assert_max_num_queries(30) as one_of_each:
        client.get("/")
    for round_ in range(1, 5):
        _more_of_everything(world, make_sheet, round_)
    with django_assert_max_num_queries(len(one_of_each.captured_queries)):
        assert client.get("/").status_code == 200


def test_the_header_costs_one_query_for_a_person_without_a_role(client, world, django_assert_num_queries):
    anonymous = _count_queries(client, reverse("regions:overview"))
    client.force_login(world.nobody)
    signed_in = _count_queries(client, reverse("regions:overview"))
    # session and user (2), terms consent (1), notifications unread (1), the header's row (1)
    assert signed_in - anonymous <= 5


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_applications_moved_on_are_no_longer_new(client, world, make_sheet):
    sheet = make_sheet(status=SpecSheet.Status.PUBLISHED)
    application = application_submit(sheet=sheet, by=make_talent_user("moved"), message=APPLY_MESSAGE)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.IN_CONVERSATION)
    html = _home(client, world.owner)
    assert "新しい応募はありません。" in html
    assert _badges(html)["応募者"] == 0


@pytest.mark.parametrize(
    ("who", "queries"),
    [
        ("nobody", 1),
        ("talent", TALENT_HEADER_QUERIES),
        ("owner", COMPANY_HEADER_QUERIES),
        ("coordinator", COORDINATOR_HEADER_QUERIES),
        ("operator", OPERATOR_HEADER_QUERIES),
    ],
)
def test_the_header_costs_a_fixed_number_of_queries_per_role(
    world, make_sheet, django_assert_num_queries, who, queries
):
    _more_of_everything(world, make_sheet, 0)
    with django_assert_num_queries(queries):
        counts = header_counts(getattr(world, who))
    assert counts.roles.any == (who != "nobody")


def test_the_header_counts_support_claims_waiting_for_each_side(world):
    program = make_program(world)
    submitted(program, contract_of(world), world.owner)
    approved(program, contract_of(world), world.owner, world.coordinator)
    assert header_counts(world.owner).support_actions == 1  # approved: the report is theirs to send
    assert header_counts(world.coordinator).support_review == 1  # submitted: theirs to decide
    assert header_counts(world.operator).support_review == 1
    assert header_counts(world.far_coordinator).support_review == 0
    assert header_counts(world.stranger).support_actions == 0
