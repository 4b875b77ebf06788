"""``duallife simulate``: the cost simulator from the command line.

    duallife simulate --destination 041009 --trips-per-month 2            # 日本語の説明
    duallife simulate --destination 041009 --trips-per-month 2 --format json
    duallife simulate --all --format csv --output costs.csv               # UTF-8 (BOM 付き)
    duallife simulate --origin 141003 --origin-leg-yen 960 --origin-leg-minutes 30 \
        --destination 046060 --destination-leg-yen 3600 --destination-leg-minutes 90 \
        --lodging-nights-per-month 2 --lodging-yen-per-night 7000 --mode B

Each parameter is also accepted with underscores, as the API names it (``--origin_leg_yen``).

The numbers are the API's: both go through :mod:`duallife.simulator.selectors`.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext_noop

from duallife.core.formats import format_yen
from duallife.engine.costs import (
    MAX_RENT_YEN,
    CostInputError,
    parse_trips_per_month,
    parse_yen,
)
from duallife.engine.costs.types import RENT_LABEL
from duallife.simulator.errors import InvalidInput, NoRegionData, SimulatorError
from duallife.simulator.payloads import quote_payload, result_payload, source_payload
from duallife.simulator.selectors import (
    REFERENCE_CODE,
    CostQuote,
    build_extras,
    build_subsidy,
    compare_all,
    cost_dataset,
    cost_quote,
    dataset_sources,
    parse_mode,
)
from duallife.simulator.texts import (
    MODE_LABELS,
    break_even_sentence,
    difference_sentence,
    leg_note,
    lodging_note,
    minutes_text,
    origin_short_name,
    trips_text,
)

CSV_HEADERS = [
    "目的地コード",
    "都道府県",
    "目的地",
    "試算の種類",
    "月の往復回数",
    "家賃（円/月）",
    "交通費（円/月）",
    "補助（円/月）",
    "宿泊費（円/月）",
    "合計（円/月）",
    "比較対象（円/月）",
    "差額（円/月）",
    "損益分岐の往復回数（回/月）",
    "片道所要時間（分）",
    "移動時間（分/月）",
    "東京駅までの区間",
    "経由地から先の区間",
]
#: The legs and the lodging: option, help. Each is accepted with dashes and with underscores.
EXTRA_OPTIONS = (
    ("origin_leg_yen", "出発地から東京駅までの往復運賃（円）。省略時は含まれていません"),
    ("origin_leg_minutes", "出発地から東京駅までの片道時間（分）。省略時は含まれていません"),
    ("destination_leg_yen", "経由地から目的地までの往復運賃（円）。省略時は含まれていません"),
    ("destination_leg_minutes", "経由地から目的地までの片道時間（分）。省略時は含まれていません"),
    ("lodging_nights_per_month", "月の宿泊数（0〜31泊、1泊あたりの宿泊費と組で）"),
    ("lodging_yen_per_night", "1泊あたりの宿泊費（円、月の宿泊数と組で）"),
)


def _place_name(municipality) -> str:
    """「宮城県仙台市」; a name that already starts with its prefecture (東京都特別区部) as it is."""
    prefecture = municipality.prefecture.name
    name = municipality.name
    return name if name.startswith(prefecture) else f"{prefecture}{name}"


def _width(text: str) -> int:
    """Columns a string takes in a terminal: full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class Command(BaseCommand):
    help = "二地域生活の月額コスト（家賃＋東京との往復交通費−補助）を試算します。"
    requires_system_checks = []  # no system checks on start-up (docs/adr/0012)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--origin",
            default=REFERENCE_CODE,
            help="出発地の地方公共団体コード（埼玉県・千葉県・東京都・神奈川県の市区町村、"
            f"既定 {REFERENCE_CODE} 東京都特別区部）",
        )
        parser.add_argument(
            "--destination", help="目的地の地方公共団体コード（例: 041009 仙台市、046060 南三陸町）"
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="自分の運賃データがある都市（報告書の表の都市）をすべて試算する",
        )
        parser.add_argument(
            "--trips-per-month", default="2", help="月あたりの往復回数（0〜31、小数第1位まで、既定 2）"
        )
        parser.add_argument(
            "--mode", default="A", help="A: 東北に住み東京へ通う／B: 東京に住み東北で副業（既定 A）"
        )
        parser.add_argument("--rent-yen", help="住まいの家賃（円/月）で目安を置き換える")
        parser.add_argument("--subsidy-rate", help="交通費の補助率（0〜1）")
        parser.add_argument("--subsidy-cap-per-trip-yen", help="1往復あたりの補助上限（円）")
        parser.add_argument("--subsidy-cap-per-month-yen", help="月あたりの補助上限（円）")
        for name, help_text in EXTRA_OPTIONS:
            parser.add_argument(f"--{name.replace('_', '-')}", f"--{name}", dest=name, help=help_text)
        parser.add_argument("--format", default="text", help="text（既定）、json、csv")
        parser.add_argument("--output", help="出力先のファイル（省略時は標準出力）")

    def handle(self, *args, **options) -> None:
        fmt = (options["format"] or "text").lower()
        if fmt not in {"text", "json", "csv"}:
            raise CommandError("--format は text、json、csv のいずれかで指定してください。")
        if options["all"] == bool(options["destination"]):
            raise CommandError("--destination か --all のどちらか一方を指定してください。")
        try:
            # The same parsers as the page and the API: full-width digits are fine, 1e3 is not.
            try:
                trips = parse_trips_per_month(options["trips_per_month"])
                rent = parse_yen(
                    options["rent_yen"], field="rent_yen", label=RENT_LABEL, maximum=MAX_RENT_YEN
                )
            except CostInputError as exc:
                raise InvalidInput.from_engine(exc) from exc
            mode = parse_mode(options["mode"])
            subsidy = build_subsidy(
                options["subsidy_rate"],
                options["subsidy_cap_per_trip_yen"],
                options["subsidy_cap_per_month_yen"],
            )
            extras = build_extras(**{name: options[name] for name, _help in EXTRA_OPTIONS})
            if options["all"]:
                if extras.destination_leg is not None:
                    raise InvalidInput(
                        gettext_noop(
                            "経由地から先の区間は、--destination で目的地を1つ選んだときに指定してください。"
                        ),
                        field="destination_leg_yen",
                    )
                output = self._all(options["origin"], mode, trips, rent, subsidy, extras, fmt)
            else:
                quote = cost_quote(
                    origin_code=options["origin"],
                    destination_code=options["destination"],
                    mode=mode,
                    trips_per_month=trips,
                    rent_override_yen=rent,
                    subsidy=subsidy,
                    extras=extras,
                )
                output = self._one(quote, fmt)
        except NoRegionData as exc:
            raise CommandError(
                f"{exc.message}「duallife load-region-pack tohoku」を実行してください。"
            ) from None
        except SimulatorError as exc:
            raise CommandError(exc.message) from None
        self._write(output, options["output"], bom=fmt == "csv")

    # --- output -----------------------------------------------------------------------------

    def _write(self, text: str, path: str | None, *, bom: bool) -> None:
        if bom:
            text = "\ufeff" + text
        if path:
            try:
                Path(path).write_text(text, encoding="utf-8", newline="")
            except OSError as exc:
                raise CommandError(f"ファイルに書き込めません: {path}（{exc.strerror}）") from None
            self.stderr.write(f"{path} に書き出しました。")
        else:
            self.stdout.write(text, ending="")

    def _one(self, quote: CostQuote, fmt: str) -> str:
        if fmt == "json":
            return json.dumps(quote_payload(quote), ensure_ascii=False, indent=2) + "\n"
        if fmt == "csv":
            return self._csv([(quote.destination, quote.result)])
        return self._text(quote)

    def _all(self, origin, mode, trips, rent, subsidy, extras, fmt: str) -> str:
        dataset = cost_dataset(origin)
        rows = compare_all(
            dataset, mode=mode, trips_per_month=trips, rent_override_yen=rent, subsidy=subsidy, extras=extras
        )
        if fmt == "csv":
            return self._csv([(row.destination.municipality, row.result) for row in rows])
        if fmt == "json":
            data = {
                "origin": {"code": dataset.origin.code, "name": dataset.origin.name},
                "results": [
                    {
                        "destination": {
                            "code": row.destination.code,
                            "name": row.destination.municipality.name,
                            "prefecture": row.destination.municipality.prefecture.name,
                        },
                        **result_payload(row.result),
                    }
                    for row in rows
                ],
                "sources": [source_payload(s) for s in dataset_sources(dataset)],
            }
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        lines = [f"{dataset.origin.name}との比較（{MODE_LABELS[rows[0].result.mode] if rows else ''}）"]
        if rows:
            r = rows[0].result
            lines.append(f"東京駅までの区間: {leg_note(r.origin_leg)}")
            lines.append(f"宿泊費: {lodging_note(r.lodging)}")
        for row in rows:
            r = row.result
            lines.append(
                f"{_place_name(row.destination.municipality)}: "
                f"合計 {format_yen(r.monthly_total_yen)}／月（差額 {r.difference_yen:+,}円）"
            )
        return "\n".join(lines) + "\n"

    def _csv(self, rows) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_HEADERS)
        for municipality, r in rows:
            be = r.break_even_trips_per_month
            writer.writerow(
                [
                    municipality.code,
                    municipality.prefecture.name,
                    municipality.name,
                    r.mode.value,
                    str(r.trips_per_month),
                    r.monthly_rent_yen,
                    r.monthly_travel_yen,
                    r.monthly_subsidy_yen,
                    r.monthly_lodging_yen,
                    r.monthly_total_yen,
                    r.baseline_total_yen,
                    r.difference_yen,
                    "" if be is None else str(be),
                    r.one_way_minutes,
                    r.monthly_travel_minutes,
                    leg_note(r.origin_leg),
                    leg_note(r.destination_leg),
                ]
            )
        return buffer.getvalue()

    def _text(self, quote: CostQuote) -> str:
        r = quote.result
        origin = origin_short_name(quote.origin.code, quote.origin.name)
        dest = quote.destination.name
        gateways = f"{quote.route.origin.name}–{quote.route.destination.name}"
        fare, time = format_yen(r.route_round_trip_fare_yen), minutes_text(r.route_one_way_minutes)
        route = f"{gateways}（{quote.route.mode}・往復{fare}・片道{time}）"
        subsidy = f"-{format_yen(r.monthly_subsidy_yen)}" if r.monthly_subsidy_yen else "0円"
        rent_note = "（入力値）" if r.rent_overridden else ""
        for place in (quote.origin_rent_place, quote.destination_rent_place):
            if place is not None and place.pk not in (quote.origin.pk, quote.destination.pk):
                rent_note = f"（{place.name}の目安）"
        figures = [
            ("家賃", format_yen(r.monthly_rent_yen) + rent_note),
            ("交通費", format_yen(r.monthly_travel_yen)),
            ("東京駅までの区間", leg_note(r.origin_leg)),
            ("経由地から先の区間", leg_note(r.destination_leg)),
            (
                "宿泊費",
                f"{format_yen(r.monthly_lodging_yen)}（{lodging_note(r.lodging)}）"
                if r.lodging
                else lodging_note(None),
            ),
            ("補助", subsidy),
            ("合計", format_yen(r.monthly_total_yen)),
            (f"{origin}で暮らす場合", format_yen(r.baseline_total_yen)),
            ("差額", f"{r.difference_yen:+,}円"),
            ("片道の所要時間", minutes_text(r.one_way_minutes)),
            ("移動時間", f"{minutes_text(r.monthly_travel_minutes)}／月"),
        ]
        label_width = max(_width(label) for label, _ in figures) + 2
        lines = [
            f"{dest}（{quote.destination.prefecture.name}）: {MODE_LABELS[r.mode]}",
            f"月{trips_text(r.trips_per_month)}往復（{quote.origin.name}との間）",
            f"運賃と所要時間: {route}",
            "",
            *(f"  {label}{' ' * (label_width - _width(label))}{value}" for label, value in figures),
            "",
            difference_sentence(r, origin_name=origin, destination_name=dest),
            break_even_sentence(r, origin_name=origin),
            "",
            "出典:",
        ]
        for s in quote.sources:
            lines.append(f"  - {s.publisher}「{s.title}」（{s.year}年、{s.used_for}）")
        return "\n".join(lines) + "\n"
