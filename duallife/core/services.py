"""Site-wide use cases that span apps. Today: filling a fresh database with demo content.

``demo_data_create`` builds a whole fictional marketplace on top of the region pack: support
programmes, the secretariat with its operator, coordinator bodies with their scopes, companies
with full profiles, talents, and spec sheets in every state. The texts live in
:mod:`duallife.core.demo_content`; every write with a rule goes through the owning app's service
(``coordinator_body_create``, ``scope_grant``, ``company_register``, ``company_profile_update``,
``talent_profile_save``, ``spec_sheet_create`` … ``spec_sheets_close_expired``). Rows without a
rule of their own are written directly: users and their verified addresses (in bulk, sharing one
password hash), the secretariat, memberships of the demo staff, and the history timestamps that
spread the demo over the past weeks.
"""

from __future__ import annotations

import datetime
import random
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from duallife.regions.models import Municipality, Prefecture, SupportProgram

from . import demo_content as content

DEMO_EMAIL_DOMAIN = "example.jp"  # reserved for examples by JPRS: no real person has an address here
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = f"admin@{DEMO_EMAIL_DOMAIN}"
DEMO_PREFIX = "（デモ）"
DEMO_NOTE = "※デモ用の架空の制度です。実在の制度ではありません。"
#: Every random choice of the demo comes from ``random.Random`` seeded with this and the thing's
#: kind and number: the same database gets the same demo, and the small demo is a prefix of the
#: full one (its companies, talents and sheets are the full demo's first ones).
DEMO_SEED = 20260401
DEMO_USERNAME_PREFIX = "demo-"


class DemoDataError(Exception):
    """The demo data cannot be created; the message says why, in Japanese."""


class RegionPackNotLoaded(DemoDataError):
    pass


class RealUsersPresent(DemoDataError):
    pass


@dataclass(frozen=True)
class DemoSize:
    coordinators: int
    companies: int
    talents: int
    sheets: int


DEMO_FULL = DemoSize(coordinators=len(content.COORDINATORS), companies=120, talents=2000, sheets=420)
DEMO_SMALL = DemoSize(coordinators=2, companies=6, talents=30, sheets=20)

#: Sheets per company, repeated: the first six companies hold 21 sheets (the small demo's 20).
SHEETS_PER_COMPANY = (3, 4, 3, 4, 2, 5)

PUBLISHED, DRAFT, SUBMITTED, RETURNED = "published", "draft", "submitted", "returned"
FILLED, WITHDRAWN, EXPIRED = "closed:filled", "closed:withdrawn", "closed:expired"
#: The state of sheet number ``n`` is ``STATUS_PATTERN[n % 20]``: every state within any 20
#: sheets in a row; 55 % published, 10 % each draft / submitted / returned, 15 % closed.
STATUS_PATTERN = (
    PUBLISHED, SUBMITTED, PUBLISHED, DRAFT, PUBLISHED, RETURNED, PUBLISHED, FILLED, PUBLISHED, PUBLISHED,
    SUBMITTED, DRAFT, PUBLISHED, WITHDRAWN, PUBLISHED, RETURNED, PUBLISHED, EXPIRED, PUBLISHED, PUBLISHED,
)  # fmt: skip
STATUS_LABELS = {
    PUBLISHED: "公開中",
    DRAFT: "下書き",
    SUBMITTED: "審査待ち",
    RETURNED: "差し戻し",
    FILLED: "募集終了（決定）",
    WITHDRAWN: "募集終了（取り下げ）",
    EXPIRED: "募集終了（締切）",
}


@dataclass
class DemoReport:
    programs_created: int = 0
    programs_updated: int = 0
    programs_unchanged: int = 0
    programs_skipped: list[str] = field(default_factory=list)
    admin_created: bool = False
    #: The demo password, when users were created with it just now (``None`` on a re-run).
    password: str | None = None
    small: bool = False
    vocabulary_loaded: bool = False
    users_created: int = 0
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    sheets_created: Counter = field(default_factory=Counter)
    #: (role, email, what to look at) for the command's table of sample log-ins
    sample_logins: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def admin_password(self) -> str | None:
        """The admin's password, when the admin was created just now."""
        return self.password if self.admin_created else None

    LABELS = (
        ("coordinators", "自治体・支援機関"),
        ("companies", "企業"),
        ("talents", "人材"),
        ("sheets", "仕様書"),
        ("applications", "応募"),
        ("scouts", "スカウト"),
        ("contracts", "成約"),
        ("drafts", "ドラフト会議"),
    )

    def lines(self) -> list[str]:
        out = []
        if self.vocabulary_loaded:
            out.append("語彙（スキル・テーマ・産業分類）が未登録だったため読み込みました。")
        out.append(
            f"支援制度（デモ）: 追加 {self.programs_created} / 更新 {self.programs_updated} / "
            f"変更なし {self.programs_unchanged}"
        )
        if self.programs_skipped:
            out.append("地域パックにない市町村のため省略: " + "、".join(self.programs_skipped))
        for key, label in self.LABELS:
            out.append(f"{label}（デモ）: 追加 {self.created[key]} / 作成済み {self.existing[key]}")
        if self.sheets_created:
            states = "、".join(
                f"{STATUS_LABELS[state]} {self.sheets_created[state]}"
                for state in STATUS_LABELS
                if self.sheets_created[state]
            )
            out.append(f"  追加した仕様書の状態: {states}")
        out.append(f"ユーザー（デモ）: 追加 {self.users_created}")
        return out


# (prefecture code, municipality code or None for a prefecture-wide program, fields)
DEMO_PROGRAMS: list[tuple[str, str | None, dict[str, Any]]] = [
    (
        "02",
        None,
        {
            "owner": "青森県",
            "category": SupportProgram.Category.TRAVEL,
            "name": "あおもり副業人材 通い交通費サポート",
            "summary": "県内企業の副業・兼業の仕事で首都圏から通う人に、往復の交通費の一部を補助します。",
            "amount_yen": 20000,
            "amount_note": "1往復あたりの上限。年度内6往復まで",
            "conditions": "県内に本社のある企業と業務委託契約を結んでいること",
        },
    ),
    (
        "02",
        "022021",
        {
            "owner": "弘前市",
            "category": SupportProgram.Category.COWORKING,
            "name": "弘前まちなかコワーキング利用補助",
            "summary": "市内のコワーキングスペースの月額利用料を補助します。",
            "amount_yen": 10000,
            "amount_note": "月額の上限。最長12か月",
            "conditions": "市外在住で、市内の企業・団体の仕事をしていること",
        },
    ),
    (
        "03",
        None,
        {
            "owner": "岩手県",
            "category": SupportProgram.Category.TRIAL_STAY,
            "name": "いわてお試しワーケーション滞在補助",
            "summary": "県内の宿泊施設でテレワークをしながら滞在する費用の一部を補助します。",
            "amount_yen": 30000,
            "amount_note": "1人1回あたり",
            "conditions": "2泊以上の滞在で、地域の企業訪問または交流行事に1回以上参加すること",
        },
    ),
    (
        "03",
        "032085",
        {
            "owner": "遠野市",
            "category": SupportProgram.Category.TRIAL_STAY,
            "name": "遠野おためし暮らし住宅",
            "summary": "家具・家電付きの住宅に短期間住んで、遠野での暮らしを体験できます。",
            "amount_yen": None,
            "amount_note": "1泊1,000円（最長30泊）",
            "conditions": "市への移住または二地域居住を検討していること",
        },
    ),
    (
        "04",
        None,
        {
            "owner": "宮城県",
            "category": SupportProgram.Category.SIDE_JOB,
            "name": "みやぎ副業・兼業人材活用補助金（企業向け）",
            "summary": "首都圏の副業・兼業人材を受け入れる県内中小企業に、報酬や旅費の一部を補助します。",
            "amount_yen": 500000,
            "amount_note": "1社あたり。補助率2分の1",
            "conditions": "仕様書（依頼したい仕事の内容）を公開して人材を募集すること",
        },
    ),
    (
        "04",
        "042021",
        {
            "owner": "石巻市",
            "category": SupportProgram.Category.RELOCATION_GRANT,
            "name": "石巻移住支援金 上乗せ加算",
            "summary": "国の移住支援金の対象となる人に、市独自の額を上乗せします。",
            "amount_yen": 300000,
            "amount_note": "18歳未満の子ども1人につき10万円を加算",
            "conditions": "転入後5年以上住む意思があること",
        },
    ),
    (
        "05",
        None,
        {
            "owner": "秋田県",
            "category": SupportProgram.Category.RELOCATION_GRANT,
            "name": "あきた移住支援金",
            "summary": "東京圏から県内に移住し、仕事を続ける人や県内で働き始める人を支援します。",
            "amount_yen": 1000000,
            "amount_note": "世帯の場合。単身は60万円",
            "conditions": "移住前の10年間のうち通算5年以上、東京23区に住んでいたか通勤していたこと",
        },
    ),
    (
        "05",
        "053619",
        {
            "owner": "五城目町",
            "category": SupportProgram.Category.COWORKING,
            "name": "五城目シェアオフィス入居支援",
            "summary": "町のシェアオフィスに入居する個人・企業の賃料を最初の1年間半額にします。",
            "amount_yen": None,
            "amount_note": "賃料の2分の1（最長12か月）",
            "conditions": "",
        },
    ),
    (
        "06",
        None,
        {
            "owner": "山形県",
            "category": SupportProgram.Category.HOUSING,
            "name": "やまがた二地域居住 住まいスタート支援",
            "summary": "二地域居住を始める人の住宅の賃貸借契約にかかる初期費用を補助します。",
            "amount_yen": 100000,
            "amount_note": "",
            "conditions": "首都圏に生活の拠点を残したまま、県内にも住まいを持つこと",
        },
    ),
    (
        "06",
        "062031",
        {
            "owner": "鶴岡市",
            "category": SupportProgram.Category.HOUSING,
            "name": "鶴岡空き家活用リフォーム補助",
            "summary": "市の空き家バンクに登録された住宅を改修して住む人に、工事費の一部を補助します。",
            "amount_yen": 500000,
            "amount_note": "工事費の3分の1",
            "conditions": "",
        },
    ),
    (
        "07",
        None,
        {
            "owner": "福島県",
            "category": SupportProgram.Category.COWORKING,
            "name": "ふくしまサテライトオフィス体験補助",
            "summary": "首都圏の企業の社員が県内のサテライトオフィスで働く体験の費用を補助します。",
            "amount_yen": 50000,
            "amount_note": "1人あたり",
            "conditions": "3日以上の利用",
        },
    ),
    (
        "07",
        "072028",
        {
            "owner": "会津若松市",
            "category": SupportProgram.Category.SIDE_JOB,
            "name": "会津若松 副業人材と地元企業のマッチング相談",
            "summary": "副業で地元企業の仕事を受けたい人と、外部の人材を活用したい企業の相談に応じます。",
            "amount_yen": None,
            "amount_note": "相談無料",
            "conditions": "",
        },
    ),
    (
        "15",
        None,
        {
            "owner": "新潟県",
            "category": SupportProgram.Category.TRAVEL,
            "name": "にいがた副業人材 往復交通費補助",
            "summary": "県内企業の副業・兼業の仕事で首都圏から来訪する際の往復交通費の一部を補助します。",
            "amount_yen": 20000,
            "amount_note": "1往復あたりの上限。年度内4往復まで",
            "conditions": "",
        },
    ),
    (
        "15",
        "152021",
        {
            "owner": "長岡市",
            "category": SupportProgram.Category.TRIAL_STAY,
            "name": "長岡ワーケーション体験プログラム",
            "summary": "市内のコワーキングスペースと宿泊施設を組み合わせた体験滞在の費用を補助します。",
            "amount_yen": 40000,
            "amount_note": "",
            "conditions": "滞在中に地元企業との交流会へ参加すること",
        },
    ),
    (
        "15",
        "152242",
        {
            "owner": "佐渡市",
            "category": SupportProgram.Category.TRIAL_STAY,
            "name": "佐渡お試し移住住宅（準備中）",
            "summary": "島での暮らしを体験できる短期滞在住宅です。公開前の下書きとして登録しています。",
            "amount_yen": None,
            "amount_note": "",
            "conditions": "",
            "is_published": False,
        },
    ),
]


def demo_real_user_count() -> int:
    """Users the demo did not create: anyone whose address is outside the example domain."""
    user_model = get_user_model()
    return user_model.objects.exclude(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").count()


def demo_data_create(*, password: str | None = None, force: bool = False, small: bool = False) -> DemoReport:
    """Fill the database with clearly fictional demo content. Idempotent.

    Needs the default region pack loaded; loads the vocabulary when it is missing. Refuses when
    real users exist unless ``force``. ``password`` is the one password of every demo user
    created now (the admin included); a random one otherwise (``report.password``). A re-run
    creates only what is missing and never changes a password. ``small`` makes a small demo for
    tests (2 coordinator bodies, 6 companies, 30 talents, 20 sheets in every state); it is the
    first part of the full demo, so running the full demo afterwards adds the rest.
    """
    slug = settings.DEFAULT_REGION_PACK
    if not Prefecture.objects.filter(pack__slug=slug).exists():
        raise RegionPackNotLoaded(
            f"地域パック「{slug}」が読み込まれていません。"
            f"先に `duallife load-region-pack {slug}` を実行してください。"
        )
    real_users = demo_real_user_count()
    if real_users and not force:
        raise RealUsersPresent(
            f"デモ以外のユーザーが{real_users}人登録されています。"
            "実運用のデータベースにデモデータを入れないよう、処理を中止しました。"
            "それでも実行する場合は --force を付けてください。"
        )

    report = DemoReport(small=small)
    report.vocabulary_loaded = _demo_vocabulary()
    chosen = password or secrets.token_urlsafe(12)
    from duallife.recommendations.services.recommendations import (
        recommendations_deferred,
        recommendations_rebuild_all,
    )

    with transaction.atomic(), recommendations_deferred():
        _demo_admin(report, chosen)
        _demo_programs(report, slug)
        _DemoMarketplace(report, size=DEMO_SMALL if small else DEMO_FULL, password=chosen).build()
    recommendations_rebuild_all()
    if report.admin_created or report.users_created:
        report.password = chosen
    return report


def _demo_vocabulary() -> bool:
    """Load the vocabulary when it lacks what the demo uses; True when it was loaded now."""
    from duallife.vocabulary.services import VocabularyLoadError, vocabulary_load

    if not _vocabulary_missing():
        return False
    try:
        vocabulary_load()
    except VocabularyLoadError as exc:
        raise DemoDataError(f"語彙を読み込めませんでした。\n{exc}") from None
    missing = _vocabulary_missing()
    if missing:
        raise DemoDataError("語彙にデモで使う項目がありません: " + "、".join(sorted(missing)[:10]))
    return True


def _vocabulary_missing() -> set[str]:
    from duallife.vocabulary.models import IndustryGroup, Skill, Theme

    skills = {
        key for template in content.SHEET_TEMPLATES.values() for key in template.required + template.welcome
    }
    skills |= {key for persona in content.PERSONAS for key in persona.skills}
    themes = {key for template in content.SHEET_TEMPLATES.values() for key in template.themes}
    themes |= {key for persona in content.PERSONAS for key in persona.themes}
    industries = {t.industry for t in content.COMPANY_TYPES} | {
        code for persona in content.PERSONAS for code in persona.industries
    }
    missing = {
        f"skill:{k}" for k in skills - set(Skill.objects.filter(key__in=skills).values_list("key", flat=True))
    }
    missing |= {
        f"theme:{k}" for k in themes - set(Theme.objects.filter(key__in=themes).values_list("key", flat=True))
    }
    missing |= {
        f"industry:{c}"
        for c in industries
        - set(IndustryGroup.objects.filter(code__in=industries).values_list("code", flat=True))
    }
    return missing


def _demo_admin(report: DemoReport, password: str) -> None:
    from allauth.account.models import EmailAddress

    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return
    admin = user_model.objects.create_superuser(
        username=DEMO_ADMIN_USERNAME, email=DEMO_ADMIN_EMAIL, password=password
    )
    EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
    report.admin_created = True


def _demo_programs(report: DemoReport, slug: str) -> None:
    prefectures = {p.code: p for p in Prefecture.objects.filter(pack__slug=slug)}
    codes = {m for _pref, m, _fields in DEMO_PROGRAMS if m}
    municipalities = {
        m.code: m for m in Municipality.objects.filter(code__in=codes, role=Municipality.Role.PACK)
    }
    for prefecture_code, municipality_code, fields in DEMO_PROGRAMS:
        prefecture = prefectures.get(prefecture_code)
        municipality = municipalities.get(municipality_code) if municipality_code else None
        if prefecture is None or (municipality_code and municipality is None):
            report.programs_skipped.append(municipality_code or prefecture_code)
            continue
        values = {
            **fields,
            "name": DEMO_PREFIX + fields["name"],
            "owner": fields["owner"] + DEMO_PREFIX,
            "summary": f"{fields['summary']}\n{DEMO_NOTE}",
            "url": f"https://{DEMO_EMAIL_DOMAIN}/demo/{municipality_code or prefecture_code}/"
            f"{fields['category']}/",
            "is_published": fields.get("is_published", True),
        }
        existing = SupportProgram.objects.filter(
            prefecture=prefecture, municipality=municipality, name=values["name"]
        ).first()
        if existing is None:
            SupportProgram.objects.create(prefecture=prefecture, municipality=municipality, **values)
            report.programs_created += 1
            continue
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        if changed:
            for name in changed:
                setattr(existing, name, values[name])
            existing.save(update_fields=[*changed, "updated_at"])
            report.programs_updated += 1
        else:
            report.programs_unchanged += 1


# =================================================================================================
# The marketplace: secretariat, coordinator bodies, companies, talents and spec sheets
# =================================================================================================

SECRETARIAT_SLUG = "demo-secretariat"
#: Towns with a municipal coordinator body (companies settle there more often).
FEATURED_TOWNS: dict[str, tuple[str, ...]] = {}
for _spec in content.COORDINATORS:
    for _code, _town in _spec.scopes:
        if _town:
            FEATURED_TOWNS[_code] = (*FEATURED_TOWNS.get(_code, ()), _town)

APPROVE_COMMENTS = (
    "",
    "",
    "公開しました。窓口の相談会でも紹介します。",
    "成果と求める経験が具体的で、応募する方が判断しやすい仕様書です。公開します。",
)
#: How long ago a sheet's last step was, by state (days, low–high).
LAST_STEP_DAYS_AGO = {
    DRAFT: (0.05, 20),
    SUBMITTED: (0.05, 7),
    RETURNED: (0.1, 10),
    PUBLISHED: (0.05, 30),
    FILLED: (0.5, 20),
    WITHDRAWN: (0.5, 20),
}
#: The closing date a sheet is written with, in days from today, by state.
CLOSES_IN_DAYS = {PUBLISHED: (14, 45), FILLED: (5, 40), WITHDRAWN: (5, 40), EXPIRED: (30, 30)}
CLOSES_IN_DAYS_DEFAULT = (21, 60)


def _rng(*parts: object) -> random.Random:
    """A generator for one thing of the demo (``_rng("talent", 12)``): fixed, whatever else changes."""
    return random.Random(":".join(str(part) for part in (DEMO_SEED, *parts)))


@dataclass(frozen=True)
class _Account:
    username: str
    email: str


def _account(local: str) -> _Account:
    return _Account(username=f"{DEMO_USERNAME_PREFIX}{local}", email=f"{local}@{DEMO_EMAIL_DOMAIN}")


def demo_operator_account() -> _Account:
    return _account("operator")


def demo_coordinator_account(key: str) -> _Account:
    return _account(f"coordinator-{key}")


def demo_company_account(index: int) -> _Account:
    return _account(f"company-{index + 1:03d}")


def demo_talent_account(index: int) -> _Account:
    return _account(f"talent-{index + 1:04d}")


class _World:
    """What the demo is built from: places of the pack and the vocabulary, read once."""

    def __init__(self) -> None:
        from duallife.vocabulary.models import IndustryGroup, Skill, Theme

        self.prefectures = {p.code: p for p in Prefecture.objects.order_by("code")}
        pack = list(
            Municipality.objects.filter(role=Municipality.Role.PACK)
            .select_related("prefecture")
            .order_by("code")
        )
        self.towns = {(m.prefecture.code, m.name): m for m in pack}
        self.towns_by_prefecture: dict[str, list[Municipality]] = {}
        for municipality in pack:
            self.towns_by_prefecture.setdefault(municipality.prefecture.code, []).append(municipality)
        self.capitals = {m.prefecture.code: m for m in pack if m.is_capital}
        self.pack_codes = [
            code for code in sorted(self.towns_by_prefecture) if self.prefectures[code].pack_id is not None
        ]
        self.other_codes = [code for code in self.prefectures if code not in self.pack_codes]
        self.skills = {s.key: s for s in Skill.objects.order_by("position", "key")}
        self.themes = {t.key: t for t in Theme.objects.order_by("position", "key")}
        self.industries = {i.code: i for i in IndustryGroup.objects.order_by("code")}

    def town(self, prefecture_code: str, name: str | None) -> Municipality:
        return self.towns.get((prefecture_code, name or "")) or self.capitals[prefecture_code]


@dataclass(frozen=True)
class _CompanyPlan:
    index: int
    account: _Account
    kind: content.CompanyType
    name: str
    name_kana: str
    short: str
    form: str
    prefecture: Prefecture
    town: Municipality
    founded: int
    size: str
    top_name: str

    @property
    def words(self) -> dict[str, str]:
        return {
            "place": self.town.name,
            "pref": self.prefecture.name,
            "short": self.short,
            "business": self.kind.business,
            "product": self.kind.product,
            "buyers": self.kind.buyers,
            "strength": self.kind.strength,
            "asset": self.kind.asset,
        }


class _DemoMarketplace:
    def __init__(self, report: DemoReport, *, size: DemoSize, password: str) -> None:
        self.report = report
        self.size = size
        self.password_hash = make_password(password)  # once: hashing costs a third of a second
        self.world = _World()
        self.now = timezone.now()
        self.today = timezone.localdate()

    def build(self) -> None:
        operator = self._secretariat()
        coordinators = self._coordinators(operator)
        companies = self._companies()
        talents = self._talents()
        self._sheets(companies, coordinators, operator)
        _DemoEngagements(self, companies, coordinators, talents).build()
        self._drafts(coordinators, companies, talents)
        self._sample_logins(operator, coordinators, companies, talents)

    def _drafts(self, coordinators, companies, talents) -> None:
        """Draft events at three stages (see ``duallife.drafts.demo``); their notices stay in the app."""
        from duallife.drafts.demo import DemoDrafts
        from duallife.notifications.models import Notification

        DemoDrafts(
            report=self.report, coordinators=coordinators, companies=companies, talents=talents, now=self.now
        ).build()
        Notification.objects.filter(
            user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}", emailed_at__isnull=True
        ).update(emailed_at=self.now)

    # --- users ------------------------------------------------------------------------------

    def _users(self, accounts: list[_Account]) -> dict[str, Any]:
        """The demo users for ``accounts`` by email, created (verified, demo password) when missing."""
        from allauth.account.models import EmailAddress

        user_model = get_user_model()
        by_username = {
            user.username: user
            for user in user_model.objects.filter(username__startswith=DEMO_USERNAME_PREFIX)
        }
        taken = {
            email.lower()
            for email in user_model.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}").values_list(
                "email", flat=True
            )
        }
        users: dict[str, Any] = {}
        new = []
        for account in accounts:
            user = by_username.get(account.username)
            if user is not None:
                users[account.email] = user
            elif account.email in taken:
                raise DemoDataError(f"{account.email} は、デモ以外のユーザーがすでに使っています。")
            else:
                new.append(
                    user_model(username=account.username, email=account.email, password=self.password_hash)
                )
        created = user_model.objects.bulk_create(new, batch_size=500)
        EmailAddress.objects.bulk_create(
            (EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in created),
            batch_size=500,
        )
        users.update({user.email: user for user in created})
        self.report.users_created += len(created)
        return users

    # --- organisations ----------------------------------------------------------------------

    def _secretariat(self):
        from duallife.organizations.models import Membership, Organization

        account = demo_operator_account()
        operator = self._users([account])[account.email]
        secretariat = Organization.objects.filter(slug=SECRETARIAT_SLUG).first()
        if secretariat is None:
            secretariat = Organization.objects.create(
                kind=Organization.Kind.SECRETARIAT,
                name=f"デュアルライフ東北 事務局{content.DEMO_MARK}",
                name_kana="デュアルライフトウホク ジムキョク",
                slug=SECRETARIAT_SLUG,
                prefecture=self.world.prefectures["04"],
                municipality=self.world.capitals["04"],
            )
        Membership.objects.get_or_create(
            user=operator, organization=secretariat, defaults={"role": Membership.Role.ADMIN}
        )
        return operator

    def _coordinators(self, operator) -> list[tuple[content.CoordinatorSpec, Any, Any]]:
        from duallife.organizations.models import CoordinatorScope, Membership, Organization
        from duallife.organizations.services import (
            CoordinatorProfileData,
            coordinator_body_create,
            coordinator_profile_update,
            scope_grant,
        )

        specs = content.COORDINATORS[: self.size.coordinators]
        users = self._users([demo_coordinator_account(spec.key) for spec in specs])
        existing = {
            org.slug: org
            for org in Organization.objects.filter(slug__in=[f"demo-coord-{s.key}" for s in specs])
        }
        bodies = []
        for spec in specs:
            user = users[demo_coordinator_account(spec.key).email]
            slug = f"demo-coord-{spec.key}"
            contact_email = f"madoguchi-{spec.key}@{DEMO_EMAIL_DOMAIN}"
            contact_url = f"https://{spec.key}.{DEMO_EMAIL_DOMAIN}/"
            body = existing.get(slug)
            created = body is None
            if created:
                body = coordinator_body_create(
                    by=operator,
                    name=spec.name + content.DEMO_MARK,
                    slug=slug,
                    prefecture=self.world.prefectures[spec.prefecture],
                    body_type=spec.body_type,
                    municipality=self.world.towns.get((spec.prefecture, spec.town or "")),
                    name_kana=spec.name_kana,
                    contact_email=contact_email,
                    contact_url=contact_url,
                )
            granted = set(
                CoordinatorScope.objects.filter(organization=body).values_list(
                    "prefecture__code", "municipality__name"
                )
            )
            for code, town in spec.scopes:
                if (code, town) not in granted:
                    scope_grant(
                        organization=body,
                        prefecture=self.world.prefectures[code],
                        municipality=self.world.towns[(code, town)] if town else None,
                        by=operator,
                    )
            Membership.objects.get_or_create(
                user=user, organization=body, defaults={"role": Membership.Role.ADMIN}
            )
            if created:
                coordinator_profile_update(
                    organization=body,
                    by=user,
                    data=CoordinatorProfileData(
                        name_kana=spec.name_kana,
                        contact_email=contact_email,
                        contact_url=contact_url,
                        region_vision=f"{spec.region_vision}\n{content.REGION_NOTE}",
                        talent_needed=spec.talent_needed,
                    ),
                )
            if created:
                self.report.created["coordinators"] += 1
            else:
                self.report.existing["coordinators"] += 1
            bodies.append((spec, body, user))
        return bodies

    def company_plan(self, index: int) -> _CompanyPlan:
        rng = _rng("company", index)
        types = content.COMPANY_TYPES
        kind = types[index % len(types)]
        form = kind.forms[(index // len(types)) % len(kind.forms)]
        brand, brand_kana = content.BRAND_WORDS[index % len(content.BRAND_WORDS)]
        short = brand + kind.tail[0]
        code = content.COMPANY_PREFECTURES[index % len(content.COMPANY_PREFECTURES)]
        roll = rng.random()
        if kind.coastal:
            town = rng.choice(content.COASTAL_TOWNS[code])
        elif FEATURED_TOWNS.get(code) and roll < 0.3:
            town = rng.choice(FEATURED_TOWNS[code])
        elif roll < 0.5:
            town = self.world.capitals[code].name
        else:
            town = rng.choice(content.COMPANY_TOWNS[code])
        family = rng.choice(content.FAMILY_NAMES)[0]
        given = rng.choice(content.GIVEN_NAMES)[0]
        return _CompanyPlan(
            index=index,
            account=demo_company_account(index),
            kind=kind,
            name=form.format(short) + content.DEMO_MARK,
            name_kana=brand_kana + kind.tail[1],
            short=short,
            form=form,
            prefecture=self.world.prefectures[code],
            town=self.world.town(code, town),
            founded=rng.randint(*kind.founded),
            size=rng.choice(kind.sizes),
            top_name=f"{family} {given}",
        )

    def _company_profile(self, plan: _CompanyPlan):
        from duallife.organizations.services import CompanyProfileData

        kind, words = plan.kind, plan.words
        return CompanyProfileData(
            name=plan.name,
            name_kana=plan.name_kana,
            prefecture=plan.prefecture,
            municipality=plan.town,
            industry=self.world.industries[kind.industry],
            size=plan.size,
            founded_year=plan.founded,
            website=f"https://company-{plan.index + 1:03d}.{DEMO_EMAIL_DOMAIN}/",
            summary=f"{plan.town.name}で{kind.business}を手がけています（{plan.founded}年創業）。{content.COMPANY_NOTE}",
            vision=kind.vision.format(**words),
            strategy=kind.strategy.format(**words),
            region_meaning=kind.region_meaning.format(**words),
            appeal=kind.appeal.format(**words) + content.COMPANY_SHARED_APPEAL,
            top_message=kind.top_message.format(**words) + content.COMPANY_SHARED_CLOSING.format(**words),
            top_name=plan.top_name,
            top_title=content.top_title_for(plan.form),
        )

    def _companies(self) -> list[tuple[_CompanyPlan, Any, Any]]:
        from duallife.organizations.models import Organization
        from duallife.organizations.services import company_profile_update, company_register

        plans = [self.company_plan(index) for index in range(self.size.companies)]
        users = self._users([plan.account for plan in plans])
        existing = {
            org.name: org
            for org in Organization.objects.filter(
                kind=Organization.Kind.COMPANY, name__in=[p.name for p in plans]
            )
        }
        companies = []
        for plan in plans:
            user = users[plan.account.email]
            company = existing.get(plan.name)
            if company is None:
                company = company_register(
                    user=user,
                    name=plan.name,
                    name_kana=plan.name_kana,
                    prefecture=plan.prefecture,
                    municipality=plan.town,
                )
                company = company_profile_update(
                    organization=company, by=user, data=self._company_profile(plan)
                )
                self.report.created["companies"] += 1
            else:
                self.report.existing["companies"] += 1
            companies.append((plan, company, user))
        return companies

    # --- talents ----------------------------------------------------------------------------

    def _skill_text(self, key: str, rng: random.Random) -> str:
        """A skill as a person might type it: mostly its name, sometimes a synonym (表記ゆれ)."""
        skill = self.world.skills[key]
        synonyms = [s for s in skill.synonyms.split("|") if s.strip()]
        roll = rng.random()
        return rng.choice(synonyms) if synonyms and roll < 0.15 else skill.name

    def talent_data(self, index: int):
        from duallife.talents.services import SkillInput, TalentProfileData

        rng = _rng("talent", index)
        world = self.world
        family, family_kana = rng.choice(content.FAMILY_NAMES)
        given, given_kana = rng.choice(content.GIVEN_NAMES)
        persona = rng.choice(content.PERSONAS)
        roll = rng.random()
        if roll < 0.5:
            home = "13"
        elif roll < 0.7:
            home = "14"
        elif roll < 0.85:
            home = "11"
        elif roll < 0.97:
            home = "12"
        else:
            home = rng.choice(("04", "15"))  # already back in the region
        home_municipality = None if home in content.HOME_AREAS else world.capitals[home]
        roll = rng.random()
        hometown = hometown_municipality = None
        if roll < 0.55:
            code = rng.choice(world.pack_codes)
            hometown = world.prefectures[code]
            if rng.random() < 0.7:
                hometown_municipality = rng.choice(world.towns_by_prefecture[code])
        elif roll < 0.7:
            hometown = world.prefectures[rng.choice(world.other_codes)]
        from_region = hometown is not None and hometown.code in world.pack_codes

        if home_municipality is None:
            area = rng.choice(content.HOME_AREAS[home])
        else:
            area = content.short_place(home_municipality.name)
        roll = rng.random()
        if from_region and roll < 0.6:
            display = f"{content.short_place((hometown_municipality or hometown).name)}出身の{persona.role}"
        elif roll < 0.8:
            display = f"{area}在住の{persona.role}"
        else:
            display = f"{persona.role}（{area}）"

        keys = rng.sample(persona.skills, k=rng.randint(2, min(4, len(persona.skills))))
        if rng.random() < 0.3:
            extra = rng.choice(rng.choice(content.PERSONAS).skills)
            if extra not in keys:
                keys.append(extra)
        skills = [
            SkillInput(
                text=self._skill_text(key, rng),
                years=rng.randint(1, 15),
                level=rng.choice((1, 2, 2, 3, 3, 4)),
            )
            for key in keys
        ]
        for free in rng.sample(content.FREE_SKILLS, k=rng.choice((0, 0, 0, 1, 1, 2))):
            skills.append(SkillInput(text=free, years=rng.randint(1, 10), level=rng.choice((1, 2, 3))))

        theme_keys = list(persona.themes[: rng.randint(1, len(persona.themes))])
        if rng.random() < 0.2:
            extra_theme = rng.choice(list(world.themes))
            if extra_theme not in theme_keys:
                theme_keys.append(extra_theme)
        days = rng.choice(content.TALENT_DAYS)
        roll = rng.random()
        style = "remote" if roll < 0.45 else "hybrid" if roll < 0.9 else "onsite"
        visits = min(rng.choice((1, 1, 2)), days) if style == "hybrid" else 0
        fee = rng.choice(content.TALENT_FEES)
        interest = [hometown] if from_region else []
        for code in rng.sample(world.pack_codes, k=rng.choice((0, 1, 1, 2))):
            if world.prefectures[code] not in interest:
                interest.append(world.prefectures[code])
        motives = set(rng.sample(list(content.MOTIVE_SENTENCES), k=rng.randint(1, 2)))
        if from_region and rng.random() < 0.7:
            motives.add("give_back")
        elif not from_region:
            motives.discard("give_back")
        motives = [m for m in content.MOTIVE_SENTENCES if m in motives] or ["regional_contribution"]
        roll = rng.random()
        visibility = "public" if roll < 0.5 else "anonymous" if roll < 0.85 else "private"
        extra = _rng("talent-preferences", index)  # its own stream: the draws above stay as they were
        job = f"{rng.choice(persona.jobs)}（{rng.choice(content.TALENT_JOB_YEARS)}年目）"

        intro = [f"{persona.intro}。"]
        if from_region:
            place = f"{hometown.name}{hometown_municipality.name}" if hometown_municipality else hometown.name
            intro.append(f"{place}の出身です。")
        intro += [content.MOTIVE_SENTENCES[m] for m in motives]
        intro.append(f"平日の夜と週末を中心に、月{days}日ほど関われます。")
        if style == "hybrid":
            intro.append(f"現地へは月{visits}回ほど伺えます。")
        return TalentProfileData(
            family_name=family,
            given_name=given,
            family_name_kana=family_kana,
            given_name_kana=given_kana,
            display_name=display,
            home_prefecture=world.prefectures[home],
            home_municipality=home_municipality,
            hometown_prefecture=hometown,
            hometown_municipality=hometown_municipality,
            current_job=job,
            current_industry=world.industries[rng.choice(persona.industries)],
            skills=tuple(skills),
            themes=tuple(world.themes[key] for key in theme_keys),
            days_per_month=days,
            work_style=style,
            visits_per_month=visits,
            desired_monthly_fee_yen=fee,
            prefectures_of_interest=tuple(interest),
            motives=tuple(motives),
            self_introduction="".join(intro) + "\n" + content.TALENT_NOTE,
            visibility=visibility,
            accepts_pro_bono=not fee or extra.random() < 0.35,
            in_company_digests=visibility != "private" and extra.random() < 0.5,
        )

    def _talents(self) -> list[Any]:
        from duallife.talents.models import TalentProfile
        from duallife.talents.services import talent_profile_save

        accounts = [demo_talent_account(index) for index in range(self.size.talents)]
        users = self._users(accounts)
        with_profile = set(
            TalentProfile.objects.filter(
                user__username__startswith=f"{DEMO_USERNAME_PREFIX}talent-"
            ).values_list("user_id", flat=True)
        )
        talents = []
        for index, account in enumerate(accounts):
            user = users[account.email]
            if user.pk in with_profile:
                self.report.existing["talents"] += 1
            else:
                talent_profile_save(user=user, data=self.talent_data(index))
                self.report.created["talents"] += 1
            talents.append(user)
        return talents

    # --- spec sheets ------------------------------------------------------------------------

    def sheet_slots(self, companies) -> list[tuple[_CompanyPlan, Any, Any, content.SheetTemplate]]:
        """Which company writes which sheet: companies in order, a few sheets each, first ``size.sheets``."""
        slots = []
        for plan, company, user in companies:
            order = list(plan.kind.sheets)
            _rng("company-sheets", plan.index).shuffle(order)
            for key in order[: SHEETS_PER_COMPANY[plan.index % len(SHEETS_PER_COMPANY)]]:
                slots.append((plan, company, user, content.SHEET_TEMPLATES[key]))
        return slots[: self.size.sheets]

    def sheet_data(self, plan: _CompanyPlan, template: content.SheetTemplate, state: str, rng: random.Random):
        words = plan.words
        fee = rng.choice(template.fees) if template.fees else None
        in_progress = state == DRAFT and rng.random() < 0.5  # a draft still being written
        low, high = CLOSES_IN_DAYS.get(state, CLOSES_IN_DAYS_DEFAULT)
        closes_on = self.today + datetime.timedelta(days=rng.randint(low, high))
        return {
            "title": template.title.format(**words),
            "issue": f"{template.issue.format(**words)}\n\n{content.SHEET_NOTE}",
            "outcome": "" if in_progress else template.outcome.format(**words),
            "why_you": "" if in_progress else template.why_you.format(**words),
            "municipality": plan.town,
            "themes": list(template.themes),
            "required_skills": [self._skill_text(key, rng) for key in template.required],
            "welcome_skills": [
                *(self._skill_text(key, rng) for key in template.welcome),
                plan.kind.experience,
            ],
            "days_per_month_min": template.days[0],
            "days_per_month_max": template.days[1],
            "work_style": template.work_style,
            "visits_per_month": template.visits,
            "duration_months": template.duration,
            "fee_min_yen": fee[0] if fee else None,
            "fee_max_yen": fee[1] if fee else None,
            "is_probono": fee is None,
            "fee_reason": template.fee_reasons.get(fee, "") if fee else "",
            "contract_type": "outsourcing" if fee else "probono",
            "travel_paid_by": template.travel_paid_by,
            "subsidy_applies": template.subsidy_applies,
            "openings": 2 if rng.random() < 0.15 else 1,
            "closes_on": None if in_progress else closes_on,
        }

    def _sheets(self, companies, coordinators, operator) -> None:
        from duallife.postings import services as sheets
        from duallife.postings.models import SpecSheet

        slots = self.sheet_slots(companies)
        written = set(
            SpecSheet.objects.filter(
                organization__in=[company for _plan, company, _user in companies]
            ).values_list("organization_id", "title")
        )
        made: list[tuple[SpecSheet, str, random.Random]] = []
        for number, (plan, company, user, template) in enumerate(slots):
            state = STATUS_PATTERN[number % len(STATUS_PATTERN)]
            rng = _rng("sheet", number)
            data = self.sheet_data(plan, template, state, rng)
            if (company.pk, data["title"]) in written:
                self.report.existing["sheets"] += 1
                continue
            reviewer = self._reviewer(plan.town, coordinators, operator)
            sheet = self._walk(company, user, reviewer, template, state, data, rng)
            made.append((sheet, state, rng))
            self.report.created["sheets"] += 1
            self.report.sheets_created[state] += 1
        if any(state == EXPIRED for _sheet, state, _rng_ in made):
            sheets.spec_sheets_close_expired(today=self.today)  # the daily task, as it would have run
        for sheet, state, rng in made:
            self._backdate(sheet.pk, state, rng)

    @staticmethod
    def _reviewer(town: Municipality, coordinators, operator):
        """The coordinator of the sheet's town, else of its prefecture, else the operator."""
        prefecture_wide = None
        for spec, _body, user in coordinators:
            for code, name in spec.scopes:
                if code != town.prefecture.code:
                    continue
                if name == town.name:
                    return user
                if name is None and prefecture_wide is None:
                    prefecture_wide = user
        return prefecture_wide or operator

    def _walk(self, company, user, reviewer, template, state: str, data: dict, rng: random.Random):
        """Take a new sheet through the workflow services up to ``state``."""
        from duallife.postings import services as sheets
        from duallife.postings.models import SpecSheet

        sheet = sheets.spec_sheet_create(organization=company, by=user, data=data)
        if state == DRAFT:
            return sheet
        sheets.spec_sheet_submit(sheet=sheet, by=user)
        if state == SUBMITTED:
            return sheet
        rounds = [r for r in content.RETURN_ROUNDS if template.fees or r[1] != "fee_reason"]
        comment, field_name, fix = rng.choice(rounds)
        if state == RETURNED:
            return sheets.spec_sheet_return(sheet=sheet, by=reviewer, comment=comment)
        if rng.random() < 0.25:  # returned once, fixed and submitted again: version 2 is published
            sheets.spec_sheet_return(sheet=sheet, by=reviewer, comment=comment)
            if field_name == "fee_reason":
                value = fix
            elif field_name == "issue":
                value = data["issue"].replace(f"\n\n{content.SHEET_NOTE}", fix + f"\n\n{content.SHEET_NOTE}")
            else:
                value = data[field_name] + fix
            sheets.spec_sheet_update(sheet=sheet, by=user, data={field_name: value})
            sheets.spec_sheet_submit(sheet=sheet, by=user)
        sheets.spec_sheet_approve(sheet=sheet, by=reviewer, comment=rng.choice(APPROVE_COMMENTS))
        if state in (FILLED, WITHDRAWN):
            reason = SpecSheet.ClosedReason.FILLED if state == FILLED else SpecSheet.ClosedReason.WITHDRAWN
            return sheets.spec_sheet_close(sheet=sheet, by=user, reason=reason)
        if state == EXPIRED:
            # Time passes: the closing date is now behind us (the daily task then closes it).
            past = self.today - datetime.timedelta(days=rng.randint(1, 30))
            SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=past)
            sheet.closes_on = past
        return sheet

    def _backdate(self, pk: int, state: str, rng: random.Random) -> None:
        """Spread a new sheet's history over the past weeks (its steps all ran just now)."""
        from duallife.postings.models import SpecSheet, SpecSheetEvent, SpecSheetVersion

        sheet = SpecSheet.objects.get(pk=pk)
        events = list(SpecSheetEvent.objects.filter(sheet_id=pk).order_by("pk"))

        def days(low: float, high: float) -> datetime.timedelta:
            return datetime.timedelta(minutes=round(rng.uniform(low, high) * 24 * 60))

        if state == EXPIRED:
            night = datetime.datetime.combine(
                sheet.closes_on + datetime.timedelta(days=1), datetime.time(0, 10)
            )
            end = min(timezone.make_aware(night), self.now - datetime.timedelta(minutes=1))
        else:
            end = self.now - days(*LAST_STEP_DAYS_AGO[state])
        times = [end] if events else []
        for event in reversed(events[1:]):
            times.insert(0, times[0] - self._gap(event, days))
        created = times[0] - days(1, 10) if events else end

        submits = []
        for event, at in zip(events, times, strict=True):
            SpecSheetEvent.objects.filter(pk=event.pk).update(at=at)
            if event.to_status == SpecSheet.Status.SUBMITTED:
                submits.append(at)
        for version, at in zip(
            SpecSheetVersion.objects.filter(sheet_id=pk).order_by("number"), submits, strict=False
        ):
            snapshot = {
                **version.snapshot,
                "closes_on": sheet.closes_on.isoformat() if sheet.closes_on else None,
            }
            SpecSheetVersion.objects.filter(pk=version.pk).update(created_at=at, snapshot=snapshot)
        fields: dict[str, Any] = {"created_at": created, "updated_at": times[-1] if events else created}
        if submits:
            fields["submitted_at"] = submits[-1]
        for event, at in zip(events, times, strict=True):
            if event.to_status == SpecSheet.Status.PUBLISHED:
                fields["published_at"] = at
            elif event.to_status == SpecSheet.Status.CLOSED:
                fields["closed_at"] = at
        SpecSheet.objects.filter(pk=pk).update(**fields)

    @staticmethod
    def _gap(event, days) -> datetime.timedelta:
        """How long before ``event`` the step before it happened."""
        from duallife.postings.models import SpecSheet

        status = SpecSheet.Status
        if event.to_status == status.SUBMITTED:
            return days(1, 5)  # fixed after a return
        if event.to_status in (status.PUBLISHED, status.RETURNED):
            return days(0.5, 4)  # a coordinator's review
        if event.by_id is None:
            return days(20, 45)  # published → expired
        return days(10, 40)  # published → filled or withdrawn

    # --- the command's table ----------------------------------------------------------------

    def _sample_logins(self, operator, coordinators, companies, talents) -> None:
        from duallife.postings.selectors import review_queue

        logins = [("事務局（運営）", operator.email, "全地域の審査・自治体と支援機関の登録")]
        if coordinators:
            _spec, body, user = coordinators[0]
            logins.append(
                ("自治体・支援機関", user.email, f"{body.name}・審査待ち {review_queue(user).count()}件")
            )
        if companies:
            _plan, company, user = companies[0]
            sheets = company.spec_sheets.count()
            logins.append(("企業の管理者", user.email, f"{company.name}・仕様書 {sheets}件"))
        if talents:
            talent = talents[0]
            talent.refresh_from_db()
            logins.append(("人材", talent.email, talent.talent.display_name))
        logins.append(("管理画面", DEMO_ADMIN_EMAIL, f"ユーザー名 {DEMO_ADMIN_USERNAME}"))
        self.report.sample_logins = logins


class _DemoEngagements:
    """Applications, scouts, messages, contracts, check-ins, interest and referrals on the demo's
    published sheets, all through the engagement services (so events, consent records and
    notifications exist as they would). Deterministic; skipped when the demo sheets already have
    applications. The demo's notifications are marked as emailed: nobody gets demo mail.

    Scripted for the sample log-ins: the first talent has applied to the first company's first
    published sheet and is in conversation with it, and has a pending scout from another company.
    """

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

    def __init__(self, market: _DemoMarketplace, companies, coordinators, talents) -> None:
        self.market = market
        self.report = market.report
        self.today = market.today
        self.now = market.now
        self.companies = companies
        self.coordinators = coordinators
        self.talent_users = talents

    def build(self) -> None:
        from duallife.engagements.models import Application
        from duallife.postings.models import SpecSheet
        from duallife.talents.models import TalentProfile

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
        profiles = {
            profile.user_id: profile
            for profile in TalentProfile.objects.filter(user__in=self.talent_users).select_related("user")
        }
        talents = [profiles[user.pk] for user in self.talent_users if user.pk in profiles]
        self._referrals()
        self._scripted(sheets[0], talents, company_users)
        for number, sheet in enumerate(sheets):
            rng = _rng("engagement", number)
            # the scripted sheet stays open: a contract there could fill it and end the sample talk
            self._sheet(sheet, company_users[sheet.organization_id], talents[1:], rng, contracts=number > 0)
        self._interests(sheets, talents)
        self._follow_up()
        self._quiet_mail()

    # --- pieces -----------------------------------------------------------------------------

    def _referrals(self) -> None:
        from duallife.engagements.errors import EngagementError
        from duallife.engagements.services.referrals import referral_register
        from duallife.organizations.permissions import can_coordinate

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
                    referral_register(referrer=body, company=company, by=user, note=content.REFERRAL_NOTE)
                except EngagementError:
                    continue
                referred += 1

    def _apply(self, sheet, talent, rng: random.Random):
        from duallife.engagements.services.applications import application_submit

        message = rng.choice(content.APPLICATION_MESSAGES).format(
            title=sheet.title, job=talent.current_job or "会社員"
        )
        fields = rng.choice(((), ("email",), ("name", "email"), ("name", "email", "phone")))
        application = application_submit(sheet=sheet, by=talent.user, message=message, shared_fields=fields)
        self.report.created["applications"] += 1
        return application

    def _talk(self, application, company_user, rounds: int) -> None:
        from duallife.engagements.services.messages import message_post

        for side, text in content.THREAD[:rounds]:
            by = company_user if side == "company" else application.talent.user
            message_post(application=application, by=by, body=text)

    def _scripted(self, sheet, talents, company_users) -> None:
        """The first talent's application (in conversation) and a pending scout from another company."""
        from duallife.engagements.services.applications import application_advance
        from duallife.postings.models import SpecSheet

        first = talents[0]
        company_user = company_users[sheet.organization_id]
        application = self._apply(sheet, first, _rng("scripted"))
        application_advance(application=application, by=company_user, to="in_conversation")
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
            self._scout(other, first, company_users[other.organization_id], _rng("scripted-scout"))

    def _scout(self, sheet, talent, sender, rng: random.Random):
        from duallife.engagements.errors import EngagementError
        from duallife.engagements.services.scouts import scout_send

        message = rng.choice(content.SCOUT_MESSAGES).format(name=talent.display_name, title=sheet.title)
        try:
            scout = scout_send(sheet=sheet, talent=talent, by=sender, message=message)
        except EngagementError:
            return None
        self.report.created["scouts"] += 1
        return scout

    def _sheet(self, sheet, company_user, talents, rng: random.Random, *, contracts: bool = True) -> None:
        from duallife.engagements.models import Application
        from duallife.engagements.services.scouts import scout_accept, scout_decline

        taken = set(Application.objects.filter(sheet=sheet).values_list("talent_id", flat=True))
        pool = [t for t in talents if t.pk not in taken]
        count = min(rng.choice((0, 1, 1, 2, 2, 3, 4)), len(pool))
        chosen = rng.sample(pool, count)
        paths = [path for weight, path in self.PATHS for _ in range(weight)]
        # contracts last: reaching the openings closes the sheet
        plans = sorted(((rng.choice(paths), talent) for talent in chosen), key=lambda p: p[0] == "contract")
        if not contracts:
            plans = [("offer" if path == "contract" else path, talent) for path, talent in plans]
        for path, talent in plans:
            sheet.refresh_from_db(fields=["status"])
            if sheet.status != sheet.Status.PUBLISHED:
                break
            application = self._apply(sheet, talent, rng)
            self._walk(application, company_user, path, rng)
        scoutable = [t for t in pool if t not in chosen and t.visibility != t.Visibility.PRIVATE]
        sheet.refresh_from_db(fields=["status"])
        if scoutable and sheet.status == sheet.Status.PUBLISHED and rng.random() < 0.4:
            scout = self._scout(sheet, rng.choice(scoutable), company_user, rng)
            answer = rng.random()
            if scout is not None and answer < 0.3:
                scout_accept(scout=scout, by=scout.talent.user, shared_fields=("email",))
            elif scout is not None and answer < 0.5:
                scout_decline(
                    scout=scout, by=scout.talent.user, reason=rng.choice(content.SCOUT_DECLINE_REASONS)
                )

    def _walk(self, application, company_user, path: str, rng: random.Random) -> None:
        from duallife.engagements.services import applications as steps

        if path == "applied":
            return
        if path == "withdrawn":
            steps.application_withdraw(
                application=application,
                by=application.talent.user,
                reason=rng.choice(content.WITHDRAW_REASONS),
            )
            return
        if path == "declined":
            steps.application_decline(
                application=application, by=company_user, reason=rng.choice(content.DECLINE_REASONS)
            )
            return
        steps.application_advance(application=application, by=company_user, to="in_conversation")
        self._talk(application, company_user, rounds=rng.randint(1, len(content.THREAD)))
        if path == "in_conversation":
            return
        when = self.now + datetime.timedelta(days=rng.randint(2, 14), hours=rng.randint(0, 8))
        steps.application_advance(
            application=application,
            by=company_user,
            to="interview",
            interview_mode=rng.choice(("online", "online", "onsite")),
            interview_at=when,
        )
        if path == "interview":
            return
        steps.application_advance(application=application, by=company_user, to="offer")
        if path == "contract":
            self._contract(application, company_user, rng)

    def _contract(self, application, company_user, rng: random.Random) -> None:
        from duallife.engagements.services.contracts import contract_end, contract_record, contract_start

        sheet = application.sheet
        probono = sheet.is_probono or not sheet.fee_min_yen
        starts_on = self.today - datetime.timedelta(days=rng.randint(5, 85))
        months = sheet.duration_months or 6
        contract = contract_record(
            application=application,
            by=company_user,
            contract_type="probono" if probono else "outsourcing",
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=30 * months),
            days_per_month=sheet.days_per_month_max or sheet.days_per_month_min or 2,
            monthly_fee_yen=0 if probono else sheet.fee_min_yen,
            travel_paid_by=sheet.travel_paid_by,
            subsidy_eligible=sheet.subsidy_applies,
        )
        self.report.created["contracts"] += 1
        contract_start(contract=contract, by=company_user)
        self._answer_due(contract, company_user, rng)
        if rng.random() < 0.15:
            contract_end(
                contract=contract,
                by=application.talent.user,
                ended_on=self.today,
                reason=rng.choice(("talent_circumstances", "company_circumstances")),
                note=rng.choice(content.EARLY_END_NOTES),
            )

    def _answer_due(self, contract, company_user, rng: random.Random) -> None:
        from duallife.engagements.services.contracts import checkin_answer

        for checkin in contract.checkins.filter(due_on__lte=self.today, status="open").order_by("due_on"):
            for by in (company_user, contract.talent.user):
                if rng.random() < 0.85:  # now and then one side has not answered yet
                    rating, on_track, comment = rng.choice(content.CHECKIN_ANSWERS)
                    checkin_answer(checkin=checkin, by=by, rating=rating, on_track=on_track, comment=comment)

    def _interests(self, sheets, talents) -> None:
        from duallife.engagements.services.interests import interest_set_sharing, interest_toggle
        from duallife.regions.models import Prefecture

        prefectures = list(Prefecture.objects.filter(code__in=content.COMPANY_PREFECTURES).order_by("code"))
        rng = _rng("interests")
        for talent in talents[: max(3, len(talents) // 4)]:
            for sheet in rng.sample(sheets, min(len(sheets), rng.randint(0, 3))):
                sheet.refresh_from_db(fields=["status"])
                if sheet.status != sheet.Status.PUBLISHED:
                    continue
                interest_toggle(by=talent.user, sheet=sheet, on=True)
                if rng.random() < 0.3:
                    interest = talent.interests.get(sheet=sheet)
                    interest_set_sharing(interest=interest, by=talent.user, share_identity=True)
            if prefectures and rng.random() < 0.5:
                interest_toggle(by=talent.user, prefecture=rng.choice(prefectures), on=True)

    def _follow_up(self) -> None:
        """The daily job, as it would have run today: reminders for due check-ins, alerts."""
        from duallife.engagements.services.contracts import checkins_process_due

        checkins_process_due(today=self.today)

    def _quiet_mail(self) -> None:
        """Demo notifications stay in the app: mark them emailed so the queued mails send nothing."""
        from duallife.notifications.models import Notification

        Notification.objects.filter(
            user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}", emailed_at__isnull=True
        ).update(emailed_at=self.now)
