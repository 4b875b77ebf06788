"""Browser check of the travel-support pages: axe-core (WCAG 2 A/AA) finds nothing, nothing is
wider than a 375 px phone, and the strict Content-Security-Policy refuses nothing — the programs,
a program's page with its burn-down chart, the payee's claim (draft with the engine's answer, with
a bad trip sent, approved), the reviewer's claim page and queue, and the edit page; in Japanese and
in English. Served by pytest-django's live server with this test's data (Debian's Chromium)."""

from __future__ import annotations

import pytest

from duallife.testing.accounts import give_mfa
from duallife.testing.browser import CHROMIUM, signed_in_axe_failures
from duallife.testing.subsidies import approved, claim_of, contract_of, make_program, paid, submitted

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed: run make setup"),
]


def send_an_empty_date(page) -> None:
    """Send the trip form without its date: the page comes back with its error summary."""
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    page.fill("#id_date", "")
    page.click("button:has-text('往復を追加する')")
    assert "エラー" in page.content()


@pytest.mark.django_db(transaction=True)
def test_support_pages_pass_axe_fit_a_phone_and_keep_the_csp(live_server, world, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    program = make_program(world)
    give_mfa(world.coordinator)
    give_mfa(world.operator)
    paid(program, contract_of(world), world.owner, world.coordinator, world.operator, receipts=True)
    draft = claim_of(program, contract_of(world), world.owner)
    done = approved(program, contract_of(world), world.owner, world.coordinator)
    waiting = submitted(program, contract_of(world), world.owner)
    pages = [
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
    visits = [(user, prefix + path, None) for prefix in ("", "/en") for user, path in pages]
    visits.append((world.owner, f"/support/claims/{draft.pk}/", send_an_empty_date))
    failures = signed_in_axe_failures(live_server.url, visits, widths=(1280, 375))
    assert not failures, "\n".join(failures)
