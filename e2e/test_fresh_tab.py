"""Each browser test starts as a new visitor on a laptop: the reused tab is blank, 1280 px wide
and signed out, whatever the test before it did with it."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from duallife.testing.browser import DESKTOP_VIEWPORT, PHONE_VIEWPORT, TALENT, fresh_tab, log_in

pytestmark = pytest.mark.e2e


def test_the_next_test_finds_a_blank_signed_out_laptop_tab(
    page: Page, browser_context: BrowserContext, worker_tab: dict[str, Page]
) -> None:
    log_in(page, TALENT)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert browser_context.cookies(), "signing in left no session cookie"

    tab = fresh_tab(browser_context, worker_tab)

    assert tab is page  # the same tab, not a new renderer
    assert tab.url == "about:blank"
    assert tab.viewport_size == DESKTOP_VIEWPORT
    assert browser_context.cookies() == []
    tab.goto("/accounts/me/")
    assert "/accounts/login/" in tab.url  # signed out: sent to sign in


def test_a_closed_tab_is_replaced(
    page: Page, browser_context: BrowserContext, worker_tab: dict[str, Page]
) -> None:
    page.close()

    tab = fresh_tab(browser_context, worker_tab)

    assert not tab.is_closed()
    assert tab is not page
    tab.goto("/")
    assert tab.locator("h1").count() == 1
