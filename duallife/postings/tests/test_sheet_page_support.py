"""A sheet's page lists the travel-cost support programs for its visits: each program's monthly
amount for the sheet's visits a month at the region pack's fare from Tokyo, largest first, linked
to the program's page; nothing when the sheet asks for no visits. The list costs the same few
queries however many programs there are."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from duallife.postings.models import SpecSheet
from duallife.testing.subsidies import SENDAI_FARE, make_program

pytestmark = pytest.mark.django_db

PANEL = "使える交通費支援"


def _url(sheet) -> str:
    return reverse("postings:detail", args=[sheet.pk])


def _panel(html: str) -> str:
    start = html.index('class="support-offers"')
    return html[start : html.index("</section>", start)]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_anyone_sees_the_programs_for_the_sheet_s_visits_with_their_monthly_amounts(
    client, world, make_sheet
):
    half = make_program(world, slug="half")
    quarter = make_program(world, slug="quarter", rate="1/4", name="四分の一の支援（試験）")
    make_program(world, slug="akita-only", destination_prefectures=["05"], name="秋田県だけの支援（試験）")
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, visits_per_month=2)

    html = client.get(_url(sheet)).content.decode()

    panel = _panel(html)
    assert PANEL in panel
    assert "東京から月2回（1往復21,120円）訪問する場合" in panel
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', panel)
    assert links == [  # the largest first
        (reverse("subsidies:program", args=[half.pk]), half.name),
        (reverse("subsidies:program", args=[quarter.pk]), quarter.name),
    ]
    assert f"{2 * SENDAI_FARE // 2:,}円" in panel
    assert f"{2 * SENDAI_FARE // 4:,}円" in panel
    assert "秋田県だけの支援" not in panel
    assert "12分の1" in panel
    assert "申請する" not in panel  # claims start from a contract


def test_a_sheet_without_visits_has_no_support_panel(client, world, make_sheet):
    make_program(world)
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, visits_per_month=0)

    html = client.get(_url(sheet)).content.decode()

    assert PANEL not in html


def test_a_sheet_no_program_pays_for_has_no_support_panel(client, world, make_sheet):
    make_program(world, destination_prefectures=["05"])
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, visits_per_month=2)

    assert PANEL not in client.get(_url(sheet)).content.decode()


def test_the_editor_sees_it_on_a_draft_and_another_company_gets_a_404(client, world, make_sheet):
    make_program(world)
    sheet = make_sheet(SpecSheet.Status.DRAFT, visits_per_month=1)

    client.force_login(world.owner)
    assert PANEL in client.get(_url(sheet)).content.decode()
    client.force_login(world.stranger)
    assert client.get(_url(sheet)).status_code == 404


def test_the_panel_takes_four_queries_however_many_programs_pay(
    client, world, make_sheet, django_assert_max_num_queries
):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED, visits_per_month=2)
    without_visits = make_sheet(SpecSheet.Status.PUBLISHED, visits_per_month=0)

    base = _queries(client, _url(without_visits))
    none = _queries(client, _url(sheet))
    make_program(world, slug="one")
    one = _queries(client, _url(sheet))
    for slug in ("two", "three", "four"):
        make_program(world, slug=slug)
    four = _queries(client, _url(sheet))
    with django_assert_max_num_queries(7):  # the page itself three, the fare two, the programs two
        client.get(_url(sheet))

    assert one == four == base + 4
    assert none <= one  # no program: no versions to read
    assert client.get(_url(sheet)).content.decode().count('class="card"') == 4
