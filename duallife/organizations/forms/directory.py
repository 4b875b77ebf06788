"""The filters of the organisations' directory."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.regions.models import Prefecture
from duallife.vocabulary.models import IndustryGroup

from ..models import Organization


class DirectoryFilterForm(forms.Form):
    prefecture = IdModelChoiceField(
        label=_("都道府県"),
        queryset=Prefecture.objects.none(),
        required=False,
        empty_label=_("すべて"),
        to_field_name="code",
    )
    kind = forms.ChoiceField(
        label=_("種類"),
        required=False,
        choices=[
            ("", _("すべて")),
            (Organization.Kind.COMPANY, _("企業")),
            (Organization.Kind.COORDINATOR, _("自治体・支援機関")),
        ],
    )
    industry = IdModelChoiceField(
        label=_("業種（企業）"),
        queryset=IndustryGroup.objects.none(),
        required=False,
        empty_label=_("すべて"),
        to_field_name="code",
    )

    def __init__(self, *args, prefectures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].queryset = prefectures
        self.fields["industry"].queryset = IndustryGroup.objects.order_by("code")
