"""Organisation pages in the browser: the directory and one company's public page pass axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import PHONE_VIEWPORT, assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e


def _open(page: Page, path: str) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"


def test_directory_has_one_heading_and_no_axe_violations(page: Page, page_errors: list[str]) -> None:
    _open(page, "/organizations/")

    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text("企業・自治体を探す")
    assert_no_axe_violations(page)
    assert page_errors == []


def test_directory_filters_by_keyboard(page: Page) -> None:
    _open(page, "/organizations/")

    page.get_by_label("種類").select_option("company")
    button = page.get_by_role("button", name="絞り込む")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]kind=company(&|$)"))
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)


def test_a_company_page_passes_axe_and_fits_a_phone(page: Page, page_errors: list[str]) -> None:
    _open(page, "/organizations/?kind=company")
    links = page.locator(".org-cards h3 a")
    expect(links.first).to_be_visible()  # the demo data has companies
    href = links.first.get_attribute("href")
    assert href

    _open(page, href)

    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)
    assert page_errors == []
    page.set_viewport_size(PHONE_VIEWPORT)
    page.reload(wait_until="load")
    assert horizontal_overflow(page) == 0
