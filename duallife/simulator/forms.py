"""The simulator form (GET): what the visitor can change. Only parsing and range checks here; the
arithmetic and every rule about rents and subsidies live in the engine and the selectors."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from duallife.engine.costs import MAX_RENT_YEN, MAX_SUBSIDY_CAP_YEN, Mode

from .selectors import CostDataset

DEFAULT_TRIPS = Decimal(2)


class SimulatorForm(forms.Form):
    destination = forms.ChoiceField(
        label=_("東北側の地域"),
        help_text=_("運賃と家賃のデータがある地域から選べます。"),
        error_messages={
            "required": _("地域を選んでください。"),
            "invalid_choice": _(
                "選んだ地域（%(value)s）は、運賃と家賃のデータがないため試算できません。一覧から選んでください。"
            ),
        },
    )
    mode = forms.ChoiceField(
        label=_("暮らし方"),
        choices=[
            (Mode.A.value, _("東北に住み、東京へ通う（東京暮らしと比べる）")),
            (Mode.B.value, _("東京に住み、東北で副業する（往復しない東京暮らしと比べる）")),
        ],
        initial=Mode.A.value,
        widget=forms.RadioSelect,
        error_messages={"required": _("暮らし方を選んでください。")},
    )
    trips_per_month = forms.DecimalField(
        label=_("月あたりの往復回数"),
        help_text=_("0〜31回。小数第1位まで（例: 隔週なら 2.2）。"),
        min_value=0,
        max_value=31,
        max_digits=3,
        decimal_places=1,
        initial=DEFAULT_TRIPS,
        widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal"}),
        error_messages={"required": _("往復回数を入力してください。")},
    )
    rent_yen = forms.IntegerField(
        label=_("家賃（円/月）"),
        help_text=_("空欄なら統計の目安を使います。東北に住む場合は東北側、東京に住む場合は東京の家賃です。"),
        required=False,
        min_value=0,
        max_value=MAX_RENT_YEN,
        widget=forms.NumberInput(attrs={"step": "1000", "inputmode": "numeric"}),
    )
    subsidy_percent = forms.DecimalField(
        label=_("補助率（%）"),
        help_text=_("交通費の何割が補助されるか。空欄なら補助なし。"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "1", "inputmode": "decimal"}),
    )
    subsidy_cap_per_trip_yen = forms.IntegerField(
        label=_("1往復あたりの上限（円）"),
        required=False,
        min_value=0,
        max_value=MAX_SUBSIDY_CAP_YEN,
        widget=forms.NumberInput(attrs={"step": "1000", "inputmode": "numeric"}),
    )
    subsidy_cap_per_month_yen = forms.IntegerField(
        label=_("月あたりの上限（円）"),
        required=False,
        min_value=0,
        max_value=MAX_SUBSIDY_CAP_YEN,
        widget=forms.NumberInput(attrs={"step": "1000", "inputmode": "numeric"}),
    )

    #: Fields grouped on the page, each group a fieldset with a legend.
    SUBSIDY_FIELDS = ("subsidy_percent", "subsidy_cap_per_trip_yen", "subsidy_cap_per_month_yen")

    def __init__(self, *args, dataset: CostDataset | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", _("選んでください"))] + [
            (group.prefecture.name, [(d.code, d.municipality.name) for d in group.destinations])
            for group in (dataset.groups() if dataset else [])
        ]
        for name, field in self.fields.items():
            described = [f"error-{name}"]
            if field.help_text:
                described.insert(0, f"help-{name}")
            field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean(self):
        data = super().clean()
        has_cap = data.get("subsidy_cap_per_trip_yen") is not None or (
            data.get("subsidy_cap_per_month_yen") is not None
        )
        if has_cap and data.get("subsidy_percent") is None and "subsidy_percent" not in self.errors:
            self.add_error("subsidy_percent", _("上限を指定するときは補助率も入力してください。"))
        return data

    @property
    def subsidy_rate(self) -> Decimal | None:
        percent = self.cleaned_data.get("subsidy_percent")
        return None if percent is None else percent / 100

    def subsidy_fields(self):
        return [self[name] for name in self.SUBSIDY_FIELDS]
