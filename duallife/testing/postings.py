"""The marketplace the spec-sheet tests (and the apps above them) work in, and sheets.

Places come from the real Tohoku region pack: 仙台市 (041009) and 石巻市 (042021) in 宮城県,
秋田市 (052019) in 秋田県. ``make_world()`` needs the region pack and the small vocabulary
(the ``world`` fixture brings both).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from duallife.accounts.models import User
from duallife.organizations.models import CoordinatorScope, Membership, Organization
from duallife.postings.models import SheetSkill, SpecSheet, SpecSheetCollaborator
from duallife.postings.services.approval import spec_sheet_approve, spec_sheet_return
from duallife.postings.services.cowriting import spec_sheet_invitation_accept, spec_sheet_invite_collaborator
from duallife.postings.services.sheets import spec_sheet_close, spec_sheet_create, spec_sheet_submit
from duallife.regions.models import Prefecture

from .accounts import confirm_address, make_user
from .organizations import make_org
from .talents import make_talent_user

SENDAI = "041009"
ISHINOMAKI = "042021"
AKITA = "052019"


@dataclass
class World:
    company: Organization
    other_company: Organization
    owner: User  # admin of company
    member: User  # member of company
    stranger: User  # admin of other_company
    talent: User
    coordinator: User  # 宮城県 (whole prefecture)
    far_coordinator: User  # 秋田県
    operator: User
    nobody: User


def make_world() -> World:
    """Company ``sendai-miso`` (仙台市) with ``owner`` (admin) and ``member``; ``stranger`` (admin
    of ``akita-sake`` in 秋田市); ``talent`` (a profile, 山田花子); coordinators for 宮城県
    (``coordinator``) and 秋田県 (``far_coordinator``); ``operator``; ``nobody`` (no role).
    Nobody has MFA."""
    company = make_org(Organization.Kind.COMPANY, "sendai-miso", municipality=SENDAI)
    other = make_org(Organization.Kind.COMPANY, "akita-sake", prefecture="05", municipality=AKITA)
    miyagi = make_org(Organization.Kind.COORDINATOR, "miyagi-pref")
    CoordinatorScope.objects.create(organization=miyagi, prefecture=Prefecture.objects.get(code="04"))
    akita = make_org(Organization.Kind.COORDINATOR, "akita-pref", prefecture="05")
    CoordinatorScope.objects.create(organization=akita, prefecture=Prefecture.objects.get(code="05"))
    secretariat = make_org(Organization.Kind.SECRETARIAT, "secretariat")
    users = {
        name: make_user(name)
        for name in ("owner", "member", "stranger", "coordinator", "far_coordinator", "operator", "nobody")
    }
    Membership.objects.create(user=users["owner"], organization=company, role=Membership.Role.ADMIN)
    Membership.objects.create(user=users["member"], organization=company, role=Membership.Role.MEMBER)
    Membership.objects.create(user=users["stranger"], organization=other, role=Membership.Role.ADMIN)
    Membership.objects.create(user=users["coordinator"], organization=miyagi)
    Membership.objects.create(user=users["far_coordinator"], organization=akita)
    Membership.objects.create(user=users["operator"], organization=secretariat)
    return World(
        company=company,
        other_company=other,
        talent=make_talent_user("talent"),
        **users,
    )


def good_data(**overrides: Any) -> dict[str, Any]:
    """A sheet the quality check finds ready (a 週1副社長-style side job in Sendai)."""
    data: dict[str, Any] = {
        "title": "老舗味噌蔵の新商品を首都圏に届けるウェブマーケティング",
        "issue": (
            "創業百二十年の味噌蔵です。県内の売上は安定していますが、首都圏での知名度が低く、"
            "昨年始めたネットショップの売上は月十万円ほどにとどまっています。社内にウェブに詳しい人がおらず、"
            "広告やSNSの数字を読み解いて次の手を決められる人がいません。"
        ),
        "outcome": (
            "半年で、ネットショップの月商を三十万円にする販促計画と、社員が自分で回せるSNS運用の手順書。"
        ),
        "municipality": SENDAI,
        "themes": ["marketing", "product-development"],
        "required_skills": ["Ｗｅｂマーケ", "データ分析"],
        "welcome_skills": ["SNS運用", "食品業界の経験"],
        "days_per_month_min": 2,
        "days_per_month_max": 4,
        "work_style": "hybrid",
        "visits_per_month": 1,
        "duration_months": 6,
        "fee_min_yen": 30_000,
        "fee_max_yen": 50_000,
        "is_probono": False,
        "fee_reason": "",
        "contract_type": "outsourcing",
        "travel_paid_by": "company",
        "subsidy_applies": True,
        "openings": 1,
        "closes_on": timezone.localdate() + datetime.timedelta(days=40),
        "why_you": (
            "首都圏の消費者に食品を売った経験のある方に、バイヤーと消費者の目で私たちの商品と売り方を見直してほしいのです。"
            "社長と二人三脚で、数字を見ながら次の一手を一緒に決めてくれる方を求めています。"
        ),
    }
    data.update(overrides)
    return data


def make_sheet(
    world: World, status: str = SpecSheet.Status.DRAFT, *, organization=None, by=None, **overrides
) -> SpecSheet:
    """A sheet of ``world.company`` (or ``organization``) made from ``good_data(**overrides)``
    through the services and taken to ``status`` (reviews by ``world.operator``)."""
    organization = organization or world.company
    if by is None:
        by = world.owner if organization == world.company else world.stranger
    reviewer = world.operator
    sheet = spec_sheet_create(organization=organization, by=by, data=good_data(**overrides))
    if status == SpecSheet.Status.DRAFT:
        return sheet
    spec_sheet_submit(sheet=sheet, by=by)
    if status == SpecSheet.Status.SUBMITTED:
        return sheet
    if status == SpecSheet.Status.RETURNED:
        return spec_sheet_return(sheet=sheet, by=reviewer, comment="報酬の根拠を書いてください。")
    spec_sheet_approve(sheet=sheet, by=reviewer)
    if status == SpecSheet.Status.PUBLISHED:
        return sheet
    return spec_sheet_close(sheet=sheet, by=by, reason=SpecSheet.ClosedReason.FILLED)


def form_post(**overrides) -> dict:
    """``good_data`` as the HTML form posts it."""
    data = good_data(**overrides)
    post = {}
    for name, value in data.items():
        if name in ("required_skills", "welcome_skills"):
            post[name] = "、".join(value)
        elif name == "themes":
            post[name] = value
        elif isinstance(value, bool):
            if value:
                post[name] = "on"
        elif value is None:
            post[name] = ""
        else:
            post[name] = str(value)
    return post


def login(client, user):
    client.force_login(user)
    return client


def copy_sheet(sheet: SpecSheet, count: int, **changes: Any) -> list[SpecSheet]:
    """``count`` copies of ``sheet`` (themes and skills included, titles numbered, each published
    a minute before the last), written directly: many rows for a list's pages and query counts.
    ``changes``: fields to set on every copy (e.g. ``status``)."""
    themes = list(sheet.themes.all())
    skills = list(sheet.skills.all())
    now = timezone.now()
    copies = []
    for index in range(count):
        copy = SpecSheet.objects.get(pk=sheet.pk)
        copy.pk = None
        copy.title = f"{sheet.title} その{index + 1}"
        copy.published_at = now - datetime.timedelta(minutes=index + 1)
        for name, value in changes.items():
            setattr(copy, name, value)
        copy.save()
        copy.themes.set(themes)
        SheetSkill.objects.bulk_create(
            SheetSkill(sheet=copy, kind=s.kind, skill=s.skill, free_text=s.free_text, normalized=s.normalized)
            for s in skills
        )
        copies.append(copy)
    return copies


def invite(sheet: SpecSheet, email: str, *, by: User) -> SpecSheetCollaborator:
    """``email`` invited to co-write ``sheet`` by ``by``: the invitation waiting for an answer."""
    address = spec_sheet_invite_collaborator(sheet=sheet, by=by, email=email)
    return SpecSheetCollaborator.objects.get(
        sheet=sheet, email=address, status=SpecSheetCollaborator.Status.PENDING
    )


def make_collaborator(sheet: SpecSheet, user: User, *, by: User) -> SpecSheetCollaborator:
    """``user`` (a talent) invited to co-write ``sheet`` by ``by``, their address confirmed, and
    accepted."""
    confirm_address(user)
    return spec_sheet_invitation_accept(invitation=invite(sheet, user.email, by=by), by=user)
