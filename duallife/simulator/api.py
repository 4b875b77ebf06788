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
    MAX_LEG_MINUTES,
    MAX_LEG_YEN,
    MAX_LODGING_NIGHTS,
    MAX_LODGING_YEN_PER_NIGHT,
    MAX_RENT_YEN,
    MAX_SUBSIDY_CAP_YEN,
    CostInputError,
    Mode,
    normalise_text,
    parse_trips_per_month,
    parse_yen,
)
from duallife.engine.costs.types import RENT_LABEL

from .errors import InvalidInput, SimulatorError, translated_message
from .payloads import place_payload, quote_payload
from .selectors import (
    REFERENCE_CODE,
    build_extras,
    build_subsidy,
    choose_program,
    cost_dataset,
    cost_quote,
    parse_mode,
)

router = Router()

CODE_DESCRIPTION = "全国地方公共団体コード（6桁、検査数字付き）"


def _documented(schema: dict[str, Any]) -> Any:
    """A parameter read as text by our parser and documented as ``schema``."""
    return Annotated[str | None, WithJsonSchema(schema)]


CodeText = _documented({"type": "string", "pattern": r"^[0-9]{6}$"})
OriginText = _documented({"type": "string", "pattern": r"^[0-9]{6}$", "default": REFERENCE_CODE})
TripsText = _documented({"type": "number", "minimum": 0, "maximum": 31})
ModeText = _documented({"type": "string", "enum": ["A", "B"], "default": "A"})
RentText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_RENT_YEN})
RateText = _documented({"type": "number", "minimum": 0, "maximum": 1})
CapText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_SUBSIDY_CAP_YEN})
LegYenText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_LEG_YEN})
LegMinutesText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_LEG_MINUTES})
NightsText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_LODGING_NIGHTS})
NightYenText = _documented({"type": "integer", "minimum": 0, "maximum": MAX_LODGING_YEN_PER_NIGHT})
ProgramText = _documented({"type": "string", "pattern": r"^[-a-zA-Z0-9_]{1,80}$"})
FiscalYearText = _documented({"type": "integer", "minimum": 2000, "maximum": 2100})
ORIGIN_DESCRIPTION = (
    f"出発地の{CODE_DESCRIPTION}。東京圏（埼玉県・千葉県・東京都・神奈川県）の市区町村。"
    f"省略時は東京都特別区部（{REFERENCE_CODE}）"
)
NOT_INCLUDED = "省略時は0円・0分で、結果に「含まれていません」と示す"


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

    origin: OriginText = Field(None, description=ORIGIN_DESCRIPTION)
    destination: CodeText = Field(
        None,
        description=f"目的地（東北側の市町村か比較都市）の{CODE_DESCRIPTION}。"
        "運賃と所要時間は経由地（既定は県庁所在地）のもの",
    )
    trips_per_month: TripsText = Field(
        None, description="月あたりの往復回数（0〜31、小数第1位まで）", examples=[2]
    )
    mode: ModeText = Field(
        None,
        description="A: 目的地に住み東京へ通う（東京暮らしと比較）／"
        "B: 東京に住み目的地で副業する（往復しない東京暮らしと比較）。"
        "省略時は A（program を指定したときは B）",
    )
    rent_yen: RentText = Field(
        None, description="住まいの家賃（円/月）。Aでは目的地、Bでは東京の家賃を置き換える"
    )
    program: ProgramText = Field(
        None,
        description="交通費支援の制度の識別子（/subsidies/ の制度。例: miyagi-doublework）。"
        "B だけで使え、月の往復を1回の申請としてその制度のルールで支援額を計算する"
        "（1年度あたりの上限は12分の1、複数年度の上限は年数×12分の1を1か月分とする）。"
        "往復回数は整数。subsidy_* とは一緒に指定できない",
    )
    fiscal_year: FiscalYearText = Field(
        None, description="制度の年度（4月〜翌年3月、始まる年の西暦）。省略時は今年度"
    )
    subsidy_rate: RateText = Field(None, description="交通費の補助率（0〜1）")
    subsidy_cap_per_trip_yen: CapText = Field(None, description="1往復あたりの補助上限（円）")
    subsidy_cap_per_month_yen: CapText = Field(None, description="月あたりの補助上限（円）")
    origin_leg_yen: LegYenText = Field(
        None, description=f"出発地から東京駅までの往復運賃（円）。{NOT_INCLUDED}"
    )
    origin_leg_minutes: LegMinutesText = Field(
        None, description=f"出発地から東京駅までの片道時間（分）。{NOT_INCLUDED}"
    )
    destination_leg_yen: LegYenText = Field(
        None, description=f"経由地から目的地までの往復運賃（円）。{NOT_INCLUDED}"
    )
    destination_leg_minutes: LegMinutesText = Field(
        None, description=f"経由地から目的地までの片道時間（分）。{NOT_INCLUDED}"
    )
    lodging_nights_per_month: NightsText = Field(
        None, description="月の宿泊数（0〜31泊）。1泊あたりの宿泊費と組で指定する"
    )
    lodging_yen_per_night: NightYenText = Field(
        None, description="1泊あたりの宿泊費（円）。月の宿泊数と組で指定する"
    )


class SimulatorPlaceOut(Schema):
    code: str
    name: str
    prefecture_code: str
    prefecture: str


class SubsidyOut(Schema):
    rate: float
    cap_per_trip_yen: int | None
    cap_per_month_yen: int | None


class ReasonOut(Schema):
    code: str = Field(description="支援エンジンの理由のコード")
    text: str = Field(description="理由の文（Accept-Language の言語）")


class ProgramSupportOut(Schema):
    slug: str
    fiscal_year: int
    name: str
    payee: Literal["company", "talent"] = Field(description="支払先（company: 受け入れ企業、talent: 人材）")
    monthly_support_yen: int = Field(
        description="制度が1か月の往復に支払う額（円）。monthly_subsidy_yen はこの額（交通費を超えない）"
    )
    capped_by_year: bool = Field(description="1年度（または複数年度）の上限の1か月分で減らしたか")
    eligible: bool = Field(description="支援エンジンが対象と判断したか")
    reasons: list[ReasonOut] = Field(description="対象外や減額の理由（同じ往復の繰り返しは1件目だけ）")
    note: str = Field(description="計算のしかた")


class SourceOut(Schema):
    title: str
    publisher: str
    url: str
    published: str
    year: int
    used_for: str


class LegOut(Schema):
    round_trip_yen: int = Field(description="往復運賃（円）")
    one_way_minutes: int = Field(description="片道時間（分）")
    included: bool = Field(
        description="入力されて計算に含まれているか（false なら0として扱い、含まれていない）"
    )
    note: str = Field(description="含まれているかどうかを示す文")


class LodgingOut(Schema):
    nights_per_month: int
    yen_per_night: int
    monthly_yen: int
    included: bool
    note: str


class CostOut(Schema):
    origin: SimulatorPlaceOut
    destination: SimulatorPlaceOut
    origin_gateway: SimulatorPlaceOut = Field(description="出発地の経由地（東京圏は東京都特別区部）")
    destination_gateway: SimulatorPlaceOut = Field(description="目的地の経由地（運賃と所要時間を使う都市）")
    rent_places: list[SimulatorPlaceOut] = Field(
        description="家賃の目安を使った地域（自分の目安がない地域は経由地の目安）"
    )
    mode: Literal["A", "B"]
    mode_label: str
    trips_per_month: float
    rent_override_yen: int | None
    subsidy: SubsidyOut | None
    program: ProgramSupportOut | None = Field(description="選んだ交通費支援の制度と支援額（なければ null）")
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
    one_way_minutes: int = Field(description="片道の所要時間（分）。経由地間の所要時間と入力した区間の合計")
    monthly_travel_minutes: int
    monthly_lodging_yen: int = Field(description="宿泊費（円/月）。monthly_total_yen に含まれる")
    round_trip_fare_yen: int = Field(description="1往復の運賃（円）。経由地間の運賃と入力した区間の合計")
    route_round_trip_fare_yen: int = Field(description="経由地間の往復運賃（円）")
    route_one_way_minutes: int = Field(description="経由地間の片道時間（分）")
    origin_leg: LegOut = Field(description="出発地から東京駅までの区間")
    destination_leg: LegOut = Field(description="経由地から目的地までの区間")
    lodging: LodgingOut
    sources: list[SourceOut]


class DestinationOut(Schema):
    code: str
    name: str
    name_en: str
    gateway_code: str = Field(description="経由地（運賃と所要時間を使う都市）のコード")
    gateway_name: str
    one_way_minutes: int = Field(description="経由地までの片道時間（分）")
    round_trip_fare_yen: int = Field(description="経由地までの往復運賃（円）")
    monthly_rent_yen: int | None = Field(description="家賃の目安（円/月）。自分の目安がなければ経由地の目安")
    rent_from_gateway: bool


class PrefectureDestinationsOut(Schema):
    code: str
    name: str
    destinations: list[DestinationOut]


class DestinationsOut(Schema):
    origin: SimulatorPlaceOut
    prefectures: list[PrefectureDestinationsOut]


# --- Helpers ------------------------------------------------------------------------------------


def _text(value: str | None) -> str:
    return normalise_text(value) if value else ""


def _error(exc: SimulatorError) -> Status:
    return Status(400, {"detail": translated_message(exc), "errors": [exc.field] if exc.field else []})


# --- Endpoints ----------------------------------------------------------------------------------


@router.get(
    "/cost",
    response={200: CostOut, 400: SimulatorErrorOut},
    summary="二地域生活の月額コスト試算",
    description="家賃と東京との往復交通費（補助を差し引き）、入力があれば宿泊費を月額で試算し、"
    "出発地での暮らしと比べます。補助は率と上限で指定するか、交通費支援の制度（program）を選びます。"
    "東京駅までと経由地から先の区間は入力したときだけ加算します（省略時は含まれていません）。"
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
        manual = (params.subsidy_rate, params.subsidy_cap_per_trip_yen, params.subsidy_cap_per_month_yen)
        mode_text = params.mode
        if not _text(mode_text) and _text(params.program):
            mode_text = Mode.B.value  # a program pays trips from Tokyo: naming one without a mode means B
        mode = parse_mode(mode_text)
        program = choose_program(
            params.program,
            fiscal_year=params.fiscal_year,
            mode=mode,
            trips_per_month=trips,
            manual_subsidy=any(_text(value) for value in manual),
        )
        subsidy = build_subsidy(*manual) if program is None else None
        extras = build_extras(
            origin_leg_yen=params.origin_leg_yen,
            origin_leg_minutes=params.origin_leg_minutes,
            destination_leg_yen=params.destination_leg_yen,
            destination_leg_minutes=params.destination_leg_minutes,
            lodging_nights_per_month=params.lodging_nights_per_month,
            lodging_yen_per_night=params.lodging_yen_per_night,
        )
        quote = cost_quote(
            origin_code=params.origin,
            destination_code=params.destination,
            mode=mode,
            trips_per_month=trips,
            rent_override_yen=rent,
            subsidy=subsidy,
            extras=extras,
            program=program,
        )
    except SimulatorError as exc:
        return _error(exc)
    return Status(200, quote_payload(quote))


class DestinationsQuery(Schema):
    origin: OriginText = Field(None, description=ORIGIN_DESCRIPTION)


@router.get(
    "/destinations",
    response={200: DestinationsOut, 400: SimulatorErrorOut},
    summary="試算できる目的地の一覧",
    description="経由地（既定は県庁所在地）と出発地の経由地の間に運賃・所要時間のデータがある目的地を、"
    "都道府県コード順にまとめて返します。",
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
                            "name_en": d.municipality.name_en,
                            "gateway_code": d.gateway.code,
                            "gateway_name": d.gateway.name,
                            "one_way_minutes": d.route.one_way_minutes,
                            "round_trip_fare_yen": d.route.round_trip_fare_yen,
                            "monthly_rent_yen": d.rent.monthly_rent_yen if d.rent else None,
                            "rent_from_gateway": d.rent_from_gateway,
                        }
                        for d in group.destinations
                    ],
                }
                for group in dataset.groups()
            ],
        },
    )
