"""The National Tax Agency's published 法人番号 data (基本3情報, 全件データ and 差分データ), and
whether what a company entered (its name and place) is what that data says of its number.

- :func:`parse_row` reads one CSV row of the published layout (30 columns, no header: see
  :data:`COLUMNS` and docs/adr/0019) into a :class:`RegistryRow`, or raises
  :class:`RegistryRowError` naming the line and the column;
- :func:`normalise_company_name` folds widths (NFKC), case and spaces and takes the legal form
  out (株式会社, (株), ㈱, 有限会社, (有), 合同会社, 一般社団法人 …), so that 「㈱みちのく醸造」 and
  「みちのく醸造株式会社」 compare equal;
- :func:`compare` says whether an entered name and place match a number's record, and if not, what
  did not match (codes and values; the app words them).

Pure Python: no Django, no I/O. Messages of :class:`RegistryRowError` are for the console, in
Japanese like every console output (docs/adr/0013).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .corporate_number import is_valid_corporate_number

#: The published CSV's columns, in order (the NTA's リソース定義書; the file has no header row).
COLUMNS = (
    "一連番号",
    "法人番号",
    "処理区分",
    "訂正区分",
    "更新年月日",
    "変更年月日",
    "商号又は名称",
    "商号又は名称イメージID",
    "法人種別",
    "国内所在地（都道府県）",
    "国内所在地（市区町村）",
    "国内所在地（丁目番地等）",
    "国内所在地イメージID",
    "都道府県コード",
    "市区町村コード",
    "郵便番号",
    "国外所在地",
    "国外所在地イメージID",
    "登記記録の閉鎖等年月日",
    "登記記録の閉鎖等の事由",
    "承継先法人番号",
    "変更事由の詳細",
    "法人番号指定年月日",
    "最新履歴",
    "商号又は名称（英語表記）",
    "国内所在地（都道府県）（英語表記）",
    "国内所在地（市区町村丁目番地等）（英語表記）",
    "国外所在地（英語表記）",
    "フリガナ",
    "検索対象除外",
)
COLUMN_COUNT = len(COLUMNS)

#: 処理区分 of a number that was deleted (assigned in error): treated as not published.
PROCESS_DELETED = "99"

_DIGITS = {n: re.compile(rf"^[0-9]{{{n}}}$") for n in (2, 3, 7)}
_SEQUENCE = re.compile(r"^[0-9]{1,10}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
#: The longest text the data has in a column (the NTA's limits, with room): column index → length.
_LIMITS = {6: 300, 9: 10, 10: 60, 24: 300, 28: 500}


class RegistryRowError(ValueError):
    """A row the loader cannot use: ``line`` (1-based) and a Japanese message naming the column."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{line}行目: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class RegistryRow:
    """One row of the published data: a number's state at ``updated_on`` (``latest``: the newest
    row of that number in the file; an older row still tells a name the number had)."""

    sequence: int
    number: str
    process: str
    correction: bool
    updated_on: datetime.date
    changed_on: datetime.date | None
    name: str
    kind: str
    prefecture_name: str
    city_name: str
    street: str
    prefecture_code: str
    city_code: str
    postcode: str
    closed_on: datetime.date | None
    close_cause: str
    successor_number: str
    assigned_on: datetime.date | None
    latest: bool
    name_en: str
    furigana: str
    excluded: bool

    @property
    def deleted(self) -> bool:
        return self.process == PROCESS_DELETED


def _column(index: int) -> str:
    return f"{index + 1}列目「{COLUMNS[index]}」"


def _date(value: str, index: int, line: int, *, required: bool = False) -> datetime.date | None:
    if not value:
        if required:
            raise RegistryRowError(line, f"{_column(index)}が空です。")
        return None
    if _DATE.match(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise RegistryRowError(line, f"{_column(index)}は年-月-日（例: 2024-03-29）で書かれた日付です: {value!r}")


def _code(value: str, digits: int, index: int, line: int) -> str:
    if value and not _DIGITS[digits].match(value):
        raise RegistryRowError(line, f"{_column(index)}は{digits}桁の数字です: {value!r}")
    return value


def _flag(value: str, index: int, line: int) -> bool:
    if value not in ("0", "1"):
        raise RegistryRowError(line, f"{_column(index)}は 0 か 1 です: {value!r}")
    return value == "1"


def parse_row(fields: list[str], *, line: int) -> RegistryRow:
    """One CSV row (already split into fields) of the published data, checked column by column."""
    if len(fields) != COLUMN_COUNT:
        raise RegistryRowError(
            line,
            f"列の数が{len(fields)}です。国税庁の基本3情報（CSV形式）の{COLUMN_COUNT}列のファイルを指定してください。",
        )
    f = [value.strip() for value in fields]
    if not _SEQUENCE.match(f[0]):
        raise RegistryRowError(line, f"{_column(0)}は数字です: {f[0]!r}")
    if not is_valid_corporate_number(f[1]):
        raise RegistryRowError(line, f"{_column(1)}が13桁の正しい法人番号ではありません: {f[1]!r}")
    process = f[2]
    if not _DIGITS[2].match(process):
        raise RegistryRowError(line, f"{_column(2)}は2桁の数字です: {process!r}")
    name = f[6]
    if not name and process != PROCESS_DELETED:
        raise RegistryRowError(line, f"{_column(6)}が空です。")
    for index, limit in _LIMITS.items():
        if len(f[index]) > limit:
            raise RegistryRowError(line, f"{_column(index)}が{limit}文字を超えています。")
    kind = f[8]
    if not _DIGITS[3].match(kind):
        raise RegistryRowError(line, f"{_column(8)}は3桁の数字です: {kind!r}")
    successor = f[20]
    if successor and not is_valid_corporate_number(successor):
        raise RegistryRowError(line, f"{_column(20)}が13桁の正しい法人番号ではありません: {successor!r}")
    return RegistryRow(
        sequence=int(f[0]),
        number=f[1],
        process=process,
        correction=_flag(f[3], 3, line),
        updated_on=_date(f[4], 4, line, required=True),
        changed_on=_date(f[5], 5, line),
        name=name,
        kind=kind,
        prefecture_name=f[9],
        city_name=f[10],
        street=f[11],
        prefecture_code=_code(f[13], 2, 13, line),
        city_code=_code(f[14], 3, 14, line),
        postcode=_code(f[15], 7, 15, line),
        closed_on=_date(f[18], 18, line),
        close_cause=_code(f[19], 2, 19, line),
        successor_number=successor,
        assigned_on=_date(f[22], 22, line),
        latest=_flag(f[23], 23, line),
        name_en=f[24],
        furigana=f[28],
        excluded=_flag(f[29], 29, line),
    )


# --- names ------------------------------------------------------------------------------------------

#: Legal forms and the ways people write them, after NFKC (which turns ㈱ into (株) and full-width
#: brackets into ASCII ones). The key names the form; a name may carry it before or after.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "kabushiki": ("株式会社", "(株)", "(カ)"),
    "yugen": ("有限会社", "(有)", "(ユ)"),
    "godo": ("合同会社", "(同)", "(ド)"),
    "gomei": ("合名会社", "(名)", "(メ)"),
    "goshi": ("合資会社", "(資)", "(シ)"),
    "ippan_shadan": ("一般社団法人", "(一社)", "(社)"),
    "ippan_zaidan": ("一般財団法人", "(一財)", "(財)"),
    "koeki_shadan": ("公益社団法人", "(公社)"),
    "koeki_zaidan": ("公益財団法人", "(公財)"),
    "npo": ("特定非営利活動法人", "npo法人", "(特非)", "(npo)"),
    "shakai_fukushi": ("社会福祉法人", "(福)"),
    "iryo": ("医療法人社団", "医療法人財団", "医療法人", "(医)"),
    "gakko": ("学校法人", "(学)"),
    "shukyo": ("宗教法人", "(宗)"),
}
_FORM_PATTERNS = sorted(
    ((pattern, key) for key, patterns in LEGAL_FORMS.items() for pattern in patterns),
    key=lambda item: -len(item[0]),
)
#: Spaces and the punctuation people drop or add between words of a name.
_IGNORED = re.compile(r"[\s・.,、。'\"「」]")


@dataclass(frozen=True)
class NormalisedName:
    """A company name without its legal form (``core``) and the forms it named (``forms``)."""

    core: str
    forms: frozenset[str]


def normalise_company_name(name: str) -> NormalisedName:
    text = unicodedata.normalize("NFKC", name or "").casefold()
    text = _IGNORED.sub("", text)
    forms = set()
    for pattern, key in _FORM_PATTERNS:
        if pattern in text:
            forms.add(key)
            text = text.replace(pattern, "")
    return NormalisedName(core=text, forms=frozenset(forms))


def name_matches(entered: str, registered: Iterable[str]) -> bool:
    """True when ``entered`` is one of the ``registered`` names once normalised. A legal form the
    company left out is not held against it; a different one is (有限会社 is not 株式会社)."""
    mine = normalise_company_name(entered)
    if not mine.core:
        return False
    for name in registered:
        theirs = normalise_company_name(name)
        if theirs.core == mine.core and (not mine.forms or mine.forms == theirs.forms):
            return True
    return False


# --- places -----------------------------------------------------------------------------------------

_DISTRICT = re.compile(r"^[^郡]+郡(?=.)")


def _city(name: str) -> str:
    """A municipality's name as the data writes it, without its district (岩美郡岩美町 → 岩美町)."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", name or ""))
    return _DISTRICT.sub("", text)


def place_matches(
    *,
    prefecture_code: str,
    city_code: str,
    city_name: str,
    municipality_code: str,
    municipality_name: str,
) -> bool:
    """The registered prefecture and municipality are the entered ones. ``municipality_code`` is
    the 6-digit 全国地方公共団体コード; the data gives 2 + 3 digits without the check digit, and a
    ward of a designated city (仙台市青葉区, 04101) lies in the city (仙台市, 041009)."""
    if not prefecture_code or prefecture_code != municipality_code[:2]:
        return False
    if city_code and prefecture_code + city_code == municipality_code[:5]:
        return True
    city = _city(city_name)
    if not city:
        return False
    if city == municipality_name:
        return True
    return municipality_name.endswith("市") and city.startswith(municipality_name) and city.endswith("区")


# --- comparison -------------------------------------------------------------------------------------

MATCHED = "matched"
NOT_FOUND = "not_found"
CLOSED = "closed"
NAME_MISMATCH = "name_mismatch"
PLACE_MISMATCH = "place_mismatch"
NAME_AND_PLACE_MISMATCH = "name_and_place_mismatch"


@dataclass(frozen=True)
class Entered:
    """What the company entered: its name and its place (``municipality_code``: 6 digits)."""

    name: str
    prefecture_code: str
    municipality_code: str
    municipality_name: str


@dataclass(frozen=True)
class Registered:
    """What the data holds for a number: its names (the current one first, then older ones),
    its place and whether its registration was closed."""

    names: tuple[str, ...]
    prefecture_code: str
    city_code: str
    prefecture_name: str
    city_name: str
    closed_on: datetime.date | None = None
    successor_number: str = ""
    deleted: bool = False

    @property
    def place(self) -> str:
        return f"{self.prefecture_name}{self.city_name}"


@dataclass(frozen=True)
class Comparison:
    """The outcome (``code``) and what the data says, for the sentence the company reads."""

    code: str
    registered_name: str = ""
    registered_place: str = ""
    closed_on: datetime.date | None = None

    @property
    def matched(self) -> bool:
        return self.code == MATCHED


def compare(entered: Entered, registered: Registered | None) -> Comparison:
    if registered is None or registered.deleted:
        return Comparison(NOT_FOUND)
    name, place = registered.names[0] if registered.names else "", registered.place
    if registered.closed_on is not None:
        return Comparison(CLOSED, name, place, registered.closed_on)
    name_ok = name_matches(entered.name, registered.names)
    place_ok = place_matches(
        prefecture_code=registered.prefecture_code,
        city_code=registered.city_code,
        city_name=registered.city_name,
        municipality_code=entered.municipality_code,
        municipality_name=entered.municipality_name,
    )
    if name_ok and place_ok:
        return Comparison(MATCHED, name, place)
    if name_ok:
        return Comparison(PLACE_MISMATCH, name, place)
    if place_ok:
        return Comparison(NAME_MISMATCH, name, place)
    return Comparison(NAME_AND_PLACE_MISMATCH, name, place)
