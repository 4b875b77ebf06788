"""JSON API of the cost simulator, mounted at ``/api/v1/simulator/``.

Every bad input answers 400 with a ``detail`` in the caller's language. Query parameters arrive
as plain strings and are read by the same parsers as the page and the ``simulate`` command (full-width digits
accepted; ``1e3``, ``1_000``, ``NaN`` refused; ``mode`` only ``A`` or ``B``), so the messages are
the simulator's own. An empty optional parameter (``rent_yen=``) counts as absent. The OpenAPI
document still describes each parameter's type and range.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict, WithJsonSchema

from duallife.core.audience import PUBLIC, audience
from duallife.engine.costs import (
    MAX_RENT_YEN,
    MAX_SUBSIDY_CAP_YEN,
    CostInputError,
    parse_trips_per_month,
    parse_yen,
)
from duallife.engine.costs.types import RENT_LABEL

from .errors import InvalidInput, SimulatorError, translated_message
from .payloads import place_payload, quote_payload
from .selectors import REFERENCE_CODE, build_subsidy, cost_dataset, cost_quote, parse_mode

router = Router()

CODE_DESCRIPTION = "全国地方公共団体コード（6桁、検査数字付き）"


def _documented(schema: dict[str, Any]) -> Any:
    """A parameter read as text by our parser and documented as ``schema``."""
    return Annotated[str | None, WithJsonSchema(schema)]


CodeText = _documented({"type": "string", "pattern": r"^[0-9]{6}$"})
OriginText = _documented({"type": "string", "enum": [REFERENCE_CODE], "default": REFERENCE_CODE})
TripsText = _documented({"type": "number", "minimum": 0, "maximum": 31})
ModeText = _documented({"type": "string", "enum": ["A", "B"], "default": "A"})
RentText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_RENT_YEN})
RateText = _documented({"type": "number", "minimum": 0, "maximum": 1})
CapText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_SUBSIDY_CAP_YEN})


def _required(*names: str):
    """Marks parameters required in the OpenAPI document; the parsers report them missing in Japanese."""

    def extra(schema: dict[str, Any]) -> None:
        schema["required"] = sorted({*schema.get("required", []), *names})

    return extra


# --- Schemas ------------------------------------------------------------------------------------


class SimulatorErrorOut(Schema):
    detail: str = Field(
        description="利用者にそのまま見せられるメッセージ（Accept-Language の言語、既定は日本語）"
    )
    errors: list[str] = Field(default_factory=list, description="問題のあった入力項目")


class CostQuery(Schema):
    model_config = ConfigDict(json_schema_extra=_required("destination", "trips_per_month"))

    origin: OriginText = Field(
        None, description=f"出発地の{CODE_DESCRIPTION}。東京都特別区部（{REFERENCE_CODE}）のみ。省略可"
    )
    destination: CodeText = Field(None, description=f"目的地（東北側）の{CODE_DESCRIPTION}")
    trips_per_month: TripsText = Field(
        None, description="月あたりの往復回数（0〜31、小数第1位まで）", examples=[2]
    )
    mode: ModeText = Field(
        None,
        description="A: 目的地に住み東京へ通う（東京暮らしと比較）／"
        "B: 東京に住み目的地で副業する（往復しない東京暮らしと比較）。省略時は A",
    )
    rent_yen: RentText = Field(
        None, description="住まいの家賃（円/月）。Aでは目的地、Bでは東京の家賃を置き換える"
    )
    subsidy_rate: RateText = Field(None, description="交通費の補助率（0〜1）")
    subsidy_cap_per_trip_yen: CapText = Field(None, description="1往復あたりの補助上限（円）")
    subsidy_cap_per_month_yen: CapText = Field(None, description="月あたりの補助上限（円）")


class SimulatorPlaceOut(Schema):
    code: str
    name: str
    prefecture_code: str
    prefecture: str


class SubsidyOut(Schema):
    rate: float
    cap_per_trip_yen: int | None
    cap_per_month_yen: int | None


class SourceOut(Schema):
    title: str
    publisher: str
    url: str
    published: str
    year: int
    used_for: str


class CostOut(Schema):
    origin: SimulatorPlaceOut
    destination: SimulatorPlaceOut
    mode: Literal["A", "B"]
    mode_label: str
    trips_per_month: float
    rent_override_yen: int | None
    subsidy: SubsidyOut | None
    travel_mode: str = Field(description="交通手段")
    monthly_rent_yen: int
    monthly_travel_yen: int
    monthly_subsidy_yen: int
    monthly_total_yen: int
    baseline_total_yen: int
    difference_yen: int = Field(description="monthly_total_yen − baseline_total_yen（負なら安い）")
    break_even_trips_per_month: float | None = Field(
        description="A: 東京暮らし以下の費用で済む最大の月往復回数（小数第2位で切り捨て）。"
        "null は上限なし、0 は安くならない。B では常に null"
    )
    one_way_minutes: int
    monthly_travel_minutes: int
    sources: list[SourceOut]


class DestinationOut(Schema):
    code: str
    name: str
    one_way_minutes: int
    round_trip_fare_yen: int
    monthly_rent_yen: int


class PrefectureDestinationsOut(Schema):
    code: str
    name: str
    destinations: list[DestinationOut]


class DestinationsOut(Schema):
    origin: SimulatorPlaceOut
    prefectures: list[PrefectureDestinationsOut]


# --- Helpers ------------------------------------------------------------------------------------


def _error(exc: SimulatorError) -> Status:
    return Status(400, {"detail": translated_message(exc), "errors": [exc.field] if exc.field else []})


# --- Endpoints ----------------------------------------------------------------------------------


@router.get(
    "/cost",
    response={200: CostOut, 400: SimulatorErrorOut},
    summary="二地域生活の月額コスト試算",
    description="家賃と東京との往復交通費（補助を差し引き）を月額で試算し、東京暮らしと比べます。"
    "金額は円（整数）、時間は分。各金額は正確に計算してから円未満を四捨五入しています。",
    operation_id="simulator_cost",
)
@audience(PUBLIC)
def cost(request: HttpRequest, params: Query[CostQuery]):
    try:
        try:
            trips = parse_trips_per_month(params.trips_per_month)
            rent = parse_yen(params.rent_yen, field="rent_yen", label=RENT_LABEL, maximum=MAX_RENT_YEN)
        except CostInputError as exc:
            raise InvalidInput.from_engine(exc) from exc
        subsidy = build_subsidy(
            params.subsidy_rate, params.subsidy_cap_per_trip_yen, params.subsidy_cap_per_month_yen
        )
        quote = cost_quote(
            origin_code=params.origin,
            destination_code=params.destination,
            mode=parse_mode(params.mode),
            trips_per_month=trips,
            rent_override_yen=rent,
            subsidy=subsidy,
        )
    except SimulatorError as exc:
        return _error(exc)
    return Status(200, quote_payload(quote))


class DestinationsQuery(Schema):
    origin: OriginText = Field(
        None, description=f"出発地の{CODE_DESCRIPTION}。東京都特別区部（{REFERENCE_CODE}）のみ。省略可"
    )


@router.get(
    "/destinations",
    response={200: DestinationsOut, 400: SimulatorErrorOut},
    summary="試算できる目的地の一覧",
    description="運賃・所要時間と家賃の両方のデータがある目的地を、都道府県コード順にまとめて返します。",
    operation_id="simulator_destinations",
)
@audience(PUBLIC)
def destinations(request: HttpRequest, params: Query[DestinationsQuery]):
    try:
        dataset = cost_dataset(params.origin)
    except SimulatorError as exc:
        return _error(exc)
    return Status(
        200,
        {
            "origin": place_payload(dataset.origin),
            "prefectures": [
                {
                    "code": group.prefecture.code,
                    "name": group.prefecture.name,
                    "destinations": [
                        {
                            "code": d.code,
                            "name": d.municipality.name,
                            "one_way_minutes": d.route.one_way_minutes,
                            "round_trip_fare_yen": d.route.round_trip_fare_yen,
                            "monthly_rent_yen": d.rent.monthly_rent_yen,
                        }
                        for d in group.destinations
                    ],
                }
                for group in dataset.groups()
            ],
        },
    )
