"""The recommendation pages in the browser, as the demo's talent and company see them: axe-clean
(WCAG 2 A/AA), usable at phone width, the talent's filters used with the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    COMPANY_ADMIN,
    PHONE_VIEWPORT,
    TALENT,
    assert_no_axe_violations,
    horizontal_overflow,
    log_in,
)

pytestmark = pytest.mark.e2e


def _ok(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, f"{path} answered {response.status}"
    expect(page.locator("h1")).to_have_count(1)


def test_the_talent_sees_recommendations_with_reasons_and_filters_them_with_the_keyboard(
    page: Page, page_errors: list[str]
) -> None:
    log_in(page, TALENT)
    _ok(page, "/recommendations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("あなたへのおすすめ")
    expect(page.locator(".match-card").first).to_be_visible()
    expect(page.locator(".match-reasons li").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 時点"))).to_be_visible()
    assert_no_axe_violations(page)

    # The 報酬 filter, by keyboard only: focus it, pick 「報酬あり」 with the arrow key, Tab to the
    # button and press Enter.
    pay = page.get_by_label("報酬", exact=True)
    pay.focus()
    page.keyboard.press("ArrowDown")
    expect(pay).to_have_value("paid")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="この条件で絞り込む")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recommendations/\?.*pay=paid"))
    expect(page.get_by_role("heading", level=2, name=re.compile("絞り込み中"))).to_be_visible()
    expect(page.get_by_label("報酬", exact=True)).to_have_value("paid")
    expect(page.locator(".match-card").filter(has_text="プロボノ（報酬なし）")).to_have_count(0)
    assert_no_axe_violations(page)

    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def test_the_company_opens_the_matches_of_one_of_its_published_sheets(
    page: Page, page_errors: list[str]
) -> None:
    log_in(page, COMPANY_ADMIN)
    _ok(page, "/sheets/mine/")
    page.get_by_role("link", name=re.compile("^合う人材")).first.click()
    page.wait_for_url(re.compile(r"/sheets/\d+/matches/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("この仕様書に合う人材")
    expect(page.locator(".match-card").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"適合度 \d{1,3}%")).first).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^スカウトする")).first).to_be_visible()
    assert_no_axe_violations(page)

    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []
