"""Reading and validating a region pack: ``data/regions/<slug>/manifest.toml`` plus CSV files.

Validation happens in full before anything touches the database: every problem is collected
with its file and line, in Japanese, so a maintainer fixes a pack in one pass (what one run can
report is spelt out in :func:`read_pack` and docs/adr/0002-region-packs.md). This module needs
no database and no Django settings, except :func:`packs_dir`. Only a pack that passes every check
is written by :func:`duallife.regions.services.region_pack_load`.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from duallife.core.errors import DomainError
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
#: pack: a place of the pack's prefectures; comparison: a city the report compares with;
#: reference: the Tokyo side of every comparison; origin: a Tokyo-area place to start from.
ROLES = {"pack", "comparison", "reference", "origin"}
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9 '\-]*$")
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


class PackValidationError(DomainError):
    """A region pack that does not validate; ``problems`` lists every error found, nothing is loaded."""

    def __init__(self, errors: list[PackError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.problems = errors


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


def kana(max_length: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        value = value.strip()
        if not value or not KATAKANA.match(value):
            raise ValueError("読みは全角カタカナで入力してください")
        if len(value) > max_length:
            raise ValueError(f"{max_length}文字以内にしてください")
        return value

    return parse


def latin(max_length: int) -> Callable[[str], str]:
    """A name in Latin letters (``Minamisanriku``, ``Tokyo 23 wards``)."""

    def parse(value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("値が空です")
        if not LATIN.match(value):
            raise ValueError(
                "英語名はローマ字（半角英字・数字・空白・ハイフン・アポストロフィ）で入力してください"
            )
        if len(value) > max_length:
            raise ValueError(f"{max_length}文字以内にしてください")
        return value

    return parse


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


def slug(value: str, *, max_length: int = 60) -> str:
    value = value.strip()
    if not SLUG.match(value) or len(value) > max_length:
        raise ValueError(
            f"識別子は英小文字・数字・ハイフン（{max_length}文字以内）で指定してください: {value!r}"
        )
    return value


def source_key(value: str) -> str:
    """A reference to a source of the manifest (whose keys may be longer than other identifiers)."""
    return slug(value, max_length=80)


def optional_slug(value: str) -> str:
    return slug(value) if value.strip() else ""


def year(value: str) -> int:
    return integer(1900, 2100)(value)


COLUMNS: dict[str, dict[str, Callable[[str], Any]]] = {
    "prefectures": {
        "code": prefecture_code,
        "lg_code": lg_code,
        "name": text(10),
        "name_kana": kana(20),
        "name_en": text(20),
    },
    "municipalities": {
        "code": lg_code,
        "prefecture_code": prefecture_code,
        "name": text(40),
        "name_kana": kana(80),
        "name_en": latin(60),
        "role": text(12),
        "is_capital": boolean,
        "gateway_code": lg_code,
    },
    "routes": {
        "origin_code": lg_code,
        "destination_code": lg_code,
        "mode": text(40),
        "one_way_minutes": integer(1, 24 * 60),
        "round_trip_fare_yen": integer(1, 1_000_000),
        "note": text(200, required=False),
        "source": source_key,
        "year": year,
    },
    "rents": {
        "municipality_code": lg_code,
        "monthly_rent_yen": integer(1, 10_000_000),
        "definition": text(200),
        "source": source_key,
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
        "source": source_key,
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
        "source": source_key,
        "year": year,
    },
    "net_migration": {
        "prefecture_code": prefecture_code,
        "year": year,
        "month": integer(1, 12),
        "net_migrants": integer(-10_000_000, 10_000_000),
        "source": source_key,
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


#: Longest text the database takes for each manifest value (the models' ``max_length``).
#: :func:`duallife.regions.services.region_pack_load` passes the models' own figures; these
#: defaults keep this module usable without Django, and a test keeps the two equal.
MANIFEST_LIMITS: dict[str, int] = {
    "pack.slug": 50,
    "pack.title": 200,
    "pack.version": 40,
    "source.key": 80,
    "source.title": 300,
    "source.publisher": 200,
    "source.url": 200,
    "source.published": 40,
}
MANIFEST = "manifest.toml"


def packs_dir() -> Path:
    from django.conf import settings

    return Path(settings.REGION_PACKS_DIR)


def _toml_type(item: Any) -> str:
    """What a TOML value is, in words."""
    kinds = ((bool, "真偽値"), (int, "整数"), (float, "小数"), (list, "配列"), (dict, "表"))
    return next((word for kind, word in kinds if isinstance(item, kind)), "日時")


@dataclass
class _Manifest:
    """What could be read from ``manifest.toml``; ``None`` where a section was unusable."""

    pack: dict[str, Any]
    sources: list[dict[str, Any]]
    #: Every source's key, or None when some source's key is unknown (its references unchecked).
    source_keys: set[str] | None
    files: dict[str, str]


def read_pack(
    directory: Path, *, slug: str | None = None, limits: Mapping[str, int] | None = None
) -> PackData:
    """Parse and validate a whole pack; raise PackValidationError listing every problem.

    ``slug`` is the identifier the pack is loaded as: the manifest must name the same one
    (the folder's name does not matter). ``limits`` are the longest texts the database takes
    (see :data:`MANIFEST_LIMITS`).

    Only a missing or unreadable manifest stops the check early. Otherwise every manifest value,
    every CSV file and every row is checked, and the references between files are checked among
    the rows that parsed; references into a file that could not be read at all are skipped, and
    so are references to a row that was itself reported.
    """
    limits = {**MANIFEST_LIMITS, **(limits or {})}
    errors: list[PackError] = []
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise PackValidationError([PackError(MANIFEST, None, f"マニフェストがありません: {directory}")])
    try:
        raw = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PackValidationError([PackError(MANIFEST, None, f"TOML として読めません: {exc}")]) from None

    manifest = _check_manifest(raw, slug, limits, errors)

    digest = hashlib.sha256(manifest_path.read_bytes())
    rows: dict[str, list[dict[str, Any]]] = {}
    lines: dict[str, list[int]] = {}
    rejected: dict[str, set[tuple]] = {}
    for name in FILES:
        label = manifest.files.get(name)
        if label is None:
            continue  # already reported: missing from [files] or not a usable path
        path = directory / label
        if not path.is_file():
            errors.append(PackError(label, None, "ファイルがありません"))
            continue
        digest.update(path.read_bytes())
        parsed = _read_csv(path, label, COLUMNS[name], KEYS[name], errors)
        if parsed is not None:
            rows[name], lines[name], rejected[name] = parsed

    _check_references(manifest, rows, lines, rejected, errors)
    if errors:
        raise PackValidationError(errors)
    return PackData(
        slug=manifest.pack["slug"],
        title=manifest.pack["title"],
        version=manifest.pack["version"],
        reference_municipality=manifest.pack["reference_municipality"],
        prefecture_codes=list(manifest.pack["prefectures"]),
        checksum=digest.hexdigest(),
        sources=manifest.sources,
        rows=rows,
    )


def _check_pack_table(
    pack_table: dict[str, Any],
    pack: dict[str, Any],
    expected_slug: str | None,
    value: Callable[..., str | None],
    err: Callable[[str], None],
) -> None:
    """The [pack] table: copy each usable value into ``pack``, report the others."""
    where = "[pack] "
    found = value(pack_table, "slug", where, limit="pack.slug")
    if found is not None:
        if not SLUG.match(found):
            err(f"[pack] の slug は英小文字・数字・ハイフンで指定してください: {found!r}")
        elif expected_slug is not None and found != expected_slug:
            err(f"[pack] の slug {found!r} が読み込む地域パックの識別子 {expected_slug!r} と異なります")
        else:
            pack["slug"] = found
    for key in ("title", "version"):
        found = value(pack_table, key, where, limit=f"pack.{key}")
        if found is not None:
            pack[key] = found
    found = value(pack_table, "reference_municipality", where, limit=None)
    if found is not None:
        if is_valid_lg_code(found):
            pack["reference_municipality"] = found
        else:
            err(
                f"[pack] の reference_municipality が地方公共団体コード（6桁・検査数字）"
                f"ではありません: {found!r}"
            )
    prefectures = pack_table.get("prefectures")
    if not prefectures:
        err("[pack] に prefectures がありません")
    elif not isinstance(prefectures, list) or not all(isinstance(p, str) for p in prefectures):
        err('[pack] の prefectures は都道府県コードの文字列の配列で指定してください（例: ["02", "03"]）')
    else:
        bad = [p for p in prefectures if not is_valid_prefecture_code(p)]
        if bad:
            err("[pack] の prefectures に不正な都道府県コードがあります: " + ", ".join(map(repr, bad)))
        else:
            pack["prefectures"] = prefectures


def _check_manifest(
    raw: dict[str, Any], expected_slug: str | None, limits: Mapping[str, int], errors: list[PackError]
) -> _Manifest:
    """Check the shape and values of the manifest; keep what is usable, report the rest."""

    def err(message: str) -> None:
        errors.append(PackError(MANIFEST, None, message))

    def value(table: dict[str, Any], key: str, where: str, *, limit: str | None, required: bool = True):
        """A string value (a TOML date is taken as its ISO text), or None after reporting why not."""
        item = table.get(key)
        if isinstance(item, datetime.date):
            item = item.isoformat()
        if item is None or item == "":
            if required:
                err(f"{where}に {key} がありません")
            return None
        if not isinstance(item, str):
            err(f"{where}の {key} は文字列で指定してください（{_toml_type(item)}になっています）")
            return None
        item = item.strip()
        if limit is not None and len(item) > limits[limit]:
            err(f"{where}の {key} は{limits[limit]}文字以内にしてください（{len(item)}文字）")
            return None
        return item

    def table_of(key: str) -> dict[str, Any] | None:
        item = raw.get(key)
        if item is None:
            err(f"[{key}] がありません")
            return None
        if not isinstance(item, dict):
            err(f"[{key}] は表（テーブル）で指定してください")
            return None
        return item

    # [pack]
    pack: dict[str, Any] = {}
    pack_table = table_of("pack")
    if pack_table is not None:
        _check_pack_table(pack_table, pack, expected_slug, value, err)

    # [[sources]]
    sources: list[dict[str, Any]] = []
    keys_known = True
    raw_sources = raw.get("sources")
    if raw_sources is None:
        err("出典（[[sources]]）がありません")
    elif not isinstance(raw_sources, list):
        err("出典は [[sources]] の表の配列で指定してください")
        keys_known = False
    else:
        seen: set[str] = set()
        for i, item in enumerate(raw_sources, 1):
            where = f"出典 {i} 件目"
            if not isinstance(item, dict):
                err(f"{where}は表（[[sources]] の1件）で指定してください")
                keys_known = False
                continue
            source: dict[str, Any] = {}
            key = value(item, "key", where, limit="source.key")
            if key is None:
                keys_known = False
            else:
                if not SLUG.match(key):
                    err(f"{where}の key は英小文字・数字・ハイフンで指定してください: {key!r}")
                    keys_known = False
                elif key in seen:
                    err(f"出典の key {key!r} が重複しています")
                else:
                    seen.add(key)
                    source["key"] = key
            for field_name in ("title", "publisher", "published"):
                found = value(item, field_name, where, limit=f"source.{field_name}")
                if found is not None:
                    source[field_name] = found
            source["url"] = value(item, "url", where, limit="source.url", required=False) or ""
            source["note"] = value(item, "note", where, limit=None, required=False) or ""
            sources.append(source)

    # [files]
    files_table = table_of("files") or {}
    files: dict[str, str] = {}
    missing = [name for name in FILES if name not in files_table]
    if files_table and missing:
        err("[files] に次がありません: " + ", ".join(missing))
    for name in FILES:
        if name not in files_table:
            continue
        path = files_table[name]
        if not isinstance(path, str) or not path.strip():
            err(f"[files] の {name} はファイル名の文字列で指定してください")
        elif Path(path).is_absolute() or ".." in Path(path).parts:
            err(f"[files] の {name} は地域パックのフォルダ内のファイル名にしてください: {path!r}")
        else:
            files[name] = path.strip()
    source_keys = {s["key"] for s in sources if "key" in s} if keys_known else None
    return _Manifest(pack=pack, sources=sources, source_keys=source_keys, files=files)


def _read_csv(
    path: Path,
    label: str,
    columns: dict[str, Callable[[str], Any]],
    key: tuple[str, ...],
    errors: list[PackError],
) -> tuple[list[dict[str, Any]], list[int], set[tuple]] | None:
    """The rows that parsed, their line numbers, and the keys of rows that were reported.

    ``None`` when the file as a whole cannot be read (encoding, header): nothing in it is known.
    """
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        errors.append(PackError(label, None, "UTF-8 で読めません"))
        return None
    reader = csv.reader(content.splitlines())
    header = next(reader, None)
    if header is None:
        errors.append(PackError(label, 1, "見出し行がありません"))
        return None
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
        return None
    parsed: list[dict[str, Any]] = []
    line_numbers: list[int] = []
    rejected: set[tuple] = set()
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
            if all(k in row for k in key):
                rejected.add(tuple(row[k] for k in key))
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
    return parsed, line_numbers, rejected


def _check_references(
    manifest: _Manifest,
    rows: dict[str, list[dict[str, Any]]],
    lines: dict[str, list[int]],
    rejected: dict[str, set[tuple]],
    errors: list[PackError],
) -> None:
    """Checks across files, on the rows that parsed.

    A reference is reported only when the file it points into was read and holds no row with
    that key, not even one that was itself reported.
    """
    files, pack, source_keys = manifest.files, manifest.pack, manifest.source_keys
    known = {
        name: {r[KEYS[name][0]] for r in rows[name]} | {k[0] for k in rejected[name]}
        for name in ("prefectures", "municipalities", "indicators", "industries")
        if name in rows
    }

    def absent(name: str, value: Any) -> bool:
        return name in known and value not in known[name]

    def each(name: str) -> Iterable[tuple[int, dict[str, Any]]]:
        return zip(lines.get(name, []), rows.get(name, []), strict=True)

    def err(name: str, line: int, message: str) -> None:
        errors.append(PackError(files[name], line, message))

    for code in pack.get("prefectures", []):
        if absent("prefectures", code):
            errors.append(PackError(MANIFEST, None, f"対象の都道府県 {code!r} が prefectures にありません"))
    reference = pack.get("reference_municipality")
    if reference is not None and absent("municipalities", reference):
        errors.append(PackError(MANIFEST, None, f"基準地 {reference!r} が municipalities にありません"))
    for line, r in each("prefectures"):
        if r["lg_code"] != prefecture_lg_code(r["code"]):
            err("prefectures", line, f"lg_code {r['lg_code']} が都道府県コード {r['code']} と一致しません")
    for line, r in each("municipalities"):
        if absent("prefectures", r["prefecture_code"]):
            err("municipalities", line, f"都道府県 {r['prefecture_code']} がありません")
        elif r["code"][:2] != r["prefecture_code"]:
            err(
                "municipalities",
                line,
                f"コード {r['code']} の上2桁が都道府県 {r['prefecture_code']} と一致しません",
            )
        if r["role"] not in ROLES:
            err("municipalities", line, f"role は {', '.join(sorted(ROLES))} のいずれかです（{r['role']!r}）")
    _check_gateways(
        rows.get("municipalities", []), lines.get("municipalities", []), files, reference, absent, err
    )
    place_refs = {
        "routes": ("origin_code", "destination_code"),
        "rents": ("municipality_code",),
    }
    for name, columns in place_refs.items():
        for line, r in each(name):
            for column in columns:
                if absent("municipalities", r[column]):
                    err(name, line, f"{column}: 市区町村 {r[column]} が municipalities にありません")
    for line, r in each("routes"):
        if r["origin_code"] == r["destination_code"]:
            err("routes", line, "出発地と目的地が同じです")
    for name in ("prefecture_indicators", "net_migration", "industry_employment"):
        for line, r in each(name):
            if r["prefecture_code"] and absent("prefectures", r["prefecture_code"]):
                err(name, line, f"都道府県 {r['prefecture_code']} がありません")
    for line, r in each("prefecture_indicators"):
        if absent("indicators", r["indicator"]):
            err("prefecture_indicators", line, f"指標 {r['indicator']!r} が indicators にありません")
    for line, r in each("industries"):
        if r["parent"] and absent("industries", r["parent"]):
            err("industries", line, f"親の産業 {r['parent']!r} がありません")
    for line, r in each("industry_employment"):
        if absent("industries", r["industry"]):
            err("industry_employment", line, f"産業 {r['industry']!r} が industries にありません")
    if source_keys is not None:
        for name in ("routes", "rents", "prefecture_indicators", "industry_employment", "net_migration"):
            for line, r in each(name):
                if r["source"] not in source_keys:
                    err(name, line, f"出典 {r['source']!r} がマニフェストにありません")


def _check_gateways(
    rows: list[dict[str, Any]],
    lines: list[int],
    files: dict[str, str],
    reference: str | None,
    absent: Callable[[str, Any], bool],
    err: Callable[[str, int, str], None],
) -> None:
    """Each place's gateway (the place whose fares it uses) is a place of the file that is its
    own gateway; a Tokyo-area origin goes through the reference place (ADR 0018)."""
    if "municipalities" not in files:
        return
    gateway_of = {r["code"]: r["gateway_code"] for r in rows}
    for line, r in zip(lines, rows, strict=True):
        gateway = r["gateway_code"]
        if gateway not in gateway_of:
            if absent("municipalities", gateway):  # a row that was itself reported is not repeated
                err(
                    "municipalities", line, f"gateway_code: 市区町村 {gateway} が municipalities にありません"
                )
        elif gateway_of[gateway] != gateway:
            err(
                "municipalities",
                line,
                f"gateway_code: {gateway} の経由地が {gateway_of[gateway]} です"
                "（経由地は自分自身を経由地にしている地域にしてください）",
            )
        elif r["role"] == "origin" and reference is not None and gateway != reference:
            err("municipalities", line, f"gateway_code: 出発地の経由地は基準地 {reference} です（{gateway}）")
