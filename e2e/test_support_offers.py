"""The travel-cost support programs on a sheet's page, as the demo has them: axe-clean (WCAG 2
A/AA) and without sideways scrolling at 390 px. (The contract's panel is walked with the contract
pages in duallife/engagements/tests/test_contracts_axe.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    PHONE_390,
    assert_no_axe_violations,
    horizontal_overflow,
    resize,
)

pytestmark = pytest.mark.e2e

DESKTOP = {"width": 1280, "height": 900}
PANEL = ".support-offers"


def _first_page_with_the_panel(page: Page, listing: str, link: str, tries: int = 30) -> str:
    page.goto(listing)
    hrefs = page.locator("main a[href]").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    candidates = list(dict.fromkeys(href for href in hrefs if re.match(link, href or "")))
    for href in candidates[:tries]:
        page.goto(href)
        if page.locator(PANEL).count():
            return href
    pytest.fail(f"none of the first {tries} pages linked from {listing} lists support programs")


def _check(page: Page, path: str) -> None:
    for viewport in (DESKTOP, PHONE_390):
        resize(page, viewport)
        response = page.goto(path, wait_until="load")
        assert response is not None, path
        assert response.status == 200, path
        expect(page.locator(PANEL)).to_be_visible()
        assert_no_axe_violations(page)
        overflow = horizontal_overflow(page)
        assert overflow <= 1, f"{path} is {overflow}px wider than a {viewport['width']}px screen"


def test_a_sheet_page_lists_its_support_programs_and_fits_a_phone(page: Page, page_errors: list[str]) -> None:
    path = _first_page_with_the_panel(page, "/sheets/?prefecture=04", r"^/sheets/\d+/$")

    _check(page, path)
    expect(page.locator(f"{PANEL} a[href^='/support/programs/']").first).to_be_visible()
    assert page_errors == [], f"JavaScript errors on {path}: {page_errors}"
