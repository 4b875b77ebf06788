"""Site-wide use cases that span apps. Today: filling a fresh database with demo content."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from duallife.regions.models import Municipality, Prefecture, SupportProgram

DEMO_EMAIL_DOMAIN = "example.jp"  # reserved for examples by JPRS: no real person has an address here
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = f"admin@{DEMO_EMAIL_DOMAIN}"
DEMO_PREFIX = "（デモ）"
DEMO_NOTE = "※デモ用の架空の制度です。実在の制度ではありません。"


class DemoDataError(Exception):
    """The demo data cannot be created; the message says why, in Japanese."""


class RegionPackNotLoaded(DemoDataError):
    pass


class RealUsersPresent(DemoDataError):
    pass


@dataclass
class DemoReport:
    programs_created: int = 0
    programs_updated: int = 0
    programs_unchanged: int = 0
    programs_skipped: list[str] = field(default_factory=list)
    admin_created: bool = False
    admin_password: str | None = None  # only when the admin was created just now

    def lines(self) -> list[str]:
        out = [
            f"支援制度（デモ）: 追加 {self.programs_created} / 更新 {self.programs_updated} / "
            f"変更なし {self.programs_unchanged}"
        ]
        if self.programs_skipped:
            out.append("地域パックにない市町村のため省略: " + "、".join(self.programs_skipped))
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


def demo_data_create(*, password: str | None = None, force: bool = False) -> DemoReport:
    """Fill the database with clearly fictional demo content. Idempotent.

    Needs the default region pack loaded. Refuses when real users exist unless ``force``.
    ``password`` is the demo admin's password when the admin is created; a random one otherwise.
    The admin's password is never changed on a re-run.
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

    report = DemoReport()
    with transaction.atomic():
        _demo_admin(report, password)
        _demo_programs(report, slug)
    return report


def _demo_admin(report: DemoReport, password: str | None) -> None:
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return
    chosen = password or secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username=DEMO_ADMIN_USERNAME, email=DEMO_ADMIN_EMAIL, password=chosen)
    report.admin_created = True
    report.admin_password = chosen


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
