"""The pages of company verification pass axe (WCAG 2 A/AA) at 1280 and 390 px without sideways
scrolling: a verified company's page, the directory, the sheet listing and a sheet page with the
確認済み badge, and the coordinator's list and company page, before and after a refused decision."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    DEMO_ADMIN_PASSWORD,
    DESKTOP_VIEWPORT,
    PHONE_390,
    assert_no_axe_violations,
    horizontal_overflow,
    totp_now,
)
from duallife.testing.phone_walk import WALK_COORDINATOR, WALK_TOTP_SECRET

pytestmark = pytest.mark.e2e

VIEWPORTS = [DESKTOP_VIEWPORT, PHONE_390]


def _check(page: Page, path: str) -> None:
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        response = page.goto(path)
        assert response is not None
        assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("h1")).to_have_count(1)
        assert horizontal_overflow(page) <= 1, f"{path} scrolls sideways at {viewport['width']} px"
        assert_no_axe_violations(page)


def test_the_badge_on_company_pages_and_cards_passes_axe(page: Page) -> None:
    page.goto("/organizations/")
    badge = page.locator(".verified-badge").first
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("確認済み")
    company = badge.locator("xpath=ancestor::li[1]").locator("h3 a").get_attribute("href")

    _check(page, "/organizations/")
    _check(page, company)
    expect(page.locator(".verified-note")).to_contain_text("確認")


def test_the_badge_on_sheet_cards_and_sheet_pages_passes_axe(page: Page) -> None:
    page.goto("/sheets/")
    card = page.locator(".sheet-card", has=page.locator(".verified-badge")).first
    expect(card).to_be_visible()
    sheet = card.locator(".sheet-card-title a").get_attribute("href")

    _check(page, "/sheets/")
    _check(page, sheet)
    expect(page.locator(".sheet-org .verified-badge")).to_have_count(1)


def test_the_coordinators_verification_pages_pass_axe(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("メールアドレス").fill(WALK_COORDINATOR)
    page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state("load")
    page.locator("#id_code").fill(totp_now(WALK_TOTP_SECRET))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")

    _check(page, "/accounts/verifications/?state=all")
    detail = page.locator("main table a[href^='/accounts/verifications/']").first.get_attribute("href")
    assert detail
    assert re.match(r"^/accounts/verifications/\d+/$", detail)
    _check(page, detail)

    page.get_by_role("button", name="記録する").click()  # no decision, no note: refused
    page.wait_for_load_state("load")
    expect(page.locator("#error-summary")).to_be_visible()
    for viewport in VIEWPORTS:
        page.set_viewport_size(viewport)
        assert horizontal_overflow(page) <= 1
        assert_no_axe_violations(page)
