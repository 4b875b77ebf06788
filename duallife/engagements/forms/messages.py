"""The form of the message thread: parsing only (what may be sent is decided in the service)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.messages import BODY_MAX_CHARS


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("メッセージ"),
        required=False,
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("4000文字まで。ファイルだけを送ることもできます。"),
        error_messages={
            "max_length": _("メッセージは%(limit_value)d文字以内にしてください（いま%(show_value)d文字）。")
        },
    )
    attachment = forms.FileField(
        label=_("添付ファイル（任意）"),
        required=False,
        help_text=_(
            "PDF、PNG・JPEG画像、Word・Excel・PowerPoint（docx・xlsx・pptx）、テキスト・CSV。10MBまで。"
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.pptx,.txt,.csv,"
                "application/pdf,image/png,image/jpeg,text/plain,text/csv"
            }
        ),
        error_messages={
            "invalid": _("ファイルを選び直してください。"),
            "empty": _("ファイルが空です。別のファイルを選んでください。"),
            "missing": _("ファイルが届きませんでした。選び直してください。"),
        },
    )


class TalkMessageForm(forms.Form):
    """A message in the casual talk of a scout: text only."""

    body = forms.CharField(
        label=_("メッセージ"),
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "4000文字まで。カジュアル面談は応募ではないため、人材の方の氏名や連絡先は企業に届きません。"
        ),
        error_messages={
            "required": _("メッセージを入力してください。"),
            "max_length": _("メッセージは%(limit_value)d文字以内にしてください（いま%(show_value)d文字）。"),
        },
    )
