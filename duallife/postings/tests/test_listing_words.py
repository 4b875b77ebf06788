"""Who reads which word for a sheet: a visitor or a talent reads of 案件 and 募集 (jobs and
openings in English) on the listing and a sheet's page; the company that writes the sheet and the
coordinators who review it keep 仕様書 (spec sheet), on their dashboard and in the owner's menu of
the sheet's page. Only each page's main content is read (the header has its own work)."""

from __future__ import annotations

import re

import pytest

from duallife.postings.models import SpecSheet
from duallife.testing.i18n import page_text
from duallife.testing.postings import login

Status = SpecSheet.Status
MAIN = re.compile(r"<main\b.*?</main>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
SPEC_SHEET = re.compile(r"spec(?:ification)?[ -]?sheet", re.I)


#: The parts of a sheet's page only its company sees: its menu, and the interest shown to it.
COMPANY_PARTS = re.compile(r'<section class="(?:owner-actions|engagement-box)" .*?</section>', re.S)


def main_html(response) -> str:
    assert response.status_code == 200
    return MAIN.search(response.content.decode()).group(0)


def main_text(response) -> str:
    return page_text(main_html(response))


def title(response) -> str:
    return TITLE.search(response.content.decode()).group(1)


def test_a_visitor_finds_side_jobs_on_the_listing(client, make_sheet):
    make_sheet(Status.PUBLISHED)

    response = client.get("/sheets/")

    text = main_text(response)
    assert "案件を探す" in title(response)
    assert "案件を探す" in text
    assert "募集中の案件" in text
    assert "仕様書" not in text
    assert "仕様書" not in title(response)


def test_an_empty_or_fruitless_search_speaks_of_jobs_too(client, make_sheet):
    assert "いま募集中の案件はありません。" in main_text(client.get("/sheets/"))

    make_sheet(Status.PUBLISHED)
    text = main_text(client.get("/sheets/", {"q": "存在しない言葉"}))

    assert "条件に合う案件は見つかりませんでした。" in text
    assert "仕様書" not in text


def test_in_english_the_listing_offers_side_jobs_not_spec_sheets(client, make_sheet):
    make_sheet(Status.PUBLISHED)

    response = client.get("/en/sheets/")

    text = main_text(response)
    assert "Find side jobs" in title(response)
    assert "Open side jobs" in text
    assert SPEC_SHEET.search(text) is None, SPEC_SHEET.search(text)


@pytest.mark.parametrize("reader", ["visitor", "talent"])
@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.CLOSED])
def test_a_sheets_page_speaks_of_a_job_to_visitors_and_talents(client, world, make_sheet, reader, status):
    sheet = make_sheet(status)
    if reader == "talent":
        login(client, world.talent)

    text = main_text(client.get(f"/sheets/{sheet.pk}/"))
    english = main_text(client.get(f"/en/sheets/{sheet.pk}/"))

    assert "仕様書" not in text
    assert SPEC_SHEET.search(english) is None
    if status == Status.CLOSED:
        assert "この案件の募集は終了しました。" in text


def test_the_company_reads_spec_sheet_only_in_its_own_parts_of_the_sheets_page(client, world, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)
    login(client, world.owner)

    response = client.get(f"/sheets/{sheet.pk}/")

    html = main_html(response)
    own = "\n".join(page_text(part) for part in COMPANY_PARTS.findall(html))
    assert "仕様書の管理へ戻る" in own
    assert "この仕様書への関心" in own
    assert "仕様書" not in page_text(COMPANY_PARTS.sub("", html))


def test_the_companys_dashboard_keeps_spec_sheets(client, world, make_sheet):
    make_sheet(Status.DRAFT)
    login(client, world.owner)

    assert "新しい仕様書を書く" in main_text(client.get("/sheets/mine/"))
    assert "Write a new spec sheet" in main_text(client.get("/en/sheets/mine/"))
