"""Spec sheets in the browser: the public listing, a sheet's page and the logged-out 404, each with
one heading and no WCAG 2 A/AA violations; the listing's search answering through htmx."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    PHONE_390,
    PHONE_VIEWPORT,
    assert_no_axe_violations,
    horizontal_overflow,
    top_on_page,
)

pytestmark = pytest.mark.e2e


def _open(page: Page, path: str, status: int = 200) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"


def _one_heading(page: Page) -> None:
    h1 = page.locator("h1")
    expect(h1).to_have_count(1)
    expect(h1).to_be_visible()


def test_listing_passes_axe(page: Page, page_errors: list[str]) -> None:
    _open(page, "/sheets/")

    assert page.locator("html").get_attribute("lang") == "ja"
    _one_heading(page)
    expect(page.locator("#result-count")).to_have_attribute("role", "status")
    expect(page.locator("details.filter-panel")).to_have_attribute("open", "")  # a wide screen
    assert_no_axe_violations(page)
    assert page_errors == [], f"JavaScript errors on /sheets/: {page_errors}"


def test_listing_fits_a_phone(page: Page) -> None:
    page.set_viewport_size(PHONE_VIEWPORT)
    _open(page, "/sheets/")

    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"/sheets/ is {overflow}px wider than a {PHONE_VIEWPORT['width']}px screen"
    assert_no_axe_violations(page)


def test_listing_shows_the_first_result_on_a_phones_first_screen(page: Page, page_errors: list[str]) -> None:
    page.set_viewport_size(PHONE_390)
    _open(page, "/sheets/")

    panel = page.locator("details.filter-panel")
    expect(panel).not_to_have_attribute("open", "")  # the filters fold away on a phone
    expect(page.locator("#filter-count")).to_have_text(re.compile(r"^絞り込み（[\d,]+件）$"))
    assert horizontal_overflow(page) <= 1
    top = top_on_page(page, ".sheet-card")
    assert top < PHONE_390["height"], f"the first sheet starts {top}px down a {PHONE_390['height']}px screen"

    page.locator("details.filter-panel > summary").click()
    expect(page.locator("#id_theme")).to_be_visible()
    page.get_by_label("キーワード").fill("存在しないはずのキーワードｘｙｚ")
    page.get_by_role("button", name="この条件で探す").click()

    expect(page.locator("#filter-count")).to_have_text("絞り込み（0件）")  # refreshed with the results
    expect(panel).to_have_attribute("open", "")
    assert horizontal_overflow(page) <= 1
    assert_no_axe_violations(page)
    assert page_errors == []


def test_a_prefecture_narrows_the_municipalities_to_pick(page: Page, page_errors: list[str]) -> None:
    page.set_viewport_size(PHONE_390)
    _open(page, "/sheets/")
    page.locator("details.filter-panel > summary").click()
    prefecture, municipality = page.locator("#id_prefecture"), page.locator("#id_municipality")
    everywhere = municipality.locator("option").count()

    prefecture.select_option("05")  # 秋田県

    akita = municipality.locator("option[data-parent]")
    assert 0 < akita.count() < everywhere - 1
    assert set(akita.evaluate_all("(options) => options.map((o) => o.dataset.parent)")) == {"05"}
    prefecture.select_option("")
    expect(municipality.locator("option")).to_have_count(everywhere)
    municipality.select_option("042021")  # 石巻市, with no prefecture chosen: its prefecture follows
    expect(prefecture).to_have_value("04")
    expect(municipality).to_have_value("042021")
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def test_search_updates_the_results_in_place(page: Page, page_errors: list[str]) -> None:
    _open(page, "/sheets/")
    page.get_by_label("キーワード").fill("存在しないはずのキーワードｘｙｚ")

    page.get_by_role("button", name="この条件で探す").click()

    expect(page.locator("#result-count")).to_contain_text("条件に合う案件は見つかりませんでした。")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    _one_heading(page)  # the results were swapped in, not a whole page inside the page
    assert_no_axe_violations(page)
    assert page_errors == []


def test_sheet_detail_passes_axe(page: Page, page_errors: list[str]) -> None:
    _open(page, "/sheets/")
    links = page.locator(".sheet-card-title a")
    expect(links.first).to_be_visible()  # the demo data publishes sheets
    title = links.first.inner_text().strip()

    links.first.click()
    page.wait_for_load_state("load")

    _one_heading(page)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.get_by_role("heading", name="あなたが必要な理由")).to_be_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def test_unknown_sheet_is_a_404_page_that_passes_axe(page: Page) -> None:
    _open(page, "/sheets/999999999/", status=404)

    _one_heading(page)
    assert_no_axe_violations(page)


def test_company_pages_send_logged_out_visitors_to_the_login(page: Page) -> None:
    _open(page, "/sheets/mine/")

    assert "next=" in page.url
    _one_heading(page)
    assert_no_axe_violations(page)
