"""The simulator form (GET): what the visitor can change.

Every field is parsed by the same function the JSON API and the ``simulate`` command use
(:mod:`duallife.engine.costs` and :func:`~duallife.simulator.selectors.parse_lg_code`): full-width
digits are read as digits, ``1e3``, ``1_000``, ``NaN`` and ``Infinity`` are refused, and each
problem gives one message. The rules about rents and subsidies live in the engine; the form only
calls them.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from duallife.core.formats import localized_name
from duallife.engine.costs import (
    MAX_RENT_YEN,
    MAX_SUBSIDY_CAP_YEN,
    CostInputError,
    Mode,
    normalise_text,
    parse_mode,
    parse_percent,
    parse_trips_per_month,
    parse_yen,
    subsidy_from,
)
from duallife.engine.costs.types import CAP_PER_MONTH_LABEL, CAP_PER_TRIP_LABEL, RENT_LABEL

from .errors import SimulatorError, translated_message
from .selectors import CostDataset, parse_lg_code

DEFAULT_TRIPS = Decimal(2)
#: Where a subsidy error belongs on this form (the engine names the API's fields).
SUBSIDY_ERROR_FIELDS = {
    "subsidy_rate": "subsidy_percent",
    "subsidy_percent": "subsidy_percent",
    "subsidy_cap_per_trip_yen": "subsidy_cap_per_trip_yen",
    "subsidy_cap_per_month_yen": "subsidy_cap_per_month_yen",
}


class NormalisedInputMixin:
    """Shows the value back as it was understood (NFKC: 「２」 comes back as 「2」)."""

    def bound_data(self, data: Any, initial: Any) -> Any:
        return normalise_text(data) if isinstance(data, str) else data


class ParsedField(NormalisedInputMixin, forms.Field):
    """A text field read by one of the engine's parsers; its error is the parser's message."""

    def __init__(self, *, parse: Callable[[str], Any], **kwargs):
        self.parse = parse
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        try:
            return self.parse(value)
        except CostInputError as exc:
            raise ValidationError(translated_message(exc), code="invalid") from None


class DestinationField(NormalisedInputMixin, forms.ChoiceField):
    """A municipality code: malformed codes are called malformed, not "without data"."""

    def to_python(self, value: Any) -> str:
        if value in self.empty_values:
            return ""
        try:
            return parse_lg_code(value, label=gettext_noop("地域"), field="destination")
        except SimulatorError as exc:
            raise ValidationError(translated_message(exc), code="malformed") from None


class ModeField(NormalisedInputMixin, forms.ChoiceField):
    def to_python(self, value: Any) -> Mode:
        try:
            return parse_mode(value)
        except CostInputError as exc:
            raise ValidationError(translated_message(exc), code="invalid_choice") from None


def destination_label(municipality) -> str:
    """A destination as the choices name it: a comparison city from outside Tohoku says so."""
    name = localized_name(municipality)
    if municipality.role == municipality.Role.COMPARISON:
        return _("%(name)s（報告書の比較都市・東北外）") % {"name": name}
    return name


def _number_input(step: str, inputmode: str, **attrs: str) -> forms.NumberInput:
    return forms.NumberInput(attrs={"step": step, "inputmode": inputmode, **attrs})


class SimulatorForm(forms.Form):
    destination = DestinationField(
        label=_("東北側の地域"),
        help_text=_("運賃と家賃のデータがある地域から選べます。"),
        error_messages={
            "required": _("地域を選んでください。"),
            "invalid_choice": _(
                "選んだ地域（%(value)s）は、運賃と家賃のデータがないため試算できません。一覧から選んでください。"
            ),
        },
    )
    mode = ModeField(
        label=_("暮らし方"),
        # The product's main persona first: keep the Tokyo job, work for Tohoku on the side.
        choices=[
            (Mode.B.value, _("東京に住み、東北で副業する（往復しない東京暮らしと比べる）")),
            (Mode.A.value, _("東北に住み、東京へ通う（東京暮らしと比べる）")),
        ],
        initial=Mode.B.value,
        required=False,
        widget=forms.RadioSelect,
    )
    trips_per_month = ParsedField(
        parse=parse_trips_per_month,
        label=_("月あたりの往復回数"),
        help_text=_("0〜31回。小数第1位まで（例: 隔週なら 2.2）。"),
        initial=DEFAULT_TRIPS,
        widget=_number_input("0.1", "decimal", min="0", max="31"),
    )
    rent_yen = ParsedField(
        parse=lambda value: parse_yen(value, field="rent_yen", label=RENT_LABEL, maximum=MAX_RENT_YEN),
        label=_("家賃（円/月）"),
        help_text=_("空欄なら統計の目安を使います。東北に住む場合は東北側、東京に住む場合は東京の家賃です。"),
        widget=_number_input("1000", "numeric", min="0", max=str(MAX_RENT_YEN)),
    )
    subsidy_percent = ParsedField(
        parse=parse_percent,  # the rate as a fraction of 1 (50 → 0.5)
        label=_("補助率（%）"),
        help_text=_("交通費の何割が補助されるか。空欄なら補助なし。"),
        widget=_number_input("1", "decimal", min="0", max="100"),
    )
    subsidy_cap_per_trip_yen = ParsedField(
        parse=lambda value: parse_yen(
            value, field="subsidy_cap_per_trip_yen", label=CAP_PER_TRIP_LABEL, maximum=MAX_SUBSIDY_CAP_YEN
        ),
        label=_("1往復あたりの上限（円）"),
        widget=_number_input("1000", "numeric", min="0", max=str(MAX_SUBSIDY_CAP_YEN)),
    )
    subsidy_cap_per_month_yen = ParsedField(
        parse=lambda value: parse_yen(
            value, field="subsidy_cap_per_month_yen", label=CAP_PER_MONTH_LABEL, maximum=MAX_SUBSIDY_CAP_YEN
        ),
        label=_("月あたりの上限（円）"),
        widget=_number_input("1000", "numeric", min="0", max=str(MAX_SUBSIDY_CAP_YEN)),
    )

    #: Fields grouped on the page, each group a fieldset with a legend.
    SUBSIDY_FIELDS = ("subsidy_percent", "subsidy_cap_per_trip_yen", "subsidy_cap_per_month_yen")

    def __init__(self, *args, dataset: CostDataset | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", _("選んでください"))] + [
            (
                localized_name(group.prefecture),
                [(d.code, destination_label(d.municipality)) for d in group.destinations],
            )
            for group in (dataset.groups() if dataset else [])
        ]

    def clean(self):
        data = super().clean()
        data["subsidy"] = None
        if not any(name in self.errors for name in self.SUBSIDY_FIELDS):
            try:
                data["subsidy"] = subsidy_from(
                    data.get("subsidy_percent"),
                    data.get("subsidy_cap_per_trip_yen"),
                    data.get("subsidy_cap_per_month_yen"),
                )
            except CostInputError as exc:
                self.add_error(SUBSIDY_ERROR_FIELDS.get(exc.field or ""), translated_message(exc))
        return data

    def subsidy_fields(self):
        return [self[name] for name in self.SUBSIDY_FIELDS]
