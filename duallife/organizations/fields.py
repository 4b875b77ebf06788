"""Form fields shared by the profile forms (organisations and talents)."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duallife.core.texts import lazy_text
from duallife.engine.people import clean_phone, fold_kana, is_katakana_name, is_valid_phone
from duallife.regions.models import Municipality


class MunicipalityChoiceField(forms.ChoiceField):
    """A municipality picked from a ``<select>`` grouped by prefecture; cleans to the instance."""

    def __init__(self, *, queryset: QuerySet[Municipality] | None = None, empty_label: str = "", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(choices=(), **kwargs)
        self.empty_label = empty_label or _("選択しない")
        self.queryset = queryset if queryset is not None else Municipality.objects.all()

    @property
    def queryset(self) -> QuerySet[Municipality]:
        return self._queryset

    @queryset.setter
    def queryset(self, queryset: QuerySet[Municipality]) -> None:
        self._queryset = queryset.select_related("prefecture").order_by("prefecture__code", "code")
        self._by_pk: dict[str, Municipality] | None = None
        self.choices = self._grouped_choices

    def _grouped_choices(self):
        self._load()
        assert self._by_pk is not None
        choices: list = [("", self.empty_label)]
        places = list(self._by_pk.values())
        for prefecture, group in groupby(places, key=lambda m: m.prefecture):
            choices.append((prefecture.name, [(str(m.pk), m.name) for m in group]))
        return choices

    def __deepcopy__(self, memo):
        """Each form gets its own copy: choices are read afresh from the database per form."""
        result = super().__deepcopy__(memo)
        result.queryset = self._queryset.all()
        return result

    def _load(self) -> None:
        if self._by_pk is None:
            self._by_pk = {str(m.pk): m for m in self._queryset}

    def valid_value(self, value) -> bool:
        self._load()
        assert self._by_pk is not None
        return str(value) in self._by_pk

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        assert self._by_pk is not None
        return self._by_pk[str(value)]

    def has_changed(self, initial, data) -> bool:
        initial_value = getattr(initial, "pk", initial)
        return str(initial_value or "") != str(data or "")


def clean_kana_field(value: str, *, label: str) -> str:
    """Fold ``value`` to full-width katakana, or raise a Japanese validation error."""
    folded = fold_kana(value or "")
    if folded and not is_katakana_name(folded):
        raise forms.ValidationError(
            _("%(label)sはカタカナで入力してください（ひらがなは自動でカタカナにします）。")
            % {"label": label},
            code="not_katakana",
        )
    return folded


def clean_phone_field(value: str) -> str:
    phone = clean_phone(value or "")
    if phone and not is_valid_phone(phone):
        raise forms.ValidationError(
            _(
                "電話番号は0から始まる10桁または11桁の数字で入力してください（ハイフンは入れても入れなくても構いません）。"
            ),
            code="invalid_phone",
        )
    return phone


def clean_web_url(value: str) -> str:
    url = (value or "").strip()
    if url and urlsplit(url).scheme.lower() not in {"http", "https"}:
        raise forms.ValidationError(
            _("URLは http:// または https:// で始まるものにしてください。"), code="scheme"
        )
    return url


def url_field(label: str, help_text: str = "", **kwargs) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=help_text,
        error_messages={
            "invalid": _("URLを正しく入力してください（例: https://example.jp/）。"),
            "max_length": _("URLは200文字以内にしてください。"),
        },
        **kwargs,
    )


def text_field(label: str, *, max_length: int, help_text: str = "", rows: int = 0, required: bool = False):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget,
        error_messages={
            "max_length": lazy_text(
                _("%(label)sは%(max)d文字以内にしてください。"), label=label, max=max_length
            ),
            "required": lazy_text(_("%(label)sを入力してください。"), label=label),
        },
    )
