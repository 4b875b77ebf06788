"""Browser check of the casual talk's pages: axe-core (WCAG 2 A/AA) finds nothing, and nothing is
wider than the window at 1280 and 390 px — a pending scout with まずは話を聞く, the talk on the
talent's and on the company's scout page (also with an empty message sent: the error summary), the
talent's inbox and the company's sent list with the talk's state and unread count. Served by
pytest-django's live server with this test's data; uses Debian's Chromium and axe-core."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from duallife.engagements.services.messages import talk_message_post
from duallife.testing.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    format_violations,
    horizontal_overflow,
)
from duallife.testing.engagements import in_talk, send

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed: run make setup"),
]

WIDTHS = (1280, 390)


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.django_db(transaction=True)
def test_talk_pages_pass_axe_and_fit_a_phone(live_server, world, sheet, make_sheet):
    from playwright.sync_api import sync_playwright

    pending = send(world, make_sheet("published"))
    talk = in_talk(world, sheet)
    talk_message_post(
        scout=talk, by=world.owner, body="ありがとうございます。まずは30分ほどお話ししましょう。"
    )
    cookies = {user.pk: session_cookie(user) for user in (world.owner, world.talent)}
    visits = [
        (world.talent, f"/scouts/{pending.pk}/", False),
        (world.talent, f"/scouts/{talk.pk}/", False),
        (world.talent, f"/scouts/{talk.pk}/", True),  # sent empty: the error summary
        (world.talent, "/scouts/", False),
        (world.owner, f"/scouts/{talk.pk}/", False),
        (world.owner, "/scouts/sent/", False),
    ]
    host = live_server.url.split("//", 1)[1].rsplit(":", 1)[0]
    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            pages = {}
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
                    if send_empty:
                        page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
                        page.click("form.thread-form button[type=submit]")
                        page.wait_for_selector("text=メッセージを入力してください")
                    violations = axe_violations(page)
                    if violations:
                        failures.append(f"{width}px {path}:\n{format_violations(violations)}")
                    overflow = horizontal_overflow(page)
                    if overflow:
                        failures.append(f"{width}px {path}: {overflow}px wider than the window")
        finally:
            browser.close()
    assert not failures, "\n".join(failures)
