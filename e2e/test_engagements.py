"""From interest to contract in the browser, as the demo's talent, company and coordinator see it:
every page axe-clean (WCAG 2 A/AA) and usable at phone width, and the whole path — apply, talk,
interview, offer, contract — done through the pages, with the talent's contact details shown only
as consented."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from duallife.testing.browser import (
    COMPANY_ADMIN,
    DEMO_ADMIN_PASSWORD,
    PHONE_VIEWPORT,
    TALENT,
    assert_no_axe_violations,
    horizontal_overflow,
    log_in,
    totp_now,
)

pytestmark = pytest.mark.e2e


def _ok(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None, path
    assert response.status == 200, f"{path} answered {response.status}"
    expect(page.locator("h1")).to_have_count(1)


@pytest.mark.parametrize(
    "path",
    [
        "/applications/",
        "/scouts/",
        "/interests/",
        "/notifications/",
        "/notifications/settings/",
        "/my-data/provisions/",
    ],
)
def test_talent_engagement_pages_pass_axe(page: Page, path: str) -> None:
    log_in(page, TALENT)
    _ok(page, path)
    assert_no_axe_violations(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1, path


@pytest.mark.parametrize(
    "path", ["/applications/pipeline/", "/applications/pipeline/?view=list", "/scouts/sent/"]
)
def test_company_engagement_pages_pass_axe(page: Page, path: str) -> None:
    log_in(page, COMPANY_ADMIN)
    _ok(page, path)
    assert_no_axe_violations(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1, path


def test_the_talent_reads_a_scout_and_the_thread_of_an_application(
    page: Page, page_errors: list[str]
) -> None:
    log_in(page, TALENT)
    _ok(page, "/scouts/")
    page.locator("main a[href^='/scouts/']").filter(has_not_text="送った").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page)

    _ok(page, "/applications/")
    page.locator("main table a[href^='/applications/']").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", name="メッセージ", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="経過")).to_be_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []


def test_from_application_to_contract_through_the_pages(browser: Browser, live_url: str) -> None:
    talent_context = browser.new_context(base_url=live_url, locale="ja-JP", timezone_id="Asia/Tokyo")
    company_context = browser.new_context(base_url=live_url, locale="ja-JP", timezone_id="Asia/Tokyo")
    try:
        talent, company = talent_context.new_page(), company_context.new_page()

        # The company's published sheets; the talent applies to one it has not applied to yet.
        log_in(company, COMPANY_ADMIN)
        _ok(company, "/sheets/mine/")
        links = company.locator("section[aria-labelledby='group-published'] th a")
        sheet_paths = [links.nth(i).get_attribute("href") for i in range(links.count())]
        log_in(talent, TALENT)
        apply_links = []
        for path in sheet_paths:
            _ok(talent, path)
            if talent.get_by_role("link", name="応募する", exact=True).count():
                apply_links.append(path)
        assert apply_links, (
            "the demo leaves the first company a published sheet this talent has not applied to"
        )

        # The talent applies, sharing the email address only.
        _ok(talent, apply_links[0])
        talent.get_by_role("link", name="応募する", exact=True).click()
        talent.wait_for_load_state("load")
        assert_no_axe_violations(talent)
        talent.get_by_role("button", name="この内容で応募する").click()  # empty: refused
        expect(talent.get_by_role("alert")).to_contain_text("応募できませんでした")
        assert_no_axe_violations(talent)
        talent.get_by_label("応募メッセージ").fill(
            "食品の通販を五年担当してきました。数字を一緒に見ながら進めたいと考えています。"
        )
        talent.get_by_label("メールアドレス").check()
        talent.get_by_role("button", name="この内容で応募する").click()
        talent.wait_for_load_state("load")
        expect(talent).to_have_url(re.compile(r"/applications/\d+/$"))
        application_path = talent.url.removeprefix(live_url)
        talent.get_by_role("textbox", name="メッセージ", exact=True).fill(
            "よろしくお願いします。平日の夜ならいつでも話せます。"
        )
        talent.get_by_role("button", name="送信する").click()
        talent.wait_for_load_state("load")
        expect(talent.locator("#thread")).to_contain_text("平日の夜ならいつでも話せます")
        assert_no_axe_violations(talent)

        # The company sees the email (consented) but no name, replies, and moves it on.
        _ok(company, application_path)
        expect(company.locator("main")).to_contain_text("talent-0001@example.jp")
        expect(company.locator("#thread")).to_contain_text("平日の夜ならいつでも話せます")
        assert_no_axe_violations(company)
        company.get_by_label("面談", exact=True).check()
        company.get_by_label("面談の方法").select_option("online")
        when = datetime.datetime.now() + datetime.timedelta(days=7)
        company.get_by_label("面談の日時").fill(when.strftime("%Y-%m-%dT14:00"))
        company.get_by_role("button", name="段階を進める").click()
        company.wait_for_load_state("load")
        expect(company.locator(".application-header")).to_contain_text("面談")
        company.get_by_label("条件提示", exact=True).check()
        company.get_by_role("button", name="段階を進める").click()
        company.wait_for_load_state("load")
        expect(company.get_by_role("heading", name="契約条件を提示する")).to_be_visible()
        assert_no_axe_violations(company)
        company.get_by_label("開始日").fill(datetime.date.today().isoformat())
        company.get_by_label("業務を行う場所").fill("オンライン（月1回は事務所で打ち合わせ）")
        company.get_by_role("button", name="この条件を提示する").click()
        company.wait_for_load_state("load")
        expect(company.get_by_role("heading", name="契約条件（提示済み）")).to_be_visible()
        expect(company.locator("#contract")).to_contain_text("確認待ち")
        assert_no_axe_violations(company)

        # The talent reads the terms and what confirming means, confirms: the contract is made.
        _ok(talent, application_path)
        expect(talent.get_by_role("heading", name="確認すると、どうなるか")).to_be_visible()
        assert_no_axe_violations(talent)
        talent.get_by_role("button", name="この条件（第1版）で確認する").click()
        talent.wait_for_load_state("load")
        expect(talent.get_by_role("heading", name="成約の内容")).to_be_visible()
        assert_no_axe_violations(talent)

        # The company sees the contract, and a notification says the terms were confirmed.
        _ok(company, application_path)
        expect(company.get_by_role("heading", name="成約の内容")).to_be_visible()
        _ok(company, "/notifications/")
        expect(company.locator("main")).to_contain_text("成約しました")
        assert_no_axe_violations(company)
    finally:
        talent_context.close()
        company_context.close()


def test_a_coordinator_follows_contracts_up_and_credits_referrals(page: Page) -> None:
    log_in(page, "coordinator-miyagi@example.jp")
    page.goto("/accounts/2fa/totp/activate/")
    if page.locator("#id_password").count():
        page.locator("#id_password").fill(DEMO_ADMIN_PASSWORD)
        page.locator("form button[type=submit]").last.click()
        page.wait_for_load_state("load")
        page.goto("/accounts/2fa/totp/activate/")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(totp_now(secret))
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")

    for path in ("/followups/", "/referrals/", "/referrals/new/", "/scouts/sent/"):
        _ok(page, path)
        assert_no_axe_violations(page)
        page.set_viewport_size(PHONE_VIEWPORT)
        assert horizontal_overflow(page) <= 1, path
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_company_writes_a_scout_from_a_talent_profile(page: Page, page_errors: list[str]) -> None:
    log_in(page, COMPANY_ADMIN)
    _ok(page, "/talents/")
    page.locator("main h3 a[href^='/talents/']").first.click()
    page.wait_for_load_state("load")

    page.get_by_role("link", name="スカウトする").click()
    page.wait_for_load_state("load")

    expect(page).to_have_url(re.compile(r"/scouts/new/\?"))
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="この仕様書で書く").click()  # the first open sheet
    page.wait_for_load_state("load")
    assert_no_axe_violations(page)
    page.set_viewport_size(PHONE_VIEWPORT)
    assert horizontal_overflow(page) <= 1
    assert page_errors == []
