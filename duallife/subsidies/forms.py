"""Forms of travel-cost support: parsing and ranges only (the rules live in the services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.core.formats import localized_name
from duallife.organizations.models import Organization
from duallife.regions.models import Municipality, Prefecture

from .models import Claim
from .services.claims import MAX_FARE_YEN, MAX_LODGING_YEN, MAX_NIGHTS, NOTE_MAX_CHARS
from .services.reviews import REFERENCE_MAX_CHARS

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
DATE_INVALID = _("日付を「2026-12-01」の形で入力してください。")


def date_field(label, *, required: bool = True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": DATE_INVALID},
    )


def yen_field(label, *, maximum: int, required: bool = False, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=0,
        max_value=maximum,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("半角の整数で入力してください。"),
            "min_value": _("0以上の数を入力してください。"),
            "max_value": _("%(limit_value)s以下の数を入力してください。"),
        },
    )


class PrefectureChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return localized_name(obj)


class MunicipalityChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{localized_name(obj.prefecture)} {localized_name(obj)}"


class ContractChoiceField(IdModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(sheet)s（%(talent)s × %(company)s）") % {
            "sheet": obj.sheet.title,
            "talent": obj.talent.display_name,
            "company": obj.organization.name,
        }


class ClaimStartForm(forms.Form):
    contract = ContractChoiceField(
        label=_("対象の契約"),
        queryset=Claim._meta.get_field("contract").related_model.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("契約を一覧から選んでください。"),
            "required": _("契約を選んでください。"),
        },
    )

    def __init__(self, *args, contracts=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if contracts is not None:
            self.fields["contract"].queryset = contracts


class TripForm(forms.Form):
    date = date_field(_("出発日"))
    origin_prefecture = PrefectureChoiceField(
        label=_("出発地"),
        queryset=Prefecture.objects.order_by("code"),
        to_field_name="code",
        empty_label=None,
        error_messages={"invalid_choice": _("出発地を一覧から選んでください。")},
    )
    destination = MunicipalityChoiceField(
        label=_("行き先"),
        queryset=Municipality.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("行き先を一覧から選んでください。")},
    )
    round_trip_fare_yen = yen_field(
        _("往復運賃（円）"),
        maximum=MAX_FARE_YEN,
        help_text=_("空欄のときは、地域データの標準運賃（東京から）を使います。"),
    )
    fare_reason = forms.CharField(
        label=_("標準運賃と違うときの理由"),
        required=False,
        max_length=200,
        help_text=_("例: 早割を使った、別の経路で行った"),
    )
    lodging_nights = forms.IntegerField(
        label=_("宿泊数"),
        min_value=0,
        max_value=MAX_NIGHTS,
        initial=0,
        error_messages={"invalid": _("半角の整数で入力してください。")},
    )
    lodging_yen_per_night = yen_field(_("1泊の宿泊費（円）"), maximum=MAX_LODGING_YEN)
    other_subsidy = forms.BooleanField(label=_("この往復はほかの補助も受けている"), required=False)
    receipt = forms.FileField(
        label=_("領収書（任意・あとからでも添付できます）"),
        required=False,
        help_text=_("PDF、PNG・JPEG画像など。10MBまで。"),
    )

    def __init__(self, *args, destinations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if destinations is not None:
            self.fields["destination"].queryset = destinations
        self.fields["origin_prefecture"].initial = "13"


class ReceiptForm(forms.Form):
    receipt = forms.FileField(label=_("領収書"), help_text=_("PDF、PNG・JPEG画像など。10MBまで。"))


class SubmitForm(forms.Form):
    declared = forms.BooleanField(
        label=_(
            "ほかの補助を受けている往復はそのように記し、それ以外の往復はほかの補助を受けていないことを申告します"
        ),
        required=False,
    )


class ReportForm(forms.Form):
    note = forms.CharField(
        label=_("実績報告（任意）"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("予定から変わったことなどがあれば書いてください。"),
    )


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("申請者に伝える理由"),
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("申請者に伝える理由を書いてください。")},
    )


class FixForm(forms.Form):
    amount_yen = yen_field(_("確定額（円）"), maximum=10_000_000_000, required=True)
    note = forms.CharField(
        label=_("交付決定額より少ないときの理由"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PayForm(forms.Form):
    paid_on = date_field(_("支払日"))
    reference = forms.CharField(label=_("振込の参照番号など"), max_length=REFERENCE_MAX_CHARS)


class ClaimFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("状態"), required=False, choices=[("", _("すべて")), *Claim.State.choices]
    )


class PrefectureCodesField(forms.TypedMultipleChoiceField):
    """Prefectures as their 2-digit codes; the choices are built when the form is."""


def _flag(label, help_text="") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


def _count(label, help_text="") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=1,
        max_value=1000,
        help_text=help_text,
        error_messages={"invalid": _("半角の整数で入力してください。")},
    )


MAX_PROGRAM_YEN = 10_000_000_000


class ProgramForm(forms.Form):
    """A program's rules (the keys of its file) and settings, as the owning body edits them."""

    name = forms.CharField(label=_("制度の名称"), max_length=200)
    owner = forms.CharField(label=_("実施主体"), max_length=200)
    budget_yen = yen_field(_("予算額（円）"), maximum=MAX_PROGRAM_YEN, required=True)
    payee = forms.ChoiceField(label=_("支払先"), choices=Claim._meta.get_field("payee").choices)
    source = forms.CharField(label=_("出典（要綱など）"), max_length=300)
    source_date = date_field(_("出典の日付"))
    rate = forms.CharField(label=_("補助率"), max_length=20, help_text=_("「1/2」のような分数"))
    min_round_trip_yen = yen_field(_("往復運賃の下限（円）"), maximum=MAX_PROGRAM_YEN)
    floor_inclusive = _flag(_("下限ちょうどの往復も対象にする（「以上」）"))
    floor_scope = forms.ChoiceField(
        label=_("下限を満たさない往復があるとき"),
        choices=[("trip", _("その往復だけ対象外")), ("claim", _("申請全体が対象外"))],
    )
    floor_voids_lodging = _flag(_("下限を満たさない往復は宿泊費も対象外"))
    covers_lodging = _flag(_("宿泊費も対象にする"))
    lodging_cap_per_night_yen = yen_field(_("1泊あたりの上限（円）"), maximum=MAX_PROGRAM_YEN)
    cap_per_claim_yen = yen_field(_("1回の申請の上限（円）"), maximum=MAX_PROGRAM_YEN)
    cap_per_person_per_fy_yen = yen_field(_("1人あたり年度の上限（円）"), maximum=MAX_PROGRAM_YEN)
    cap_per_company_per_fy_yen = yen_field(_("1社あたり年度の上限（円）"), maximum=MAX_PROGRAM_YEN)
    cap_per_person_multi_year_yen = yen_field(_("1人あたり複数年度の上限（円）"), maximum=MAX_PROGRAM_YEN)
    multi_year_span = _count(_("複数年度の上限の年度数"))
    max_people_per_company_per_fy = _count(_("1社が年度に申請できる人数"))
    max_claims_per_person_per_fy = _count(_("1人あたり年度の申請件数"))
    max_contract_months = _count(_("対象となる契約期間の上限（か月）"))
    no_stacking = _flag(_("ほかの補助を受けた往復は対象外"))
    origin_prefectures = PrefectureCodesField(
        label=_("出発地の都道府県（空欄はすべて）"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    destination_prefectures = PrefectureCodesField(
        label=_("行き先の都道府県（空欄はすべて）"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    round_down_to_yen = forms.TypedChoiceField(
        label=_("端数の切り捨て"),
        coerce=int,
        choices=[(1, _("1円未満（切り捨てなし）")), (100, _("100円未満")), (1000, _("1,000円未満"))],
    )
    notes = forms.CharField(
        label=_("ルールにできない条件（注記）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    intake_opens_on = date_field(_("受付開始日"), required=False)
    intake_closes_on = date_field(_("受付終了日"), required=False)
    required_documents = forms.CharField(
        label=_("必要書類"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    two_person_rule = _flag(_("交付決定をした人とは別の人が支払を記録する（二者確認）"))
    owner_organization = IdModelChoiceField(
        label=_("担当する組織（申請を審査する自治体・支援機関）"),
        queryset=Organization.objects.filter(kind=Organization.Kind.COORDINATOR, is_active=True),
        required=False,
        empty_label=_("事務局のみ"),
        error_messages={"invalid_choice": _("担当する組織を一覧から選んでください。")},
    )

    RULE_FIELDS = (
        "name", "owner", "budget_yen", "payee", "source", "source_date", "rate", "min_round_trip_yen",
        "floor_inclusive", "floor_scope", "floor_voids_lodging", "covers_lodging",
        "lodging_cap_per_night_yen", "cap_per_claim_yen", "cap_per_person_per_fy_yen",
        "cap_per_company_per_fy_yen",
        "cap_per_person_multi_year_yen", "multi_year_span", "max_people_per_company_per_fy",
        "max_claims_per_person_per_fy", "max_contract_months", "no_stacking", "origin_prefectures",
        "destination_prefectures", "round_down_to_yen", "notes",
    )  # fmt: skip
    SETTING_FIELDS = ("intake_opens_on", "intake_closes_on", "required_documents", "two_person_rule")
    #: Flags written into the rules only when true (a file leaves them out).
    FLAGS = ("floor_inclusive", "floor_voids_lodging", "covers_lodging", "no_stacking")

    def __init__(self, *args, assigns_owner: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not assigns_owner:  # only operators choose the owning body
            del self.fields["owner_organization"]
        choices = [(p.code, localized_name(p)) for p in Prefecture.objects.order_by("code")]
        for name in ("origin_prefectures", "destination_prefectures"):
            self.fields[name].choices = choices

    def rules(self) -> dict:
        """The cleaned rules as the file's keys (defaults left out, as a file would)."""
        data = {}
        for name in self.RULE_FIELDS:
            value = self.cleaned_data.get(name)
            if name in self.FLAGS and not value:
                continue
            if name == "floor_scope" and value == "trip":
                continue
            if name == "round_down_to_yen" and value == 1:
                continue
            data[name] = value
        return data

    def settings(self) -> dict:
        names = (
            (*self.SETTING_FIELDS, "owner_organization")
            if "owner_organization" in self.fields
            else self.SETTING_FIELDS
        )
        return {name: self.cleaned_data.get(name) for name in names}


def program_initial(program, rules: dict) -> dict:
    initial = {key: value for key, value in rules.items()}
    initial.setdefault("floor_scope", "trip")
    initial.setdefault("round_down_to_yen", 1)
    for name in (*ProgramForm.SETTING_FIELDS, "owner_organization"):
        initial[name] = getattr(program, name)
    return initial
