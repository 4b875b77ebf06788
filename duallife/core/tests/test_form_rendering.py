"""Every form renders the same way: one field template, one error summary (``duallife.core.forms``).

- Every form class of the project, rendered unbound and then with an error on every field: each
  field has its label (a legend for a group) with 必須 when required, help and errors named by the
  widget's aria-describedby, aria-invalid on the widgets in error, and the error summary links
  every error to its field.
- The form pages, opened with the small demo's data as the people who use them, unbound and
  after a bad submission: the same rules on the whole page, and the scripts its form's widgets
  need (``{{ form.media }}``).
- No template writes its own error summary.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

import duallife
from duallife.content.models import Inquiry
from duallife.core.forms import FormRenderer
from duallife.demo.services import demo_data_create
from duallife.drafts.models import CampRegistration, DraftCamp, DraftEvent, DraftPlayer, DraftTeam, Nomination
from duallife.engagements.models import Application, CheckIn, Contract, Scout
from duallife.organizations.models import Membership, Organization
from duallife.postings.models import SpecSheet, SpecSheetCollaborator
from duallife.regions.models import Prefecture
from duallife.subsidies.models import Claim
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import make_user, with_totp
from duallife.testing.forms import project_form_classes
from duallife.testing.html import form_problems, label_text
from duallife.testing.organizations import make_company, make_coordinator_body
from duallife.testing.vocabulary import forget_vocabulary
from duallife.vocabulary.services import vocabulary_load

PAGE = Template('{% include "forms/error_summary.html" %}<form>{{ form }}</form>')
ERROR = "（確認用）この欄を直してください。"


@pytest.fixture(autouse=True)
def fresh_vocabulary_cache():
    forget_vocabulary()
    yield
    forget_vocabulary()


# --- Every form class -----------------------------------------------------------------------------


#: Form classes not walked here, and why.
NOT_WALKED = {
    "_FilterForm": "the base of the recommendation filters, without fields",
    "CompanyDigestForm": "posted by buttons on the saved-search page, never rendered",
    "EventEditForm": "EventForm without the organiser, for a saved event: its page is opened below",
}


def _arguments(cls_name: str) -> dict:
    """Keyword arguments for the forms that are built for a page's objects."""
    companies = Organization.objects.filter(kind=Organization.Kind.COMPANY)
    bodies = Organization.objects.filter(kind=Organization.Kind.COORDINATOR)
    player = DraftPlayer(pk=1, talent=TalentProfile(display_name="選手A"))
    booked = Application(pk=1, talent=TalentProfile(display_name="応募者A"))
    booked.booked = True  # a meeting is set: the one conversation a closing may keep open
    team = DraftTeam(pk=2, organization=companies.first())
    return {
        "AttendanceForm": {
            "registrations": [CampRegistration(pk=1, player=player), CampRegistration(pk=2, team=team)]
        },
        "CloseSheetForm": {"conversations": [booked]},
        "CompanyProfileForm": {"organization": companies.first()},
        "DirectoryFilterForm": {"prefectures": Prefecture.objects.all()},
        "EventForm": {"organizers": bodies},
        "ProposalForm": {"conversations": [booked]},
        "RankingForm": {"options": [(1, "チームA"), (2, "チームB")], "kind": "チーム"},
        "ReferralForm": {"bodies": bodies, "companies": companies},
        "RunForm": {"allow_ties": False},
        "TeamEditForm": {"candidates": companies, "capacity_editable": True},
        "TeamJoinForm": {"organizations": bodies},
    }.get(cls_name, {})


def _field_problems(form: forms.BaseForm, html: str) -> list[str]:
    problems = []
    for field in form.visible_fields():
        group = field.use_fieldset
        text = label_text(html, field.auto_id if group else field.id_for_label, group=group)
        if str(field.label) not in text:
            problems.append(f"{field.name}: no label or legend that says {field.label!r}")
        if field.field.required and field.widget_type != "checkbox" and "必須" not in text:
            problems.append(f"{field.name}: required, but its label does not say 必須")
        if field.help_text and f'id="{field.auto_id}_helptext"' not in html:
            problems.append(f"{field.name}: its help text is not shown")
        if field.errors and f'id="{field.auto_id}_error"' not in html:
            problems.append(f"{field.name}: its errors are not shown")
    return problems


def test_every_form_class_renders_labels_help_and_errors_with_the_same_ids(region_pack):
    vocabulary_load()
    make_company("walk-company")
    make_coordinator_body("walk-body")
    classes = {cls for cls in project_form_classes() if cls.__name__ not in NOT_WALKED}
    assert len(classes) >= 55, sorted(cls.__name__ for cls in classes)

    problems = []
    for cls in sorted(classes, key=lambda c: (c.__module__, c.__name__)):
        unbound = cls(**_arguments(cls.__name__))
        bound = cls(data={}, **_arguments(cls.__name__))
        bound.is_valid()
        for name in bound.fields:
            if name not in bound.errors:
                bound.add_error(name, ERROR)
        for state, form in (("unbound", unbound), ("with errors", bound)):
            html = PAGE.render(Context({"form": form}))
            found = form_problems(html) + _field_problems(form, html)
            problems += [f"{cls.__module__}.{cls.__name__} ({state}): {p}" for p in found]
    assert problems == [], "\n".join(problems)


def test_the_site_renders_forms_through_the_project_renderer():
    assert settings.FORM_RENDERER == "duallife.core.forms.FormRenderer"
    assert FormRenderer.field_template_name == "forms/field.html"
    assert FormRenderer.form_template_name == "forms/form.html"


# --- The form pages ---------------------------------------------------------------------------------


def _member(kind: str, **extra) -> Membership:
    return (
        Membership.objects.filter(organization__kind=kind, **extra)
        .select_related("user", "organization")
        .order_by("pk")
        .first()
    )


@dataclass(frozen=True)
class Visit:
    who: object  # a user, or None for a visitor
    url: str
    data: dict | None = None  # posted when given
    htmx: bool = False


def _url(name: str, *args, query: str = "") -> str:
    return reverse(name, args=args) + (f"?{query}" if query else "")


def _visits() -> list[Visit]:
    """Every form page, opened (and sent with bad input) by the people who use it, in the demo's data."""
    company = _member(Organization.Kind.COMPANY, role=Membership.Role.ADMIN)
    coordinator = _member(Organization.Kind.COORDINATOR)
    operator = _member(Organization.Kind.SECRETARIAT)
    sheets = SpecSheet.objects.order_by("pk")
    published = sheets.filter(organization=company.organization, status=SpecSheet.Status.PUBLISHED).first()
    draft = sheets.filter(status=SpecSheet.Status.DRAFT).first()
    writer = _member(Organization.Kind.COMPANY, organization=draft.organization)
    submitted = sheets.filter(status=SpecSheet.Status.SUBMITTED).first()
    application = Application.objects.filter(sheet__organization=company.organization).order_by("pk").first()
    talent = application.talent.user
    open_sheet = (
        sheets.filter(status=SpecSheet.Status.PUBLISHED).exclude(applications__talent__user=talent).first()
    )
    scout = Scout.objects.filter(status=Scout.Status.PENDING).select_related("talent__user").first()
    checkin = (
        CheckIn.objects.filter(status=CheckIn.Status.OPEN).select_related("contract__talent__user").first()
    )
    CheckIn.objects.filter(pk=checkin.pk).update(due_on=timezone.localdate())  # due today: answerable
    contract = Contract.objects.select_related("application", "talent__user").order_by("pk").first()
    contract_company = _member(Organization.Kind.COMPANY, organization=contract.organization)
    negotiating, open_event = DraftEvent.objects.order_by("nomination_on")[1:3]
    organiser = _member(Organization.Kind.COORDINATOR, organization=open_event.organizer)
    camp_ahead = DraftCamp.objects.filter(event=open_event).order_by("starts_at").first()
    camp_over = DraftCamp.objects.filter(event=negotiating).order_by("starts_at").first()
    registration = CampRegistration.objects.filter(camp=camp_over).order_by("pk").first()
    team = DraftTeam.objects.filter(event=negotiating).order_by("pk").first()
    team_member = _member(Organization.Kind.COORDINATOR, organization=team.organization)
    players = DraftPlayer.objects.select_related("talent__user").order_by("pk")
    player = players.filter(event=negotiating).first()
    entrant = players.filter(event=open_event).first()
    nomination = Nomination.objects.filter(run__event=negotiating).order_by("pk").first()
    pending = Nomination.objects.filter(run__event=negotiating, status=Nomination.Status.PENDING).first()
    invitation = SpecSheetCollaborator.objects.create(
        sheet=draft,
        email=talent.email.lower(),
        invited_by=writer.user,
        expires_at=timezone.now() + datetime.timedelta(days=14),
    )
    first_talent = TalentProfile.objects.order_by("pk").first()
    too_long = "長" * 3000
    inquiry = Inquiry.objects.create(
        name="東北 花子", email="hanako@example.jp", topic="other", body="x" * 20
    )
    owes_terms = make_user("owes-the-new-terms", agreed=False)
    claims = Claim.objects.select_related("program", "company").order_by("pk")
    draft_claim = claims.filter(state=Claim.State.DRAFT).first()
    claimant = _member(Organization.Kind.COMPANY, organization=draft_claim.company)
    waiting_claim = claims.filter(state=Claim.State.SUBMITTED, program=draft_claim.program).first()
    reported_claim = claims.filter(state=Claim.State.REPORTED, program=draft_claim.program).first()
    return [
        Visit(None, _url("content:contact")),
        Visit(None, _url("content:contact"), {"email": "not-an-email", "topic": "bogus"}),
        Visit(owes_terms, _url("content:terms_agree"), {}),
        Visit(operator.user, _url("content:edit", "terms"), {"title_ja": ""}),
        Visit(operator.user, _url("content:inquiry", inquiry.pk), {"status": "lost"}),
        Visit(None, _url("account_signup")),
        Visit(None, _url("account_signup"), {"email": "x", "password1": "short"}),
        Visit(None, _url("account_login"), {"login": "nobody@example.jp", "password": "x"}),
        Visit(None, _url("account_reset_password"), {"email": "not-an-email"}),
        Visit(None, _url("simulator:index", query="destination=041009&trips_per_month=100")),
        Visit(None, _url("simulator:index", query="destination=041009&trips_per_month=100"), htmx=True),
        Visit(None, _url("postings:list", query="days=abc&fee=-1")),
        Visit(None, _url("organizations:directory", query="prefecture=zz")),
        Visit(talent, _url("talents:profile_edit")),
        Visit(talent, _url("talents:profile_edit"), {"display_name": ""}),
        Visit(talent, _url("account_email"), {"action_add": "", "email": "bad"}),
        Visit(talent, _url("account_reauthenticate"), {"password": "wrong"}),
        Visit(talent, _url("notifications:settings"), {"enabled_kinds": "bogus"}),
        Visit(talent, _url("accounts:delete"), {}),
        Visit(talent, _url("recommendations:mine", query="prefecture=zz")),
        Visit(talent, _url("recommendations:saved_search_create"), {"kind": "sheets", "name": ""}),
        Visit(talent, _url("engagements:apply", open_sheet.pk)),
        Visit(talent, _url("engagements:apply", open_sheet.pk), {"message": ""}),
        Visit(talent, _url("engagements:application_detail", application.pk)),
        Visit(talent, _url("engagements:message_post", application.pk), {}, htmx=True),
        Visit(scout.talent.user, _url("engagements:scout_detail", scout.pk)),
        Visit(checkin.contract.talent.user, _url("engagements:checkin", checkin.pk), {"rating": "9"}),
        Visit(contract.talent.user, _url("engagements:application_detail", contract.application.pk)),
        Visit(first_talent.user, _url("drafts:enter", open_event.pk), {}),
        Visit(player.talent.user, _url("drafts:nominations", negotiating.pk)),
        Visit(player.talent.user, _url("drafts:player_choices", negotiating.pk)),
        Visit(pending.player.talent.user, _url("drafts:nomination", pending.pk), {"body": ""}),
        Visit(talent, _url("postings:invitation_answer", invitation.pk), {"answer": "maybe"}),
        Visit(player.talent.user, _url("drafts:thread", negotiating.pk, team.pk, player.pk), {"body": ""}),
        Visit(entrant.talent.user, _url("drafts:player_choices", open_event.pk)),
        Visit(entrant.talent.user, _url("drafts:entry_edit", open_event.pk), {"pitch": too_long}),
        Visit(company.user, _url("postings:create")),
        Visit(company.user, _url("postings:create"), {"action": "save", "title": ""}),
        Visit(company.user, _url("postings:detail", published.pk)),
        Visit(company.user, _url("engagements:sheet_close", published.pk)),
        Visit(company.user, _url("engagements:sheet_close", published.pk), {"reason": ""}),
        Visit(company.user, _url("organizations:register"), {"name": ""}),
        Visit(company.user, _url("organizations:edit", company.organization.slug)),
        Visit(company.user, _url("accounts:organization_invite", company.organization.slug), {}),
        Visit(company.user, _url("talents:search", query="min_days=abc")),
        Visit(company.user, _url("engagements:pipeline", query="status=bogus")),
        Visit(company.user, _url("engagements:application_detail", application.pk)),
        Visit(
            company.user,
            _url("engagements:scout_new", query=f"talent={first_talent.pk}&sheet={published.pk}"),
            {"message": ""},
        ),
        Visit(company.user, _url("drafts:join", open_event.pk), {}),
        Visit(contract_company.user, _url("engagements:application_detail", contract.application.pk)),
        Visit(writer.user, _url("postings:edit", draft.pk)),
        Visit(writer.user, _url("postings:invite", draft.pk), {"email": "bad"}),
        Visit(writer.user, _url("postings:comment", draft.pk), {"body": ""}),
        Visit(coordinator.user, _url("postings:review_decide", submitted.pk), {"decision": "return"}),
        Visit(coordinator.user, _url("engagements:referral_new"), {}),
        Visit(coordinator.user, _url("engagements:followups", query="prefecture=zz")),
        Visit(organiser.user, _url("drafts:create"), {}),
        Visit(organiser.user, _url("drafts:edit", open_event.pk), {}),
        Visit(organiser.user, _url("drafts:camp_create", open_event.pk), {}),
        Visit(organiser.user, _url("drafts:camp_edit", open_event.pk, camp_ahead.pk)),
        Visit(organiser.user, _url("drafts:camp_delete", open_event.pk, camp_ahead.pk)),
        Visit(
            organiser.user,
            _url("drafts:camp_attendance", negotiating.pk, camp_over.pk),
            {f"attended-{registration.pk}": "x"},
        ),
        Visit(organiser.user, _url("drafts:runs", negotiating.pk)),
        Visit(organiser.user, _url("drafts:nominations", negotiating.pk)),
        Visit(team_member.user, _url("drafts:team_edit", negotiating.pk, team.pk), {"life": too_long}),
        Visit(team_member.user, _url("drafts:team_choices", negotiating.pk, team.pk)),
        Visit(team_member.user, _url("drafts:nomination_message", nomination.pk), {}),
        Visit(operator.user, _url("accounts:operator_coordinator_bodies"), {}),
        Visit(operator.user, _url("accounts:company_verifications", query="state=bogus")),
        Visit(
            operator.user,
            _url("accounts:company_verification", company.organization.pk),
            {"decision": "confirm"},
        ),
        Visit(operator.user, _url("accounts:operator_coordinator_body", coordinator.organization.slug), {}),
        Visit(claimant.user, _url("subsidies:claim_start", draft_claim.program.pk), {"contract": "x"}),
        Visit(claimant.user, _url("subsidies:claim", draft_claim.pk)),
        Visit(claimant.user, _url("subsidies:trip_add", draft_claim.pk), {"date": "bad"}),
        Visit(claimant.user, _url("subsidies:claim_submit", draft_claim.pk), {}),
        Visit(operator.user, _url("subsidies:program_claims", draft_claim.program.pk, query="state=bogus")),
        Visit(operator.user, _url("subsidies:program_edit", draft_claim.program.pk)),
        Visit(operator.user, _url("subsidies:program_edit", draft_claim.program.pk), {"rate": "2/1"}),
        Visit(operator.user, _url("subsidies:claim_return", waiting_claim.pk), {"note": ""}),
        Visit(operator.user, _url("subsidies:claim_fix", reported_claim.pk), {"amount_yen": "-1"}),
    ]


def test_every_form_page_follows_the_form_rules(client, region_pack):
    demo_data_create(password="demo-password-123", small=True)
    for staff in Membership.objects.exclude(organization__kind=Organization.Kind.COMPANY):
        with_totp(staff.user)

    problems = []
    rendered: set[str] = set()
    for visit in _visits():
        client.logout()
        if visit.who is not None:
            client.force_login(visit.who)
        headers = {"HTTP_HX_REQUEST": "true"} if visit.htmx else {}
        if visit.data is None:
            response = client.get(visit.url, **headers)
        else:
            response = client.post(visit.url, visit.data, **headers)
        where = f"{'POST' if visit.data is not None else 'GET'} {visit.url}"
        if response.status_code in (301, 302):
            problems.append(f"{where}: redirected to {response['Location']}, not the form")
            continue
        assert response.status_code in (200, 400), (where, response.status_code)
        rendered |= {t.name for t in response.templates if t.name}
        html = response.content.decode()
        problems += [f"{where}: {p}" for p in form_problems(html)]
        form = response.context.get("form") if response.context is not None else None
        if isinstance(form, forms.BaseForm) and not visit.htmx and str(form.media) not in html:
            problems.append(f"{where}: the page does not load its form's scripts ({form.media})")
    assert problems == [], "\n".join(problems)
    assert {"forms/field.html", "forms/error_summary.html"} <= rendered
    assert not set(NOT_VISITED) & rendered, "opened now: take it off NOT_VISITED"
    not_opened = _form_templates() - rendered - set(NOT_VISITED)
    assert not not_opened, f"no visit above opens {sorted(not_opened)}"


#: Templates with form fields or an error summary that the visits above do not open, and why.
NOT_VISITED = {
    "account/password_reset_from_key.html": "needs a reset token from a mail",
    "drafts/manage/withdraw.html": "a player's last step; drafts' own tests post to it",
    "accounts/invitation_accept.html": "needs an invitation token from a mail",
    "drafts/camps/detail.html": "shows a refusal only after a refused registration",
}


#: What a template that renders fields or the summary contains ({{ form }}, not form="{{ … }}").
FORM_TEMPLATE = re.compile(r'as_field_group|forms/(?:field|error_summary)\.html|(?<!=")\{\{ *[\w.]*form *}}')


def _form_templates() -> set[str]:
    """Template names (as loaded) whose source renders fields or includes the error summary."""
    names = set()
    for path in Path(duallife.__file__).parent.glob("**/templates/**/*.html"):
        source = path.read_text(encoding="utf-8")
        if re.search(FORM_TEMPLATE, source):
            name = str(path).split("/templates/", 1)[1]
            if not name.startswith("forms/"):
                names.add(name)
    return names


# --- One error summary -------------------------------------------------------------------------------


def test_no_template_writes_its_own_error_summary():
    templates = Path(duallife.__file__).parent
    summary = templates / "core" / "templates" / "forms" / "error_summary.html"
    copies = [
        str(path.relative_to(templates))
        for path in templates.glob("**/templates/**/*.html")
        if path != summary and "error-summary" in path.read_text(encoding="utf-8")
    ]
    assert copies == [], "include forms/error_summary.html instead"
