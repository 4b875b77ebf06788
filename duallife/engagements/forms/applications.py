"""Forms for applying and for moving an application on: parsing and ranges only (rules: services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Application, ShareableField
from ..services.applications import MESSAGE_MAX_CHARS, REASON_MAX_CHARS

S = Application.Status


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("応募メッセージ"),
        max_length=MESSAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("なぜこの仕事に関心を持ったか、どんな経験を活かせるかを書いてください（10文字以上）。"),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("企業に知らせる項目"),
        choices=ShareableField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "チェックした項目だけが、この応募の企業に届きます（応募が同意になります）。"
            "表示名、スキル、関心のあるテーマ、稼働できる日数は、どの応募でも企業に見えます。"
        ),
    )


class ShareForm(forms.Form):
    fields_to_share = forms.MultipleChoiceField(
        label=_("追加で知らせる項目"),
        choices=ShareableField.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("知らせる項目を一つ以上選んでください。")},
    )


#: The steps offered from each open status: only forward (an interview may be moved to a new time).
NEXT_STEPS = {
    S.APPLIED: (S.IN_CONVERSATION, S.INTERVIEW, S.OFFER),
    S.IN_CONVERSATION: (S.INTERVIEW, S.OFFER),
    S.INTERVIEW: (S.INTERVIEW, S.OFFER),
    S.OFFER: (),
}


def step_label(status: str, current: str):
    if status == S.INTERVIEW and current == S.INTERVIEW:
        return _("面談（日時・方法を変える）")
    return S(status).label


class AdvanceForm(forms.Form):
    to = forms.ChoiceField(
        label=_("次の段階"),
        choices=[
            (S.IN_CONVERSATION, S.IN_CONVERSATION.label),
            (S.INTERVIEW, S.INTERVIEW.label),
            (S.OFFER, S.OFFER.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("次の段階を選択肢から選んでください。")},
    )

    def __init__(self, *args, current: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if current is not None:
            self.fields["to"].choices = [
                (step, step_label(step, current)) for step in NEXT_STEPS.get(current, ())
            ]

    interview_mode = forms.ChoiceField(
        label=_("面談の方法"),
        choices=[("", _("（面談のときに選ぶ）")), *Application.InterviewMode.choices],
        required=False,
    )
    interview_at = forms.DateTimeField(
        label=_("面談の日時"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M"],
        help_text=_("面談のときは必須です。例：2026-12-10 14:00"),
    )
    note = forms.CharField(
        label=_("応募者へのひとこと"),
        max_length=REASON_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("理由（任意・相手に伝わります）"),
        max_length=REASON_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PipelineFilterForm(forms.Form):
    VIEW_CHOICES = [("board", _("ボード")), ("list", _("一覧"))]

    view = forms.ChoiceField(label=_("表示"), choices=VIEW_CHOICES, required=False)
    sheet = forms.TypedChoiceField(label=_("仕様書"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("状態"), choices=[("", _("すべて")), *S.choices], required=False)
    q = forms.CharField(label=_("キーワード"), max_length=100, required=False)

    def __init__(self, *args, sheets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [("", _("すべての仕様書")), *((s.pk, s.title) for s in sheets)]
