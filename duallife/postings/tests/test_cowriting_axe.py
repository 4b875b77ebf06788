"""Browser check of the co-writing pages: axe-core (WCAG 2 A/AA) finds nothing and nothing is wider
than the window at 1280 and 390 px — the company's page with invitations in every state, the
invited person's list of invitations, and that list with a refused answer. Served by
pytest-django's live server with this test's data (Debian's Chromium, axe-core)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from duallife.postings.models import SpecSheetCollaborator
from duallife.postings.services.cowriting import spec_sheet_invitation_decline, spec_sheet_invitation_withdraw
from duallife.testing.accounts import confirm_address, make_user
from duallife.testing.browser import CHROMIUM, signed_in_axe_failures
from duallife.testing.postings import invite, make_collaborator

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed: run make setup"),
]


def _answer_badly(page) -> None:
    page.evaluate("document.querySelectorAll('button[name=answer]').forEach(b => b.value = 'maybe')")
    page.locator("button[name=answer]").first.click()
    page.wait_for_load_state()
    assert "回答できませんでした" in page.content()


@pytest.mark.django_db(transaction=True)
def test_cowriting_pages_pass_axe_and_fit_a_phone(live_server, world, make_sheet):
    sheet = make_sheet()
    make_collaborator(sheet, world.talent, by=world.owner)
    newcomer = confirm_address(make_user("newcomer"))
    spec_sheet_invitation_decline(invitation=invite(sheet, newcomer.email, by=world.owner), by=newcomer)
    spec_sheet_invitation_withdraw(
        invitation=invite(sheet, "oops@example.jp", by=world.owner), by=world.owner
    )
    expired = invite(sheet, "a-very-long-address.for-testing-wrapping@example.jp", by=world.owner)
    SpecSheetCollaborator.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    invite(sheet, "waiting@example.jp", by=world.owner)
    invitee = confirm_address(make_user("invitee"))
    invite(make_sheet(), invitee.email, by=world.owner)

    failures = signed_in_axe_failures(
        live_server.url,
        [
            (world.owner, f"/sheets/{sheet.pk}/cowrite/", None),
            (invitee, "/sheets/invitations/", None),
            (invitee, "/sheets/invitations/", _answer_badly),
        ],
    )

    assert not failures, "\n".join(failures)
