"""Travel-cost support in the demo: the programs of ``data/subsidies`` (loaded as the command
loads them), each managed by the demo's coordinator body of its prefecture where there is one, and
claims on the demo's contracts in every state, spread over the fiscal year so far, so that each
program's page shows a burn-down in the middle of the year.

Every step goes through the support services, dated in the past month by month (``now=``).
Skipped when the demo already has claims.
"""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from duallife.engagements.models import Contract
from duallife.organizations.models import CoordinatorScope, Membership, Organization
from duallife.subsidies.errors import SupportError
from duallife.subsidies.models import Claim, Program
from duallife.subsidies.selectors.rules import contract_months, latest_version, rules_of
from duallife.subsidies.services import claims as claim_steps
from duallife.subsidies.services import reviews as review_steps
from duallife.subsidies.services.programs import subsidy_programs_load

from ..plan import SECRETARIAT_SLUG, treasurer_account
from .world import DemoRun

#: A one-page PDF standing for a scanned receipt (the content check reads the header).
RECEIPT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
#: The states each contract's claims are taken to, in order: the earliest month's are paid, the
#: latest still a draft.
LADDER = ("paid", "paid", "fixed", "reported", "approved", "rejected", "returned", "submitted", "draft")


class DemoSupport:
    def __init__(self, run: DemoRun, coordinators, operator) -> None:
        self.run = run
        self.report = run.report
        self.operator = operator
        self.coordinators = coordinators
        account = treasurer_account()
        #: The secretariat's member who records payments: never the approver (two-person rule).
        self.treasurer = run.users([account])[account.email]
        Membership.objects.get_or_create(
            user=self.treasurer,
            organization=Organization.objects.get(slug=SECRETARIAT_SLUG),
            defaults={"role": Membership.Role.MEMBER},
        )

    def build(self) -> None:
        subsidy_programs_load(directory=Path(settings.BASE_DIR) / "data" / "subsidies")
        if Claim.objects.exists():
            return
        bodies = self._bodies_by_prefecture()
        for program in Program.objects.filter(owner_organization__isnull=True):
            rules = rules_of(latest_version(program))
            codes = rules.destination_prefectures
            body = next((bodies[code] for code in codes if code in bodies), None) if len(codes) == 1 else None
            if body is not None:
                program.owner_organization = body[0]
                program.save(update_fields=["owner_organization", "updated_at"])
        for program in Program.objects.select_related("owner_organization").order_by("slug"):
            rules = rules_of(latest_version(program))
            contracts = self._contracts(rules)
            if not contracts:
                continue
            owner = program.owner_organization
            reviewer = bodies[owner.prefecture.code][1] if owner is not None else self.operator
            # a program that takes one claim a person a year gets that many (the furthest along)
            ladder = (
                LADDER[: rules.max_claims_per_person_per_fy] if rules.max_claims_per_person_per_fy else LADDER
            )
            self._ladder(program, contracts, ladder, reviewer=reviewer, payer=self.treasurer)

    def _bodies_by_prefecture(self) -> dict:
        bodies = {}
        for _spec, body, user in self.coordinators:
            for code in CoordinatorScope.objects.filter(
                organization=body, municipality__isnull=True
            ).values_list("prefecture__code", flat=True):
                bodies.setdefault(code, (body, user))
        return bodies

    def _contracts(self, rules) -> list[Contract]:
        """Up to two contracts the program's rules take: in its areas, not longer than it allows."""
        contracts = Contract.objects.select_related(
            "sheet__municipality__prefecture", "organization", "talent"
        )
        if rules.destination_prefectures:
            contracts = contracts.filter(
                sheet__municipality__prefecture__code__in=rules.destination_prefectures
            )
        limit = rules.max_contract_months
        fitting = [c for c in contracts.order_by("pk") if limit is None or 0 < contract_months(c) <= limit]
        return fitting[:2]

    def _months(self, program: Program, since: datetime.date) -> list[datetime.date]:
        """The first days of the months from ``since`` to today, inside the program's year."""
        first = max(since.replace(day=1), datetime.date(program.fiscal_year, 4, 1))
        last = min(self.run.today, datetime.date(program.fiscal_year + 1, 3, 31))
        months, day = [], first
        while day <= last:
            months.append(day)
            day = datetime.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return months

    def _ladder(self, program: Program, contracts, ladder, *, reviewer, payer) -> None:
        """Each contract's claims take the ladder's states, the earliest months the furthest along."""
        for number, contract in enumerate(contracts):
            # the first contract walks every state; the next adds a paid and an approved claim
            # to the burn-down (each claim costs the demo about 25 ms)
            steps = (
                ladder if number == 0 else [state for state in ladder if state in ("paid", "approved")][:2]
            )
            company_user = (
                Membership.objects.filter(organization=contract.organization, role=Membership.Role.ADMIN)
                .select_related("user")
                .first()
            )
            # the months since the contract began; once the program's year is over for a contract
            # begun after it (an old demo year), its last months, so every state is still shown
            months = self._months(program, contract.starts_on) or self._months(
                program, datetime.date(program.fiscal_year + 1, 1, 1)
            )
            if company_user is None or not months:
                continue
            for index, state in enumerate(steps):
                month = months[index * len(months) // len(steps)]
                # a rule may refuse a step (a cap reached): the claim stays where it got to
                with contextlib.suppress(SupportError):
                    self._claim(
                        program, contract, company_user.user, month, state, reviewer=reviewer, payer=payer
                    )

    def _at(self, month: datetime.date, day: int, *, after: datetime.date) -> datetime.datetime:
        """10:00 on ``day`` of ``month``, but not before the day ``after`` (the last trip) nor after now."""
        nominal = datetime.date(month.year, month.month, min(day, 28))
        moment = timezone.make_aware(datetime.datetime.combine(max(nominal, after), datetime.time(10)))
        return min(moment, self.run.now)

    def _claim(self, program, contract, by, month, state, *, reviewer, payer) -> None:
        claim = claim_steps.claim_create(program=program, contract=contract, by=by, today=month)
        destination = contract.sheet.municipality
        year_end = datetime.date(program.fiscal_year + 1, 3, 31)
        last_trip = month
        for day in (5, 19):
            trip_day = min(max(month.replace(day=day), contract.starts_on), self.run.today, year_end)
            last_trip = max(last_trip, trip_day)
            claim_steps.claim_trip_add(
                claim=claim,
                by=by,
                date=trip_day,
                origin_prefecture="13",
                destination=destination,
                lodging_nights=1 if day == 19 else 0,
                lodging_yen_per_night=8_800 if day == 19 else 0,
                receipt=SimpleUploadedFile(f"receipt-{month:%Y%m}-{day}.pdf", RECEIPT, "application/pdf"),
            )
        self.report.created["support claims"] += 1
        if state == "draft":
            return
        claim = claim_steps.claim_submit(
            claim=claim, by=by, declared=True, now=self._at(month, 20, after=last_trip)
        )
        if state == "submitted":
            return
        if state in ("returned", "rejected"):
            step = review_steps.claim_return if state == "returned" else review_steps.claim_reject
            notes = self.run.content.notes
            note = notes.support_returned if state == "returned" else notes.support_rejected
            step(claim=claim, by=reviewer, note=note, now=self._at(month, 24, after=last_trip))
            return
        claim = review_steps.claim_approve(claim=claim, by=reviewer, now=self._at(month, 25, after=last_trip))
        if state == "approved":
            return
        claim = claim_steps.claim_report(
            claim=claim, by=by, note="", now=self._at(month, 27, after=last_trip)
        )
        if state == "reported":
            return
        following = datetime.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        claim = review_steps.claim_fix(
            claim=claim,
            by=reviewer,
            amount_yen=claim.approved_yen,
            now=self._at(following, 3, after=last_trip),
        )
        if state == "fixed":
            return
        paid_at = self._at(following, 10, after=last_trip)
        review_steps.claim_pay(
            claim=claim,
            by=payer,
            paid_on=timezone.localdate(paid_at),
            reference=f"DEMO-{claim.pk:05d}",
            now=paid_at,
        )
