"""The spec-sheet quality check (仕様書チェック): flags a vague sheet before it goes out.

The report behind this product found that matches happen when a region says exactly whom it needs
and why. The check therefore asks for: a concrete outcome, the skills and themes, a time
commitment, a fee in the usual range (or a reason), a real closing date, and an answer to "why
you" that could not be pasted into any other posting.

Scoring: start at 100, take off :data:`PENALTY` points per finding by severity (errors 25,
warnings 10, information 0), clamp to 0–100. Any error means the sheet is not ready to submit
(:attr:`LintReport.ready`). Findings are sorted by field in form order, then by code.

The check words nothing: each :class:`Finding` carries its code and the values its words quote
(``finding.params``), and the app puts them into sentences in the reader's language. Parameters:

- ``vague_wording``: ``phrase`` (the vague words found, as the normaliser reads them);
- ``title_too_short`` / ``issue_too_short``: ``chars``, ``min_chars``; ``title_too_long``:
  ``chars``, ``max_chars``; ``outcome_too_short``: ``chars``;
- ``themes_too_many`` / ``required_skills_too_many``: ``count``, ``max``;
  ``skills_overlap``: ``skills`` (the welcome skills also required, as typed);
- ``days_invalid`` / ``days_heavy``: ``days``; ``days_range_invalid`` / ``fee_range_invalid``:
  ``low``, ``high`` (days; yen);
- ``visits_inconsistent``: ``visits``; ``visits_exceed_days``: ``visits``, ``days``;
- ``fee_far_below`` / ``fee_far_above`` / ``fee_outside_band`` (variant ``below`` or ``above``):
  ``fee_low``, ``fee_high`` (the sheet's fee, yen), ``days_min``, ``days_max`` (the days compared
  with: the sheet's, or 1–4), ``band_low``, ``band_high`` (the usual band, yen);
- ``closes_on_past``: ``date``; ``closes_on_soon``: ``days`` (left);
- ``why_you_generic``: variant ``short`` with ``chars``, ``min_chars``, or variant ``stock``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..skills import compact_key, normalize_tokens
from .types import (
    ContractType,
    FeeBand,
    Finding,
    LintReport,
    Param,
    Severity,
    SheetDraft,
    WorkStyle,
)

PENALTY = {Severity.ERROR: 25, Severity.WARNING: 10, Severity.INFO: 0}

TITLE_MIN_CHARS = 10
TITLE_MAX_CHARS = 50
#: A title whose words, less the stock ones (副業, 人材, 募集 …), are shorter than this is vague.
TITLE_MIN_CONTENT_CHARS = 4
ISSUE_MIN_CHARS = 80
OUTCOME_MIN_CHARS = 30
WHY_YOU_MIN_CHARS = 40
#: "Why you" needs at least this many characters of words that are not stock phrases.
WHY_YOU_MIN_SPECIFIC_CHARS = 10
MAX_THEMES = 3
MAX_REQUIRED_SKILLS = 5
#: More days a month than this is heavy for someone with a main job (two days a week).
HEAVY_DAYS_PER_MONTH = 8
MIN_OPEN_DAYS = 14

#: The usual fee of the report's 週1副社長 postings: ¥30,000–50,000 a month for 1–4 days a month.
USUAL_FEE_LOW_YEN = 30_000
USUAL_FEE_HIGH_YEN = 50_000
USUAL_DAYS_MAX = 4
#: "Far outside": the whole range below low ÷ this, or above high × this.
FAR_FACTOR = 2

_DIGIT = re.compile(r"[0-9０-９二三四五六七八九十百]")  # not 一: 一緒, 一部 …


def usual_fee_band(days_min: int | None, days_max: int | None) -> FeeBand:
    """The usual monthly fee for a side job of ``days_min``–``days_max`` days a month.

    The report's 週1副社長 postings (Tottori) paid about ¥30,000–50,000 a month for 1–4 days a
    month of mostly remote 業務委託 work. That is a monthly retainer rather than a day rate, so
    up to 4 days the band is flat. Beyond 4 days it grows in proportion to the days, at the rate
    the band implies at 4 days (¥7,500–12,500 a day): 8 days → ¥60,000–100,000, 12 days →
    ¥90,000–150,000. The low end follows the fewest days, the high end the most. Missing days
    count as the 1–4 day case; values outside 1–31 are clamped.
    """
    low_days = _clamp_days(days_min if days_min is not None else days_max, default=1)
    high_days = _clamp_days(days_max if days_max is not None else days_min, default=USUAL_DAYS_MAX)
    low_days, high_days = min(low_days, high_days), max(low_days, high_days)
    low = USUAL_FEE_LOW_YEN * max(low_days, USUAL_DAYS_MAX) // USUAL_DAYS_MAX
    high = USUAL_FEE_HIGH_YEN * max(high_days, USUAL_DAYS_MAX) // USUAL_DAYS_MAX
    return FeeBand(low_yen=low, high_yen=high)


def _clamp_days(days: int | None, *, default: int) -> int:
    if not isinstance(days, int) or isinstance(days, bool):
        return default
    return min(max(days, 1), 31)


def lint(sheet: SheetDraft) -> LintReport:
    """Check a spec sheet. Deterministic: the same sheet always gives the same report."""
    if not isinstance(sheet, SheetDraft):
        raise TypeError("lint() takes a SheetDraft")
    findings: list[Finding] = []
    for check in _CHECKS:
        findings.extend(check(sheet))
    findings.sort(key=lambda finding: finding.sort_key)
    score = 100 - sum(PENALTY[finding.severity] for finding in findings)
    return LintReport(score=min(100, max(0, score)), findings=tuple(findings))


# --- helpers -----------------------------------------------------------------------------------


def _finding(code: str, severity: Severity, field: str, variant: str = "", **params: Param) -> Finding:
    return Finding(code=code, severity=severity, field=field, params=params, variant=variant)


def _length(text: str) -> int:
    """Characters that are not white space."""
    return sum(1 for char in text if not char.isspace())


def _int(value: object) -> int | None:
    """An int field's value, or ``None`` when it is missing or not an int."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


# --- vague wording -------------------------------------------------------------------------------

_ANYONE = (
    ("誰", "で", "も"),
    ("誰", "に", "だ", "も"),
    ("どなた", "で", "も"),
    ("どなた", "様", "で", "も"),
    ("どんな", "方", "で", "も"),
    ("どんな", "人", "で", "も"),
)
_ANYTHING = (("何", "で", "も"),)
_NO_EXPERIENCE = (("経験", "不問"),)
_WELCOMING = frozenset({"歓迎", "OK", "大丈夫", "可", "応募", "ウェルカム", "可能", "募集", "大"})
_ASKING = frozenset({"対応", "任せる", "お任せ", "遣る", "手伝い", "手伝う", "願う", "依頼", "相談", "御"})
#: Look this many words ahead for the verb that makes 誰でも / 何でも a vague ask.
_LOOKAHEAD = 4


def _find(
    tokens: tuple[str, ...], patterns: tuple[tuple[str, ...], ...]
) -> list[tuple[int, tuple[str, ...]]]:
    hits = []
    for index in range(len(tokens)):
        for pattern in patterns:
            if tokens[index : index + len(pattern)] == pattern:
                hits.append((index, pattern))
    return hits


def _vague_phrase(text: str, *, strict: bool) -> str | None:
    """The first vague phrase in ``text`` ("誰でも", "何でも", "経験不問"), or ``None``.

    ``strict`` (titles, "why you"): any of them counts. Otherwise (the issue, where a company may
    well write 誰でも使える仕組み) only 誰でも + a welcoming word and 何でも + an asking word do.
    """
    tokens = normalize_tokens(text)
    found: list[tuple[int, tuple[str, ...]]] = []
    found += _find(tokens, _NO_EXPERIENCE)
    for index, pattern in _find(tokens, _ANYONE):
        after = tokens[index + len(pattern) : index + len(pattern) + _LOOKAHEAD]
        if strict or _WELCOMING.intersection(after):
            found.append((index, pattern))
    for index, pattern in _find(tokens, _ANYTHING):
        after = tokens[index + len(pattern) : index + len(pattern) + _LOOKAHEAD]
        if strict or _ASKING.intersection(after):
            found.append((index, pattern))
    if not found:
        return None
    _, pattern = min(found)
    return "".join(pattern)


def _vague_finding(field: str, text: str, *, strict: bool) -> Finding | None:
    phrase = _vague_phrase(text, strict=strict)
    if phrase is None:
        return None
    return _finding("vague_wording", Severity.WARNING, field, phrase=phrase)


_GENERIC_TITLE_WORDS = (
    "副業",
    "兼業",
    "副業人材",
    "人材",
    "プロ人材",
    "プロ",
    "募集",
    "大募集",
    "急募",
    "求む",
    "求人",
    "スタッフ",
    "お手伝い",
    "助っ人",
    "仕事",
    "案件",
    "のお仕事",
    "募集中",
    "します",
    "しています",
    "歓迎",
    "の方",
    "さん",
    "を",
    "の",
    "が",
    "と",
    "も",
)
_GENERIC_WHY_PHRASES = (
    "やる気のある方",
    "やる気がある方",
    "意欲のある方",
    "熱意のある方",
    "興味のある方",
    "関心のある方",
    "地域に貢献したい方",
    "地域貢献に興味のある方",
    "一緒に頑張れる方",
    "一緒に働ける方",
    "前向きな方",
    "明るい方",
    "素直な方",
    "コミュニケーション能力の高い方",
    "未経験歓迎",
    "未経験者歓迎",
    "未経験OK",
    "不問",
    "誰でも歓迎",
    "どなたでも歓迎",
    "どなたでも",
    "誰でも",
    "大歓迎",
    "歓迎します",
    "お待ちしています",
    "お待ちしております",
    "お気軽にご応募ください",
    "ご応募ください",
    "よろしくお願いします",
    "よろしくお願いいたします",
    "募集しています",
    "ぜひ",
    "お気軽に",
)


#: Verbs and prefixes that carry no content of their own, as the normaliser spells them.
_AUXILIARY = frozenset(
    {"為る", "成る", "居る", "有る", "御", "致す", "下さる", "頂く", "出来る", "貰う", "上げる"}
)


@lru_cache(maxsize=4)
def _generic_tokens(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(token for phrase in phrases for token in normalize_tokens(phrase))


def _is_function_word(token: str) -> bool:
    return token in _AUXILIARY or all("\u3041" <= char <= "\u309f" for char in token)


def _content_chars(text: str, phrases: tuple[str, ...]) -> int:
    """Characters of ``text``'s words that are neither stock phrases nor function words."""
    generic = _generic_tokens(phrases)
    return sum(
        len(token)
        for token in normalize_tokens(text)
        if token not in generic and not _is_function_word(token)
    )


# --- checks, one function per field group, in form order -----------------------------------------


def _check_title(sheet: SheetDraft) -> list[Finding]:
    title = sheet.title.strip()
    n = _length(title)
    if n == 0:
        return [_finding("title_missing", Severity.ERROR, "title")]
    findings = []
    if n < TITLE_MIN_CHARS:
        findings.append(
            _finding("title_too_short", Severity.WARNING, "title", chars=n, min_chars=TITLE_MIN_CHARS)
        )
    elif _content_chars(title, _GENERIC_TITLE_WORDS) < TITLE_MIN_CONTENT_CHARS:
        findings.append(_finding("title_vague", Severity.WARNING, "title"))
    if n > TITLE_MAX_CHARS:
        findings.append(
            _finding("title_too_long", Severity.WARNING, "title", chars=n, max_chars=TITLE_MAX_CHARS)
        )
    vague = _vague_finding("title", title, strict=True)
    if vague is not None:
        findings.append(vague)
    return findings


def _check_issue(sheet: SheetDraft) -> list[Finding]:
    n = _length(sheet.issue)
    if n == 0:
        return [_finding("issue_missing", Severity.ERROR, "issue")]
    findings = []
    if n < ISSUE_MIN_CHARS:
        findings.append(
            _finding("issue_too_short", Severity.WARNING, "issue", chars=n, min_chars=ISSUE_MIN_CHARS)
        )
    vague = _vague_finding("issue", sheet.issue, strict=False)
    if vague is not None:
        findings.append(vague)
    return findings


def _check_outcome(sheet: SheetDraft) -> list[Finding]:
    n = _length(sheet.outcome)
    if n == 0:
        return [_finding("outcome_missing", Severity.ERROR, "outcome")]
    findings = []
    if n < OUTCOME_MIN_CHARS:
        findings.append(_finding("outcome_too_short", Severity.WARNING, "outcome", chars=n))
    if not _DIGIT.search(sheet.outcome):
        findings.append(_finding("outcome_not_measurable", Severity.INFO, "outcome"))
    return findings


def _check_themes(sheet: SheetDraft) -> list[Finding]:
    themes = [theme for theme in sheet.themes if theme.strip()]
    if not themes:
        return [_finding("themes_missing", Severity.WARNING, "themes")]
    if len(set(themes)) > MAX_THEMES:
        return [_finding("themes_too_many", Severity.INFO, "themes", count=len(set(themes)), max=MAX_THEMES)]
    return []


def _skill_keys(skills: tuple[str, ...]) -> dict[str, str]:
    """Normalised key → first spelling, for non-blank skills."""
    keys: dict[str, str] = {}
    for skill in skills:
        key = compact_key(skill) if skill.strip() else ""
        if key and key not in keys:
            keys[key] = skill.strip()
    return keys


def _check_skills(sheet: SheetDraft) -> list[Finding]:
    required = _skill_keys(sheet.required_skills)
    welcome = _skill_keys(sheet.welcome_skills)
    findings = []
    if not required:
        findings.append(_finding("required_skills_missing", Severity.ERROR, "required_skills"))
    elif len(required) > MAX_REQUIRED_SKILLS:
        findings.append(
            _finding(
                "required_skills_too_many",
                Severity.INFO,
                "required_skills",
                count=len(required),
                max=MAX_REQUIRED_SKILLS,
            )
        )
    both = [spelling for key, spelling in welcome.items() if key in required]
    if both:
        findings.append(_finding("skills_overlap", Severity.INFO, "welcome_skills", skills=tuple(both)))
    return findings


def _check_days(sheet: SheetDraft) -> list[Finding]:
    low, high = _int(sheet.days_per_month_min), _int(sheet.days_per_month_max)
    if low is None and high is None:
        return [_finding("days_missing", Severity.ERROR, "days_per_month_min")]
    for field, value in (("days_per_month_min", low), ("days_per_month_max", high)):
        if value is not None and not 1 <= value <= 31:
            return [_finding("days_invalid", Severity.ERROR, field, days=value)]
    if low is not None and high is not None and low > high:
        return [_finding("days_range_invalid", Severity.ERROR, "days_per_month_max", low=low, high=high)]
    fewest = low if low is not None else high
    if fewest is not None and fewest > HEAVY_DAYS_PER_MONTH:
        return [_finding("days_heavy", Severity.INFO, "days_per_month_min", days=fewest)]
    return []


def _check_work_style(sheet: SheetDraft) -> list[Finding]:
    style = sheet.work_style
    valid = {item.value for item in WorkStyle}
    findings = []
    if style not in valid:
        findings.append(
            _finding(
                "work_style_missing" if not str(style).strip() else "work_style_invalid",
                Severity.ERROR,
                "work_style",
            )
        )
    visits = sheet.visits_per_month
    visits_value = _int(visits)
    if visits is not None and (visits_value is None or visits_value < 0):
        findings.append(_finding("visits_invalid", Severity.ERROR, "visits_per_month"))
        return findings
    if style == WorkStyle.REMOTE and visits_value:
        findings.append(
            _finding("visits_inconsistent", Severity.WARNING, "visits_per_month", visits=visits_value)
        )
    elif style in (WorkStyle.HYBRID, WorkStyle.ONSITE) and not visits_value:
        findings.append(_finding("visits_missing", Severity.WARNING, "visits_per_month"))
    most_days = _int(sheet.days_per_month_max)
    if most_days is None:
        most_days = _int(sheet.days_per_month_min)
    if visits_value and most_days is not None and 1 <= most_days < visits_value:
        findings.append(
            _finding(
                "visits_exceed_days",
                Severity.WARNING,
                "visits_per_month",
                visits=visits_value,
                days=most_days,
            )
        )
    return findings


def _check_duration(sheet: SheetDraft) -> list[Finding]:
    months = sheet.duration_months
    if months is None:
        return [_finding("duration_missing", Severity.INFO, "duration_months")]
    value = _int(months)
    if value is None or value < 1:
        return [_finding("duration_invalid", Severity.ERROR, "duration_months")]
    return []


def _is_probono(sheet: SheetDraft) -> bool:
    return bool(sheet.is_probono) or sheet.contract_type == ContractType.PROBONO


def _check_fee(sheet: SheetDraft) -> list[Finding]:
    probono = _is_probono(sheet)
    raw = {"fee_min_yen": sheet.fee_min_yen, "fee_max_yen": sheet.fee_max_yen}
    for field, value in raw.items():
        if value is not None and (_int(value) is None or value < 0):
            return [_finding("fee_invalid", Severity.ERROR, field)]
    low, high = _int(sheet.fee_min_yen), _int(sheet.fee_max_yen)
    if low is None and high is None:
        if probono:
            return []
        return [_finding("fee_missing", Severity.ERROR, "fee_min_yen")]
    if low is not None and high is not None and low > high:
        return [_finding("fee_range_invalid", Severity.ERROR, "fee_max_yen", low=low, high=high)]
    if low is None:
        low = high
    if high is None:
        high = low
    if probono:
        if high > 0:
            return [_finding("fee_probono_conflict", Severity.WARNING, "fee_min_yen")]
        return []
    if high == 0:
        return [_finding("fee_zero", Severity.WARNING, "fee_min_yen")]
    if sheet.contract_type == ContractType.EMPLOYMENT_REFERRAL:
        return []  # a salary, not a side-job fee: the band does not apply
    return _check_fee_band(sheet, low, high)


def _check_fee_band(sheet: SheetDraft, low: int, high: int) -> list[Finding]:
    days_low, days_high = _int(sheet.days_per_month_min), _int(sheet.days_per_month_max)
    band = usual_fee_band(days_low, days_high)
    has_reason = bool(sheet.fee_reason.strip())
    if days_low is None and days_high is None:  # compared with the usual 1–4 days a month
        days_min, days_max = 1, USUAL_DAYS_MAX
    else:
        days_min = days_low if days_low is not None else days_high
        days_max = days_high if days_high is not None else days_low
    if high * FAR_FACTOR < band.low_yen and not has_reason:
        return [
            _finding(
                "fee_far_below",
                Severity.WARNING,
                "fee_min_yen",
                fee_low=low,
                fee_high=high,
                days_min=days_min,
                days_max=days_max,
                band_low=band.low_yen,
                band_high=band.high_yen,
            )
        ]
    if low > band.high_yen * FAR_FACTOR and not has_reason:
        return [
            _finding(
                "fee_far_above",
                Severity.WARNING,
                "fee_min_yen",
                fee_low=low,
                fee_high=high,
                days_min=days_min,
                days_max=days_max,
                band_low=band.low_yen,
                band_high=band.high_yen,
            )
        ]
    if (high < band.low_yen or low > band.high_yen) and not has_reason:
        direction = "below" if high < band.low_yen else "above"
        return [
            _finding(
                "fee_outside_band",
                Severity.INFO,
                "fee_min_yen",
                variant=direction,
                fee_low=low,
                fee_high=high,
                days_min=days_min,
                days_max=days_max,
                band_low=band.low_yen,
                band_high=band.high_yen,
            )
        ]
    return []


def _check_contract(sheet: SheetDraft) -> list[Finding]:
    contract = sheet.contract_type
    if contract not in {item.value for item in ContractType}:
        return [_finding("contract_type_invalid", Severity.ERROR, "contract_type")]
    findings = []
    if bool(sheet.is_probono) != (contract == ContractType.PROBONO):
        findings.append(_finding("contract_probono_mismatch", Severity.WARNING, "contract_type"))
    if contract == ContractType.EMPLOYMENT_REFERRAL:
        findings.append(_finding("contract_employment_referral", Severity.INFO, "contract_type"))
    return findings


def _check_closing(sheet: SheetDraft) -> list[Finding]:
    closes_on = sheet.closes_on
    if closes_on is None:
        return [_finding("closes_on_missing", Severity.INFO, "closes_on")]
    if closes_on < sheet.today:
        return [_finding("closes_on_past", Severity.ERROR, "closes_on", date=closes_on)]
    days_left = (closes_on - sheet.today).days
    if days_left < MIN_OPEN_DAYS:
        return [_finding("closes_on_soon", Severity.INFO, "closes_on", days=days_left)]
    return []


def _check_why_you(sheet: SheetDraft) -> list[Finding]:
    text = sheet.why_you
    n = _length(text)
    if n == 0:
        return [_finding("why_you_missing", Severity.ERROR, "why_you")]
    if n < WHY_YOU_MIN_CHARS:
        return [
            _finding(
                "why_you_generic",
                Severity.WARNING,
                "why_you",
                variant="short",
                chars=n,
                min_chars=WHY_YOU_MIN_CHARS,
            )
        ]
    if _content_chars(text, _GENERIC_WHY_PHRASES) < WHY_YOU_MIN_SPECIFIC_CHARS:
        return [_finding("why_you_generic", Severity.WARNING, "why_you", variant="stock")]
    vague = _vague_finding("why_you", text, strict=True)
    return [vague] if vague is not None else []


def _check_openings(sheet: SheetDraft) -> list[Finding]:
    openings = sheet.openings
    if openings is None:
        return []
    value = _int(openings)
    if value is None or value < 1:
        return [_finding("openings_invalid", Severity.ERROR, "openings")]
    return []


_CHECKS = (
    _check_title,
    _check_issue,
    _check_outcome,
    _check_themes,
    _check_skills,
    _check_days,
    _check_work_style,
    _check_duration,
    _check_fee,
    _check_contract,
    _check_closing,
    _check_why_you,
    _check_openings,
)
