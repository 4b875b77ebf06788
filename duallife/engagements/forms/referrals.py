"""Forms for registering a referral: parsing and choices only (rules: ``services.referrals``)."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField

from ..selectors.referrals import COMPANY_CHOICES_MAX
from ..services.referrals import NOTE_MAX_CHARS


class CompanySearchForm(forms.Form):
    """Narrow the companies offered by name (漢字 or カナ)."""

    q = forms.CharField(label=_("企業名で絞り込む"), max_length=100, required=False)


class LimitedChoiceIterator(ModelChoiceIterator):
    """Offer at most ``COMPANY_CHOICES_MAX`` options; any company of the full queryset is still a
    valid answer (the search narrows the list)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset[:COMPANY_CHOICES_MAX]:
            yield self.choice(obj)

    def __len__(self) -> int:
        return min(self.queryset.count(), COMPANY_CHOICES_MAX) + (self.field.empty_label is not None)


class OrganizationChoiceField(IdModelChoiceField):
    iterator = LimitedChoiceIterator

    def label_from_instance(self, obj) -> str:
        place = obj.municipality or obj.prefecture
        return _("%(name)s（%(place)s）") % {"name": obj.name, "place": place} if place else obj.name


class ReferralForm(forms.Form):
    referrer = OrganizationChoiceField(
        label=_("紹介元の機関"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("紹介元は、一覧にある機関から選んでください。")},
    )
    company = OrganizationChoiceField(
        label=_("紹介した企業"),
        queryset=None,
        empty_label=_("（企業を選んでください）"),
        help_text=_("担当地域の企業のうち、まだ紹介元が登録されていない企業が表示されます。"),
        error_messages={
            "required": _("紹介した企業を選んでください。"),
            "invalid_choice": _("企業は、一覧にある企業から選んでください。"),
        },
    )
    note = forms.CharField(
        label=_("メモ（任意）"),
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("紹介のきっかけなど、機関の中で共有したいこと（企業には表示されません）。"),
    )

    def __init__(self, *args, bodies, companies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referrer"].queryset = bodies
        self.fields["company"].queryset = companies
