"""Data rights of travel-cost support: what the account export holds, and what deleting an account
does.

Export: the claims about the person (as the talent of the contract, whoever the payee is) and the
claims they started for their company — program, state, amounts and each trip (receipts by name,
type and size, not their bytes).

Erase: the person's own drafts (never submitted: nothing was decided on them) are deleted with
their receipts' files. Submitted claims are kept: they are the records of public money granted
and paid, which the owning body must keep; they point at the anonymised talent profile and user,
so no name or contact detail is left (see ``erase_talent_profile`` in
``duallife.talents.data_rights``).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from duallife.core.data_rights import erase_step, export_section

from .models import Claim, ClaimTrip


def _claims_of(user):
    return Claim.objects.filter(Q(talent__user=user) | Q(created_by=user))


@export_section("support_claims")
def export_support_claims(user) -> list[dict]:
    claims = (
        _claims_of(user)
        .select_related("program", "version", "company")
        .prefetch_related("trips__destination")
        .order_by("pk")
    )
    return [
        {
            "program": claim.program.name,
            "fiscal_year": claim.program.fiscal_year,
            "rules_version": claim.version.number,
            "company": claim.company.name,
            "state": claim.state,
            "submitted_at": claim.submitted_at,
            "assessed_yen": claim.assessed_yen,
            "approved_yen": claim.approved_yen,
            "fixed_yen": claim.fixed_yen,
            "paid_yen": claim.paid_yen,
            "paid_on": claim.paid_on,
            "decision_note": claim.decision_note,
            "trips": [
                {
                    "date": trip.date,
                    "origin_prefecture": trip.origin_prefecture,
                    "destination": trip.destination.code,
                    "round_trip_fare_yen": trip.round_trip_fare_yen,
                    "fare_reason": trip.fare_reason,
                    "lodging_nights": trip.lodging_nights,
                    "lodging_yen_per_night": trip.lodging_yen_per_night,
                    "other_subsidy": trip.other_subsidy,
                    "receipt": {
                        "name": trip.receipt_name,
                        "type": trip.receipt_type,
                        "size": trip.receipt_size,
                    }
                    if trip.receipt
                    else None,
                }
                for trip in claim.trips.all()
            ],
        }
        for claim in claims
    ]


@erase_step("support_claims")
def erase_support_claims(user) -> None:
    drafts = Claim.objects.filter(created_by=user, state=Claim.State.DRAFT, talent__user=user)
    names = [
        name for name in ClaimTrip.objects.filter(claim__in=drafts).values_list("receipt", flat=True) if name
    ]
    drafts.delete()
    if names:
        storage = ClaimTrip._meta.get_field("receipt").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
