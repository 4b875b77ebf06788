"""Applications, scouts, messages, contracts, check-ins, interest and referrals on the demo's
published sheets.

Every step goes through the engagement services (applying, advancing, declining, withdrawing,
writing, scouting and answering, recording, starting and ending contracts, answering check-ins,
marking 気になる, registering referrals, the daily follow-up), so events, consent records and
notifications exist as they would. Deterministic; skipped when the demo sheets already have
applications.

Scripted for the sample log-ins: the first talent has applied to the first company's first
published sheet and is in conversation with it, and has a pending scout from another company.
Some other scouts are answered まずは話を聞く and carry a short casual talk.
"""

from __future__ import annotations

import datetime
import random

from duallife.engagements.errors import EngagementError
from duallife.engagements.models import Application
from duallife.engagements.services import applications as steps
from duallife.engagements.services.contracts import (
    checkin_answer,
    checkins_process_due,
    contract_end,
    contract_start,
)
from duallife.engagements.services.interests import interest_set_sharing, interest_toggle
from duallife.engagements.services.messages import message_post, talk_message_post
from duallife.engagements.services.proposals import contract_confirm, contract_propose
from duallife.engagements.services.referrals import referral_register
from duallife.engagements.services.scouts import scout_accept, scout_decline, scout_send, scout_talk_start
from duallife.organizations.permissions import can_coordinate
from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture

from ..plan import rng
from .world import DemoRun, profiles_of

#: (weight, how far an application goes)
PATHS = (
    (5, "applied"),
    (4, "in_conversation"),
    (2, "interview"),
    (1, "offer"),
    (2, "declined"),
    (1, "withdrawn"),
    (3, "contract"),
)


class DemoEngagements:
    def __init__(self, run: DemoRun, companies, coordinators, talents) -> None:
        self.run = run
        self.texts = run.content.engagements
        self.report = run.report
        self.today = run.today
        self.now = run.now
        self.companies = companies
        self.coordinators = coordinators
        self.talent_users = talents

    def build(self) -> None:
        company_users = {company.pk: user for _plan, company, user in self.companies}
        sheets = list(
            SpecSheet.objects.filter(organization_id__in=company_users, status=SpecSheet.Status.PUBLISHED)
            .select_related("organization")
            .order_by("pk")
        )
        existing = Application.objects.filter(sheet__organization_id__in=company_users).count()
        if existing or not sheets or len(self.talent_users) < 3:
            self.report.existing["applications"] += existing
            return
        talents = profiles_of(self.talent_users)
        self._referrals()
        self._scripted(sheets[0], talents, company_users)
        for number, sheet in enumerate(sheets):
            draw = rng("engagement", number)
            # the scripted sheet stays open: a contract there could fill it and end the sample talk
            self._sheet(sheet, company_users[sheet.organization_id], talents[1:], draw, contracts=number > 0)
        self._interests(sheets, talents)
        checkins_process_due(today=self.today)  # the daily job, as it would have run today

    # --- pieces -----------------------------------------------------------------------------

    def _referrals(self) -> None:
        for _spec, body, user in self.coordinators[:2]:
            referred = 0
            for _plan, company, _user in self.companies:
                if (
                    referred == 3
                    or company.municipality is None
                    or not can_coordinate(user, company.municipality)
                ):
                    continue
                try:
                    referral_register(referrer=body, company=company, by=user, note=self.texts.referral_note)
                except EngagementError:
                    continue
                referred += 1

    def _apply(self, sheet, talent, draw: random.Random):
        message = draw.choice(self.texts.application_messages).format(
            title=sheet.title, job=talent.current_job or "会社員"
        )
        fields = draw.choice(((), ("email",), ("name", "email"), ("name", "email", "phone")))
        application = steps.application_submit(
            sheet=sheet, by=talent.user, message=message, shared_fields=fields
        )
        self.report.created["applications"] += 1
        return application

    def _talk(self, application, company_user, rounds: int) -> None:
        for side, text in self.texts.thread[:rounds]:
            by = company_user if side == "company" else application.talent.user
            message_post(application=application, by=by, body=text)

    def _scripted(self, sheet, talents, company_users) -> None:
        """The first talent's application (in conversation) and a pending scout from another company."""
        first = talents[0]
        company_user = company_users[sheet.organization_id]
        application = self._apply(sheet, first, rng("scripted"))
        steps.application_advance(application=application, by=company_user, to="in_conversation")
        self._talk(application, company_user, rounds=3)
        other = (
            SpecSheet.objects.filter(
                organization_id__in=[pk for pk in company_users if pk != sheet.organization_id],
                status=SpecSheet.Status.PUBLISHED,
            )
            .order_by("pk")
            .first()
        )
        if other is not None:
            self._scout(other, first, company_users[other.organization_id], rng("scripted-scout"))

    def _scout(self, sheet, talent, sender, draw: random.Random):
        message = draw.choice(self.texts.scout_messages).format(name=talent.display_name, title=sheet.title)
        try:
            scout = scout_send(sheet=sheet, talent=talent, by=sender, message=message)
        except EngagementError:
            return None
        self.report.created["scouts"] += 1
        return scout

    def _sheet(self, sheet, company_user, talents, draw: random.Random, *, contracts: bool = True) -> None:
        taken = set(Application.objects.filter(sheet=sheet).values_list("talent_id", flat=True))
        pool = [t for t in talents if t.pk not in taken]
        count = min(draw.choice((0, 1, 1, 2, 2, 3, 4)), len(pool))
        chosen = draw.sample(pool, count)
        paths = [path for weight, path in PATHS for _ in range(weight)]
        # contracts last: reaching the openings closes the sheet
        plans = sorted(((draw.choice(paths), talent) for talent in chosen), key=lambda p: p[0] == "contract")
        if not contracts:
            plans = [("offer" if path == "contract" else path, talent) for path, talent in plans]
        for path, talent in plans:
            if sheet.status != sheet.Status.PUBLISHED:
                break
            application = self._apply(sheet, talent, draw)
            self._walk(application, company_user, path, draw)
            if path == "contract":  # the one step that may close the sheet (its openings filled)
                sheet.refresh_from_db(fields=["status"])
        chosen_ids = {talent.pk for talent in chosen}
        scoutable = [t for t in pool if t.pk not in chosen_ids and t.visibility != t.Visibility.PRIVATE]
        if scoutable and sheet.status == sheet.Status.PUBLISHED and draw.random() < 0.4:
            scout = self._scout(sheet, draw.choice(scoutable), company_user, draw)
            answer = draw.random()
            if scout is not None and answer < 0.3:
                scout_accept(scout=scout, by=scout.talent.user, shared_fields=("email",))
            elif scout is not None and answer < 0.5:
                scout_decline(
                    scout=scout, by=scout.talent.user, reason=draw.choice(self.texts.scout_decline_reasons)
                )
            elif scout is not None and answer < 0.65:
                self._casual_talk(scout, company_user)

    def _casual_talk(self, scout, company_user) -> None:
        """The talent answers まずは話を聞く; both sides write the demo's short talk."""
        (first, *rest) = self.texts.casual_talk
        scout = scout_talk_start(scout=scout, by=scout.talent.user, message=first.text)
        for line in rest:
            by = company_user if line.side == "company" else scout.talent.user
            talk_message_post(scout=scout, by=by, body=line.text)

    def _walk(self, application, company_user, path: str, draw: random.Random) -> None:
        if path == "applied":
            return
        if path == "withdrawn":
            steps.application_withdraw(
                application=application,
                by=application.talent.user,
                reason=draw.choice(self.texts.withdraw_reasons),
            )
            return
        if path == "declined":
            steps.application_decline(
                application=application, by=company_user, reason=draw.choice(self.texts.decline_reasons)
            )
            return
        steps.application_advance(application=application, by=company_user, to="in_conversation")
        self._talk(application, company_user, rounds=draw.randint(1, len(self.texts.thread)))
        if path == "in_conversation":
            return
        when = self.now + datetime.timedelta(days=draw.randint(2, 14), hours=draw.randint(0, 8))
        steps.application_advance(
            application=application,
            by=company_user,
            to="interview",
            interview_mode=draw.choice(("online", "online", "onsite")),
            interview_at=when,
        )
        if path == "interview":
            return
        steps.application_advance(application=application, by=company_user, to="offer")
        if path == "contract":
            self._contract(application, company_user, draw)
        else:  # the terms wait for the talent's confirmation
            self._propose(application, company_user, starts_on=self.today + datetime.timedelta(days=14))

    def _propose(self, application, company_user, *, starts_on: datetime.date):
        sheet = application.sheet
        probono = sheet.is_probono or not sheet.fee_min_yen
        months = sheet.duration_months or 6
        return contract_propose(
            application=application,
            by=company_user,
            contract_type="probono" if probono else "outsourcing",
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=30 * months),
            days_per_month=sheet.days_per_month_max or sheet.days_per_month_min or 2,
            monthly_fee_yen=0 if probono else sheet.fee_min_yen,
            travel_paid_by=sheet.travel_paid_by,
            subsidy_eligible=sheet.subsidy_applies,
            work_description=sheet.title,
            work_place=self.texts.work_place % {"place": sheet.municipality.name},
        )

    def _contract(self, application, company_user, draw: random.Random) -> None:
        starts_on = self.today - datetime.timedelta(days=draw.randint(5, 85))
        proposal = self._propose(application, company_user, starts_on=starts_on)
        contract = contract_confirm(
            application=application, by=application.talent.user, version=proposal.version
        )
        self.report.created["contracts"] += 1
        contract_start(contract=contract, by=company_user)
        self._answer_due(contract, company_user, draw)
        if draw.random() < 0.15:
            contract_end(
                contract=contract,
                by=application.talent.user,
                ended_on=self.today,
                reason=draw.choice(("talent_circumstances", "company_circumstances")),
                note=draw.choice(self.texts.early_end_notes),
            )

    def _answer_due(self, contract, company_user, draw: random.Random) -> None:
        for checkin in contract.checkins.filter(due_on__lte=self.today, status="open").order_by("due_on"):
            for by in (company_user, contract.talent.user):
                if draw.random() < 0.85:  # now and then one side has not answered yet
                    rating, on_track, comment = draw.choice(self.texts.checkin_answer)
                    checkin_answer(checkin=checkin, by=by, rating=rating, on_track=on_track, comment=comment)

    def _interests(self, sheets, talents) -> None:
        prefectures = list(
            Prefecture.objects.filter(code__in=self.run.content.places.company_prefectures).order_by("code")
        )
        draw = rng("interests")
        status = dict(SpecSheet.objects.filter(pk__in=[s.pk for s in sheets]).values_list("pk", "status"))
        for sheet in sheets:  # contracts closed some (marking 気になる closes none)
            sheet.status = status[sheet.pk]
        for talent in talents[: max(3, len(talents) // 4)]:
            for sheet in draw.sample(sheets, min(len(sheets), draw.randint(0, 3))):
                if sheet.status != sheet.Status.PUBLISHED:
                    continue
                interest_toggle(by=talent.user, sheet=sheet, on=True)
                if draw.random() < 0.3:
                    interest = talent.interests.get(sheet=sheet)
                    interest_set_sharing(interest=interest, by=talent.user, share_identity=True)
            if prefectures and draw.random() < 0.5:
                interest_toggle(by=talent.user, prefecture=draw.choice(prefectures), on=True)
