"""A person's support claims in their data download, and what deleting the account leaves: their
own drafts go, submitted claims stay (records of public money) without their name."""

from __future__ import annotations

import pytest

from duallife.accounts.services import account_delete, account_export
from duallife.subsidies.models import Claim
from duallife.testing.accounts import DEFAULT_PASSWORD
from duallife.testing.subsidies import claim_of, contract_of, make_program, submitted

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_claims_about_the_person(world):
    program = make_program(world)
    claim = submitted(program, contract_of(world), world.owner)
    export = account_export(user=world.talent)
    claims = export["sections"]["support_claims"]
    assert [c["assessed_yen"] for c in claims] == [claim.assessed_yen]
    assert claims[0]["trips"][0]["round_trip_fare_yen"] == claim.trips.get().round_trip_fare_yen


def test_deleting_the_account_deletes_own_drafts_and_keeps_submitted_claims(world):
    program = make_program(world, slug="talent-paid", payee="talent")
    contract = contract_of(world)
    draft = claim_of(program, contract, world.talent)
    kept = submitted(program, contract, world.talent)
    world.talent.set_password(DEFAULT_PASSWORD)
    world.talent.save()
    account_delete(user=world.talent, password=DEFAULT_PASSWORD, reason="privacy")
    assert not Claim.objects.filter(pk=draft.pk).exists()
    kept.refresh_from_db()
    assert kept.state == Claim.State.SUBMITTED
    assert kept.talent.user.email.endswith("@invalid")
