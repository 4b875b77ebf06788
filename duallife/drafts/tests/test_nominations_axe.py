"""Browser check of the nominee's pages: axe-core (WCAG 2 A/AA) finds nothing and nothing is wider
than the window at 1280 and 390 px — the nomination page with what accepting means and a question
thread, the same page after an empty question, and the confirmation step of both answers.
Served by pytest-django's live server with this test's data (Debian's Chromium, axe-core)."""

from __future__ import annotations

import pytest

from duallife.drafts.services.messages import draft_message_post
from duallife.testing.browser import CHROMIUM, signed_in_axe_failures
from duallife.testing.drafts import nomination_of

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed: run make setup"),
]


def _ask_nothing(page) -> None:
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.get_by_role("button", name="質問を送る").click()
    page.wait_for_load_state()
    assert "送信できませんでした" in page.content()


def _press(name: str):
    def press(page) -> None:
        page.get_by_role("button", name=name).click()
        page.wait_for_load_state()
        assert "まだ回答は送られていません" in page.content()

    return press


@pytest.mark.django_db(transaction=True)
def test_the_nomination_pages_pass_axe_and_fit_a_phone(live_server, world, drafted):
    nomination = nomination_of(drafted, 0)
    nominee = drafted.players[0].talent.user
    event, team, player = drafted.event, drafted.company_team, drafted.players[0]
    draft_message_post(event=event, team=team, player=player, by=nominee, body="現地には月に何回行きますか？")
    draft_message_post(
        event=event, team=team, player=player, by=world.owner, body="月1回を想定しています。" * 5
    )
    url = f"/drafts/nominations/{nomination.pk}/"

    failures = signed_in_axe_failures(
        live_server.url,
        [
            (nominee, url, None),
            (nominee, url, _ask_nothing),
            (nominee, url, _press("受諾する")),
            (nominee, url, _press("辞退する")),
        ],
    )

    assert not failures, "\n".join(failures)
