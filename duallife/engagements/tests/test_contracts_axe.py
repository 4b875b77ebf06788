"""Browser check of the contract pages: axe-core (WCAG 2 A/AA) finds nothing, and nothing is wider
than a 375 px phone — the proposal form (also with a change request), the terms the talent
confirms, the closing page, the contract with its check-ins, the check-in page (also
with errors), and the coordinators' follow-up list. Served by pytest-django's live server with
this test's data; uses the helpers of ``e2e/conftest.py`` (Debian's Chromium, axe-core)."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from duallife.engagements.services.contracts import add_months, checkin_answer
from duallife.engagements.services.proposals import contract_request_changes
from duallife.testing.accounts import give_mfa
from duallife.testing.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    format_violations,
    horizontal_overflow,
)
from duallife.testing.engagements import applicant_in_offer, propose, record, to_offer
from duallife.testing.subsidies import make_program

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed: run make setup"),
]

WIDTHS = (1280, 375)


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.django_db(transaction=True)
def test_contract_pages_pass_axe_and_fit_a_phone(live_server, world, sheet, application):
    from playwright.sync_api import sync_playwright

    offer = applicant_in_offer(world, sheet, "offered")
    starts_on = timezone.localdate() - datetime.timedelta(days=40)
    contract = record(
        to_offer(application, world.owner), world.owner, starts_on=starts_on, ends_on=add_months(starts_on, 6)
    )
    due = contract.checkins.order_by("due_on").first()
    checkin_answer(checkin=due, by=world.owner, rating=2, on_track=False, comment="連絡が途切れがちです")
    proposed = applicant_in_offer(world, sheet, "proposed")
    propose(proposed, world.owner)
    asked = applicant_in_offer(world, sheet, "asked")
    propose(asked, world.owner)
    contract_request_changes(
        application=asked, by=asked.talent.user, version=1, message="開始日を一週間遅らせられますか。"
    )
    # Travel-cost support for each side of the contract: its panel lists them with claim links.
    make_program(world)
    make_program(world, slug="for-talents", payee="talent", name="人材に支払う支援（試験）")
    give_mfa(world.coordinator)
    to_confirm = proposed.talent.user
    cookies = {
        user.pk: session_cookie(user) for user in (world.owner, world.talent, world.coordinator, to_confirm)
    }
    visits = [
        (world.owner, f"/applications/{offer.pk}/", False),
        (world.owner, f"/applications/{asked.pk}/", False),
        (to_confirm, f"/applications/{proposed.pk}/", False),
        (world.owner, f"/sheets/{sheet.pk}/close/", False),
        (world.owner, f"/applications/{application.pk}/", False),
        (world.talent, f"/applications/{application.pk}/", False),
        (world.talent, f"/checkins/{due.pk}/", False),
        (world.talent, f"/checkins/{due.pk}/", True),  # sent empty: the error summary
        (world.coordinator, f"/checkins/{due.pk}/", False),
        (world.coordinator, "/followups/", False),
    ]
    host = live_server.url.split("//", 1)[1].rsplit(":", 1)[0]
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages = {}  # one signed-in page per person, its cache kept across their visits
            for user in {user.pk: user for user, _, _ in visits}.values():
                context = browser.new_context(locale="ja-JP")
                context.add_cookies(
                    [
                        {
                            "name": settings.SESSION_COOKIE_NAME,
                            "value": cookies[user.pk],
                            "domain": host,
                            "path": "/",
                        }
                    ]
                )
                pages[user.pk] = context.new_page()
            for width in WIDTHS:
                for user, path, send_empty in visits:
                    page = pages[user.pk]
                    page.set_viewport_size({"width": width, "height": 800})
                    page.goto(live_server.url + path)
                    if path == f"/applications/{application.pk}/" and user in (world.owner, world.talent):
                        assert page.locator(".support-offers a[href*='/claims/new/?contract=']").count() == 1
                    if send_empty:
                        page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
                        page.click("button:has-text('回答を送る')")
                        assert "回答を送れませんでした" in page.content()
                    violations = axe_violations(page)
                    if violations:
                        failures.append(f"{width}px {path}:\n{format_violations(violations)}")
                    overflow = horizontal_overflow(page)
                    if overflow:
                        failures.append(f"{width}px {path}: {overflow}px wider than the window")
        finally:
            browser.close()
    assert not failures, "\n".join(failures)
