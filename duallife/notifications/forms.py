"""Forms of notification pages: parsing and choices only (rules: services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind


class EmailSettingsForm(forms.Form):
    enabled_kinds = forms.MultipleChoiceField(
        label=_("メールで受け取るお知らせ"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "チェックした種類のお知らせは、サイトに表示するのと同時にメールでもお送りします。"
            "チェックを外しても、サイトの「お知らせ」には届きます。"
        ),
        error_messages={"invalid_choice": _("選べないメールの種類が含まれています: %(value)s")},
    )
