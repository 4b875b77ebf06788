"""Reading and validating a region pack: ``data/regions/<slug>/manifest.toml`` plus CSV files.

Validation happens in full before anything touches the database: every problem is collected
with its file and line, so a maintainer fixes a pack in one pass. Only a pack that passes every
check is handed to :func:`duallife.regions.services.region_pack_load`.
"""

from __future__ import annotations

import csv
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from duallife.engine.places import is_valid_lg_code, is_valid_prefecture_code, prefecture_lg_code

FILES = (
    "prefectures",
    "municipalities",
    "routes",
    "rents",
    "indicators",
    "prefecture_indicators",
    "industries",
    "industry_employment",
    "net_migration",
)
ROLES = {"pack", "comparison", "reference"}
KATAKANA = re.compile(r"^[\u30A0-\u30FF\u3000ー・ 　]+$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class PackError:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class PackValidationError(Exception):
    def __init__(self, errors: list[PackError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class PackData:
    slug: str
    title: str
    version: str
    reference_municipality: str
    prefecture_codes: list[str]
    checksum: str
    sources: list[dict[str, Any]]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


# --- cell parsers: return the parsed value or raise ValueError with a Japanese message ----------


def text(max_length: int, *, required: bool = True) -> Callable[[str], str]:
    def parse(value: str) -> str:
        value = value.strip()
        if required and not value:
            raise ValueError("値が空です")
        if len(value) > max_length:
            raise ValueError(f"{max_length}文字以内にしてください")
        return value

    return parse


def kana(value: str) -> str:
    value = value.strip()
    if not value or not KATAKANA.match(value):
        raise ValueError("読みは全角カタカナで入力してください")
    return value


def integer(minimum: int, maximum: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value.strip().replace(",", ""))
        except ValueError:
            raise ValueError(f"整数ではありません（{value!r}）") from None
        if not minimum <= number <= maximum:
            raise ValueError(f"{minimum}〜{maximum}の範囲外です（{number}）")
        return number

    return parse


def decimal(minimum: Decimal, maximum: Decimal, places: int) -> Callable[[str], Decimal]:
    def parse(value: str) -> Decimal:
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"数値ではありません（{value!r}）") from None
        if not number.is_finite() or not minimum <= number <= maximum:
            raise ValueError(f"{minimum}〜{maximum}の範囲外です（{value}）")
        if number.as_tuple().exponent < -places:
            raise ValueError(f"小数点以下は{places}桁までです（{value}）")
        return number

    return parse


def boolean(value: str) -> bool:
    if value.strip() not in {"0", "1"}:
        raise ValueError("0 か 1 で指定してください")
    return value.strip() == "1"


def lg_code(value: str) -> str:
    value = value.strip()
    if not is_valid_lg_code(value):
        raise ValueError(f"地方公共団体コードが不正です（6桁・検査数字）: {value!r}")
    return value


def prefecture_code(value: str) -> str:
    value = value.strip()
    if not is_valid_prefecture_code(value):
        raise ValueError(f"都道府県コードが不正です（01〜47）: {value!r}")
    return value


def optional_prefecture_code(value: str) -> str:
    return prefecture_code(value) if value.strip() else ""


def slug(value: str) -> str:
    value = value.strip()
    if not SLUG.match(value) or len(value) > 60:
        raise ValueError(f"識別子は英小文字・数字・ハイフンで指定してください: {value!r}")
    return value


def optional_slug(value: str) -> str:
    return slug(value) if value.strip() else ""


def year(value: str) -> int:
    return integer(1900, 2100)(value)


COLUMNS: dict[str, dict[str, Callable[[str], Any]]] = {
    "prefectures": {
        "code": prefecture_code,
        "lg_code": lg_code,
        "name": text(10),
        "name_kana": kana,
        "name_en": text(20),
    },
    "municipalities": {
        "code": lg_code,
        "prefecture_code": prefecture_code,
        "name": text(40),
        "name_kana": kana,
        "role": text(12),
        "is_capital": boolean,
    },
    "routes": {
        "origin_code": lg_code,
        "destination_code": lg_code,
        "mode": text(40),
        "one_way_minutes": integer(1, 24 * 60),
        "round_trip_fare_yen": integer(1, 1_000_000),
        "note": text(200, required=False),
        "source": slug,
        "year": year,
    },
    "rents": {
        "municipality_code": lg_code,
        "monthly_rent_yen": integer(1, 10_000_000),
        "definition": text(200),
        "source": slug,
        "year": year,
    },
    "indicators": {
        "key": slug,
        "name": text(100),
        "name_en": text(100),
        "unit": text(20),
        "definition": text(200, required=False),
        "position": integer(0, 1000),
    },
    "prefecture_indicators": {
        "prefecture_code": prefecture_code,
        "indicator": slug,
        "value": decimal(Decimal("-9999999999"), Decimal("9999999999"), 2),
        "national_rank": integer(1, 47),
        "source": slug,
        "year": year,
    },
    "industries": {
        "key": slug,
        "name": text(100),
        "name_en": text(100),
        "parent": optional_slug,
        "definition": text(200, required=False),
        "position": integer(0, 1000),
    },
    "industry_employment": {
        "area_key": text(20),
        "area_name": text(20),
        "prefecture_code": optional_prefecture_code,
        "industry": slug,
        "workers_thousands": integer(0, 100_000_000),
        "share_percent": decimal(Decimal(0), Decimal(100), 1),
        "source": slug,
        "year": year,
    },
    "net_migration": {
        "prefecture_code": prefecture_code,
        "year": year,
        "month": integer(1, 12),
        "net_migrants": integer(-10_000_000, 10_000_000),
        "source": slug,
    },
}

# Natural keys: a second row with the same key is a duplicate.
KEYS: dict[str, tuple[str, ...]] = {
    "prefectures": ("code",),
    "municipalities": ("code",),
    "routes": ("origin_code", "destination_code", "mode"),
    "rents": ("municipality_code",),
    "indicators": ("key",),
    "prefecture_indicators": ("prefecture_code", "indicator"),
    "industries": ("key",),
    "industry_employment": ("area_key", "industry", "year"),
    "net_migration": ("prefecture_code", "year", "month"),
}


def packs_dir() -> Path:
    from django.conf import settings

    return Path(settings.REGION_PACKS_DIR)


def read_pack(directory: Path) -> PackData:
    """Parse and validate a whole pack; raise PackValidationError listing every problem."""
    errors: list[PackError] = []
    manifest_path = directory / "manifest.toml"
    if not manifest_path.is_file():
        raise PackValidationError(
            [PackError("manifest.toml", None, f"マニフェストがありません: {directory}")]
        )
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackValidationError(
            [PackError("manifest.toml", None, f"TOML として読めません: {exc}")]
        ) from None

    pack = manifest.get("pack") or {}
    for key in ("slug", "title", "version", "reference_municipality", "prefectures"):
        if not pack.get(key):
            errors.append(PackError("manifest.toml", None, f"[pack] に {key} がありません"))
    if pack.get("slug") and pack["slug"] != directory.name:
        errors.append(PackError("manifest.toml", None, f"slug {pack['slug']!r} がフォルダ名と異なります"))
    sources = manifest.get("sources") or []
    source_keys: set[str] = set()
    for i, src in enumerate(sources, 1):
        for key in ("key", "title", "publisher", "published"):
            if not src.get(key):
                errors.append(PackError("manifest.toml", None, f"出典 {i} 件目に {key} がありません"))
        if src.get("key") in source_keys:
            errors.append(PackError("manifest.toml", None, f"出典の key {src['key']!r} が重複しています"))
        source_keys.add(src.get("key", ""))
    files = manifest.get("files") or {}
    missing = [name for name in FILES if name not in files]
    if missing:
        errors.append(PackError("manifest.toml", None, "[files] に次がありません: " + ", ".join(missing)))
    if errors:
        raise PackValidationError(errors)

    digest = hashlib.sha256(manifest_path.read_bytes())
    rows: dict[str, list[dict[str, Any]]] = {}
    lines: dict[str, list[int]] = {}
    for name in FILES:
        path = directory / files[name]
        if not path.is_file():
            errors.append(PackError(files[name], None, "ファイルがありません"))
            continue
        digest.update(path.read_bytes())
        rows[name], lines[name] = _read_csv(path, files[name], COLUMNS[name], KEYS[name], errors)

    if not errors:
        _check_references(pack, files, rows, lines, source_keys, errors)
    if errors:
        raise PackValidationError(errors)
    return PackData(
        slug=pack["slug"],
        title=pack["title"],
        version=str(pack["version"]),
        reference_municipality=pack["reference_municipality"],
        prefecture_codes=list(pack["prefectures"]),
        checksum=digest.hexdigest(),
        sources=sources,
        rows=rows,
    )


def _read_csv(
    path: Path,
    label: str,
    columns: dict[str, Callable[[str], Any]],
    key: tuple[str, ...],
    errors: list[PackError],
) -> tuple[list[dict[str, Any]], list[int]]:
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        errors.append(PackError(label, None, "UTF-8 で読めません"))
        return [], []
    reader = csv.reader(content.splitlines())
    header = next(reader, None)
    if header is None:
        errors.append(PackError(label, 1, "見出し行がありません"))
        return [], []
    header = [h.strip() for h in header]
    if header != list(columns):
        missing = [c for c in columns if c not in header]
        unknown = [c for c in header if c not in columns]
        detail = []
        if missing:
            detail.append("不足: " + ", ".join(missing))
        if unknown:
            detail.append("不明: " + ", ".join(unknown))
        if not detail:
            detail.append("列の順序が違います")
        errors.append(PackError(label, 1, "列が定義と一致しません（" + "、".join(detail) + "）"))
        return [], []
    parsed: list[dict[str, Any]] = []
    line_numbers: list[int] = []
    seen: dict[tuple, int] = {}
    for line_no, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            errors.append(PackError(label, line_no, f"列の数が {len(cells)} です（{len(columns)} 列必要）"))
            continue
        row: dict[str, Any] = {}
        ok = True
        for (name, parse), cell in zip(columns.items(), cells, strict=True):
            try:
                row[name] = parse(cell)
            except ValueError as exc:
                errors.append(PackError(label, line_no, f"{name}: {exc}"))
                ok = False
        if not ok:
            continue
        natural_key = tuple(row[k] for k in key)
        if natural_key in seen:
            errors.append(
                PackError(label, line_no, f"{', '.join(key)} が {seen[natural_key]} 行目と重複しています")
            )
            continue
        seen[natural_key] = line_no
        parsed.append(row)
        line_numbers.append(line_no)
    return parsed, line_numbers


def _check_references(
    pack: dict[str, Any],
    files: dict[str, str],
    rows: dict[str, list[dict[str, Any]]],
    lines: dict[str, list[int]],
    source_keys: set[str],
    errors: list[PackError],
) -> None:
    prefectures = {r["code"] for r in rows["prefectures"]}
    municipalities = {r["code"] for r in rows["municipalities"]}
    indicators = {r["key"] for r in rows["indicators"]}
    industries = {r["key"] for r in rows["industries"]}

    def each(name: str) -> Iterable[tuple[int, dict[str, Any]]]:
        return zip(lines[name], rows[name], strict=True)

    def err(name: str, line: int, message: str) -> None:
        errors.append(PackError(files[name], line, message))

    for code in pack["prefectures"]:
        if code not in prefectures:
            errors.append(
                PackError("manifest.toml", None, f"対象の都道府県 {code!r} が prefectures にありません")
            )
    if pack["reference_municipality"] not in municipalities:
        errors.append(
            PackError(
                "manifest.toml",
                None,
                f"基準地 {pack['reference_municipality']!r} が municipalities にありません",
            )
        )
    for line, r in each("prefectures"):
        if r["lg_code"] != prefecture_lg_code(r["code"]):
            err("prefectures", line, f"lg_code {r['lg_code']} が都道府県コード {r['code']} と一致しません")
    for line, r in each("municipalities"):
        if r["prefecture_code"] not in prefectures:
            err("municipalities", line, f"都道府県 {r['prefecture_code']} がありません")
        elif r["code"][:2] != r["prefecture_code"]:
            err(
                "municipalities",
                line,
                f"コード {r['code']} の上2桁が都道府県 {r['prefecture_code']} と一致しません",
            )
        if r["role"] not in ROLES:
            err("municipalities", line, f"role は {', '.join(sorted(ROLES))} のいずれかです（{r['role']!r}）")
    place_refs = {
        "routes": ("origin_code", "destination_code"),
        "rents": ("municipality_code",),
    }
    for name, columns in place_refs.items():
        for line, r in each(name):
            for column in columns:
                if r[column] not in municipalities:
                    err(name, line, f"{column}: 市区町村 {r[column]} が municipalities にありません")
    for line, r in each("routes"):
        if r["origin_code"] == r["destination_code"]:
            err("routes", line, "出発地と目的地が同じです")
    for name in ("prefecture_indicators", "net_migration", "industry_employment"):
        for line, r in each(name):
            if r["prefecture_code"] and r["prefecture_code"] not in prefectures:
                err(name, line, f"都道府県 {r['prefecture_code']} がありません")
    for line, r in each("prefecture_indicators"):
        if r["indicator"] not in indicators:
            err("prefecture_indicators", line, f"指標 {r['indicator']!r} が indicators にありません")
    for line, r in each("industries"):
        if r["parent"] and r["parent"] not in industries:
            err("industries", line, f"親の産業 {r['parent']!r} がありません")
    for line, r in each("industry_employment"):
        if r["industry"] not in industries:
            err("industry_employment", line, f"産業 {r['industry']!r} が industries にありません")
    for name in ("routes", "rents", "prefecture_indicators", "industry_employment", "net_migration"):
        for line, r in each(name):
            if r["source"] not in source_keys:
                err(name, line, f"出典 {r['source']!r} がマニフェストにありません")
