"""Co-writing: inviting someone by email, their answer, and a comment on the draft."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("招待する方のメールアドレス"),
        max_length=254,
        help_text=_(
            "招待はメールとお知らせで届きます。登録していない方には、登録の案内が届きます。"
            "相手が承諾するまで、ここにはこのアドレスと「招待中（承諾待ち）」だけが表示されます。"
        ),
        error_messages={
            "required": _("メールアドレスを入力してください。"),
            "invalid": _("メールアドレスの形式が正しくありません。"),
            "max_length": _("メールアドレスの形式が正しくありません。"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("承諾する")), ("decline", _("辞退する"))],
        error_messages={
            "required": _("「承諾する」か「辞退する」のボタンで回答してください。"),
            "invalid_choice": _("「承諾する」か「辞退する」のボタンで回答してください。"),
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
