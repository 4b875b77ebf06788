"""Browser check of the travel-support pages: axe-core (WCAG 2 A/AA) finds nothing, nothing is
wider than a 375 px phone, and the strict Content-Security-Policy refuses nothing — the programs,
a program's page with its burn-down chart, the payee's claim (draft with the engine's answer, with
a bad trip sent, approved), the reviewer's claim page and queue, and the edit page; in Japanese and
in English. Served by pytest-django's live server with this test's data (Debian's Chromium)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from duallife.testing.accounts import give_mfa
from duallife.testing.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    format_violations,
    horizontal_overflow,
)
from duallife.testing.subsidies import approved, claim_of, contract_of, make_program, paid, submitted

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
def test_support_pages_pass_axe_fit_a_phone_and_keep_the_csp(live_server, world, settings, tmp_path):
    from playwright.sync_api import sync_playwright

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    program = make_program(world)
    give_mfa(world.coordinator)
    give_mfa(world.operator)
    paid(program, contract_of(world), world.owner, world.coordinator, world.operator, receipts=True)
    draft = claim_of(program, contract_of(world), world.owner)
    done = approved(program, contract_of(world), world.owner, world.coordinator)
    waiting = submitted(program, contract_of(world), world.owner)
    people = (world.owner, world.coordinator)
    cookies = {user.pk: session_cookie(user) for user in people}
    visits = [
        (None, "/support/"),
        (None, f"/support/programs/{program.pk}/"),
        (world.owner, "/support/claims/"),
        (world.owner, f"/support/claims/{draft.pk}/"),
        (world.owner, f"/support/claims/{done.pk}/"),
        (world.owner, f"/support/programs/{program.pk}/claims/new/"),
        (world.coordinator, f"/support/claims/{waiting.pk}/"),
        (world.coordinator, "/support/manage/"),
        (world.coordinator, f"/support/manage/programs/{program.pk}/claims/"),
        (world.coordinator, f"/support/manage/programs/{program.pk}/edit/"),
    ]
    host = live_server.url.split("//", 1)[1].rsplit(":", 1)[0]
    failures: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages = {}
            for user in (None, *people):
                context = browser.new_context(locale="ja-JP")
                if user is not None:
                    cookie = {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": cookies[user.pk],
                        "domain": host,
                        "path": "/",
                    }
                    context.add_cookies([cookie])
                page = context.new_page()
                page.on(
                    "console",
                    lambda message, page=page: (
                        failures.append(f"{page.url}: {message.text}")
                        if "Content Security Policy" in message.text
                        else None
                    ),
                )
                pages[user.pk if user else None] = page
            for prefix in ("", "/en"):
                for width in WIDTHS:
                    for user, path in visits:
                        page = pages[user.pk if user else None]
                        page.set_viewport_size({"width": width, "height": 800})
                        page.goto(live_server.url + prefix + path)
                        violations = axe_violations(page)
                        if violations:
                            failures.append(f"{width}px {prefix}{path}:\n{format_violations(violations)}")
                        overflow = horizontal_overflow(page)
                        if overflow:
                            failures.append(f"{width}px {prefix}{path}: {overflow}px wider than the window")
            # a bad trip comes back with its error summary, which passes axe too
            page = pages[world.owner.pk]
            page.set_viewport_size({"width": 375, "height": 800})
            page.goto(f"{live_server.url}/support/claims/{draft.pk}/")
            page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
            page.fill("#id_date", "")
            page.click("button:has-text('往復を追加する')")
            assert "エラー" in page.content()
            violations = axe_violations(page)
            if violations:
                failures.append(f"bad trip:\n{format_violations(violations)}")
        finally:
            browser.close()
    assert not failures, "\n".join(failures)
