"""The coordinator's decision on a submitted sheet: the comment (required to return it)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("コメント"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("差し戻す場合は必須です。直してほしい点を具体的に書いてください。承認の場合は任意です。"),
        error_messages={"max_length": _("コメントは2000文字以内で入力してください。")},
    )
