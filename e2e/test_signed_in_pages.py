"""Pages behind the login, as the demo's company admin and talent see them: axe-clean and usable."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import (
    COMPANY_ADMIN,
    DEMO_ADMIN_PASSWORD,
    PHONE_390,
    TALENT,
    assert_no_axe_violations,
    horizontal_overflow,
    log_in,
    sideways_scrollers,
    top_on_page,
    totp_now,
)

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    "path",
    ["/accounts/me/", "/sheets/mine/", "/sheets/new/", "/organizations/new/", "/talents/"],
)
def test_company_admin_pages_pass_axe(page: Page, path: str) -> None:
    log_in(page, COMPANY_ADMIN)

    response = page.goto(path)

    assert response is not None
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)


def test_company_admin_edits_its_profile_on_an_accessible_page(page: Page) -> None:
    log_in(page, COMPANY_ADMIN)
    page.goto("/accounts/me/")

    page.get_by_role("link", name="プロフィールを編集する").first.click()
    page.wait_for_load_state("load")

    expect(page.locator("h1")).to_contain_text("プロフィールを編集")
    assert_no_axe_violations(page)


def test_new_sheet_form_shows_the_quality_check_and_fits_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, COMPANY_ADMIN)

    page.goto("/sheets/new/")

    expect(page.get_by_text("品質").first).to_be_visible()
    assert horizontal_overflow(page) <= 1
    assert_no_axe_violations(page)


@pytest.mark.parametrize("path", ["/accounts/me/", "/talents/me/", "/talents/me/edit/"])
def test_talent_pages_pass_axe(page: Page, path: str) -> None:
    log_in(page, TALENT)

    response = page.goto(path)

    assert response is not None
    assert response.status == 200
    assert_no_axe_violations(page)


def test_coordinator_sets_up_two_factor_and_reviews_sheets_on_accessible_pages(page: Page) -> None:
    log_in(page, "coordinator-akita@example.jp")

    page.goto("/talents/")
    assert "/accounts/2fa/" in page.url  # staff set up two-factor authentication before personal data
    page.goto("/accounts/2fa/totp/activate/")
    if page.locator("#id_password").count():  # allauth asks for the password again first
        assert_no_axe_violations(page)
        page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state("load")
        page.goto("/accounts/2fa/totp/activate/")
    assert_no_axe_violations(page)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_now(secret))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")

    for path in ("/talents/", "/sheets/review/"):
        response = page.goto(path)
        assert response is not None
        assert response.status == 200
        expect(page.locator("h1")).to_have_count(1)
        assert_no_axe_violations(page)


@pytest.mark.parametrize(
    ("who", "path"),
    [
        (COMPANY_ADMIN, "/sheets/mine/"),
        (COMPANY_ADMIN, "/applications/pipeline/?view=list"),
        (COMPANY_ADMIN, "/applications/pipeline/"),
        (COMPANY_ADMIN, "/talents/"),
        (TALENT, "/applications/"),
        (TALENT, "/recommendations/"),
    ],
)
def test_lists_read_as_cards_on_a_phone(page: Page, who: str, path: str) -> None:
    page.set_viewport_size(PHONE_390)
    log_in(page, who)

    response = page.goto(path)

    assert response is not None
    assert response.status == 200
    assert horizontal_overflow(page) <= 1
    assert sideways_scrollers(page) == [], f"{path} scrolls sideways"
    cards = page.locator("table.table-cards tbody tr")
    if cards.count():
        box = cards.first.bounding_box()
        assert box is not None
        assert box["width"] <= PHONE_390["width"]
        assert top_on_page(page, "table.table-cards tbody tr") < PHONE_390["height"]
    assert_no_axe_violations(page)
