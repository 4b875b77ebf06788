"""Every route answers each kind of person as its view declares (``duallife.core.audience``).

On the small demo, every page of the site's URLconf and every API operation is asked by nine
persons: an anonymous visitor, talents A and B, companies A and B, a coordinator inside the area
and one outside it, an operator before and after setting MFA up. "A" owns what the route's ids
name (talent A's application to company A's sheet in Miyagi, the coordinator's prefecture); "B"
owns nothing of it. What each should get follows from the declaration alone
(:func:`duallife.testing.audiences.expected`); one table lists every difference at the end.

The ids are in :func:`cases`, by URL name or API operation id: a route with parameters and no entry
fails the test. Routes of the admin, allauth, the language switch and ninja's own pages are
third-party (``THIRD_PARTY``) and asked only in a few representative cases. Test URLconfs
(``duallife/testing/urls.py``) are not the site's and are not walked.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from duallife.accounts.models import User
from duallife.api import api
from duallife.content.models import Inquiry
from duallife.content.selectors import terms_in_force
from duallife.core.audience import ALL, AREA, NOT_FOUND, OWN, SIGNED_IN, THIRD_PARTY, Audience, audience
from duallife.demo.plan import SECRETARIAT_SLUG, company_account, coordinator_account, talent_account
from duallife.demo.plan import operator_account as demo_operator_account
from duallife.drafts.models import DraftCamp, DraftEvent, DraftPlayer, DraftRun, DraftTeam, Nomination
from duallife.engagements.models import Application, Interest, Referral
from duallife.engagements.permissions import APPLICATION_SIDES
from duallife.engagements.services.messages import message_post
from duallife.notifications.models import Kind, Notification
from duallife.notifications.tokens import unsubscribe_token
from duallife.organizations.models import Membership, Organization
from duallife.organizations.services.invitations import invitation_create
from duallife.postings.models import SpecSheet, SpecSheetCollaborator
from duallife.postings.services.sheets import spec_sheet_create
from duallife.recommendations.services.saved_searches import saved_search_create
from duallife.subsidies.models import Program
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import give_mfa, make_user
from duallife.testing.audiences import (
    ALLOWED,
    LOGIN,
    MFA,
    Case,
    Persona,
    Route,
    api_routes,
    ask,
    expected,
    outcome,
    site_routes,
    undeclared,
    url_of,
)
from duallife.testing.content import pages_loaded
from duallife.testing.engagements import SCOUT_MESSAGE, send, terms, to_offer
from duallife.testing.engagements import record as contract_for
from duallife.testing.files import pdf
from duallife.testing.organizations import join, make_coordinator_body
from duallife.testing.postings import good_data
from duallife.testing.subsidies import claim_of
from duallife.testing.subsidies import submitted as submitted_claim

pytestmark = pytest.mark.django_db


#: A redirect to the admin's own login page.
ADMIN_LOGIN = "admin login"

PERSONAS = (
    Persona("anonymous", None),
    Persona("talent A", "talent"),
    Persona("talent B", "talent", own=False),
    Persona("company A", "company"),
    Persona("company B", "company", own=False),
    Persona("coordinator inside", "coordinator"),
    Persona("coordinator outside", "coordinator", own=False),
    Persona("operator before MFA", "operator", mfa=False),
    Persona("operator", "operator"),
)


def _user(account) -> User:
    return User.objects.get(email=account.email)


@pytest.fixture(scope="module")
def demo(shared_small_demo, django_db_blocker, tmp_path_factory):
    """The persons and the things their routes are asked about, for the module.

    From the small demo: talent A (talent 1) applied to sheet 1 of company A (company 1, Miyagi),
    whose coordinator body (Miyagi's) is "inside" and organises the draft events in which talent A
    plays and company A is a team; talent B (talent 12) and company B (company 5, Yamagata) are in
    none of it. Made here: a contract (with its check-ins) on that application, a message with an
    attachment, a scout of company A to talent A, talent A invited to comment on company A's
    submitted sheet, a saved search, two invitations, company A as a partner of the Miyagi body's
    team in the later event, a coordinator body outside (Aomori) and an operator without MFA."""
    with (
        django_db_blocker.unblock(),
        override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")),
    ):
        users = {
            "talent A": _user(talent_account(0)),
            "talent B": _user(talent_account(11)),
            "company A": _user(company_account(0)),
            "company B": _user(company_account(4)),
            "coordinator inside": _user(coordinator_account("miyagi")),
            "operator": _user(demo_operator_account()),
        }
        aomori = make_coordinator_body("audit-aomori", prefecture_code="02", scope_codes=("02",))
        users["coordinator outside"] = make_user("audit-coordinator-aomori")
        join(users["coordinator outside"], aomori, Membership.Role.ADMIN)
        users["operator before MFA"] = make_user("audit-operator")
        join(users["operator before MFA"], Organization.objects.get(slug=SECRETARIAT_SLUG))
        for name in ("coordinator inside", "coordinator outside", "operator"):
            give_mfa(users[name])

        talent = TalentProfile.objects.get(user=users["talent A"])
        company = Organization.objects.get(memberships__user=users["company A"])
        body = Organization.objects.get(memberships__user=users["coordinator inside"])
        application = Application.objects.get(talent=talent, sheet__organization=company)
        sheet = application.sheet
        submitted = SpecSheet.objects.filter(organization=company, status=SpecSheet.Status.SUBMITTED).first()
        other_sheet = SpecSheet.objects.filter(
            organization=company, status=SpecSheet.Status.PUBLISHED
        ).exclude(pk=sheet.pk)[0]
        SpecSheetCollaborator.objects.create(
            sheet=submitted,
            email=users["talent A"].email.lower(),
            status=SpecSheetCollaborator.Status.ACCEPTED,
            user=users["talent A"],
            invited_by=users["company A"],
        )
        draft = spec_sheet_create(organization=company, by=users["company A"], data=good_data())
        cowriting_invitation = SpecSheetCollaborator.objects.create(
            sheet=draft,
            email=users["talent A"].email.lower(),
            invited_by=users["company A"],
            expires_at=timezone.now() + datetime.timedelta(days=14),
        )
        attachment = message_post(
            application=application, by=users["talent A"], body="資料です。", attachment=pdf()
        )
        contract = contract_for(to_offer(application, users["company A"]), users["company A"])
        scout = send(
            SimpleNamespace(owner=users["company A"]), other_sheet, talent=talent, message=SCOUT_MESSAGE
        )
        event = DraftEvent.objects.filter(organizer=body, players__talent=talent, runs__isnull=False).first()
        team = DraftTeam.objects.get(event=event, organization=company)
        later = DraftEvent.objects.filter(organizer=body, entry_closes_on__gt=event.entry_closes_on).first()
        partnered = DraftTeam.objects.get(event=later, organization=body)
        partnered.partners.add(company)
        run = DraftRun.objects.filter(event=event).order_by("number").first()
        site = "http://testserver"
        terms = terms_in_force() or pages_loaded()
        program = Program.objects.get(slug="miyagi-doublework")  # the Miyagi body's (the demo)
        claim = submitted_claim(program, contract, users["company A"], receipts=True)
        draft_claim = claim_of(program, contract, users["company A"])
        world = SimpleNamespace(
            users=users,
            talent=talent,
            public_talent=TalentProfile.objects.get(user=users["talent B"]),
            company=company,
            body=body,
            sheet=sheet,
            open_sheet=other_sheet,
            submitted=submitted,
            draft=draft,
            cowriting_invitation=cowriting_invitation,
            application=application,
            attachment=attachment,
            contract=contract,
            checkin=contract.checkins.order_by("due_on").first(),
            scout=scout,
            interest=Interest.objects.filter(talent=talent).first(),
            referral=Referral.objects.get(referrer=body, company=company),
            notification=Notification.objects.filter(user=users["talent A"]).first(),
            saved_search=saved_search_create(
                user=users["talent A"], kind="sheets", name="宮城", query="q=宮城"
            ),
            company_invitation=invitation_create(
                organization=company, email=users["talent A"].email, by=users["company A"], base_url=site
            ),
            body_invitation=invitation_create(
                organization=body,
                email="new-colleague@example.jp",
                by=users["coordinator inside"],
                base_url=site,
            ),
            event=event,
            team=team,
            player=DraftPlayer.objects.get(event=event, talent=talent),
            run=run,
            camp=DraftCamp.objects.filter(event=event).order_by("starts_at").first(),
            later=later,
            terms=terms,
            inquiry=Inquiry.objects.create(
                name="東北 花子",
                email="hanako@example.jp",
                topic="talent",
                body="副業の探し方を教えてください。",
            ),
            partnered=partnered,
            nominated=Nomination.objects.get(run=run, player__talent=talent),
            nominating=Nomination.objects.filter(run=run, team=team).first(),
            program=program,
            claim=claim,
            trip=claim.trips.get(),
            draft_claim=draft_claim,
            draft_trip=draft_claim.trips.get(),
        )
        yield world


def cases(d) -> dict[str, list[Case]]:
    """The ids each route is asked with, by URL name (pages) or operation id (API)."""
    talent_only, company_only = ("talent",), ("company",)
    application = [Case({"pk": d.application.pk})]
    event = [Case({"pk": d.event.pk})]
    team = [Case({"pk": d.event.pk, "team_pk": d.team.pk})]
    run = {"pk": d.event.pk, "number": d.run.number}
    camp = [Case({"pk": d.event.pk, "camp_pk": d.camp.pk})]
    scout = {"roles": ("talent", "company")}
    support = [Case({"pk": d.program.pk})]
    managed = [Case({"pk": d.program.pk}, roles=("coordinator", "operator"))]
    claim_sides = ("company", "coordinator", "operator")
    claim = [Case({"pk": d.claim.pk}, roles=claim_sides)]
    claim_trip = [Case({"pk": d.claim.pk, "trip_pk": d.trip.pk}, roles=claim_sides)]
    payee = [Case({"pk": d.draft_claim.pk}, roles=company_only)]
    today = timezone.localdate().isoformat()
    contract_terms = {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in terms().items()
    }
    return {
        # --- pages
        "regions:prefecture": [Case({"code": d.sheet.municipality.prefecture.code})],
        "regions:municipality": [Case({"code": d.sheet.municipality.code})],
        "organizations:detail": [Case({"slug": d.company.slug})],
        "organizations:edit": [
            Case({"slug": d.company.slug}, roles=company_only),
            Case({"slug": d.body.slug}, roles=("coordinator",)),
        ],
        "talents:detail": [Case({"pk": d.public_talent.pk})],
        "content:history": [Case({"slug": "terms"})],
        "content:version": [Case({"slug": "terms", "number": d.terms.number})],
        "content:edit": [Case({"slug": "terms"})],
        "content:publish": [Case({"slug": "terms"})],
        "content:inquiry": [Case({"pk": d.inquiry.pk})],
        "accounts:organization_invite": [
            Case({"slug": d.company.slug}, roles=company_only),
            Case({"slug": d.body.slug}, roles=("coordinator", "operator")),
        ],
        "accounts:invitation_revoke": [
            Case({"slug": d.company.slug, "pk": d.company_invitation.pk}, roles=company_only),
            Case({"slug": d.body.slug, "pk": d.body_invitation.pk}, roles=("coordinator", "operator")),
        ],
        # addressed to talent A: only they may accept it
        "accounts:invitation_accept": [Case({"token": d.company_invitation.token}, roles=talent_only)],
        "accounts:operator_coordinator_body": [Case({"slug": d.body.slug})],
        "accounts:company_verification": [Case({"pk": d.company.pk})],
        "postings:detail": [Case({"pk": d.sheet.pk})],
        "postings:edit": [Case({"pk": d.sheet.pk})],
        "postings:submit": [Case({"pk": d.sheet.pk})],
        "postings:review": [Case({"pk": d.submitted.pk})],
        "postings:review_decide": [Case({"pk": d.submitted.pk})],
        "postings:cowrite": [Case({"pk": d.submitted.pk})],
        "postings:invite": [Case({"pk": d.submitted.pk})],
        "postings:comment": [Case({"pk": d.submitted.pk})],
        "postings:versions": [Case({"pk": d.submitted.pk})],
        # company A's draft; the invitation is addressed to talent A's address
        "postings:invitation_withdraw": [
            Case({"pk": d.draft.pk, "invitation_pk": d.cowriting_invitation.pk})
        ],
        "postings:invitation_answer": [
            Case({"pk": d.cowriting_invitation.pk}, data={"answer": "decline"}, roles=talent_only)
        ],
        "recommendations:sheet_matches": [Case({"pk": d.sheet.pk})],
        "recommendations:saved_search_rename": [Case({"pk": d.saved_search.pk}, roles=talent_only)],
        "recommendations:saved_search_digest": [Case({"pk": d.saved_search.pk}, roles=talent_only)],
        "recommendations:saved_search_delete": [Case({"pk": d.saved_search.pk}, roles=talent_only)],
        "engagements:apply": [Case({"sheet_pk": d.sheet.pk})],
        "engagements:application_detail": application,
        "engagements:application_advance": application,
        "engagements:application_decline": application,
        "engagements:application_withdraw": application,
        "engagements:application_share": application,
        "engagements:message_post": application,
        "engagements:thread_read": application,
        "engagements:message_attachment": [Case({"pk": d.application.pk, "message_pk": d.attachment.pk})],
        "engagements:contract_propose": application,
        "engagements:contract_withdraw_proposal": application,
        "engagements:contract_confirm": application,
        "engagements:contract_request_changes": application,
        "engagements:contract_terms_sheet": application,
        "engagements:sheet_close": [Case({"pk": d.sheet.pk})],
        "engagements:contract_start": [Case({"pk": d.contract.pk})],
        "engagements:contract_end": [Case({"pk": d.contract.pk})],
        "engagements:checkin": [Case({"pk": d.checkin.pk})],
        "engagements:referral_remove": [Case({"pk": d.referral.pk})],
        "engagements:scout_new": [Case(query=f"talent={d.talent.pk}")],
        "engagements:scout_detail": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:scout_accept": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:scout_decline": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:scout_talk": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:scout_talk_close": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:talk_post": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:talk_read": [Case({"pk": d.scout.pk}, **scout)],
        "engagements:interest_sharing": [Case({"pk": d.interest.pk})],
        "notifications:open": [Case({"pk": d.notification.pk}, roles=talent_only)],
        "notifications:unsubscribe": [
            Case({"token": unsubscribe_token(user=d.users["talent A"], kind=Kind.MESSAGE)})
        ],
        "drafts:detail": event,
        "drafts:edit": event,
        "drafts:join": event,
        "drafts:enter": event,
        "drafts:entry_edit": event,
        "drafts:withdraw": event,
        "drafts:players": event,
        "drafts:player_choices": event,
        "drafts:runs": event,
        "drafts:results": event,
        "drafts:nominations": event,
        "drafts:camp_create": event,
        "drafts:messages": event,
        "drafts:team": team,
        "drafts:team_edit": team,
        "drafts:team_choices": team,
        # company A is a partner of the Miyagi body's team in the later event
        "drafts:team_leave": [Case({"pk": d.later.pk, "team_pk": d.partnered.pk})],
        "drafts:run_detail": [Case(run)],
        "drafts:run_replay": [Case(run)],
        "drafts:run_download": [Case({**run, "part": "input"})],
        # talent A's nomination by the Miyagi body's team; company A's team's nomination
        "drafts:nomination_respond": [
            Case({"pk": d.nominated.pk}, roles=("talent", "coordinator", "operator"))
        ],
        "drafts:nomination": [Case({"pk": d.nominated.pk}, roles=("talent", "coordinator", "operator"))],
        "drafts:nomination_message": [
            Case({"pk": d.nominating.pk}, roles=("company", "coordinator", "operator"))
        ],
        "drafts:nomination_outcome": [
            Case({"pk": d.nominating.pk}, roles=("company", "coordinator", "operator"))
        ],
        "drafts:camp": camp,
        "drafts:camp_register": camp,
        "drafts:camp_cancel": camp,
        "drafts:camp_attendance": camp,
        "drafts:camp_edit": camp,
        "drafts:camp_delete": camp,
        "drafts:thread": [Case({"pk": d.event.pk, "team_pk": d.team.pk, "player_pk": d.player.pk})],
        # a program of the Miyagi body; company A's claim on its contract there (the talent of the
        # contract is not the payee: the program pays companies)
        "subsidies:program": support,
        "subsidies:program_budget_csv": support,
        "subsidies:claim_start": support,
        "subsidies:program_claims": managed,
        "subsidies:program_edit": managed,
        "subsidies:program_export_csv": managed,
        "subsidies:program_export_xlsx": managed,
        "subsidies:claim": claim,
        "subsidies:receipt": claim_trip,
        "subsidies:trip_add": payee,
        "subsidies:trip_remove": [
            Case({"pk": d.draft_claim.pk, "trip_pk": d.draft_trip.pk}, roles=company_only)
        ],
        "subsidies:receipt_attach": [Case({"pk": d.claim.pk, "trip_pk": d.trip.pk}, roles=company_only)],
        "subsidies:claim_submit": payee,
        "subsidies:claim_report": payee,
        "subsidies:claim_return": claim,
        "subsidies:claim_reject": claim,
        "subsidies:claim_approve": claim,
        "subsidies:claim_fix": claim,
        "subsidies:claim_pay": claim,
        # --- API operations
        "sheets_detail": [Case({"sheet_id": d.sheet.pk})],
        "organizations_detail": [Case({"slug": d.company.slug})],
        "my_sheets_create": [Case(data={"title": "監査の仕様書", "municipality": d.sheet.municipality.code})],
        "my_sheets_detail": [Case({"sheet_id": d.sheet.pk})],
        "my_sheets_update": [Case({"sheet_id": d.sheet.pk})],
        "my_sheets_submit": [Case({"sheet_id": d.sheet.pk})],
        "my_sheet_collaborators_invite": [Case({"sheet_id": d.draft.pk}, data={"email": "audit@example.jp"})],
        "my_sheet_collaborators_list": [Case({"sheet_id": d.draft.pk})],
        "my_sheet_collaborators_withdraw": [
            Case({"sheet_id": d.draft.pk, "collaborator_id": d.cowriting_invitation.pk})
        ],
        "my_cowriting_invitations_accept": [
            Case({"invitation_id": d.cowriting_invitation.pk}, roles=talent_only)
        ],
        "my_cowriting_invitations_decline": [
            Case({"invitation_id": d.cowriting_invitation.pk}, roles=talent_only)
        ],
        "my_applications_create": [
            Case(data={"sheet_id": d.open_sheet.pk, "message": "首都圏で五年、ECの運営を担当してきました。"})
        ],
        "my_applications_detail": [Case({"application_id": d.application.pk})],
        "my_applications_advance": [Case({"application_id": d.application.pk}, data={"to": "interview"})],
        "my_applications_decline": [Case({"application_id": d.application.pk})],
        "my_applications_withdraw": [Case({"application_id": d.application.pk})],
        "my_applications_share": [Case({"application_id": d.application.pk}, data={"fields": ["hometown"]})],
        "my_application_messages_list": [Case({"application_id": d.application.pk})],
        "my_application_messages_create": [Case({"application_id": d.application.pk})],
        "my_application_messages_read": [Case({"application_id": d.application.pk})],
        "my_contract_propose": [Case({"application_id": d.application.pk}, data=contract_terms)],
        "my_contract_proposal": [Case({"application_id": d.application.pk})],
        "my_contract_confirm": [Case({"application_id": d.application.pk}, data={"version": 1})],
        "my_contract_request_changes": [
            Case(
                {"application_id": d.application.pk}, data={"version": 1, "message": "開始日を変えたいです。"}
            )
        ],
        "my_contract_withdraw_proposal": [Case({"application_id": d.application.pk})],
        "my_contracts_detail": [Case({"contract_id": d.contract.pk})],
        "my_contracts_start": [Case({"contract_id": d.contract.pk})],
        "my_contracts_end": [Case({"contract_id": d.contract.pk}, data={"ended_on": today})],
        "my_checkins_answer": [Case({"checkin_id": d.checkin.pk}, data={"rating": 4, "on_track": True})],
        "my_referrals_create": [Case(data={"company_id": d.company.pk})],
        "my_referrals_delete": [Case({"referral_id": d.referral.pk})],
        "my_scouts_send": [
            Case(
                data={"sheet_id": d.open_sheet.pk, "talent_id": d.public_talent.pk, "message": SCOUT_MESSAGE}
            )
        ],
        "my_scouts_detail": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_scouts_accept": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_scouts_decline": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_scouts_talk": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_scouts_talk_close": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_scout_messages_list": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_scout_messages_create": [Case({"scout_id": d.scout.pk}, data={"body": "こんにちは。"}, **scout)],
        "my_scout_messages_read": [Case({"scout_id": d.scout.pk}, **scout)],
        "my_interests_add": [Case(data={"prefecture_code": d.sheet.municipality.prefecture.code})],
        "my_interests_update": [Case({"interest_id": d.interest.pk}, data={"share_identity": True})],
        "my_interests_remove": [Case({"interest_id": d.interest.pk})],
        "my_notifications_read": [Case({"notification_id": d.notification.pk}, roles=talent_only)],
        "my_notification_settings_put": [Case(data={"enabled_kinds": []})],
        "my_sheet_matches": [Case({"sheet_id": d.sheet.pk})],
    }


def _clients(users) -> dict[str, Client]:
    clients = {}
    for persona in PERSONAS:
        client = Client()
        if persona.role is not None:
            client.force_login(users[persona.name])
        clients[persona.name] = client
    return clients


def _method(route: Route, client: Client, url: str) -> str:
    """The API operation's method; for a page GET, or POST when it answers GET with 405."""
    if route.api:
        return route.methods[0]
    probe = ask(client, "GET", url, None, api=False)
    return "POST" if getattr(probe, "status_code", None) == 405 else "GET"


def _table(rows) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows
    )


@pytest.mark.once  # CI: on SQLite only (pyproject's markers)
def test_every_route_answers_each_person_as_it_declares(demo):
    pages = site_routes()
    operations = api_routes(api)
    assert undeclared(pages + operations) == []
    routes = [route for route in pages if route.first_party] + operations
    table = cases(demo)
    clients = _clients(demo.users)

    mismatches = []
    unknown = sorted(set(table) - {route.key for route in routes})
    mismatches += [(key, "-", "a route of this name", "none: stale entry in cases()") for key in unknown]
    for route in routes:
        declared = route.audience
        if not route.api and declared.personal_data != route.personal_data:
            mismatches.append(
                (route.key, "-", f"personal_data={declared.personal_data}", f"view {route.personal_data}")
            )
        if route.key not in table and route.params:
            mismatches.append((route.key, "-", f"ids for {', '.join(route.params)} in cases()", "none"))
            continue
        for case in table.get(route.key, [Case()]):
            url = url_of(route, case)
            method = _method(route, clients["operator"], url)
            for persona in PERSONAS:
                want = expected(declared, persona, case, api=route.api, personal_data=route.personal_data)
                response = ask(clients[persona.name], method, url, case.data, api=route.api)
                got = response if isinstance(response, str) else outcome(response, api=route.api)
                if got != want:
                    mismatches.append((f"{method} {url} ({route.key})", persona.name, want, got))

    assert not mismatches, "\n" + _table([("route", "persona", "declared", "got"), *mismatches])


@pytest.mark.once  # CI: on SQLite only (pyproject's markers)
def test_third_party_routes_answer_as_their_prefix_says(demo):
    """A few representative routes of each ``THIRD_PARTY`` prefix (``/media/`` is served with
    ``DEBUG`` on only)."""
    users = demo.users
    admin = User.objects.get(username="admin")  # the demo's superuser, without MFA yet
    admin_login = reverse("admin:login")
    asked = set()

    def check(who, user, method, url, want, *, api=False):
        client = Client()
        if user is not None:
            client.force_login(user)
        response = ask(client, method, url, None, api=api)
        if isinstance(response, str):
            got = response
        elif response.status_code == 302 and urlsplit(response["Location"]).path == admin_login:
            got = ADMIN_LOGIN
        else:
            got = outcome(response, api=api)
        asked.add(next(prefix for prefix in THIRD_PARTY if url.startswith(prefix)))
        return None if got == want else (f"{method} {url}", who, want, got)

    operator, operator_without_mfa = users["operator"], users["operator before MFA"]
    rows = [
        check("anonymous", None, "GET", "/admin/", ADMIN_LOGIN),
        check("operator before MFA", operator_without_mfa, "GET", "/admin/", MFA),
        # the secretariat is not Django staff: the admin sends them to its own login
        check("operator", operator, "GET", "/admin/", ADMIN_LOGIN),
        check("superuser before MFA", admin, "GET", "/admin/", MFA),
        check("anonymous", None, "GET", "/accounts/login/", ALLOWED),
        check("anonymous", None, "GET", "/accounts/signup/", ALLOWED),
        check("anonymous", None, "GET", "/accounts/password/reset/", ALLOWED),
        check("anonymous", None, "GET", "/accounts/email/", LOGIN),
        check("talent A", users["talent A"], "GET", "/accounts/email/", ALLOWED),
        check("anonymous", None, "GET", "/accounts/2fa/", LOGIN),
        check("operator before MFA", operator_without_mfa, "GET", "/accounts/2fa/", ALLOWED),
        check("anonymous", None, "POST", "/i18n/setlang/", ALLOWED),
        check("anonymous", None, "GET", "/api/v1/openapi.json", ALLOWED, api=True),
        check("anonymous", None, "GET", "/api/v1/docs", ALLOWED, api=True),
    ]
    give_mfa(admin)
    rows.append(check("superuser after MFA", admin, "GET", "/admin/", ALLOWED))
    mismatches = [row for row in rows if row is not None]

    assert not mismatches, "\n" + _table([("route", "persona", "expected", "got"), *mismatches])
    assert set(THIRD_PARTY) - asked == {"/media/"}


def _page(request):
    return None


@audience(SIGNED_IN)
def _declared_page(request):
    return None


def test_a_route_whose_view_declares_no_audience_is_reported():
    routes = [
        Route(key="fake:undeclared", path="fake/", view=_page),
        Route(key="fake:declared", path="fake/declared/", view=_declared_page),
        Route(key="", path="fake/nameless/", view=_declared_page),
        Route(key="fake_operation", path="/api/v1/fake", view=_page, api=True),
        Route(key="other:page", path="elsewhere/", view=_page, first_party=False),
        Route(key="admin:index", path="admin/", view=_page, first_party=False),
    ]

    problems = undeclared(routes)

    assert len(problems) == 4, problems
    assert problems[0].startswith("fake:undeclared [fake/]: ")
    assert "test_route_audiences._page declares no audience" in problems[0]
    assert problems[1].startswith("(no name) [fake/nameless/]: ")
    assert "has no URL name" in problems[1]
    assert problems[2].startswith("fake_operation [/api/v1/fake]: ")
    assert "declares no audience" in problems[2]
    assert problems[3].startswith("other:page [elsewhere/]: ")
    assert "not under a THIRD_PARTY prefix" in problems[3]


REVIEW = Audience(grants={"coordinator": AREA, "operator": ALL}, outside=NOT_FOUND)
ADVANCE = Audience(grants={"company": OWN}, readers=APPLICATION_SIDES, denied=NOT_FOUND, personal_data=True)


@pytest.mark.parametrize(
    ("declared", "persona", "api", "want"),
    [
        (REVIEW, Persona("anonymous", None), False, LOGIN),
        (REVIEW, Persona("anonymous", None), True, "401"),
        (REVIEW, Persona("company A", "company"), False, "403"),
        (REVIEW, Persona("coordinator inside", "coordinator"), False, ALLOWED),
        (REVIEW, Persona("coordinator outside", "coordinator", own=False), False, "404"),
        (REVIEW, Persona("operator before MFA", "operator", mfa=False), False, ALLOWED),
        (ADVANCE, Persona("company A", "company"), True, ALLOWED),
        (ADVANCE, Persona("company B", "company", own=False), True, "404"),
        (ADVANCE, Persona("talent A", "talent"), True, "403"),
        (ADVANCE, Persona("talent B", "talent", own=False), True, "404"),
        (ADVANCE, Persona("coordinator outside", "coordinator", own=False), True, "404"),
        (ADVANCE, Persona("operator before MFA", "operator", mfa=False), False, MFA),
        (ADVANCE, Persona("operator before MFA", "operator", mfa=False), True, "403"),
    ],
)
def test_what_a_person_is_owed_follows_from_the_declaration(declared, persona, api, want):
    assert expected(declared, persona, Case(), api=api, personal_data=declared.personal_data) == want


def test_a_thing_of_another_role_refuses_that_roles_grant():
    """An invitation of a company is no coordinator's, whatever the route grants coordinators."""
    invite = Audience(grants={"company": OWN, "coordinator": OWN, "operator": ALL}, denied=NOT_FOUND)
    of_a_company = Case(roles=("company",))

    assert (
        expected(invite, Persona("company A", "company"), of_a_company, api=False, personal_data=False)
        == ALLOWED
    )
    assert (
        expected(invite, Persona("operator", "operator"), of_a_company, api=False, personal_data=False)
        == "404"
    )
