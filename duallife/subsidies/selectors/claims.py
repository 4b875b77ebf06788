"""Reads of claims: the payee's list, a program's review queue, and a claim's page parts."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from duallife.organizations.permissions import companies_of

from ..models import Claim, ClaimEvent, ClaimTrip, Program
from ..permissions import payee_claims


def claims_for_payee(user) -> QuerySet[Claim]:
    return payee_claims(user).select_related("program", "company", "talent").order_by("-created_at", "-pk")


def claims_of_program(program: Program, *, state: str = "") -> QuerySet[Claim]:
    """The claims its reviewers see: every one sent at least once (drafts stay the applicant's)."""
    claims = (
        Claim.objects.filter(program=program)
        .exclude(state=Claim.State.DRAFT)
        .select_related("company", "talent", "version")
    )
    if state:
        claims = claims.filter(state=state)
    return claims.order_by("-submitted_at", "-pk")


def trips_of(claim: Claim) -> list[ClaimTrip]:
    return list(claim.trips.select_related("destination", "destination__prefecture"))


#: The steps the payee side takes; the others are the reviewers'.
PAYEE_ACTIONS = (ClaimEvent.Action.CREATED, ClaimEvent.Action.SUBMITTED, ClaimEvent.Action.REPORTED)


def event_rows(claim: Claim) -> list[dict]:
    """Who did what and when: the payee side by its name (a company's, or the talent's display
    name: never a member's address), a reviewer by name, or address when they gave no name."""
    payee = claim.company.name if claim.payee == Program.Payee.COMPANY else claim.talent.display_name
    rows = []
    for event in claim.events.select_related("by"):
        if event.action in PAYEE_ACTIONS:
            who = payee
        elif event.by is not None:
            who = event.by.get_full_name() or event.by.email
        else:
            who = ""
        rows.append({"event": event, "who": who})
    return rows


def state_counts(program: Program) -> dict[str, int]:
    counts = dict.fromkeys(Claim.State.values, 0)
    for row in Claim.objects.filter(program=program).values("state").annotate(count=Count("pk")):
        counts[row["state"]] = row["count"]
    return counts


def waiting_counts(programs) -> dict[int, int]:
    """Program id → claims waiting for a reviewer (申請 and 実績報告), in one query."""
    rows = (
        Claim.objects.filter(
            program__in=list(programs), state__in=(Claim.State.SUBMITTED, Claim.State.REPORTED)
        )
        .values("program_id")
        .annotate(count=Count("pk"))
    )
    return {row["program_id"]: row["count"] for row in rows}


def payee_contracts(user, program: Program, *, rules=None):
    """The contracts ``user`` may claim for under ``program``: their companies' (programs that pay
    companies) or their own (programs that pay talents), in the program's destination areas."""
    contracts = Claim._meta.get_field("contract").related_model.objects.select_related(
        "sheet", "sheet__municipality__prefecture", "talent", "organization"
    )
    if program.payee == Program.Payee.COMPANY:
        contracts = contracts.filter(organization__in=companies_of(user))
    else:
        contracts = contracts.filter(talent__user=user) if user.is_authenticated else contracts.none()
    if rules is not None and rules.destination_prefectures:
        contracts = contracts.filter(sheet__municipality__prefecture__code__in=rules.destination_prefectures)
    return contracts.order_by("-recorded_at", "-pk")
