"""Forms of the nominations page: the player's answer, the team's message, the outcome and the
organiser's status filter. Each parses one button or one small text; every rule stays in
:mod:`duallife.drafts.services.nominations`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Nomination
from ..services.nominations import MESSAGE_MAX, OUTCOME_NOTE_MAX
from .messages import DraftMessageForm


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", gettext_lazy("受諾する")), ("decline", gettext_lazy("辞退する"))],
        error_messages={
            "required": gettext_lazy("「受諾する」か「辞退する」のボタンで回答してください。"),
            "invalid_choice": gettext_lazy("「受諾する」か「辞退する」のボタンで回答してください。"),
        },
    )
    #: Sent by the confirmation page's button: without it, the answer is only shown for confirming.
    confirmed = forms.BooleanField(required=False)


class QuestionForm(DraftMessageForm):
    """A question to the nominating team, asked from the nomination page (a message of the thread)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("チームへの質問")
        self.fields["body"].help_text = _(
            "2000文字まで。指名したチームのメンバー全員が読み、このページで回答が読めます。"
            "チームには、あなたは表示名で表示されます。"
        )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("チームからのメッセージ"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": gettext_lazy("メッセージは%(limit_value)d文字以内で入力してください。")
        },
    )

    def clean_message(self):
        if self.is_bound and "message" not in self.data:
            raise forms.ValidationError(
                _("メッセージの欄が送られていません。ページを読み込み直して、もう一度お試しください。"),
                code="missing",
            )
        return self.cleaned_data["message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].help_text = _(
            "指名した理由や、これからの進め方を選手に伝えます（%(max)d文字以内）。"
            "選手が名前の公開に同意していれば、結果ページにも載ります。"
        ) % {"max": MESSAGE_MAX}


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("その後の状況"),
        choices=Nomination.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("その後の状況を選んでください。"),
            "invalid_choice": gettext_lazy(
                "その後の状況は、移住・二地域居住・副業・協業・なしから選んでください。"
            ),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("メモ（任意）"),
        required=False,
        max_length=OUTCOME_NOTE_MAX,
        error_messages={"max_length": gettext_lazy("メモは%(limit_value)d文字以内で入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = _("例：月2回、石巻に通っています（%(max)d文字以内）") % {
            "max": OUTCOME_NOTE_MAX
        }


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("状態"),
        required=False,
        choices=[("", gettext_lazy("すべて")), *Nomination.Status.choices],
    )
