"""Every public page: right language, one heading, no WCAG 2 A/AA violations, fits a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import PHONE_VIEWPORT, assert_no_axe_violations, horizontal_overflow, resize

pytestmark = pytest.mark.e2e

# (path, expected status, <html lang>, text the <h1> must contain or None)
SENDAI = "destination=041009&trips_per_month=2"
SENDAI_RESULT = f"{SENDAI}&mode=A"  # live in Sendai, travel to Tokyo
MODE_B_SUBSIDY = f"{SENDAI}&mode=B&subsidy_percent=50&subsidy_cap_per_month_yen=15000"
TOO_MANY_PARAMETERS = "&".join(f"p{i}=1" for i in range(1001))  # Django refuses more than 1,000

PAGES = [
    pytest.param("/", 200, "ja", None, id="home"),
    pytest.param("/en/", 200, "en", None, id="home-en"),
    pytest.param("/regions/", 200, "ja", None, id="regions"),
    pytest.param("/en/regions/", 200, "en", None, id="regions-en"),
    pytest.param("/regions/02/", 200, "ja", "青森県", id="prefecture-aomori"),
    pytest.param("/en/regions/02/", 200, "en", "Aomori", id="prefecture-aomori-en"),
    pytest.param("/regions/m/041009/", 200, "ja", "仙台市", id="municipality-sendai"),
    pytest.param("/en/regions/m/041009/", 200, "en", None, id="municipality-sendai-en"),
    pytest.param("/regions/m/022021/", 200, "ja", "弘前市", id="municipality-without-data"),
    pytest.param("/simulator/", 200, "ja", None, id="simulator"),
    pytest.param(f"/simulator/?{SENDAI_RESULT}", 200, "ja", None, id="simulator-result"),
    pytest.param(f"/simulator/?{MODE_B_SUBSIDY}", 200, "ja", None, id="simulator-mode-b-subsidy"),
    pytest.param("/simulator/?destination=041009&trips_per_month=100", 200, "ja", None, id="simulator-error"),
    pytest.param("/en/simulator/", 200, "en", None, id="simulator-en"),
    pytest.param(f"/en/simulator/?{MODE_B_SUBSIDY}", 200, "en", None, id="simulator-mode-b-subsidy-en"),
    pytest.param(
        "/en/simulator/?destination=041009&trips_per_month=100", 200, "en", None, id="simulator-error-en"
    ),
    pytest.param("/terms/", 200, "ja", "利用規約", id="terms"),
    pytest.param("/privacy/", 200, "ja", "プライバシーポリシー", id="privacy"),
    pytest.param("/en/privacy/", 200, "en", "Privacy Policy", id="privacy-en"),
    pytest.param("/about/", 200, "ja", "運営者情報", id="about"),
    pytest.param("/faq/", 200, "ja", "よくある質問", id="faq"),
    pytest.param("/accessibility/", 200, "ja", "アクセシビリティ", id="accessibility"),
    pytest.param("/contact/", 200, "ja", "お問い合わせ", id="contact"),
    pytest.param("/en/contact/", 200, "en", "Contact", id="contact-en"),
    pytest.param("/pages/terms/history/", 200, "ja", "改定履歴", id="terms-history"),
    pytest.param(f"/simulator/?{TOO_MANY_PARAMETERS}", 400, "ja", None, id="bad-request"),
    pytest.param("/no-such-page/", 404, "ja", None, id="not-found"),
    pytest.param("/en/no-such-page/", 404, "en", None, id="not-found-en"),
]


def _open(page: Page, path: str, status: int) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"


@pytest.mark.parametrize(("path", "status", "lang", "heading"), PAGES)
def test_page_language_heading_axe_and_phone(
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

    # The same page on a phone (the layout follows the viewport: no reload needed).
    resize(page, PHONE_VIEWPORT)
    overflow = horizontal_overflow(page)
    assert overflow <= 1, f"{path} is {overflow}px wider than a {PHONE_VIEWPORT['width']}px screen"
    # Narrow screens make wide tables scroll, and a scrolling region must be reachable by keyboard.
    assert_no_axe_violations(page)
    assert page_errors == [], f"JavaScript errors on {path}: {page_errors}"


def test_simulator_error_after_an_htmx_swap(page: Page, page_errors: list[str]) -> None:
    """Invalid input sent by htmx: the 400 partial is swapped in, announced and accessible."""
    _open(page, f"/simulator/?{SENDAI_RESULT}", 200)
    page.evaluate("() => { window.__e2eSamePage = true; }")

    trips = page.get_by_label("月あたりの往復回数")
    trips.fill("100")
    page.get_by_role("button", name="試算する").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("月あたりの往復回数は0以上31以下で指定してください。")
    expect(page.locator("#id_trips_per_month_error")).to_contain_text("0以上31以下")
    expect(trips).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("() => window.__e2eSamePage === true"), "the error reloaded the whole page"
    assert_no_axe_violations(page)

    # Fixing the value clears the error state again.
    trips.fill("2")
    page.get_by_role("button", name="試算する").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator("#simulator-result")).to_contain_text("104,305")
    expect(trips).not_to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    assert page_errors == [], f"JavaScript errors: {page_errors}"


def test_mode_b_with_a_subsidy_shows_the_subsidy(page: Page) -> None:
    _open(page, f"/simulator/?{MODE_B_SUBSIDY}", 200)

    result = page.locator("#simulator-result")
    expect(result).to_contain_text("東京に住み、仙台市へ月2往復する場合")
    expect(result).to_contain_text("−15,000円")
    table = page.locator("#simulator-comparison table")
    expect(table.locator("thead")).to_contain_text("補助")
