"""Forms for talent profiles and the company-side talent search. They check what was typed and
build the service's input; whether a profile may be saved is the service's rule (asked here too,
so every problem shows at once)."""

from __future__ import annotations

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField, IdModelMultipleChoiceField
from duallife.core.texts import lazy_text
from duallife.engine.people import clean_name
from duallife.organizations.fields import (
    MunicipalityChoiceField,
    clean_kana_field,
    clean_phone_field,
    text_field,
)
from duallife.regions.forms import narrow_municipalities
from duallife.regions.models import Prefecture
from duallife.vocabulary.models import IndustryGroup, Theme

from . import services
from .models import TalentProfile, TalentSkill, WorkStyle
from .selectors import TalentFilters

#: Separators between skills typed on one line: 読点, commas (full and half width), semicolons, lines.
SKILL_SEPARATORS = re.compile(r"[、,，､;；\n\r]+")
EXTRA_SKILL_ROWS = 3


def split_skills(text: str) -> list[str]:
    return [part.strip() for part in SKILL_SEPARATORS.split(text or "") if part.strip()]


def _apply_errors(form: forms.Form, errors: dict[str | None, list[str]]) -> None:
    for field, messages in errors.items():
        target = field if field in form.fields else ("skills_text" if field == "skills" else None)
        for message in messages:
            form.add_error(target, message)


def _number(label: str, *, min_value: int, max_value: int, help_text: str = "", required: bool = False):
    message = lazy_text(
        _("%(label)sは%(min)s〜%(max)sの半角数字で入力してください。"),
        label=label,
        min=f"{min_value:,}",
        max=f"{max_value:,}",
    )
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=min_value,
        max_value=max_value,
        help_text=help_text,
        error_messages={"invalid": message, "min_value": message, "max_value": message, "required": message},
    )


class SkillRowForm(forms.Form):
    name = text_field(_("スキル"), max_length=services.MAX_SKILL_TEXT)
    years = _number(_("経験年数"), min_value=0, max_value=services.MAX_YEARS)
    level = forms.TypedChoiceField(
        label=_("レベル"),
        choices=TalentSkill.Level.choices,
        coerce=int,
        initial=TalentSkill.Level.PRACTICAL,
        error_messages={"invalid_choice": _("レベルを選び直してください。")},
    )

    def to_input(self) -> services.SkillInput | None:
        data = getattr(self, "cleaned_data", {})
        name = (data.get("name") or "").strip()
        if not name:
            return None
        return services.SkillInput(
            text=name, years=data.get("years") or 0, level=data.get("level") or TalentSkill.Level.PRACTICAL
        )


class BaseSkillRowFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, form in enumerate(self.forms, start=1):
            form.empty_permitted = True
            form.use_required_attribute = False
            form.fields["name"].label = _("スキル%(number)d") % {"number": number}
            form.fields["years"].label = _("スキル%(number)dの経験年数") % {"number": number}
            form.fields["level"].label = _("スキル%(number)dのレベル") % {"number": number}
            form.fields["level"].required = False


SkillRowFormSet = forms.formset_factory(
    SkillRowForm,
    formset=BaseSkillRowFormSet,
    extra=EXTRA_SKILL_ROWS,
    max_num=services.MAX_SKILLS,
    validate_max=True,
    absolute_max=services.MAX_SKILLS + EXTRA_SKILL_ROWS,
)


def skill_formset(profile: TalentProfile | None, data=None) -> forms.BaseFormSet:
    initial = []
    if profile is not None:
        for skill in profile.skills.all():
            initial.append(
                {
                    "name": skill.skill.name if skill.skill_id else skill.free_text,
                    "years": skill.years,
                    "level": skill.level,
                }
            )
    return SkillRowFormSet(data=data, initial=initial, prefix="skills")


class TalentProfileForm(forms.Form):
    family_name = text_field(
        _("姓"), max_length=40, required=True, help_text=_("例: 髙橋（旧字体や𠮷などもそのまま入力できます）")
    )
    given_name = text_field(_("名"), max_length=40, required=True, help_text=_("例: 美咲"))
    family_name_kana = text_field(
        _("セイ"), max_length=80, required=True, help_text=_("カタカナ。例: タカハシ")
    )
    given_name_kana = text_field(_("メイ"), max_length=80, required=True, help_text=_("カタカナ。例: ミサキ"))
    display_name = text_field(
        _("表示名"),
        max_length=40,
        required=True,
        help_text=_(
            "企業やほかの利用者に表示される名前です。氏名とは別に、ニックネームや「仙台出身のマーケター」のような呼び名を。"
        ),
    )
    phone = forms.CharField(
        label=_("電話番号（任意）"),
        required=False,
        max_length=20,
        help_text=_("本人だけが見られます。例: 090-1234-5678"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("電話番号は20文字以内で入力してください。")},
    )
    home_prefecture = IdModelChoiceField(
        label=_("お住まいの都道府県"),
        queryset=Prefecture.objects.none(),
        empty_label=_("選んでください"),
        error_messages={
            "required": _("お住まいの都道府県を選んでください。"),
            "invalid_choice": _("お住まいの都道府県を選び直してください。"),
        },
    )
    home_municipality = MunicipalityChoiceField(
        label=_("お住まいの市区町村（任意）"),
        help_text=_("一覧にない場合は空欄のままで構いません。"),
        error_messages={"invalid_choice": _("お住まいの市区町村を選び直してください。")},
    )
    hometown_prefecture = IdModelChoiceField(
        label=_("出身地（都道府県）"),
        queryset=Prefecture.objects.none(),
        required=False,
        empty_label=_("選択しない"),
        help_text=_("地元とのつながりは、地域の企業にとって大きな魅力です。"),
        error_messages={"invalid_choice": _("出身地の都道府県を選び直してください。")},
    )
    hometown_municipality = MunicipalityChoiceField(
        label=_("出身地（市区町村）"),
        help_text=_("一覧にない場合は空欄のままで構いません。"),
        error_messages={"invalid_choice": _("出身地の市区町村を選び直してください。")},
    )
    current_job = text_field(
        _("現在の仕事"), max_length=100, help_text=_("例: 都内のIT企業でWebマーケティングを担当（8年目）")
    )
    current_industry = IdModelChoiceField(
        label=_("現在の業種"),
        queryset=IndustryGroup.objects.none(),
        required=False,
        empty_label=_("選択しない"),
        error_messages={"invalid_choice": _("現在の業種を選び直してください。")},
    )
    skills_text = text_field(
        _("スキルをまとめて追加"),
        max_length=1000,
        rows=2,
        help_text=_(
            "読点（、）またはカンマで区切って入力。"
            "表記ゆれは自動でそろえます（例: Ｗｅｂマーケ → ウェブマーケティング）。"
            "一覧にないスキルもそのまま登録できます。経験年数とレベルは下の表で設定できます。"
        ),
    )
    themes = IdModelMultipleChoiceField(
        label=_("関心のあるテーマ"),
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("テーマを選び直してください。"),
            "invalid_pk_value": _("テーマを選び直してください。"),
        },
    )
    days_per_month = _number(
        _("月に使える日数"), min_value=1, max_value=services.MAX_DAYS, help_text=_("例: 2（月2日程度）")
    )
    work_style = forms.ChoiceField(
        label=_("希望する働き方"),
        choices=WorkStyle.choices,
        initial=WorkStyle.REMOTE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("希望する働き方を選んでください。"),
            "invalid_choice": _("希望する働き方を選んでください。"),
        },
    )
    visits_per_month = _number(
        _("月の現地訪問回数"),
        min_value=0,
        max_value=services.MAX_VISITS,
        help_text=_("「リモート中心＋現地訪問」を選んだ方だけ。例: 1"),
    )
    desired_monthly_fee_yen = _number(
        _("希望月額報酬（円）"),
        min_value=0,
        max_value=services.MAX_FEE_YEN,
        help_text=_(
            "円単位の半角数字。例: 50000（月1〜4日の副業では月3〜5万円が多く見られます）。プロボノなら0。"
        ),
    )
    accepts_pro_bono = forms.BooleanField(
        label=_("プロボノ（無償）の仕事も受ける"),
        required=False,
        help_text=_("チェックしないと、無償の案件はおすすめに出ません。"),
    )
    prefectures_of_interest = IdModelMultipleChoiceField(
        label=_("関心のある県"),
        queryset=Prefecture.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("県を選び直してください。"),
            "invalid_pk_value": _("県を選び直してください。"),
        },
    )
    motives = forms.MultipleChoiceField(
        label=_("関わりたい理由"),
        choices=TalentProfile.Motive.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("関わりたい理由を選び直してください。")},
    )
    self_introduction = text_field(
        _("自己紹介"),
        max_length=services.MAX_INTRODUCTION,
        rows=6,
        help_text=_("これまでの経験と、地域で挑戦したいこと。連絡先は書かないでください。"),
    )
    visibility = forms.ChoiceField(
        label=_("公開範囲"),
        choices=TalentProfile.Visibility.choices,
        initial=TalentProfile.Visibility.ANONYMOUS,
        widget=forms.RadioSelect,
        help_text=_("どの公開範囲でも、氏名・電話番号・メールアドレスが企業に表示されることはありません。"),
        error_messages={
            "required": _("公開範囲を選んでください。"),
            "invalid_choice": _("公開範囲を選んでください。"),
        },
    )

    in_company_digests = forms.BooleanField(
        label=_("企業・自治体への「新しく合う人材」のお知らせに載ってよい"),
        required=False,
        help_text=_(
            "企業の募集に合う人材として、表示名・スキル・関わり方の希望が週1回のお知らせメールに載ります。"
            "氏名・連絡先は載りません。非公開のときは載りません。"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        prefectures = Prefecture.objects.order_by("code")
        self.fields["home_prefecture"].queryset = prefectures
        self.fields["hometown_prefecture"].queryset = prefectures
        narrow_municipalities(self, prefecture="home_prefecture", municipality="home_municipality")
        narrow_municipalities(self, prefecture="hometown_prefecture", municipality="hometown_municipality")
        self.fields["prefectures_of_interest"].queryset = Prefecture.objects.filter(
            pack__isnull=False
        ).order_by("code")
        self.fields["current_industry"].queryset = IndustryGroup.objects.order_by("code")
        self.fields["themes"].queryset = Theme.objects.order_by("position", "key")
        # Typing skills shows how they will be read (htmx fills #skill-preview; works without it).
        self.fields["skills_text"].widget.attrs.update(
            {
                "hx-get": reverse("talents:skill_preview"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#skill-preview",
                "hx-swap": "innerHTML",
            }
        )
        self.skill_inputs: tuple[services.SkillInput, ...] = ()

    @classmethod
    def initial_for(cls, profile: TalentProfile | None) -> dict:
        if profile is None:
            return {}
        return {
            "family_name": profile.family_name,
            "given_name": profile.given_name,
            "family_name_kana": profile.family_name_kana,
            "given_name_kana": profile.given_name_kana,
            "display_name": profile.display_name,
            "phone": profile.phone,
            "home_prefecture": profile.home_prefecture_id,
            "home_municipality": profile.home_municipality_id or "",
            "hometown_prefecture": profile.hometown_prefecture_id,
            "hometown_municipality": profile.hometown_municipality_id or "",
            "current_job": profile.current_job,
            "current_industry": profile.current_industry_id,
            "themes": [t.pk for t in profile.themes.all()],
            "days_per_month": profile.days_per_month,
            "work_style": profile.work_style,
            "visits_per_month": profile.visits_per_month or None,
            "desired_monthly_fee_yen": profile.desired_monthly_fee_yen,
            "accepts_pro_bono": profile.accepts_pro_bono,
            "prefectures_of_interest": [p.pk for p in profile.prefectures_of_interest.all()],
            "motives": list(profile.motives or []),
            "self_introduction": profile.self_introduction,
            "visibility": profile.visibility,
            "in_company_digests": profile.in_company_digests,
        }

    def clean_family_name(self) -> str:
        return clean_name(self.cleaned_data.get("family_name", ""))

    def clean_given_name(self) -> str:
        return clean_name(self.cleaned_data.get("given_name", ""))

    def clean_family_name_kana(self) -> str:
        return clean_kana_field(self.cleaned_data.get("family_name_kana", ""), label=_("セイ"))

    def clean_given_name_kana(self) -> str:
        return clean_kana_field(self.cleaned_data.get("given_name_kana", ""), label=_("メイ"))

    def clean_phone(self) -> str:
        return clean_phone_field(self.cleaned_data.get("phone", ""))

    def set_skill_rows(self, rows: list[services.SkillInput]) -> None:
        """The skills from the table of rows (with years and level); the free-text line adds to them."""
        typed = split_skills(self.data.get(self.add_prefix("skills_text"), "")) if self.is_bound else []
        self.skill_inputs = (*rows, *(services.SkillInput(text=t) for t in typed))

    def clean(self):
        cleaned = super().clean()
        required = (
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "display_name",
            "home_prefecture",
        )
        if all(cleaned.get(name) for name in required) and "work_style" in cleaned:
            _apply_errors(self, services.talent_profile_problems(self.to_data()))
        return cleaned

    def to_data(self) -> services.TalentProfileData:
        data = self.cleaned_data
        return services.TalentProfileData(
            family_name=data["family_name"],
            given_name=data["given_name"],
            family_name_kana=data["family_name_kana"],
            given_name_kana=data["given_name_kana"],
            display_name=data["display_name"],
            phone=data.get("phone", ""),
            home_prefecture=data["home_prefecture"],
            home_municipality=data.get("home_municipality"),
            hometown_prefecture=data.get("hometown_prefecture"),
            hometown_municipality=data.get("hometown_municipality"),
            current_job=data.get("current_job", ""),
            current_industry=data.get("current_industry"),
            skills=self.skill_inputs,
            themes=tuple(data.get("themes") or ()),
            days_per_month=data.get("days_per_month"),
            work_style=data.get("work_style", WorkStyle.REMOTE),
            visits_per_month=data.get("visits_per_month") or 0,
            desired_monthly_fee_yen=data.get("desired_monthly_fee_yen"),
            accepts_pro_bono=bool(data.get("accepts_pro_bono")),
            prefectures_of_interest=tuple(data.get("prefectures_of_interest") or ()),
            motives=tuple(data.get("motives") or ()),
            self_introduction=data.get("self_introduction", ""),
            visibility=data.get("visibility", TalentProfile.Visibility.ANONYMOUS),
            in_company_digests=bool(data.get("in_company_digests")),
        )

    def apply_service_errors(self, errors: dict[str | None, list[str]]) -> None:
        _apply_errors(self, errors)


class TalentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("キーワード"),
        required=False,
        max_length=200,
        help_text=_("表記ゆれは自動でそろえます。例: Ｗｅｂマーケ 観光"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    skill = forms.CharField(
        label=_("スキル"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
    )
    theme = IdModelChoiceField(
        label=_("テーマ"),
        queryset=Theme.objects.none(),
        required=False,
        empty_label=_("すべて"),
        to_field_name="key",
    )
    interest = IdModelChoiceField(
        label=_("関心のある県"),
        queryset=Prefecture.objects.none(),
        required=False,
        empty_label=_("すべて"),
        to_field_name="code",
    )
    hometown = IdModelChoiceField(
        label=_("出身地"),
        queryset=Prefecture.objects.none(),
        required=False,
        empty_label=_("すべて"),
        to_field_name="code",
        help_text=_("出身地を公開している人だけが対象です。"),
    )
    style = forms.ChoiceField(
        label=_("働き方"), required=False, choices=[("", _("すべて")), *WorkStyle.choices]
    )
    min_days = forms.IntegerField(label=_("月の日数（以上）"), required=False, min_value=1, max_value=31)
    max_fee = forms.IntegerField(
        label=_("希望月額報酬（円・以下）"),
        required=False,
        min_value=0,
        max_value=services.MAX_FEE_YEN,
        help_text=_("希望報酬を書いていない人は含みません。"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.order_by("position", "key")
        self.fields["interest"].queryset = Prefecture.objects.filter(pack__isnull=False).order_by("code")
        self.fields["hometown"].queryset = Prefecture.objects.order_by("code")

    def filters(self) -> TalentFilters:
        """The search's filters; an unusable value in one filter drops that filter only."""
        if not self.is_bound:
            return TalentFilters()
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return TalentFilters(
            q=cleaned.get("q") or "",
            skill=cleaned.get("skill") or "",
            theme=cleaned.get("theme"),
            interest_prefecture=cleaned.get("interest"),
            hometown_prefecture=cleaned.get("hometown"),
            work_style=cleaned.get("style") or "",
            min_days=cleaned.get("min_days"),
            max_fee=cleaned.get("max_fee"),
        )
