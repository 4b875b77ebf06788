"""Company registration: who and where the company is (the same fields open the profile form)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.engine.corporate_number import clean_corporate_number
from duallife.regions.forms import narrow_municipalities
from duallife.regions.models import Municipality, Prefecture

from ..fields import MunicipalityChoiceField, clean_kana_field, text_field


def apply_service_errors(form: forms.Form, errors: dict[str | None, list[str]]) -> None:
    for field, messages in errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class CompanyIdentityFields(forms.Form):
    """Name and place of a company: shared by registration and the profile form."""

    name = text_field(_("企業名"), max_length=120, required=True, help_text=_("例: 株式会社みちのく醸造"))
    name_kana = text_field(
        _("企業名（カナ）"),
        max_length=200,
        help_text=_("一覧の並び順に使います。「株式会社」などは省いて構いません。例: ミチノクジョウゾウ"),
    )
    prefecture = IdModelChoiceField(
        label=_("所在地（都道府県）"),
        queryset=Prefecture.objects.none(),
        empty_label=_("選んでください"),
        error_messages={
            "required": _("所在地の都道府県を選んでください。"),
            "invalid_choice": _("所在地の都道府県を選び直してください。"),
        },
    )
    municipality = MunicipalityChoiceField(
        label=_("所在地（市区町村）"),
        help_text=_("上で選んだ都道府県の市区町村を選んでください。"),
        error_messages={
            "required": _("所在地の市区町村を選んでください。"),
            "invalid_choice": _("所在地の市区町村を選び直してください。"),
        },
    )

    corporate_number = forms.CharField(
        label=_("法人番号（任意）"),
        required=False,
        max_length=40,
        help_text=_(
            "13桁の数字。国税庁の法人番号公表サイトで確認できます。入力すると、公表されている商号・所在地と照合し、"
            "一致すれば「確認済み」と表示します。個人事業の場合は空欄のままで構いません。"
        ),
        error_messages={"max_length": _("法人番号は13桁の数字で入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        narrow_municipalities(self)

    def clean_corporate_number(self) -> str:
        return clean_corporate_number(self.cleaned_data.get("corporate_number", "") or "")

    def clean_name_kana(self) -> str:
        return clean_kana_field(self.cleaned_data.get("name_kana", ""), label=_("企業名（カナ）"))


class CompanyRegistrationForm(CompanyIdentityFields):
    """The first step of a company's life on the platform: who and where it is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].queryset = Prefecture.objects.filter(pack__isnull=False).order_by("code")
        self.fields["municipality"].required = True
        self.fields["municipality"].queryset = Municipality.objects.filter(
            role=Municipality.Role.PACK, prefecture__pack__isnull=False
        )

    def apply_service_errors(self, errors: dict[str | None, list[str]]) -> None:
        apply_service_errors(self, errors)
