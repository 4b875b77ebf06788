"""The form of a draft message thread: parsing and length only (the rules live in
:mod:`duallife.drafts.services.messages`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.messages import BODY_MAX


class DraftMessageForm(forms.Form):
    body = forms.CharField(
        label=_("メッセージ"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("メッセージを入力してください。"),
            "max_length": _(
                "メッセージは%(limit_value)d文字以内で入力してください（いま%(show_value)d文字）。"
            ),
        },
        help_text=_("2000文字まで。相手には、選手は表示名、チームは組織名で表示されます。"),
    )
