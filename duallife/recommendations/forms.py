"""The filters of the two recommendation pages (GET forms), and the small forms of saved searches
and the digest's opt-ins (parsing only; the rules are in the services).

A value that is not one of the choices is shown as an error beside its field and that filter is
dropped: the page still answers 200 with the other filters applied, never a 500.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.organizations.permissions import companies_of
from duallife.regions.models import Prefecture
from duallife.talents.models import WorkStyle
from duallife.vocabulary.models import Skill, Theme

from .models import SavedSearch
from .selectors.recommendations import PAY_PAID, PAY_PRO_BONO, SheetMatchFilters, TalentMatchFilters
from .selectors.saved_searches import QUERY_MAX_CHARS
from .services.saved_searches import NAME_MAX

INVALID_CHOICE = _("選択肢にない値です。一覧から選び直してください（この条件は使っていません）。")


def _choice(label, choices=()) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=[("", _("指定しない")), *choices],
        error_messages={"invalid_choice": INVALID_CHOICE},
    )


def _pack_prefectures() -> list[tuple[str, str]]:
    """The prefectures of the loaded region pack (the Tohoku six), by code."""
    return list(Prefecture.objects.filter(pack__isnull=False).order_by("code").values_list("code", "name"))


class _FilterForm(forms.Form):
    def cleaned(self) -> dict:
        """The valid filters only (an invalid one is reported on its field and ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    def active(self) -> bool:
        return bool(self.cleaned())


class SheetMatchForm(_FilterForm):
    """Filters of 「あなたへのおすすめ」."""

    prefecture = _choice(_("県"))
    work_style = _choice(_("働き方"), WorkStyle.choices)
    theme = _choice(_("テーマ"))
    pay = _choice(_("報酬"), [(PAY_PAID, _("報酬あり")), (PAY_PRO_BONO, _("プロボノ（報酬なし）"))])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = [("", _("指定しない")), *_pack_prefectures()]
        themes = Theme.objects.order_by("position", "key").values_list("key", "name")
        self.fields["theme"].choices = [("", _("指定しない")), *themes]

    def filters(self) -> SheetMatchFilters:
        data = self.cleaned()
        return SheetMatchFilters(
            prefecture=data.get("prefecture", ""),
            work_style=data.get("work_style", ""),
            theme=data.get("theme", ""),
            pay=data.get("pay", ""),
        )


class TalentMatchForm(_FilterForm):
    """Filters of 「この仕様書に合う人材」."""

    work_style = _choice(_("働き方"), WorkStyle.choices)
    interest_prefecture = _choice(_("関心のある県"))
    skill = _choice(_("スキル"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interest_prefecture"].choices = [("", _("指定しない")), *_pack_prefectures()]
        skills = Skill.objects.order_by("position", "key").values_list("key", "name")
        self.fields["skill"].choices = [("", _("指定しない")), *skills]

    def filters(self) -> TalentMatchFilters:
        data = self.cleaned()
        return TalentMatchFilters(
            work_style=data.get("work_style", ""),
            interest_prefecture=data.get("interest_prefecture", ""),
            skill=data.get("skill", ""),
        )


# --- saved searches and the digest's opt-ins ------------------------------------------------------

NAME_ERRORS = {
    "required": gettext_lazy("名前を入力してください。"),
    "max_length": gettext_lazy("名前は%(limit_value)d文字以内で入力してください。"),
}


class SaveSearchForm(forms.Form):
    kind = forms.ChoiceField(choices=SavedSearch.Kind.choices, widget=forms.HiddenInput)
    query = forms.CharField(required=False, max_length=QUERY_MAX_CHARS, strip=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=gettext_lazy("名前"),
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("あとで見分けられる名前を付けてください。例：宮城のリモート案件"),
        error_messages=NAME_ERRORS,
    )
    digest = forms.BooleanField(
        label=gettext_lazy("新着を週1回メールで受け取る（週次ダイジェスト）"), required=False
    )


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("新しい名前"), max_length=NAME_MAX, error_messages=NAME_ERRORS)


class SwitchForm(forms.Form):
    on = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class CompanyDigestForm(SwitchForm):
    organization = IdModelChoiceField(queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = companies_of(user)
