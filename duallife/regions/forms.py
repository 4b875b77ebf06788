"""Forms for region data (support programs are entered by staff in the admin), and the prefecture
→ municipality select pair every form that takes both uses (``narrow_municipalities``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Literal
from urllib.parse import urlsplit

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from duallife.core.fields import IdModelChoiceField
from duallife.core.widgets import NarrowedSelect

from .models import Municipality, Prefecture, SupportProgram
from .places import municipality_mismatch


def narrow_municipalities(
    form: forms.BaseForm,
    *,
    prefecture: str = "prefecture",
    municipality: str = "municipality",
    by: Literal["pk", "code"] = "pk",
    parents: Mapping[str, str] | None = None,
) -> None:
    """Let the form's prefecture select narrow its municipality select: picking a prefecture leaves
    only its municipalities to pick from (``duallife.core.widgets.NarrowedSelect``; the page renders
    ``{{ form.media }}``). Call it from the form's ``__init__``.

    ``by`` says what both selects' values are: ids (``"pk"``) or official codes (``"code"``).
    ``parents`` (municipality value → prefecture value) spares the query when the form already
    has the places; otherwise they are read once, when the select is rendered. The form or its
    service still refuses a municipality of another prefecture (``places.municipality_mismatch``).
    """
    field = form.fields[municipality]
    # In the admin the select sits in a wrapper that adds its "add another" links: swap what it wraps.
    holder = field.widget if isinstance(field.widget, RelatedFieldWidgetWrapper) else field
    widget = NarrowedSelect(
        attrs=holder.widget.attrs,
        choices=field.choices,
        narrowed_by=form.add_prefix(prefecture),
        parents=parents if parents is not None else partial(_prefecture_of_municipalities, by),
    )
    widget.is_required = holder.widget.is_required
    holder.widget = widget


def _prefecture_of_municipalities(by: Literal["pk", "code"]) -> dict[str, str]:
    if by == "code":
        rows = Municipality.objects.values_list("code", "prefecture__code")
    else:
        rows = Municipality.objects.values_list("pk", "prefecture_id")
    return {str(value): str(parent) for value, parent in rows}


#: Highest amount a support program may state: far above any real grant, and within the range
#: of a PostgreSQL integer column (a larger number would fail there with a database error).
MAX_PROGRAM_AMOUNT_YEN = 100_000_000


class SupportProgramAdminForm(forms.ModelForm):
    """A support program as staff enter it: places that fit together, a safe link, a sane amount."""

    url = forms.URLField(
        label=SupportProgram._meta.get_field("url").verbose_name,
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": _("詳細ページのURLを正しく入力してください（例: https://example.jp/）。"),
            "max_length": _("詳細ページのURLは200文字以内にしてください。"),
        },
    )

    class Meta:
        model = SupportProgram
        fields = [
            "prefecture",
            "municipality",
            "owner",
            "category",
            "name",
            "summary",
            "amount_yen",
            "amount_note",
            "conditions",
            "url",
            "is_published",
        ]
        field_classes = {"prefecture": IdModelChoiceField, "municipality": IdModelChoiceField}
        error_messages = {
            "amount_yen": {
                "min_value": _("上限額は0円以上で入力してください。"),
                "max_value": _("上限額は1億円（100,000,000円）以下で入力してください。"),
                "invalid": _("上限額は半角数字（円単位の整数）で入力してください。"),
            },
            "prefecture": {"required": _("都道府県を選んでください。")},
            "name": {"required": _("制度名を入力してください。")},
            "owner": {"required": _("実施主体を入力してください。")},
            "summary": {"required": _("概要を入力してください。")},
            "category": {"required": _("種類を選んでください。")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only places a region pack covers can carry programs: those are the ones with pages.
        self.fields["prefecture"].queryset = Prefecture.objects.filter(pack__isnull=False).order_by("code")
        if "municipality" in self.fields:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                role=Municipality.Role.PACK, prefecture__pack__isnull=False
            ).select_related("prefecture")
            self.fields["municipality"].error_messages["invalid_choice"] = _(
                "選んだ市町村は支援制度の対象地域ではありません。"
            )
            narrow_municipalities(self)
        amount = self.fields["amount_yen"]
        amount.max_value = MAX_PROGRAM_AMOUNT_YEN
        amount.validators.append(MaxValueValidator(MAX_PROGRAM_AMOUNT_YEN))
        amount.widget.attrs["max"] = str(MAX_PROGRAM_AMOUNT_YEN)
        self.fields["prefecture"].error_messages["invalid_choice"] = _(
            "選んだ都道府県は支援制度の対象地域ではありません。"
        )

    def clean_amount_yen(self) -> int | None:
        amount = self.cleaned_data.get("amount_yen")
        if amount is not None and amount < 0:
            raise forms.ValidationError(_("上限額は0円以上で入力してください。"), code="min_value")
        return amount

    def clean_url(self) -> str:
        url = (self.cleaned_data.get("url") or "").strip()
        if url and urlsplit(url).scheme.lower() not in {"http", "https"}:
            raise forms.ValidationError(
                _("詳細ページのURLは http:// または https:// で始まるものにしてください。"), code="scheme"
            )
        return url

    def clean(self) -> dict:
        cleaned = super().clean()
        mismatch = municipality_mismatch(cleaned.get("municipality"), cleaned.get("prefecture"))
        if mismatch:
            self.add_error("municipality", forms.ValidationError(mismatch, code="prefecture_mismatch"))
        return cleaned
