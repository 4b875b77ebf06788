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
    MAX_LEG_MINUTES,
    MAX_LEG_YEN,
    MAX_LODGING_NIGHTS,
    MAX_LODGING_YEN_PER_NIGHT,
    MAX_RENT_YEN,
    MAX_SUBSIDY_CAP_YEN,
    CostInputError,
    Mode,
    leg_from,
    lodging_from,
    normalise_text,
    parse_minutes,
    parse_mode,
    parse_nights,
    parse_percent,
    parse_trips_per_month,
    parse_yen,
    subsidy_from,
)
from duallife.engine.costs.types import (
    CAP_PER_MONTH_LABEL,
    CAP_PER_TRIP_LABEL,
    DESTINATION_LEG_MINUTES_LABEL,
    DESTINATION_LEG_YEN_LABEL,
    LODGING_YEN_LABEL,
    ORIGIN_LEG_MINUTES_LABEL,
    ORIGIN_LEG_YEN_LABEL,
    RENT_LABEL,
)

from .errors import SimulatorError, translated_message
from .selectors import (
    REFERENCE_CODE,
    CostDataset,
    Extras,
    ProgramChoice,
    choose_program,
    parse_fiscal_year,
    parse_lg_code,
    parse_origin,
    parse_program,
)

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
        except (CostInputError, SimulatorError) as exc:
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


class OriginField(NormalisedInputMixin, forms.ChoiceField):
    """A Tokyo-area municipality's code; blank means 東京都特別区部."""

    def to_python(self, value: Any) -> str:
        try:
            return parse_origin(value)
        except SimulatorError as exc:
            raise ValidationError(translated_message(exc), code="malformed") from None


class ProgramField(NormalisedInputMixin, forms.ChoiceField):
    """A support program's identifier; blank for none. Whether the fiscal year has it is for
    :func:`~duallife.simulator.selectors.choose_program` to say (in the form's ``clean``)."""

    def to_python(self, value: Any) -> str:
        try:
            return parse_program(value) or ""
        except SimulatorError as exc:
            raise ValidationError(translated_message(exc), code="invalid") from None

    def validate(self, value: Any) -> None:
        pass


def _fiscal_year(value: Any) -> int | None:
    """A fiscal year typed in, or ``None`` for blank (today's, which the help text says)."""
    if value is None or (isinstance(value, str) and not normalise_text(value)):
        return None
    return parse_fiscal_year(value)


class SearchableSelect(forms.Select):
    """A select whose options carry the words a search finds them by (``data-search``: the name,
    its reading and its English name), for ``simulator/place-filter.js``. Its template writes
    each option inline: hundreds of places render several times faster."""

    template_name = "simulator/_place_select.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.search: dict[str, str] = {}

    def __deepcopy__(self, memo):
        result = super().__deepcopy__(memo)
        result.search = self.search
        return result

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["search"] = self.search.get(str(value), "") if value not in (None, "") else ""
        return option


class FilterInput(forms.TextInput):
    """A search box that narrows a select of the page; it has no name, so it is never sent."""

    input_type = "search"
    template_name = "simulator/_filter_input.html"


def search_words(municipality) -> str:
    """What a place is found by: its name, its reading in katakana and its English name."""
    return " ".join(filter(None, (municipality.name, municipality.name_kana, municipality.name_en.lower())))


def destination_label(municipality) -> str:
    """A destination as the choices name it: a comparison city from outside Tohoku says so."""
    name = localized_name(municipality)
    if municipality.role == municipality.Role.COMPARISON:
        return _("%(name)s（報告書の比較都市・東北外）") % {"name": name}
    return name


def _number_input(step: str, inputmode: str, **attrs: str) -> forms.NumberInput:
    return forms.NumberInput(attrs={"step": step, "inputmode": inputmode, **attrs})


def _yen_field(name: str, label, field_label, maximum: int, help_text=None) -> ParsedField:
    return ParsedField(
        parse=lambda value: parse_yen(value, field=name, label=label, maximum=maximum),
        label=field_label,
        help_text=help_text,
        widget=_number_input("10", "numeric", min="0", max=str(maximum)),
    )


def _minutes_field(name: str, label, field_label) -> ParsedField:
    return ParsedField(
        parse=lambda value: parse_minutes(value, field=name, label=label),
        label=field_label,
        widget=_number_input("1", "numeric", min="0", max=str(MAX_LEG_MINUTES)),
    )


class SimulatorForm(forms.Form):
    destination_search = forms.CharField(
        label=_("地域名で探す"),
        help_text=_("入力すると下の一覧を絞り込みます（かな・ローマ字でも探せます）。"),
        required=False,
        widget=FilterInput(attrs={"data-filters": "id_destination", "autocomplete": "off"}),
    )
    destination = DestinationField(
        label=_("東北側の地域"),
        help_text=_(
            "県庁所在地以外の市町村は、県庁所在地（経由地）までの運賃と時間で試算します。"
            "その先の移動は下の欄に入力すると加算します。"
        ),
        widget=SearchableSelect,
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
    program = ProgramField(
        label=_("交通費支援の制度"),
        help_text=_(
            "制度を選ぶと、その制度のルールで支援額を計算します（東京に住み東北で副業する場合だけ）。"
            "往復回数は整数で入力してください。"
        ),
        required=False,
    )
    fiscal_year = ParsedField(
        parse=_fiscal_year,
        label=_("制度の年度"),
        help_text=_("空欄なら今年度（4月〜翌年3月）。選べる制度はこの年度のものです。"),
        widget=_number_input("1", "numeric", min="2000", max="2100"),
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
    origin = OriginField(
        widget=SearchableSelect,
        label=_("出発地（東京圏）"),
        help_text=_("埼玉県・千葉県・東京都・神奈川県の市区町村から選べます。"),
        required=False,
        initial=REFERENCE_CODE,
        error_messages={
            "invalid_choice": _("選んだ出発地（%(value)s）は登録されていません。一覧から選んでください。")
        },
    )
    origin_leg_yen = _yen_field("origin_leg_yen", ORIGIN_LEG_YEN_LABEL, _("往復の運賃（円）"), MAX_LEG_YEN)
    origin_leg_minutes = _minutes_field("origin_leg_minutes", ORIGIN_LEG_MINUTES_LABEL, _("片道の時間（分）"))
    destination_leg_yen = _yen_field(
        "destination_leg_yen", DESTINATION_LEG_YEN_LABEL, _("往復の運賃（円）"), MAX_LEG_YEN
    )
    destination_leg_minutes = _minutes_field(
        "destination_leg_minutes", DESTINATION_LEG_MINUTES_LABEL, _("片道の時間（分）")
    )
    lodging_nights_per_month = ParsedField(
        parse=parse_nights,
        label=_("月の宿泊数（泊）"),
        widget=_number_input("1", "numeric", min="0", max=str(MAX_LODGING_NIGHTS)),
    )
    lodging_yen_per_night = _yen_field(
        "lodging_yen_per_night", LODGING_YEN_LABEL, _("1泊あたりの宿泊費（円）"), MAX_LODGING_YEN_PER_NIGHT
    )

    #: Fields grouped on the page, each group a fieldset with a legend.
    PROGRAM_FIELDS = ("program", "fiscal_year")
    SUBSIDY_FIELDS = ("subsidy_percent", "subsidy_cap_per_trip_yen", "subsidy_cap_per_month_yen")
    ORIGIN_LEG_FIELDS = ("origin_leg_yen", "origin_leg_minutes")
    DESTINATION_LEG_FIELDS = ("destination_leg_yen", "destination_leg_minutes")
    LODGING_FIELDS = ("lodging_nights_per_month", "lodging_yen_per_night")

    def __init__(
        self,
        *args,
        dataset: CostDataset | None = None,
        origins=(),
        programs: list[ProgramChoice] | tuple = (),
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.programs = list(programs)
        self.fields["program"].choices = [("", _("選ばない（下の補助率と上限で試算する）"))] + [
            (p.slug, p.program.name) for p in self.programs
        ]
        groups = dataset.groups() if dataset else []
        self.fields["destination"].choices = [("", _("選んでください"))] + [
            (
                localized_name(group.prefecture),
                [(d.code, destination_label(d.municipality)) for d in group.destinations],
            )
            for group in groups
        ]
        self.fields["destination_search"].widget.attrs["data-count-text"] = _("一致する地域: %(count)s件")
        self.fields["destination"].widget.search = {
            d.code: search_words(d.municipality) for group in groups for d in group.destinations
        }
        by_prefecture: dict[str, list] = {}
        for place in origins:
            by_prefecture.setdefault(localized_name(place.prefecture), []).append(
                (place.code, localized_name(place))
            )
        self.fields["origin"].choices = list(by_prefecture.items())

    def clean(self):
        data = super().clean()
        data["extras"] = None
        extra_fields = (*self.ORIGIN_LEG_FIELDS, *self.DESTINATION_LEG_FIELDS, *self.LODGING_FIELDS)
        if not any(name in self.errors for name in extra_fields):
            try:
                data["extras"] = Extras(
                    origin_leg=leg_from("origin", data.get("origin_leg_yen"), data.get("origin_leg_minutes")),
                    destination_leg=leg_from(
                        "destination", data.get("destination_leg_yen"), data.get("destination_leg_minutes")
                    ),
                    lodging=lodging_from(
                        data.get("lodging_nights_per_month"), data.get("lodging_yen_per_night")
                    ),
                )
            except CostInputError as exc:
                self.add_error(exc.field if exc.field in self.fields else None, translated_message(exc))
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
        data["support"] = None
        checked_with = ("program", "fiscal_year", "mode", "trips_per_month")
        if data.get("program") and not any(name in self.errors for name in checked_with):
            try:
                data["support"] = choose_program(
                    data["program"],
                    fiscal_year=data.get("fiscal_year"),
                    mode=data["mode"],
                    trips_per_month=data["trips_per_month"],
                    manual_subsidy=self.subsidy_typed_in(),
                    programs=self.programs,
                )
            except SimulatorError as exc:
                field = exc.field if exc.field in ("program", "fiscal_year", "trips_per_month") else "program"
                self.add_error(field, translated_message(exc))
        return data

    def subsidy_typed_in(self) -> bool:
        """Whether the person typed a subsidy rate or cap (anything but blanks)."""
        return any(normalise_text(str(self.data.get(name) or "")) for name in self.SUBSIDY_FIELDS)

    def program_fields(self):
        return [self[name] for name in self.PROGRAM_FIELDS]

    def subsidy_fields(self):
        return [self[name] for name in self.SUBSIDY_FIELDS]

    def origin_leg_fields(self):
        return [self[name] for name in self.ORIGIN_LEG_FIELDS]

    def destination_leg_fields(self):
        return [self[name] for name in self.DESTINATION_LEG_FIELDS]

    def lodging_fields(self):
        return [self[name] for name in self.LODGING_FIELDS]
