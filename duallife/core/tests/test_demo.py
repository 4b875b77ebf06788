"""`duallife demo`: fictional content, idempotent, never on a database with real users.

The tests run the small demo (``small=True`` / ``--small``): 2 coordinator bodies, 6 companies,
30 talents and 20 spec sheets in every state. The full demo's plan (its 120 companies and 420
sheets) is checked without writing it.
"""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from duallife.core import demo_content
from duallife.core.services import (
    DEMO_FULL,
    DEMO_PREFIX,
    DEMO_SMALL,
    PUBLISHED,
    STATUS_PATTERN,
    DemoReport,
    RealUsersPresent,
    RegionPackNotLoaded,
    _DemoMarketplace,
    demo_data_create,
)
from duallife.core.services import _rng as demo_rng
from duallife.engine.speclint import lint
from duallife.organizations.models import CoordinatorProfile, Membership, Organization
from duallife.postings.models import SpecSheet, SpecSheetEvent
from duallife.postings.selectors import draft_from_data, review_queue, sheet_lint, sheets_with_details
from duallife.regions.models import SupportProgram
from duallife.talents.models import TalentProfile
from duallife.vocabulary.models import Skill
from duallife.vocabulary.services import vocabulary_load
from duallife.vocabulary.testing import forget_vocabulary

DEMO_EMAIL = re.compile(r"^(admin|operator|coordinator-[a-z]+|company-\d{3}|talent-\d{4})@example\.jp$")


@pytest.fixture(autouse=True)
def fresh_vocabulary_cache():
    """The demo loads the vocabulary; its cached copy must not outlive this test's rows."""
    forget_vocabulary()
    yield
    forget_vocabulary()


def real_user():
    return get_user_model().objects.create_user(
        username="tanaka", email="tanaka@city.example.com", password="x" * 12
    )


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "coordinators": Organization.objects.filter(kind=Organization.Kind.COORDINATOR).count(),
        "companies": Organization.objects.filter(kind=Organization.Kind.COMPANY).count(),
        "secretariats": Organization.objects.filter(kind=Organization.Kind.SECRETARIAT).count(),
        "talents": TalentProfile.objects.count(),
        "sheets": SpecSheet.objects.count(),
        "events": SpecSheetEvent.objects.count(),
        "programs": SupportProgram.objects.count(),
    }


# --- What the small demo creates -----------------------------------------------------------


def test_small_demo_creates_the_expected_counts(region_pack):
    # given a fresh database with the pack (and no vocabulary yet)
    assert not Skill.objects.exists()

    # when
    report = demo_data_create(password="demo-password-123", small=True)

    # then
    assert report.vocabulary_loaded
    made = counts()
    assert made["users"] == 1 + 1 + DEMO_SMALL.coordinators + DEMO_SMALL.companies + DEMO_SMALL.talents
    assert (made["secretariats"], made["coordinators"], made["companies"]) == (1, 2, 6)
    assert (made["talents"], made["sheets"]) == (30, 20)
    assert made["programs"] == report.programs_created
    assert {key: report.created[key] for key in ("coordinators", "companies", "talents", "sheets")} == {
        "coordinators": 2,
        "companies": 6,
        "talents": 30,
        "sheets": 20,
    }
    assert report.users_created == 39
    assert report.password == "demo-password-123"


def test_demo_creates_fictional_programs_across_the_seven_prefectures(region_pack):
    report = demo_data_create(password="demo-password-123", small=True)

    programs = SupportProgram.objects.select_related("prefecture")
    assert report.programs_created == programs.count() >= 14
    assert {p.prefecture.code for p in programs} == {"02", "03", "04", "05", "06", "07", "15"}
    assert programs.filter(municipality__isnull=False).count() >= 7
    assert all(p.name.startswith(DEMO_PREFIX) for p in programs)
    assert all(p.url.startswith("https://example.jp/") for p in programs)
    assert all("架空" in p.summary for p in programs)
    assert programs.filter(is_published=False).exists()


def test_every_demo_user_has_the_demo_password_and_a_verified_address(region_pack):
    demo_data_create(password="demo-password-123", small=True)

    users = get_user_model().objects.all()
    admin = users.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    assert admin.email == "admin@example.jp"
    assert all(user.check_password("demo-password-123") for user in users)
    verified = set(EmailAddress.objects.filter(verified=True, primary=True).values_list("email", flat=True))
    assert verified == {user.email for user in users}


def test_sheets_are_in_every_state_and_every_published_one_passes_the_quality_check(region_pack):
    demo_data_create(small=True)

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
    assert all(demo_content.SHEET_NOTE in s.issue for s in sheets)
    assert not any("{" in s.title + s.issue + s.outcome + s.why_you for s in sheets)


def test_returned_sheets_carry_the_coordinators_comment_and_expired_ones_are_past_their_date(region_pack):
    demo_data_create(small=True)

    returned = SpecSheet.objects.filter(status=SpecSheet.Status.RETURNED)
    assert returned.count() == 2
    for sheet in returned:
        event = sheet.events.get(to_status=SpecSheet.Status.RETURNED)
        assert event.comment.strip()
        assert event.by is not None
    expired = SpecSheet.objects.get(closed_reason=SpecSheet.ClosedReason.EXPIRED)
    assert expired.closes_on < timezone.localdate()
    assert expired.events.filter(to_status=SpecSheet.Status.CLOSED, by__isnull=True).exists()


def test_coordinators_have_scopes_and_see_submitted_sheets_in_their_queue(region_pack):
    report = demo_data_create(small=True)

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


def test_companies_have_full_profiles_and_talents_varied_profiles(region_pack):
    demo_data_create(small=True)

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
    assert all(demo_content.TALENT_NOTE in t.self_introduction for t in talents)
    assert sum(t.home_prefecture.code in {"11", "12", "13", "14"} for t in talents) >= 25
    assert {t.visibility for t in talents} == set(TalentProfile.Visibility.values)
    assert sum(t.hometown_prefecture_id is not None for t in talents) >= 10
    assert any(s.skill_id is None for t in talents for s in t.skills.all())  # free skills too


def test_no_real_looking_email_addresses(region_pack):
    demo_data_create(small=True)

    emails = list(get_user_model().objects.values_list("email", flat=True))
    assert emails
    assert all(DEMO_EMAIL.match(email) for email in emails), emails
    contacts = CoordinatorProfile.objects.values_list("contact_email", flat=True)
    assert all(email.endswith("@example.jp") for email in contacts)
    names = {(t.family_name, t.given_name) for t in TalentProfile.objects.all()}
    # the local part never carries a person's name
    assert not any(family in email for family, _given in names for email in emails)


# --- Idempotence and refusals ------------------------------------------------------------


def test_demo_is_idempotent(region_pack):
    # given
    first = demo_data_create(small=True)
    before = counts()
    admin = get_user_model().objects.get(username="admin")

    # when
    second = demo_data_create(password="another-password-456", small=True)

    # then
    assert counts() == before
    assert second.programs_created == 0
    assert second.programs_updated == 0
    assert second.programs_unchanged == before["programs"]
    assert not second.admin_created
    assert second.password is None
    assert second.admin_password is None
    assert second.users_created == 0
    assert sum(second.created.values()) == 0
    assert second.existing == {
        "coordinators": 2,
        "companies": 6,
        "talents": 30,
        "sheets": 20,
        "applications": first.created["applications"],
        "drafts": 3,
    }
    assert not second.vocabulary_loaded
    admin.refresh_from_db()
    assert admin.check_password(first.password)  # a re-run never changes the password


def test_demo_restores_an_edited_demo_program(region_pack):
    demo_data_create(small=True)
    program = SupportProgram.objects.order_by("pk").first()
    program.summary = "書き換えた"
    program.save()

    report = demo_data_create(small=True)

    program.refresh_from_db()
    assert report.programs_updated == 1
    assert "架空" in program.summary


def test_demo_refuses_when_a_real_user_exists(region_pack):
    # given
    real_user()

    # when / then
    with pytest.raises(RealUsersPresent, match="--force"):
        demo_data_create(small=True)
    assert counts()["users"] == 1
    assert sum(v for k, v in counts().items() if k != "users") == 0


def test_demo_requires_the_region_pack(db):
    with pytest.raises(RegionPackNotLoaded):
        demo_data_create(small=True)

    with pytest.raises(CommandError, match="load-region-pack tohoku"):
        run_demo("--small")
    assert get_user_model().objects.count() == 0


def test_demo_uses_a_vocabulary_that_is_already_loaded(region_pack):
    vocabulary_load()

    report = demo_data_create(small=True)

    assert not report.vocabulary_loaded
    assert TalentProfile.objects.count() == 30


# --- The full demo's plan (checked without writing it) -----------------------------------


@pytest.fixture
def marketplace(region_pack):
    vocabulary_load()
    return _DemoMarketplace(DemoReport(), size=DEMO_FULL, password="x")


def test_full_demo_plan_has_distinct_companies_and_only_sheets_that_pass_the_quality_check(marketplace):
    plans = [marketplace.company_plan(index) for index in range(DEMO_FULL.companies)]
    assert len({plan.name for plan in plans}) == DEMO_FULL.companies
    assert {plan.prefecture.code for plan in plans} == set(demo_content.COMPANY_PREFECTURES)
    slots = marketplace.sheet_slots([(plan, None, None) for plan in plans])
    assert len(slots) == DEMO_FULL.sheets
    today = timezone.localdate()
    titles = set()
    for number, (plan, _company, _user, template) in enumerate(slots):
        data = marketplace.sheet_data(plan, template, PUBLISHED, demo_rng("sheet", number))
        titles.add((plan.index, data["title"]))
        draft, _matches = draft_from_data(data, today=today)
        report = lint(draft)
        assert report.score == 100, (plan.name, template.key, report.codes)
        assert len(data["title"]) <= 50
    assert len(titles) == DEMO_FULL.sheets  # a company never has two sheets with one title


def test_the_small_demo_is_the_start_of_the_full_one(marketplace):
    small = _DemoMarketplace(DemoReport(), size=DEMO_SMALL, password="x")
    full_plans = [marketplace.company_plan(i) for i in range(DEMO_FULL.companies)]
    small_plans = [small.company_plan(i) for i in range(DEMO_SMALL.companies)]

    assert [p.name for p in small_plans] == [p.name for p in full_plans[: DEMO_SMALL.companies]]
    full_slots = marketplace.sheet_slots([(p, None, None) for p in full_plans])
    small_slots = small.sheet_slots([(p, None, None) for p in small_plans])
    assert [(p.index, t.key) for p, _c, _u, t in small_slots] == [
        (p.index, t.key) for p, _c, _u, t in full_slots[: DEMO_SMALL.sheets]
    ]
    assert small.talent_data(7) == marketplace.talent_data(7)  # deterministic


# --- The command -------------------------------------------------------------------------


def test_demo_command_refuses_without_force_and_runs_with_it(region_pack):
    real_user()

    with pytest.raises(CommandError, match="デモ以外のユーザーが1人登録されています"):
        run_demo("--small")
    assert SupportProgram.objects.count() == 0

    output = run_demo("--small", "--force")
    assert SupportProgram.objects.count() > 0
    assert TalentProfile.objects.count() == 30
    assert "デモデータを用意しました" in output


def test_demo_command_prints_a_generated_password_once_and_sample_logins(region_pack, monkeypatch):
    monkeypatch.delenv("DUALLIFE_DEMO_PASSWORD", raising=False)

    first = run_demo("--small")
    second = run_demo("--small")

    password = next(line for line in first.splitlines() if "パスワード:" in line).split("パスワード: ")[1]
    password = password.split("（")[0]
    users = get_user_model().objects.all()
    assert all(user.check_password(password) for user in users)
    assert "パスワード:" not in second
    assert "作成済み" in second
    for email in ("operator@example.jp", "coordinator-miyagi@example.jp", "company-001@example.jp"):
        assert email in first
        assert email in second
    assert "talent-0001@example.jp" in first


def test_demo_command_uses_the_password_from_the_environment(region_pack, monkeypatch):
    monkeypatch.setenv("DUALLIFE_DEMO_PASSWORD", "from-the-environment-789")

    output = run_demo("--small")

    assert "from-the-environment-789" not in output
    assert "DUALLIFE_DEMO_PASSWORD" in output
    assert get_user_model().objects.get(username="admin").check_password("from-the-environment-789")
    talent = get_user_model().objects.get(email="talent-0001@example.jp")
    assert talent.check_password("from-the-environment-789")


# --- Engagements in the demo --------------------------------------------------------------------


def test_the_demo_walks_applications_scouts_and_contracts_through_the_services(region_pack, mailoutbox):
    from django.db.models import Count, F

    from duallife.engagements.models import Application, ConsentRecord, Contract, Message, Scout
    from duallife.notifications.models import Notification

    report = demo_data_create(password="demo-password-123", small=True)

    assert Application.objects.count() == report.created["applications"] > 0
    assert Scout.objects.count() == report.created["scouts"] > 0
    assert Contract.objects.count() == report.created["contracts"] > 0
    assert ConsentRecord.objects.exists()
    # the first talent talks with the first company and has a scout waiting (the sample log-ins)
    first = Application.objects.get(talent__user__email="talent-0001@example.jp", status="in_conversation")
    assert Message.objects.filter(application=first).count() >= 2
    assert Scout.objects.filter(talent=first.talent, status="pending").exists()
    # never more contracts than openings
    over = SpecSheet.objects.annotate(n=Count("contracts")).filter(n__gt=F("openings"))
    assert not over.exists()
    # demo notifications stay in the app: no mail goes out
    assert Notification.objects.exists()
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert mailoutbox == []


def test_a_second_demo_run_adds_no_engagements(region_pack):
    from duallife.engagements.models import Application

    demo_data_create(password="demo-password-123", small=True)
    before = Application.objects.count()

    report = demo_data_create(small=True)

    assert Application.objects.count() == before
    assert report.created["applications"] == 0
    assert report.existing["applications"] == before
