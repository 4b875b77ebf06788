"""Every public page: right language, one heading, no WCAG 2 A/AA violations, fits a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.conftest import PHONE_VIEWPORT, assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e

# (path, expected status, <html lang>, text the <h1> must contain or None)
PAGES = [
    pytest.param("/", 200, "ja", None, id="home"),
    pytest.param("/en/", 200, "en", None, id="home-en"),
    pytest.param("/regions/", 200, "ja", None, id="regions"),
    pytest.param("/regions/02/", 200, "ja", "青森県", id="prefecture-aomori"),
    pytest.param("/regions/m/041009/", 200, "ja", "仙台市", id="municipality-sendai"),
    pytest.param("/simulator/", 200, "ja", None, id="simulator"),
    pytest.param("/simulator/?destination=041009&trips_per_month=2", 200, "ja", None, id="simulator-result"),
    pytest.param("/no-such-page/", 404, "ja", None, id="not-found"),
    pytest.param("/en/no-such-page/", 404, "en", None, id="not-found-en"),
]


def _open(page: Page, path: str, status: int) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"


@pytest.mark.parametrize(("path", "status", "lang", "heading"), PAGES)
def test_page_language_heading_and_axe(
    page: Page, page_errors: list[str], path: str, status: int, lang: str, heading: str | None
) -> None:
    _open(page, path, status)

    assert page.locator("html").get_attribute("lang") == lang
    assert page.title().strip(), "the page has no <title>"
    h1 = page.locator("h1")
    expect(h1).to_have_count(1)
    expect(h1).to_be_visible()
    if heading:
        expect(h1).to_contain_text(heading)

    assert_no_axe_violations(page)
    assert page_errors == [], f"JavaScript errors on {path}: {page_errors}"


@pytest.mark.parametrize(("path", "status", "lang", "heading"), PAGES)
def test_page_fits_a_phone(page: Page, path: str, status: int, lang: str, heading: str | None) -> None:
    page.set_viewport_size(PHONE_VIEWPORT)
    _open(page, path, status)

    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{path} is {overflow}px wider than a {PHONE_VIEWPORT['width']}px screen"
    # Narrow screens make wide tables scroll, and a scrolling region must be reachable by keyboard.
    assert_no_axe_violations(page)
