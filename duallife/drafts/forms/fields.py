"""Form fields the draft's forms share: dates in the site's formats, yen typed the Japanese way,
long texts with their limit, organisations and prefectures picked from a list."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField, IdModelMultipleChoiceField
from duallife.organizations.models import Organization
from duallife.regions.models import Prefecture

from ..services.events import FEE_MAX

DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
YEAR_MIN, YEAR_MAX = 2000, 2100
PK_PATTERN = re.compile(r"[0-9]{1,18}")


def sane_year(value) -> None:
    if value is not None and not YEAR_MIN <= value.year <= YEAR_MAX:
        raise ValidationError(
            _("%(low)d年から%(high)d年までの日付を入力してください。"),
            code="year",
            params={"low": YEAR_MIN, "high": YEAR_MAX},
        )


def date_field(label, *, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
        validators=[sane_year],
        error_messages={
            "required": _("日付を入力してください。"),
            "invalid": _("日付を「2027-04-01」の形で入力してください。"),
        },
    )


class YenField(forms.IntegerField):
    """Integer yen; 「３，０００円」 and 「3,000」 read as 3000."""

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).replace(",", "").replace("円", "").strip()
        return super().to_python(value)


def yen_field(label, *, help_text: str = "") -> YenField:
    message = _("0〜10,000,000円の整数で入力してください。")
    return YenField(
        label=label,
        min_value=0,
        max_value=FEE_MAX,
        initial=0,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("金額を入力してください（無料なら0）。"),
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


def text_field(
    label, limit: int, *, required: bool = False, rows: int = 5, help_text: str = "", required_message=None
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message or _("入力してください。"),
            "max_length": _("%(limit_value)d文字以内で入力してください（今は%(show_value)d文字）。"),
        },
    )


class OrganizerField(IdModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class PrefecturesField(IdModelMultipleChoiceField):
    def label_from_instance(self, obj: Prefecture) -> str:
        return obj.name

    def clean(self, value):
        # An id no row can have (「²」, or more digits than a database integer holds) would reach
        # the database in ``pk__in`` and fail there: refuse it as any other unknown choice.
        if isinstance(value, (list, tuple)):
            for pk in value:
                if not PK_PATTERN.fullmatch(str(pk)):
                    raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)
