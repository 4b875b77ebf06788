"""Forms for contracts and check-ins: parsing and ranges only (the rules live in the services)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duallife.postings.models import SpecSheet

from ..models import Contract
from ..services.contracts import (
    COMMENT_MAX_CHARS,
    MAX_MONTHLY_FEE_YEN,
    NOTE_MAX_CHARS,
    RATING_MAX,
    RATING_MIN,
    RECORDABLE_TYPES,
    add_months,
)

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]


def date_field(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        error_messages={"invalid": _("日付を「2026-12-01」の形で入力してください。")},
    )


class ContractForm(forms.Form):
    contract_type = forms.ChoiceField(
        label=_("契約形態"),
        choices=[(value, SpecSheet.ContractType(value).label) for value in RECORDABLE_TYPES],
        widget=forms.RadioSelect,
        help_text=_("雇用は提携する職業紹介事業者を通じて結ぶため、ここでは記録しません。"),
    )
    starts_on = date_field(_("開始日"))
    ends_on = date_field(
        _("終了予定日"), required=False, help_text=_("期間を決めていないときは空欄にしてください。")
    )
    days_per_month = forms.IntegerField(label=_("月の稼働日数"), min_value=1, max_value=31)
    monthly_fee_yen = forms.IntegerField(
        label=_("月額報酬（円）"),
        min_value=0,
        max_value=MAX_MONTHLY_FEE_YEN,
        help_text=_("税込の月額を円で入力します。プロボノは0円です。"),
    )
    travel_paid_by = forms.ChoiceField(label=_("交通費の負担"), choices=SpecSheet.TravelPaidBy.choices)
    subsidy_eligible = forms.BooleanField(label=_("交通費補助制度の対象にする"), required=False)


def contract_initial(sheet: SpecSheet, *, today: datetime.date | None = None) -> dict:
    """Terms prefilled from the sheet: its contract type, fee, days, travel and subsidy; a start on
    the first of next month and an end after the sheet's duration."""
    today = today or timezone.localdate()
    starts_on = add_months(today.replace(day=1), 1)
    probono = sheet.is_probono or sheet.contract_type == SpecSheet.ContractType.PROBONO
    return {
        "contract_type": SpecSheet.ContractType.PROBONO if probono else SpecSheet.ContractType.OUTSOURCING,
        "starts_on": starts_on,
        "ends_on": add_months(starts_on, sheet.duration_months) if sheet.duration_months else None,
        "days_per_month": sheet.days_per_month_max or sheet.days_per_month_min,
        "monthly_fee_yen": 0 if probono else (sheet.fee_min_yen or sheet.fee_max_yen),
        "travel_paid_by": sheet.travel_paid_by,
        "subsidy_eligible": sheet.subsidy_applies,
    }


class EndForm(forms.Form):
    ended_on = date_field(_("終了日"))
    reason = forms.ChoiceField(
        label=_("終了の理由"),
        choices=Contract.EndReason.choices,
        initial=Contract.EndReason.COMPLETED,
        help_text=_("終了予定日より前に終えるときは、「予定どおり完了」以外の理由を選んでください。"),
    )
    note = forms.CharField(
        label=_("メモ（任意・「その他」のときは必須）"),
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


RATING_LABELS = {
    1: _("1（とても悪い）"),
    2: _("2（悪い）"),
    3: _("3（ふつう）"),
    4: _("4（良い）"),
    5: _("5（とても良い）"),
}


class CheckInAnswerForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("全体の満足度"),
        choices=[(n, RATING_LABELS[n]) for n in range(RATING_MIN, RATING_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("満足度を選んでください。")},
    )
    on_track = forms.TypedChoiceField(
        label=_("取り決めどおりに進んでいますか"),
        choices=[("yes", _("はい")), ("no", _("いいえ"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("「はい」か「いいえ」を選んでください。")},
    )
    comment = forms.CharField(
        label=_("ひとこと（任意）"),
        max_length=COMMENT_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("うまくいっていること、困っていることを自由に書いてください。相手には表示されません。"),
    )


class FollowupFilterForm(forms.Form):
    prefecture = forms.TypedChoiceField(label=_("都道府県"), coerce=int, required=False, empty_value=None)
    alerts = forms.BooleanField(label=_("注意が必要なものだけ"), required=False)

    def __init__(self, *args, prefectures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = [("", _("すべて")), *((p.pk, p.name) for p in prefectures)]
