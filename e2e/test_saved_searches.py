"""Saved searches in the browser: the demo's talent filters /sheets/, saves the conditions under a
name, finds them on /saved-searches/ and turns the weekly digest on — every page axe-clean (WCAG 2
A/AA) and usable at phone width; a company member finds the talent digest opt-in there."""

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


def test_a_talent_saves_a_sheet_search_and_turns_the_digest_on(page: Page, page_errors: list[str]) -> None:
    log_in(page, TALENT)
    page.goto("/sheets/")
    page.get_by_label("県", exact=True).select_option("04")
    page.get_by_role("button", name="この条件で探す").click()
    expect(page).to_have_url(re.compile(r"prefecture=04"))  # htmx pushed the filtered address
    form = page.locator("form.save-search-form")
    expect(form.locator("input[name=query]")).to_have_value(re.compile(r"prefecture=04"))
    assert_no_axe_violations(page)

    form.get_by_label("名前").fill("宮城の仕事（e2e）")
    form.get_by_role("button", name="この条件を保存").click()
    page.wait_for_load_state("load")

    expect(page).to_have_url(re.compile(r"/saved-searches/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("保存した検索条件")
    expect(page.locator(".message")).to_contain_text("検索条件「宮城の仕事（e2e）」を保存しました。")
    item = page.locator(".saved-item").filter(has_text="宮城の仕事（e2e）")
    expect(item).to_contain_text("宮城県")
    expect(item).to_contain_text("受け取らない")
    assert_no_axe_violations(page)

    item.get_by_role("button", name="週次ダイジェストを受け取る").click()
    page.wait_for_load_state("load")
    expect(page.locator(".message")).to_contain_text(
        "「宮城の仕事（e2e）」の新着を、週1回メールでお知らせします。"
    )
    item = page.locator(".saved-item").filter(has_text="宮城の仕事（e2e）")
    expect(item.get_by_role("button", name="週次ダイジェストを止める")).to_be_visible()
    assert_no_axe_violations(page)

    item.get_by_role("link", name="この条件で探す").click()
    page.wait_for_load_state("load")
    expect(page).to_have_url(re.compile(r"/sheets/\?.*prefecture=04"))
    expect(page.get_by_label("県", exact=True)).to_have_value("04")

    page.goto("/saved-searches/")
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    item = page.locator(".saved-item").filter(has_text="宮城の仕事（e2e）")
    item.get_by_role("button", name="削除").click()
    page.wait_for_load_state("load")
    expect(page.locator(".saved-item").filter(has_text="宮城の仕事（e2e）")).to_have_count(0)
    assert page_errors == []


def test_a_company_member_sees_the_talent_digest_opt_in(page: Page) -> None:
    log_in(page, COMPANY_ADMIN)
    page.goto("/saved-searches/")
    heading = page.get_by_role("heading", name="企業向け：新しく合う人材の週次ダイジェスト")
    expect(heading).to_be_visible()
    assert_no_axe_violations(page)
