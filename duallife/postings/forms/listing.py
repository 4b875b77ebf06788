"""The search and filters of the public listing (a GET form; invalid values are dropped)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.core.formats import localized_name
from duallife.regions.forms import narrow_municipalities
from duallife.regions.models import Municipality, Prefecture
from duallife.regions.places import municipality_mismatch
from duallife.talents.models import WorkStyle

from ..models import SpecSheet
from ..selectors import SORT_CLOSING, SORT_FEE, SORT_NEWEST, SheetFilters


class ListingForm(forms.Form):
    """Search and filters of the public listing. Invalid values are dropped, never a 500."""

    q = forms.CharField(
        label=_("キーワード"),
        required=False,
        max_length=200,
        help_text=_(
            "例：Webマーケ、商品開発、仙台。表記ゆれ（Ｗｅｂ／ウェブ、全角／半角）はそろえて探します。"
        ),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    prefecture = forms.ChoiceField(label=_("県"), required=False)
    municipality = forms.ChoiceField(label=_("市町村"), required=False)
    theme = forms.ChoiceField(label=_("テーマ"), required=False)
    work_style = forms.ChoiceField(
        label=_("働き方"), required=False, choices=[("", _("指定しない")), *WorkStyle.choices]
    )
    days = forms.IntegerField(
        label=_("稼働日数（月）"),
        required=False,
        min_value=1,
        max_value=31,
        help_text=_("この日数以内の募集"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("稼働日数は1〜31の整数で入力してください。"),
            "min_value": _("稼働日数は1〜31の整数で入力してください。"),
            "max_value": _("稼働日数は1〜31の整数で入力してください。"),
        },
    )
    fee = forms.IntegerField(
        label=_("月額報酬（円）"),
        required=False,
        min_value=0,
        max_value=10_000_000,
        help_text=_("報酬の下限がこの金額以上"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "10000"}),
        error_messages={
            "invalid": _("月額報酬は0〜10,000,000の整数（円）で入力してください。"),
            "min_value": _("月額報酬は0〜10,000,000の整数（円）で入力してください。"),
            "max_value": _("月額報酬は0〜10,000,000の整数（円）で入力してください。"),
        },
    )
    contract_type = forms.ChoiceField(
        label=_("契約形態"), required=False, choices=[("", _("指定しない")), *SpecSheet.ContractType.choices]
    )
    closes_after = forms.DateField(
        label=_("この日以降も募集中"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("日付は「2025-04-30」の形で入力してください。")},
    )
    sort = forms.ChoiceField(
        label=_("並び順"),
        required=False,
        choices=[
            (SORT_NEWEST, _("新着順")),
            (SORT_CLOSING, _("締切が近い順")),
            (SORT_FEE, _("報酬が高い順")),
        ],
    )

    FILTER_NAMES = (
        "prefecture",
        "municipality",
        "theme",
        "work_style",
        "days",
        "fee",
        "contract_type",
        "closes_after",
    )

    def __init__(self, *args, choices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.places: dict[str, Municipality] = {}
        self.prefectures: dict[str, Prefecture] = {}
        if choices is not None:
            self.places = {place.code: place for place in choices.municipalities}
            self.prefectures = {prefecture.code: prefecture for prefecture in choices.prefectures}
            self.fields["prefecture"].choices = [("", _("すべて"))] + [
                (p.code, localized_name(p)) for p in choices.prefectures
            ]
            groups: dict[str, list[tuple[str, str]]] = {}
            names = {p.code: localized_name(p) for p in choices.prefectures}
            for place in choices.municipalities:
                groups.setdefault(place.prefecture.code, []).append((place.code, localized_name(place)))
            self.fields["municipality"].choices = [("", _("すべて"))] + [
                (names.get(code, code), options) for code, options in sorted(groups.items())
            ]
            self.fields["theme"].choices = [("", _("すべて"))] + [
                (t.key, localized_name(t)) for t in choices.themes
            ]
            parents = {code: place.prefecture.code for code, place in self.places.items()}
            narrow_municipalities(self, by="code", parents=parents)

    def clean(self) -> dict:
        """A municipality of another prefecture than the one chosen is an error (and dropped)."""
        cleaned = super().clean()
        place = self.places.get(cleaned.get("municipality") or "")
        if mismatch := municipality_mismatch(place, self.prefectures.get(cleaned.get("prefecture") or "")):
            self.add_error("municipality", mismatch)
        return cleaned

    def filters(self) -> SheetFilters:
        """The filters to apply: valid values only (an invalid one is shown as an error and ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return SheetFilters(
            q=data.get("q") or "",
            prefecture=data.get("prefecture") or "",
            municipality=data.get("municipality") or "",
            theme=data.get("theme") or "",
            work_style=data.get("work_style") or "",
            max_days=data.get("days"),
            min_fee=data.get("fee"),
            contract_type=data.get("contract_type") or "",
            closes_after=data.get("closes_after"),
            sort=data.get("sort") or SORT_NEWEST,
        )

    def active(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("q")) or any(data.get(name) not in (None, "") for name in self.FILTER_NAMES)
