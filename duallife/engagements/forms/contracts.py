"""Forms for contracts and check-ins: parsing and ranges only (the rules live in the services)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duallife.postings.models import SpecSheet

from ..models import Contract, ContractTerms
from ..services.closing import CLOSING_MESSAGE_MAX_CHARS
from ..services.contracts import (
    COMMENT_MAX_CHARS,
    MAX_MONTHLY_FEE_YEN,
    NOTE_MAX_CHARS,
    RATING_MAX,
    RATING_MIN,
    RECORDABLE_TYPES,
    add_months,
)
from ..services.proposals import (
    CHANGE_REQUEST_MAX_CHARS,
    METHOD_NOTE_MAX_CHARS,
    TERM_FIELDS,
    WORK_DESCRIPTION_MAX_CHARS,
    WORK_PLACE_MAX_CHARS,
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


def keep_open_field() -> forms.TypedMultipleChoiceField:
    """The conversations with a meeting booked that stay open when the sheet closes."""
    return forms.TypedMultipleChoiceField(
        label=_("面談の予定があり、続ける応募"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("続ける応募を一覧から選んでください。")},
    )


def closing_message_field() -> forms.CharField:
    return forms.CharField(
        label=_("ほかの応募者へのメッセージ（任意）"),
        max_length=CLOSING_MESSAGE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("空欄のときは、お礼と募集終了のお知らせを定型の文面で送ります。"),
    )


def booked_choices(conversations) -> list[tuple[int, str]]:
    return [(app.pk, app.talent.display_name) for app in conversations if getattr(app, "booked", False)]


def payment_day_choices() -> list[tuple[int, str]]:
    """The payment days in the reader's language (built when the form is, not at import)."""
    return [(0, _("末日")), *((day, _("%(day)d日") % {"day": day}) for day in range(1, 29))]


class ProposalForm(forms.Form):
    """The terms a company proposes: the work's shape, then what the フリーランス法 asks it to
    state; and, when this contract would fill the last opening, what happens to the others."""

    contract_type = forms.ChoiceField(
        label=_("契約形態"),
        choices=[(value, SpecSheet.ContractType(value).label) for value in RECORDABLE_TYPES],
        widget=forms.RadioSelect,
        help_text=_("雇用は提携する職業紹介事業者を通じて結ぶため、ここでは扱いません。"),
    )
    work_description = forms.CharField(
        label=_("業務の内容"),
        max_length=WORK_DESCRIPTION_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("何をしてもらうかを具体的に（成果物があれば、その内容も）。"),
    )
    work_place = forms.CharField(
        label=_("業務を行う場所"),
        max_length=WORK_PLACE_MAX_CHARS,
        help_text=_("例：オンライン（月1回は○○市の事務所）"),
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
    payment_month_offset = forms.TypedChoiceField(
        label=_("報酬の支払月（月末締め）"),
        choices=[(1, _("翌月")), (2, _("翌々月"))],
        coerce=int,
        initial=1,
        help_text=_("各月の業務の報酬は、月末から60日以内に支払います（フリーランス法）。"),
    )
    payment_day = forms.TypedChoiceField(
        label=_("支払日"), choices=payment_day_choices, coerce=int, initial=0
    )
    payment_method = forms.ChoiceField(
        label=_("支払方法"), choices=ContractTerms.PaymentMethod.choices, initial="bank_transfer"
    )
    payment_method_note = forms.CharField(
        label=_("支払方法の補足（「その他」のときは必須）"), max_length=METHOD_NOTE_MAX_CHARS, required=False
    )
    inspection_days = forms.IntegerField(
        label=_("検査を完了する期日（月末から何日以内・任意）"),
        min_value=1,
        max_value=59,
        required=False,
        help_text=_("成果物を検査するときだけ入力します。支払日より前に終えてください。"),
    )
    travel_paid_by = forms.ChoiceField(label=_("交通費の負担"), choices=SpecSheet.TravelPaidBy.choices)
    subsidy_eligible = forms.BooleanField(label=_("交通費補助制度の対象にする"), required=False)
    closing_keep = keep_open_field()
    closing_message = closing_message_field()

    def __init__(self, *args, conversations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closing_keep"].choices = booked_choices(conversations)


def contract_initial(sheet: SpecSheet, *, today: datetime.date | None = None) -> dict:
    """Terms prefilled from the sheet: its contract type, work, fee, days, travel and subsidy; a
    start on the first of next month and an end after the sheet's duration; paid at the end of the
    next month by bank transfer."""
    today = today or timezone.localdate()
    starts_on = add_months(today.replace(day=1), 1)
    probono = sheet.is_probono or sheet.contract_type == SpecSheet.ContractType.PROBONO
    return {
        "contract_type": SpecSheet.ContractType.PROBONO if probono else SpecSheet.ContractType.OUTSOURCING,
        "work_description": sheet.title,
        "starts_on": starts_on,
        "ends_on": add_months(starts_on, sheet.duration_months) if sheet.duration_months else None,
        "days_per_month": sheet.days_per_month_max or sheet.days_per_month_min,
        "monthly_fee_yen": 0 if probono else (sheet.fee_min_yen or sheet.fee_max_yen),
        "payment_month_offset": 1,
        "payment_day": 0,
        "payment_method": ContractTerms.PaymentMethod.BANK_TRANSFER,
        "travel_paid_by": sheet.travel_paid_by,
        "subsidy_eligible": sheet.subsidy_applies,
    }


def proposal_initial(proposal) -> dict:
    """A proposal's terms, to revise it."""
    return {name: getattr(proposal, name) for name in TERM_FIELDS}


STALE_PAGE = _("確認する契約条件が分かりませんでした。ページを読み込み直してください。")


class ConfirmForm(forms.Form):
    version = forms.IntegerField(
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE, "min_value": STALE_PAGE},
    )


class ChangeRequestForm(ConfirmForm):
    message = forms.CharField(
        label=_("変更してほしい点"),
        max_length=CHANGE_REQUEST_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "企業に届きます。たとえば開始日や稼働日数、支払日など、変えたい点と理由を書いてください。"
        ),
    )


class CloseSheetForm(forms.Form):
    """Closing a sheet by hand, having seen who is still in conversation."""

    reason = forms.ChoiceField(
        label=_("終了の理由"),
        choices=[
            (SpecSheet.ClosedReason.FILLED, _("決定（よい方が見つかった）")),
            (SpecSheet.ClosedReason.WITHDRAWN, _("取り下げ（募集をやめる）")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("終了の理由を選んでください。"),
            "invalid_choice": _("終了の理由を選択肢から選んでください。"),
        },
    )
    keep_open = keep_open_field()
    message = closing_message_field()

    def __init__(self, *args, conversations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep_open"].choices = booked_choices(conversations)


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
