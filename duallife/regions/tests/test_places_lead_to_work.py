"""A region page leads to the work there: the newest open sheets of the prefecture (or town),
how many there are with a link to all of them, and the companies based there; at a query count
that does not grow with the sheets."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

from duallife.postings.models import SpecSheet
from duallife.postings.selectors import SHEETS_IN_PLACE
from duallife.testing.postings import copy_sheet

pytestmark = pytest.mark.django_db

PUBLISHED = SpecSheet.Status.PUBLISHED


def test_a_prefecture_page_shows_its_newest_open_sheets_and_links_to_all(client, world, make_sheet):
    first = make_sheet(PUBLISHED)  # 仙台市, 宮城県
    copy_sheet(first, 4)
    draft = make_sheet(SpecSheet.Status.DRAFT, title="まだ下書きの仕様書です（公開前）")
    elsewhere = make_sheet(
        PUBLISHED,
        organization=world.other_company,
        municipality="052019",
        title="秋田の酒蔵で海外向けの発信を一緒に考える仕事",
    )

    response = client.get("/regions/04/")

    assert len(response.context["work"].sheets) == 3
    assert response.context["work"].open_sheets == 5
    assertContains(response, "この地域の募集を見る（5件）")
    assertContains(response, 'href="/sheets/?prefecture=04"')
    assertContains(response, "postings/postings.css")
    assertNotContains(response, draft.title)
    assertNotContains(response, elsewhere.title)
    assertContains(response, "この地域の企業（1社）")
    assertContains(response, 'href="/organizations/?kind=company&amp;prefecture=04"')


def test_a_town_page_shows_only_the_towns_sheets(client, world, make_sheet):
    in_sendai = make_sheet(PUBLISHED)
    in_ishinomaki = make_sheet(
        PUBLISHED, municipality="042021", title="石巻の港で水産加工品の販路を広げる仕事"
    )

    response = client.get("/regions/m/041009/")

    assertContains(response, in_sendai.title)
    assertNotContains(response, in_ishinomaki.title)
    assertContains(response, 'href="/sheets/?prefecture=04&amp;municipality=041009"')
    assertContains(response, "postings/postings.css")  # the cards look as they do in the listing


def test_a_place_without_open_work_says_so_and_leads_to_all_of_tohoku(client, region_pack):
    response = client.get("/regions/m/053619/")

    assertContains(response, "この地域で公開中の募集は、いまはありません。")
    assertContains(response, "東北のすべての募集を見る")
    assertNotContains(response, "この地域の企業")


def test_the_english_page_says_it_in_english(client, world, make_sheet):
    make_sheet(PUBLISHED)

    response = client.get("/en/regions/m/041009/")

    assertContains(response, "Work in Sendai")
    assertContains(response, "See the 1 job here")
    assertContains(response, "Sendai, Miyagi")  # the card's place


@pytest.mark.parametrize("path", ["/regions/04/", "/regions/m/041009/"])
def test_the_work_costs_the_same_queries_for_a_few_sheets_or_many(client, make_sheet, path):
    first = make_sheet(PUBLISHED)
    copy_sheet(first, SHEETS_IN_PLACE - 1)  # as many as the page shows: their count is asked
    with CaptureQueriesContext(connection) as few:
        client.get(path)
    copy_sheet(first, 12)

    with CaptureQueriesContext(connection) as many:
        client.get(path)

    assert len(many.captured_queries) == len(few.captured_queries)
