"""What the small demo creates: fictional content in every state, for every role.

The small demo (2 coordinator bodies, 6 companies, 30 talents and 20 spec sheets in every state)
is the start of the full one; the full demo's plan is checked without writing it
(``test_full_demo_plan.py``).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from duallife.demo.content import demo_content
from duallife.demo.plan import PUBLISHED, STATUS_PATTERN
from duallife.organizations.models import (
    CoordinatorProfile,
    Membership,
    Organization,
    VerificationEvent,
    VerificationMethod,
)
from duallife.organizations.permissions import can_verify_company
from duallife.postings.models import SpecSheet
from duallife.postings.selectors import review_queue, sheet_lint, sheets_with_details
from duallife.regions.models import SupportProgram
from duallife.talents.models import TalentProfile

pytestmark = pytest.mark.django_db

DEMO_PREFIX = "（デモ）"
DEMO_EMAIL = re.compile(
    r"^(admin|operator|operator-treasury|coordinator-[a-z]+|company-\d{3}|talent-\d{4})@example\.jp$"
)


def test_demo_creates_fictional_programs_across_the_seven_prefectures(shared_small_demo):
    report = shared_small_demo

    programs = SupportProgram.objects.select_related("prefecture")
    assert report.programs_created == programs.count() >= 14
    assert {p.prefecture.code for p in programs} == {"02", "03", "04", "05", "06", "07", "15"}
    assert programs.filter(municipality__isnull=False).count() >= 7
    assert all(p.name.startswith(DEMO_PREFIX) for p in programs)
    assert all(p.url.startswith("https://example.jp/") for p in programs)
    assert all("架空" in p.summary for p in programs)
    assert programs.filter(is_published=False).exists()


def test_every_demo_user_has_the_demo_password_and_a_verified_address(shared_small_demo):
    users = get_user_model().objects.all()
    admin = users.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.email == "admin@example.jp"
    assert all(user.check_password("demo-password-123") for user in users)
    verified = set(EmailAddress.objects.filter(verified=True, primary=True).values_list("email", flat=True))
    assert verified == {user.email for user in users}


def test_sheets_are_in_every_state_and_every_published_one_passes_the_quality_check(shared_small_demo):
    sheets = list(sheets_with_details())
    assert {s.status for s in sheets} == set(SpecSheet.Status.values)
    assert {s.closed_reason for s in sheets if s.status == SpecSheet.Status.CLOSED} == set(
        SpecSheet.ClosedReason.values
    )
    published = [s for s in sheets if s.status == SpecSheet.Status.PUBLISHED]
    # sheets whose openings the demo's contracts filled were published too, then closed as filled
    filled_by_contracts = SpecSheet.objects.filter(closed_reason="filled", contracts__isnull=False).distinct()
    assert len(published) + filled_by_contracts.count() == STATUS_PATTERN.count(PUBLISHED) == 11
    today = timezone.localdate()
    for sheet in published:
        report = sheet_lint(sheet)
        assert report.ready, (sheet.title, report.codes)
        assert sheet.closes_on >= today
        assert sheet.published_at <= timezone.now()
        assert sheet.versions.exists()
    # the history is spread over the past weeks, in order
    for sheet in sheets:
        assert sheet.created_at <= (sheet.submitted_at or sheet.created_at) <= timezone.now()
        if sheet.published_at:
            assert sheet.submitted_at <= sheet.published_at <= (sheet.closed_at or sheet.published_at)
    assert len({s.published_at.date() for s in published}) > 1
    # every sheet is clearly fictional and its texts are filled in from the templates
    assert all(demo_content().notes.sheet in s.issue for s in sheets)
    assert not any("{" in s.title + s.issue + s.outcome + s.why_you for s in sheets)


def test_returned_sheets_carry_the_coordinators_comment_and_expired_ones_are_past_their_date(
    shared_small_demo,
):
    returned = SpecSheet.objects.filter(status=SpecSheet.Status.RETURNED)
    assert returned.count() == 2
    for sheet in returned:
        event = sheet.events.get(to_status=SpecSheet.Status.RETURNED)
        assert event.comment.strip()
        assert event.by is not None
    expired = SpecSheet.objects.get(closed_reason=SpecSheet.ClosedReason.EXPIRED)
    assert expired.closes_on < timezone.localdate()
    assert expired.events.filter(to_status=SpecSheet.Status.CLOSED, by__isnull=True).exists()


def test_coordinators_have_scopes_and_see_submitted_sheets_in_their_queue(shared_small_demo):
    report = shared_small_demo

    bodies = Organization.objects.filter(kind=Organization.Kind.COORDINATOR).select_related("coordinator")
    assert {body.slug for body in bodies} == {"demo-coord-miyagi", "demo-coord-akita"}
    for body in bodies:
        assert body.scopes.exists()
        assert body.coordinator.region_vision
        assert body.coordinator.talent_needed
        assert body.coordinator.body_type in CoordinatorProfile.BodyType.values
        assert Membership.objects.filter(organization=body, user__email__startswith="coordinator-").exists()
    coordinator = get_user_model().objects.get(email="coordinator-miyagi@example.jp")
    queue = list(review_queue(coordinator))
    assert queue
    assert all(sheet.municipality.prefecture.code == "04" for sheet in queue)
    operator = get_user_model().objects.get(email="operator@example.jp")
    assert (
        review_queue(operator).count() == SpecSheet.objects.filter(status=SpecSheet.Status.SUBMITTED).count()
    )
    roles = [role for role, _email, _note in report.sample_logins]
    assert roles[:4] == ["事務局（運営）", "自治体・支援機関", "企業の管理者", "人材"]


def test_companies_have_full_profiles_and_talents_varied_profiles(shared_small_demo):
    companies = Organization.objects.filter(kind=Organization.Kind.COMPANY).select_related("company")
    assert companies.values("prefecture").distinct().count() == 6
    for company in companies:
        profile = company.company
        assert company.name.endswith(DEMO_PREFIX)
        assert company.municipality.prefecture_id == company.prefecture_id
        assert profile.industry is not None
        assert profile.size
        assert profile.founded_year
        assert re.fullmatch(r"https://[a-z0-9-]+\.example\.jp/", profile.website)
        for name in ("summary", "vision", "strategy", "region_meaning", "appeal", "top_message", "top_name"):
            assert getattr(profile, name), name
        assert Membership.objects.filter(organization=company, role=Membership.Role.ADMIN).exists()
    talents = TalentProfile.objects.prefetch_related("skills")
    assert all(t.search_text and t.skills.exists() for t in talents)
    assert all(demo_content().notes.talent in t.self_introduction for t in talents)
    assert sum(t.home_prefecture.code in {"11", "12", "13", "14"} for t in talents) >= 25
    assert {t.visibility for t in talents} == set(TalentProfile.Visibility.values)
    assert sum(t.hometown_prefecture_id is not None for t in talents) >= 10
    assert any(s.skill_id is None for t in talents for s in t.skills.all())  # free skills too


def test_most_demo_companies_are_confirmed_by_hand_by_staff_of_their_area(shared_small_demo):
    companies = list(Organization.objects.filter(kind=Organization.Kind.COMPANY).order_by("pk"))
    verified = [company for company in companies if company.verified_at is not None]

    assert 0 < len(companies) - len(verified) < len(verified)  # the staff's list is not empty either
    for company in verified:
        assert company.verification_method == VerificationMethod.MANUAL
        event = VerificationEvent.objects.get(organization=company, action=VerificationEvent.Action.CONFIRMED)
        assert event.by == company.verified_by
        assert can_verify_company(event.by, company)
        assert event.note.startswith("（デモ）")


def test_no_real_looking_email_addresses(shared_small_demo):
    emails = list(get_user_model().objects.values_list("email", flat=True))
    assert emails
    assert all(DEMO_EMAIL.match(email) for email in emails), emails
    contacts = CoordinatorProfile.objects.values_list("contact_email", flat=True)
    assert all(email.endswith("@example.jp") for email in contacts)
    names = {(t.family_name, t.given_name) for t in TalentProfile.objects.all()}
    # the local part never carries a person's name
    assert not any(family in email for family, _given in names for email in emails)


def test_the_small_demo_has_the_same_shape_every_time(shared_small_demo):
    """Exact counts of what the small demo writes, so that a faster way of writing it cannot
    change it unnoticed. Check-ins are left out: how many fall due depends on the calendar."""
    from django.db.models import Count

    from duallife.drafts.models import CampRegistration, DraftMessage, DraftRun, DraftTeam, Nomination
    from duallife.engagements.models import (
        Application,
        ApplicationEvent,
        ConsentRecord,
        Contract,
        ContractProposal,
        Interest,
        Message,
        Referral,
        Scout,
    )
    from duallife.notifications.models import Notification
    from duallife.postings.models import SheetSkill, SpecSheetEvent, SpecSheetVersion
    from duallife.recommendations.models import SheetRecommendation, TalentRecommendation
    from duallife.subsidies.models import BudgetEntry, Claim, ClaimTrip
    from duallife.talents.models import TalentSkill

    counts = {
        model.__name__: model.objects.count()
        for model in (
            TalentSkill,
            TalentProfile.themes.through,
            TalentProfile.prefectures_of_interest.through,
            SheetSkill,
            SpecSheetEvent,
            SpecSheetVersion,
            Application,
            ApplicationEvent,
            ConsentRecord,
            Message,
            Scout,
            Contract,
            ContractProposal,
            Interest,
            Referral,
            DraftTeam,
            DraftRun,
            Nomination,
            CampRegistration,
            DraftMessage,
            SheetRecommendation,
            TalentRecommendation,
            Claim,
            ClaimTrip,
            BudgetEntry,
        )
    }
    assert counts == {
        "TalentSkill": 113,
        "TalentProfile_themes": 54,
        "TalentProfile_prefectures_of_interest": 41,
        "SheetSkill": 100,
        "SpecSheetEvent": 41,
        "SpecSheetVersion": 19,
        "Application": 27,
        "ApplicationEvent": 67,
        "ConsentRecord": 18,
        "Message": 31,
        "Scout": 4,
        "Contract": 4,
        "ContractProposal": 6,
        "Interest": 11,
        "Referral": 2,
        "DraftTeam": 12,
        "DraftRun": 2,
        "Nomination": 14,
        "CampRegistration": 38,
        "DraftMessage": 16,
        "SheetRecommendation": 131,
        "TalentRecommendation": 111,
        "Claim": 11,
        "ClaimTrip": 22,
        "BudgetEntry": 11,
    }
    by_kind = dict(
        Notification.objects.exclude(kind__in=["checkin", "alert"])
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    assert by_kind == {
        "application": 27,
        "status": 31,
        "message": 31,
        "draft": 22,
        "contract": 14,
        "scout": 4,
        "sheet_closed": 2,
        "subsidy": 50,
    }
