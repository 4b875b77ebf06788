"""Fixtures for spec-sheet tests: a small vocabulary, companies, coordinators, a talent, sheets.

Places come from the real Tohoku region pack: 仙台市 (041009) and 石巻市 (042021) in 宮城県,
秋田市 (052019) in 秋田県.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from duallife.accounts.models import User
from duallife.organizations.models import CoordinatorScope, Membership, Organization
from duallife.postings import services
from duallife.postings.models import SpecSheet
from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile
from duallife.testing.vocabulary import forget_vocabulary
from duallife.vocabulary.models import IndustryGroup, Skill, Theme

SENDAI = "041009"
ISHINOMAKI = "042021"
AKITA = "052019"

SKILLS = [
    ("web-marketing", "ウェブマーケティング", "Web marketing", "marketing", "Webマーケティング|Webマーケ"),
    ("marketing", "マーケティング", "Marketing", "marketing", "マーケ|マーケター"),
    ("sns-operation", "SNS運用", "Social media management", "marketing", "SNSマーケティング|SNS活用"),
    ("data-analysis", "データ分析", "Data analysis", "data", "データ解析|データアナリティクス"),
    ("product-planning", "商品企画", "Product planning", "product", "商品開発企画"),
    ("ec-operation", "EC運営", "E-commerce operation", "marketing", "ネットショップ運営|EC運用"),
]
THEMES = [
    ("marketing", "マーケティング", "Marketing"),
    ("product-development", "商品開発", "Product development"),
    ("new-business", "新規事業", "New business"),
    ("dx-it", "DX・IT", "DX / IT"),
]


@pytest.fixture
def vocabulary(db):
    for position, (key, name, name_en, category, synonyms) in enumerate(SKILLS):
        Skill.objects.create(
            key=key, name=name, name_en=name_en, category=category, synonyms=synonyms, position=position
        )
    for position, (key, name, name_en) in enumerate(THEMES):
        Theme.objects.create(key=key, name=name, name_en=name_en, position=position)
    IndustryGroup.objects.create(code="E", name="製造業", name_en="Manufacturing")
    # Rows written here, not by vocabulary_load(): drop the cached skill vocabulary like it does,
    # before (a copy built by an earlier test) and after (these rows are rolled back).
    forget_vocabulary()
    yield {"skills": [row[0] for row in SKILLS], "themes": [row[0] for row in THEMES]}
    forget_vocabulary()


def make_user(name: str) -> User:
    # No password: tests log in with force_login, and hashing one costs ~0.5 s a user.
    return User.objects.create_user(username=name, email=f"{name}@example.jp", password=None)


def make_org(
    kind: str, slug: str, *, prefecture: str = "04", municipality: str | None = None
) -> Organization:
    return Organization.objects.create(
        kind=kind,
        name=f"{slug}の名前",
        slug=slug,
        prefecture=Prefecture.objects.get(code=prefecture),
        municipality=Municipality.objects.get(code=municipality) if municipality else None,
    )


def make_talent(name: str) -> User:
    user = make_user(name)
    TalentProfile.objects.create(
        user=user,
        family_name="山田",
        given_name="花子",
        family_name_kana="ヤマダ",
        given_name_kana="ハナコ",
        display_name=f"{name}さん",
        home_prefecture=Prefecture.objects.get(code="13"),
    )
    return user


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


@pytest.fixture
def world(region_pack, vocabulary) -> World:
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
        talent=make_talent("talent"),
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


@pytest.fixture
def make_sheet(world):
    """Create a sheet of ``world.company`` (or ``organization``) and take it to ``status``."""

    def _make(status: str = SpecSheet.Status.DRAFT, *, organization=None, by=None, **overrides) -> SpecSheet:
        organization = organization or world.company
        if by is None:
            by = world.owner if organization == world.company else world.stranger
        reviewer = world.operator
        sheet = services.spec_sheet_create(organization=organization, by=by, data=good_data(**overrides))
        if status == SpecSheet.Status.DRAFT:
            return sheet
        services.spec_sheet_submit(sheet=sheet, by=by)
        if status == SpecSheet.Status.SUBMITTED:
            return sheet
        if status == SpecSheet.Status.RETURNED:
            return services.spec_sheet_return(
                sheet=sheet, by=reviewer, comment="報酬の根拠を書いてください。"
            )
        services.spec_sheet_approve(sheet=sheet, by=reviewer)
        if status == SpecSheet.Status.PUBLISHED:
            return sheet
        return services.spec_sheet_close(sheet=sheet, by=by, reason=SpecSheet.ClosedReason.FILLED)

    return _make
