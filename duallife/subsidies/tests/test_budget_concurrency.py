"""A budget is never overspent, however many approvals arrive at once: 50 parallel approvals
through HTTP against a live server on PostgreSQL, at a budget that fits 20 of them.

Every request thread waits at a barrier so that the requests really overlap. SQLite is skipped:
its test database lives in memory and the live server shares one connection between threads (no
parallel requests), and ``select_for_update`` is a no-op there.
"""

from __future__ import annotations

import pytest
import requests
from django.db import connection
from django.db.models import Sum

from duallife.subsidies.models import BudgetEntry, Claim
from duallife.testing.accounts import give_mfa
from duallife.testing.concurrency import TIMEOUT, all_at_once, signed_in_session
from duallife.testing.subsidies import SENDAI_FARE, contract_of, make_program, submitted

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite's in-memory test database gives the live server one shared "
    "connection (no parallel requests) and has no row locks",
)

PARALLEL = 50
FITS = 20
AMOUNT = SENDAI_FARE // 2  # half of one round trip to Sendai


def has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_approvals_reserve_exactly_what_the_budget_holds(
    live_server, world, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    program = make_program(world, budget_yen=AMOUNT * FITS)
    contract = contract_of(world)
    claims = [submitted(program, contract, world.owner) for _ in range(PARALLEL)]
    give_mfa(world.coordinator)
    sessions = [signed_in_session(world.coordinator) for _ in range(PARALLEL)]

    def send(index: int) -> requests.Response:
        url = f"{live_server.url}/support/claims/{claims[index].pk}/approve/"
        return sessions[index].post(url, timeout=TIMEOUT, allow_redirects=False)

    responses = all_at_once(PARALLEL, send)

    assert all(response.status_code == 302 for response in responses), [r.status_code for r in responses]
    states = list(Claim.objects.filter(program=program).values_list("state", flat=True))
    assert states.count(Claim.State.APPROVED) == FITS
    assert states.count(Claim.State.SUBMITTED) == PARALLEL - FITS
    reserved = BudgetEntry.objects.filter(program=program).aggregate(total=Sum("amount_yen"))["total"]
    program.refresh_from_db()
    assert reserved == program.reserved_yen == program.budget_yen
    assert program.remaining_yen == 0
    # each refused reviewer is told why, in Japanese, on the claim's page
    refused = [
        sessions[i].get(f"{live_server.url}/support/claims/{claims[i].pk}/", timeout=TIMEOUT).text
        for i in range(PARALLEL)
        if Claim.objects.get(pk=claims[i].pk).state == Claim.State.SUBMITTED
    ]
    assert len(refused) == PARALLEL - FITS
    assert all("予算の残り" in page or "予算の上限に達した" in page for page in refused)
    assert all(has_japanese(page) for page in refused)
