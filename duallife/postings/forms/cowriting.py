"""Co-writing: inviting a talent by email, and a comment on the draft."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("招待する方のメールアドレス"),
        help_text=_("人材として登録している方を、公開前の下書きへのコメントに招待できます。"),
        error_messages={
            "required": _("メールアドレスを入力してください。"),
            "invalid": _("メールアドレスの形式が正しくありません。"),
        },
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("コメント"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("コメントを入力してください。"),
            "max_length": _("コメントは2000文字以内で入力してください。"),
        },
    )
