"""``duallife subsidy-calc --program data/subsidies/<file>.toml --claims claims.jsonl``: what each
claim is paid under a support program, no database. One JSON line per claim, in input order:
``{"id", "eligible", "payable_yen", "reasons": [{"code", "message"}]}``. Each claim counts the
grants of the claims before it. A bad line is reported on standard error with its number and
skipped; the exit code is 0 when a line was computed, 2 when none was (or the program is bad).
"""

from __future__ import annotations

import datetime
import json
import sys
import tomllib

from duallife.engine.subsidies import (
    Claim,
    Outcome,
    Reason,
    RulesError,
    Trip,
    assess_in_order,
    rules_from_mapping,
)

from .command import InvalidInput

NAME = "subsidy-calc"
HELP = "交通費支援の制度ファイル（TOML）で、申請（JSON Lines）ごとの支給額と理由を計算します。"

#: Reasons in words (the site words the same codes through its catalogue).
MESSAGES = {
    "contract_too_long": "契約期間が{months}か月で、対象となる{limit}か月を超えています。",
    "too_many_claims": "この年度の申請は1人{limit}件までです。",
    "too_many_people": "この年度に1社が申請できるのは{limit}人までです。",
    "no_trips": "往復の記録がありません。",
    "outside_fiscal_year": "{trip}件目の往復（{date}）は、{fiscal_year}年度の対象期間の外です。",
    "origin_outside_area": "{trip}件目の往復の出発地（都道府県コード{prefecture}）は対象外です。",
    "destination_outside_area": "{trip}件目の往復の行き先（都道府県コード{prefecture}）は対象外です。",
    "paid_by_another_subsidy": "{trip}件目の往復は、ほかの補助を受けているため対象外です。",
    "below_floor": "{trip}件目の往復の運賃{fare}円は、下限{floor}円を満たさないため対象外です。",
    "below_floor_voids_claim": (
        "{trip}件目の往復の運賃{fare}円が下限{floor}円を満たさないため、申請全体が対象外です。"
    ),
    "lodging_voided_by_floor": "{trip}件目の宿泊は、往復が下限を満たさないため対象外です。",
    "lodging_not_covered": "{trip}件目の宿泊費は、この制度の対象外です。",
    "lodging_capped": "{trip}件目の宿泊費は1泊{per_night}円のうち上限の{cap}円までを対象にしました。",
    "no_eligible_trip": "対象になる往復がありません。",
    "rounded_down": "{from}円を{unit}円未満切り捨てで{to}円にしました。",
    "capped_per_claim": "1回の申請の上限{cap}円までにしました。",
    "capped_per_person_year": (
        "1人あたり年度の上限{cap}円のうち、残り{left}円までにしました（交付済み{granted}円）。"
    ),
    "capped_per_company_year": (
        "1社あたり年度の上限{cap}円のうち、残り{left}円までにしました（交付済み{granted}円）。"
    ),
    "capped_per_person_span": (
        "1人あたり複数年度の上限{cap}円のうち、残り{left}円までにしました（交付済み{granted}円）。"
    ),
}


def add_arguments(parser) -> None:
    parser.add_argument("--program", required=True, help="制度ファイル（data/subsidies/*.toml）")
    parser.add_argument("--claims", required=True, help="申請のJSON Linesファイル（- で標準入力）")


def message(reason: Reason) -> str:
    figures = {
        name: f"{value:,}" if isinstance(value, int) and value >= 1000 else str(value)
        for name, value in reason.figures
    }
    return MESSAGES[reason.code].format(**figures)


def load_program(path: str):
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise InvalidInput(f"制度ファイルを読めません: {exc.strerror}（{path}）") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"制度ファイルをTOMLとして読めません: {exc}（{path}）") from None
    try:
        return rules_from_mapping(data)
    except RulesError as exc:
        lines = [f"{path}: {key}: {code}" for key, code in exc.problems]
        raise InvalidInput("制度ファイルに誤りがあります:\n" + "\n".join(lines)) from None


def _int(value, name: str, *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{name}は{minimum}以上の整数にしてください")
    return value


def _id(value, name: str):
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"{name}は文字列か整数にしてください")
    return value


def _prefecture(value, name: str) -> str:
    if not isinstance(value, str) or len(value) != 2 or not value.isdigit() or not 1 <= int(value) <= 47:
        raise ValueError(f'{name}は都道府県コード（"01"〜"47"）にしてください')
    return value


def parse_trip(data) -> Trip:
    if not isinstance(data, dict):
        raise ValueError("tripsの要素はオブジェクトにしてください")
    try:
        day = datetime.date.fromisoformat(data.get("date", ""))
    except (TypeError, ValueError):
        raise ValueError("dateはYYYY-MM-DDの日付にしてください") from None
    other = data.get("other_subsidy", False)
    if not isinstance(other, bool):
        raise ValueError("other_subsidyはtrueかfalseにしてください")
    return Trip(
        date=day,
        origin_prefecture=_prefecture(data.get("origin_prefecture"), "origin_prefecture"),
        destination_prefecture=_prefecture(data.get("destination_prefecture"), "destination_prefecture"),
        round_trip_fare_yen=_int(data.get("round_trip_fare_yen"), "round_trip_fare_yen"),
        lodging_nights=_int(data.get("lodging_nights", 0), "lodging_nights"),
        lodging_yen_per_night=_int(data.get("lodging_yen_per_night", 0), "lodging_yen_per_night"),
        other_subsidy=other,
    )


def parse_claim(line: str) -> Claim:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"JSONとして読めません: {exc.msg}") from None
    if not isinstance(data, dict):
        raise ValueError("1行に1つのオブジェクトを書いてください")
    trips = data.get("trips")
    if not isinstance(trips, list):
        raise ValueError("tripsは配列にしてください")
    return Claim(
        id=_id(data.get("id"), "id"),
        person=_id(data.get("person"), "person"),
        company=_id(data.get("company"), "company"),
        contract_months=_int(data.get("contract_months"), "contract_months", minimum=1),
        trips=tuple(parse_trip(trip) for trip in trips),
    )


def _lines(path: str) -> list[str]:
    try:
        if path == "-":
            return sys.stdin.read().splitlines()
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read().splitlines()
    except OSError as exc:
        raise InvalidInput(f"申請ファイルを読めません: {exc.strerror}（{path}）") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"申請ファイルはUTF-8で保存してください（{path}）") from None


def outcome_json(claim: Claim, outcome: Outcome) -> dict:
    return {
        "id": claim.id,
        "eligible": outcome.eligible,
        "payable_yen": outcome.payable_yen,
        "reasons": [{"code": reason.code, "message": message(reason)} for reason in outcome.reasons],
    }


def run(options, *, stdout, stderr) -> None:
    rules = load_program(options.program)
    claims = []
    for number, line in enumerate(_lines(options.claims), start=1):
        if not line.strip():
            continue
        try:
            claims.append(parse_claim(line))
        except ValueError as exc:
            stderr.write(f"{number}行目: {exc}。この行は飛ばしました。\n")
    if not claims:
        raise InvalidInput("計算できる申請がありませんでした。")
    for claim, outcome in zip(claims, assess_in_order(rules, claims), strict=True):
        stdout.write(json.dumps(outcome_json(claim, outcome), ensure_ascii=False) + "\n")
