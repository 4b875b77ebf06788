"""The company's forms: the guided form of a sheet, and closing a published one.

Every field has a help text and an example (``EXAMPLES``), shown next to it.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from duallife.regions.forms import narrow_municipalities
from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch
from duallife.talents.models import WorkStyle
from duallife.vocabulary.models import Theme

from ..models import SpecSheet
from ..selectors import sheet_skill_labels

#: Skills are typed as one text, separated by commas, 読点 or new lines.
SKILL_SEPARATORS = re.compile(r"[,、，､;；\n\r]+")

EXAMPLES = {
    "organization": _("株式会社みちのく味噌醸造"),
    "title": _("老舗味噌蔵の新商品を首都圏に届けるウェブマーケティング（月2〜4日・ほぼリモート）"),
    "prefecture": _("宮城県"),
    "municipality": _("宮城県仙台市"),
    "issue": _(
        "創業120年の味噌蔵です。県内の売上は安定していますが、首都圏での知名度が低く、昨年始めたネットショップの"
        "売上は月10万円ほどです。社内にウェブに詳しい人がおらず、広告やSNSの数字を読み解ける人がいません。"
    ),
    "outcome": _("半年で、ネットショップの月商を30万円にする販促計画と、社員が自分で回せるSNS運用の手順書。"),
    "themes": _("マーケティング、商品開発"),
    "required_skills": _("Webマーケティング、データ分析"),
    "welcome_skills": _("SNS運用、食品業界での商品企画"),
    "days_per_month": _("月2〜4日（週1副社長なら月4日前後）"),
    "work_style": _("ほぼリモート（オンライン会議は月2回）、現地訪問は月1回"),
    "visits_per_month": _("1（最初の月だけ2回）"),
    "duration_months": _("6（まず半年、成果を見て延長を相談）"),
    "fee": _("月3万〜5万円"),
    "is_probono": _("NPOの広報を無償で手伝ってもらう場合など"),
    "fee_reason": _("宿泊費と交通費は別に全額負担するため、報酬は目安より低めです。"),
    "contract_type": _("業務委託"),
    "travel_paid_by": _("企業が負担（新幹線の往復を月1回分）"),
    "subsidy_applies": _("県の「副業人材交通費補助」の対象です"),
    "openings": _("1"),
    "closes_on": _("公開から1か月後"),
    "why_you": _(
        "首都圏の消費者に食品を売った経験のある方に、バイヤーと消費者の目で私たちの商品と売り方を見直してほしいのです。"
        "社長と二人三脚で、数字を見ながら次の一手を決めてくれる方を求めています。"
    ),
}


def split_skills(text: str) -> list[str]:
    """「Webマーケ、データ分析, SNS」→ ["Webマーケ", "データ分析", "SNS"] (blanks dropped)."""
    return [part.strip() for part in SKILL_SEPARATORS.split(text or "") if part.strip()]


def _worded_later(message, **params) -> str:
    """``message % params`` worded when shown (in the reader's language), not at import."""
    return lazy(lambda: str(message) % {key: str(value) for key, value in params.items()}, str)()


def _int_field(
    label: str, low: int, high: int, *, required: bool = False, help_text: str = "", **kwargs
) -> forms.Field:
    message = _worded_later(
        _("%(label)sは%(low)s〜%(high)sの整数で入力してください。"),
        label=label,
        low=f"{low:,}",
        high=f"{high:,}",
    )
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=low,
        max_value=high,
        help_text=help_text,
        error_messages={
            "required": _worded_later(_("%(label)sを入力してください。"), label=label),
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


def place_choices() -> tuple[list, list, dict[str, str]]:
    """Places of the region pack (one query): the prefectures, their municipalities grouped by
    prefecture (JIS order) for a <select> with optgroups, and each municipality's prefecture."""
    groups: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    parents: dict[str, str] = {}
    for place in (
        Municipality.objects.filter(role=Municipality.Role.PACK).select_related("prefecture").order_by("code")
    ):
        _name, options = groups.setdefault(place.prefecture.code, (place.prefecture.name, []))
        options.append((place.code, place.name))
        parents[place.code] = place.prefecture.code
    ordered = sorted(groups.items())
    prefectures = [("", _("すべて"))] + [(code, name) for code, (name, _options) in ordered]
    municipalities = [("", _("選んでください"))] + [(name, options) for _code, (name, options) in ordered]
    return prefectures, municipalities, parents


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.key, theme.name) for theme in Theme.objects.order_by("position", "key")]


class SpecSheetForm(forms.Form):
    """The guided form: the fields of a sheet as a company writes them."""

    organization = forms.ChoiceField(
        label=_("掲載する企業"),
        help_text=_("複数の企業に所属している場合は、どの企業の仕様書かを選んでください。"),
        error_messages={
            "required": _("掲載する企業を選んでください。"),
            "invalid_choice": _("掲載する企業を一覧から選んでください。"),
        },
    )
    title = forms.CharField(
        label=_("タイトル"),
        max_length=80,
        help_text=_("誰と、何を、どこまでやるのかが一目で分かる一文に（50文字以内がおすすめ）。"),
        error_messages={
            "required": _("タイトルを入力してください。"),
            "max_length": _("タイトルは80文字以内で入力してください（今は%(show_value)d文字）。"),
        },
    )
    prefecture = forms.ChoiceField(
        label=_("勤務地の都道府県"),
        required=False,
        help_text=_("選ぶと、下の勤務地の一覧がその都道府県の市町村だけになります。"),
        error_messages={"invalid_choice": _("勤務地の都道府県は一覧から選んでください。")},
    )
    municipality = forms.ChoiceField(
        label=_("勤務地（会社・地域の所在地）"),
        help_text=_("リモート中心の仕事でも、関わる会社や地域の市町村を選んでください。"),
        error_messages={
            "required": _("勤務地を選んでください。"),
            "invalid_choice": _("勤務地は一覧の市町村から選んでください。"),
        },
    )
    issue = forms.CharField(
        label=_("背景・課題"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "今どんな状況で、何に困っていて、なぜ今取り組むのか。数字が一つあると伝わりやすくなります。"
        ),
        error_messages={"max_length": _("背景・課題は4000文字以内で入力してください。")},
    )
    outcome = forms.CharField(
        label=_("成果物・ゴール"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("何ができたら成功か。期間内に残してほしいもの（計画書、仕組み、数字）を書きます。"),
        error_messages={"max_length": _("成果物・ゴールは2000文字以内で入力してください。")},
    )
    themes = forms.MultipleChoiceField(
        label=_("テーマ"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("仕事の中心になるテーマを1〜3個。テーマから仕事を探す人に見つけてもらえます。"),
        error_messages={"invalid_choice": _("テーマは一覧から選んでください。")},
    )
    required_skills = forms.CharField(
        label=_("必須スキル"),
        required=False,
        max_length=1500,
        help_text=_(
            "この仕事に欠かせないスキルを1〜3個。読点（、）かカンマで区切ります。表記ゆれはそろえて登録します。"
        ),
        error_messages={"max_length": _("必須スキルは全部で1500文字以内にしてください。")},
    )
    welcome_skills = forms.CharField(
        label=_("歓迎スキル"),
        required=False,
        max_length=1500,
        help_text=_("あると嬉しいスキルや経験。必須スキルと同じ書き方です。"),
        error_messages={"max_length": _("歓迎スキルは全部で1500文字以内にしてください。")},
    )
    days_per_month_min = _int_field(
        _("月の稼働日数（下限）"), 1, 31, help_text=_("本業のある人が無理なく続けられる日数を。")
    )
    days_per_month_max = _int_field(
        _("月の稼働日数（上限）"), 1, 31, help_text=_("決まっていれば下限と同じ日数を入れてください。")
    )
    work_style = forms.ChoiceField(
        label=_("働き方"),
        choices=WorkStyle.choices,
        widget=forms.RadioSelect,
        help_text=_("遠方に住む人が参加できるかを判断する大事な項目です。"),
        error_messages={
            "required": _("働き方を選んでください。"),
            "invalid_choice": _("働き方を選択肢から選んでください。"),
        },
    )
    visits_per_month = _int_field(
        _("月の現地訪問回数"), 0, 31, required=True, initial=0, help_text=_("訪問がなければ0。")
    )
    duration_months = _int_field(
        _("期間（か月）"), 1, 60, help_text=_("最初の区切りの目安。延長の相談は後からできます。")
    )
    contract_type = forms.ChoiceField(
        label=_("契約形態"),
        choices=SpecSheet.ContractType.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "このサービスが直接つなぐのは業務委託とプロボノです。雇用は許可を持つ提携事業者からの紹介になります。"
        ),
        error_messages={
            "required": _("契約形態を選んでください。"),
            "invalid_choice": _("契約形態を選択肢から選んでください。"),
        },
    )
    fee_min_yen = _int_field(
        _("月額報酬（下限・円）"), 0, 10_000_000, help_text=_("円で入力します（例：30000）。")
    )
    fee_max_yen = _int_field(
        _("月額報酬（上限・円）"),
        0,
        10_000_000,
        help_text=_("月1〜4日の副業では月3万〜5万円がよく見られる目安です。"),
    )
    is_probono = forms.BooleanField(
        label=_("プロボノ（報酬なし）で募集する"),
        required=False,
        help_text=_("報酬なしの場合は契約形態も「プロボノ」にし、報酬欄は空けておきます。"),
    )
    fee_reason = forms.CharField(
        label=_("報酬設定の理由（任意）"),
        required=False,
        max_length=300,
        help_text=_("目安から外れる場合は、その理由を一言。"),
        error_messages={"max_length": _("報酬設定の理由は300文字以内で入力してください。")},
    )
    travel_paid_by = forms.ChoiceField(
        label=_("交通費の負担"),
        choices=SpecSheet.TravelPaidBy.choices,
        help_text=_("現地訪問の交通費を誰が払うか。"),
        error_messages={
            "required": _("交通費の負担を選んでください。"),
            "invalid_choice": _("交通費の負担を選択肢から選んでください。"),
        },
    )
    subsidy_applies = forms.BooleanField(
        label=_("交通費補助制度の対象"),
        required=False,
        help_text=_("自治体などの交通費補助が使える場合にチェックします。"),
    )
    openings = _int_field(
        _("募集人数"), 1, 99, required=True, initial=1, help_text=_("決まっていなければ1人に。")
    )
    closes_on = forms.DateField(
        label=_("募集締切日（任意）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("締切があると、応募を後回しにされにくくなります。募集期間は1か月程度が目安です。"),
        error_messages={"invalid": _("締切日は「2025-04-30」の形の日付で入力してください。")},
    )
    why_you = forms.CharField(
        label=_("あなたが必要な理由"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "どんな経験を持つ人に、どの場面で力を借りたいのか。その人にとって何が面白いのか。この欄が一番読まれます。"
        ),
        error_messages={"max_length": _("あなたが必要な理由は2000文字以内で入力してください。")},
    )

    #: Field groups of the page, in order: (legend, field names).
    SECTIONS = (
        (_("基本"), ("organization", "title", "prefecture", "municipality")),
        (_("仕事の中身"), ("issue", "outcome", "themes")),
        (_("求める人"), ("why_you", "required_skills", "welcome_skills")),
        (
            _("関わり方"),
            ("days_per_month_min", "days_per_month_max", "work_style", "visits_per_month", "duration_months"),
        ),
        (
            _("報酬と契約"),
            (
                "contract_type",
                "fee_min_yen",
                "fee_max_yen",
                "is_probono",
                "fee_reason",
                "travel_paid_by",
                "subsidy_applies",
            ),
        ),
        (_("募集"), ("openings", "closes_on")),
    )
    #: Fields that are not the sheet's data: the company (given on its own) and the prefecture (it
    #: only narrows the list of workplaces).
    NOT_SAVED = ("organization", "prefecture")
    EXAMPLE_KEYS = {
        "days_per_month_min": "days_per_month",
        "days_per_month_max": "days_per_month",
        "fee_min_yen": "fee",
        "fee_max_yen": "fee",
    }

    def __init__(self, *args, organizations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organizations = list(organizations or [])
        if len(organizations) > 1:
            self.fields["organization"].choices = [("", _("選んでください"))] + [
                (org.slug, org.name) for org in organizations
            ]
        else:
            del self.fields["organization"]
        self.organizations = {org.slug: org for org in organizations}
        prefectures, municipalities, parents = place_choices()
        self.fields["prefecture"].choices = prefectures
        self.fields["municipality"].choices = municipalities
        self.place_parents = parents
        narrow_municipalities(self, by="code", parents=parents)
        self.fields["themes"].choices = theme_choices()
        for name, field in self.fields.items():
            key = self.EXAMPLE_KEYS.get(name, name)
            field.example = EXAMPLES.get(key, "")

    def clean(self) -> dict[str, Any]:
        """A workplace of another prefecture than the one chosen is an error."""
        cleaned = super().clean()
        prefecture, municipality = cleaned.get("prefecture"), cleaned.get("municipality")
        if prefecture and municipality and self.place_parents.get(municipality) != prefecture:
            place = Municipality.objects.select_related("prefecture").get(code=municipality)
            mismatch = municipality_mismatch(place, Prefecture.objects.get(code=prefecture))
            self.add_error("municipality", mismatch)
        return cleaned

    def sections(self):
        """(legend, bound fields) of each group, skipping fields this form does not have."""
        for legend, names in self.SECTIONS:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield legend, fields

    def chosen_organization(self):
        if "organization" in self.fields:
            return self.organizations.get(self.cleaned_data.get("organization"))
        return next(iter(self.organizations.values()), None)

    def to_data(self, *, partial: bool = False) -> dict[str, Any]:
        """The service's ``data``: skills split, themes as keys. ``partial``: valid fields only."""
        cleaned = self.cleaned_data
        data: dict[str, Any] = {}
        for name in self.fields:
            if name in self.NOT_SAVED or (partial and name not in cleaned):
                continue
            value = cleaned.get(name)
            if name in ("required_skills", "welcome_skills"):
                value = split_skills(value or "")
            elif name == "themes":
                value = list(value or [])
            data[name] = value
        return data

    @classmethod
    def initial_from(cls, sheet: SpecSheet) -> dict[str, Any]:
        """Initial values for editing ``sheet`` (themes and skills read through its prefetches)."""

        initial = {name: getattr(sheet, name) for name in cls.base_fields if hasattr(sheet, name)}
        initial.pop("organization", None)
        initial["prefecture"] = sheet.municipality.prefecture.code
        initial["municipality"] = sheet.municipality.code
        initial["themes"] = [theme.key for theme in sheet.themes.all()]
        initial["required_skills"] = "、".join(sheet_skill_labels(sheet, "required"))
        initial["welcome_skills"] = "、".join(sheet_skill_labels(sheet, "welcome"))
        return initial


DEFAULT_INITIAL = {
    "work_style": WorkStyle.HYBRID,
    "visits_per_month": 0,
    "contract_type": SpecSheet.ContractType.OUTSOURCING,
    "travel_paid_by": SpecSheet.TravelPaidBy.COMPANY,
    "openings": 1,
}
