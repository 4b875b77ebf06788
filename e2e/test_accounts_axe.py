"""Login, sign-up and password-reset pages: one heading, labelled fields, no WCAG 2 A/AA
violations, before and after a bad submission (error summary, fields marked invalid)."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from duallife.testing.browser import PHONE_VIEWPORT, assert_no_axe_violations, horizontal_overflow

pytestmark = pytest.mark.e2e

PAGES = [
    pytest.param("/accounts/login/", "ログイン", id="login"),
    pytest.param("/accounts/signup/", "新規登録", id="signup"),
    pytest.param("/accounts/password/reset/", "パスワードの再設定", id="password-reset"),
]


def _open(page: Page, path: str) -> None:
    response = page.goto(path, wait_until="load")
    assert response is not None, f"no response for {path}"
    assert response.status == 200, f"{path} answered {response.status}"


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_account_page_has_one_heading_and_passes_axe(page: Page, page_errors: list[str], path, heading):
    _open(page, path)

    assert page.locator("html").get_attribute("lang") == "ja"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_have_text(heading)
    assert_no_axe_violations(page)
    assert page_errors == []


@pytest.mark.parametrize(("path", "heading"), PAGES)
def test_account_page_fits_a_phone(page: Page, path, heading):
    page.set_viewport_size(PHONE_VIEWPORT)
    _open(page, path)

    assert horizontal_overflow(page) <= 1
    assert_no_axe_violations(page)


def test_signup_errors_are_summarised_tied_to_fields_and_pass_axe(page: Page):
    _open(page, "/accounts/signup/")
    page.get_by_label("メールアドレス").fill("not-an-email")
    page.get_by_label("パスワード", exact=False).first.fill("short")
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state("load")

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link").first).to_be_visible()
    email = page.locator("#id_email")
    expect(email).to_have_attribute("aria-invalid", "true")
    assert "id_email_error" in (email.get_attribute("aria-describedby") or "")
    assert_no_axe_violations(page)


def test_failed_login_shows_an_error_summary_that_passes_axe(page: Page):
    _open(page, "/accounts/login/")
    page.get_by_label("メールアドレス").fill("nobody@example.jp")
    page.locator("#id_password").fill("wrong-password")
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_load_state("load")

    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(page)


def test_signing_up_leads_to_an_accessible_verification_page(page: Page):
    _open(page, "/accounts/signup/")
    page.locator("#id_email").fill(f"e2e-{uuid.uuid4().hex[:12]}@example.jp")
    page.locator("#id_password1").fill("tohoku-side-job-2026!")
    page.locator("#id_password2").fill("tohoku-side-job-2026!")
    page.get_by_label("利用規約とプライバシーポリシーに同意します").check()
    page.get_by_role("button", name="登録する").click()
    page.wait_for_load_state("load")

    expect(page.locator("h1")).to_have_text("確認メールを送りました")
    assert_no_axe_violations(page)
