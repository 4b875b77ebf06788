"""The spec-sheet quality check (仕様書チェック): flags a vague sheet before it goes out.

The report behind this product found that matches happen when a region says exactly whom it needs
and why. The check therefore asks for: a concrete outcome, the skills and themes, a time
commitment, a fee in the usual range (or a reason), a real closing date, and an answer to "why
you" that could not be pasted into any other posting.

Scoring: start at 100, take off :data:`PENALTY` points per finding by severity (errors 25,
warnings 10, information 0), clamp to 0–100. Any error means the sheet is not ready to submit
(:attr:`LintReport.ready`). Findings are sorted by field in form order, then by code.
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
    Severity,
    SheetDraft,
    WorkStyle,
    _man,
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

FIELD_LABELS_JA = {
    "title": "タイトル",
    "issue": "背景・課題",
    "outcome": "成果物・ゴール",
    "themes": "テーマ",
    "required_skills": "必須スキル",
    "welcome_skills": "歓迎スキル",
    "days_per_month_min": "稼働日数（下限）",
    "days_per_month_max": "稼働日数（上限）",
    "work_style": "働き方",
    "visits_per_month": "現地訪問の回数",
    "duration_months": "期間",
    "fee_min_yen": "報酬（下限）",
    "fee_max_yen": "報酬（上限）",
    "is_probono": "プロボノ",
    "fee_reason": "報酬の理由",
    "contract_type": "契約形態",
    "closes_on": "締切日",
    "why_you": "なぜあなたが必要か",
    "openings": "募集人数",
}

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


def _finding(code: str, severity: Severity, field: str, message: str, suggestion: str) -> Finding:
    return Finding(code=code, severity=severity, field=field, message_ja=message, suggestion_ja=suggestion)


def _length(text: str) -> int:
    """Characters that are not white space."""
    return sum(1 for char in text if not char.isspace())


def _int(value: object) -> int | None:
    """An int field's value, or ``None`` when it is missing or not an int."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _yen(yen: int) -> str:
    return f"{_man(yen)}円"


def _fee_label(low: int, high: int) -> str:
    return f"月{_yen(low)}" if low == high else f"月{_man(low)}〜{_yen(high)}"


def _days_label(low: int | None, high: int | None) -> str:
    if low is None or high is None or low == high:
        return f"月{low if low is not None else high}日"
    return f"月{low}〜{high}日"


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
    return _finding(
        "vague_wording",
        Severity.WARNING,
        field,
        f"{FIELD_LABELS_JA[field]}に「{phrase}」という表現があります。"
        "誰に何をお願いしたいのかがぼやけ、かえって応募をためらわせてしまいます。",
        "「食品メーカーで商品企画を担当した経験のある方」のように、"
        "求める経験や、お願いしたい役割を具体的に書きましょう。",
    )


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
        return [
            _finding(
                "title_missing",
                Severity.ERROR,
                "title",
                "タイトルが入っていません。",
                "「誰と、何を、どこまで」が一目で分かる一文にしましょう。"
                "例：「老舗味噌蔵の新商品を首都圏に届けるマーケティング（月2〜4日・ほぼリモート）」",
            )
        ]
    findings = []
    if n < TITLE_MIN_CHARS:
        findings.append(
            _finding(
                "title_too_short",
                Severity.WARNING,
                "title",
                f"タイトルが短く（{n}文字）、仕事の中身が伝わりにくいです。",
                f"会社や地域の特徴と、お願いしたいテーマを入れて{TITLE_MIN_CHARS}文字以上にしましょう。"
                "例：「港町の水産加工会社で、ECの売上を伸ばすWebマーケティング」",
            )
        )
    elif _content_chars(title, _GENERIC_TITLE_WORDS) < TITLE_MIN_CONTENT_CHARS:
        findings.append(
            _finding(
                "title_vague",
                Severity.WARNING,
                "title",
                "タイトルが「副業人材募集」のような一般的な言葉だけで、何をお願いしたいのかが分かりません。",
                "テーマや目指す成果を入れましょう。例：「地元酒蔵の海外販路を一緒に開く営業戦略」",
            )
        )
    if n > TITLE_MAX_CHARS:
        findings.append(
            _finding(
                "title_too_long",
                Severity.WARNING,
                "title",
                f"タイトルが長く（{n}文字）、一覧では途中で切れてしまいます。",
                f"{TITLE_MAX_CHARS}文字以内に収め、詳しい事情は「背景・課題」に移しましょう。",
            )
        )
    vague = _vague_finding("title", title, strict=True)
    if vague is not None:
        findings.append(vague)
    return findings


def _check_issue(sheet: SheetDraft) -> list[Finding]:
    n = _length(sheet.issue)
    if n == 0:
        return [
            _finding(
                "issue_missing",
                Severity.ERROR,
                "issue",
                "背景・課題が書かれていません。",
                "今どんな状況で、何に困っていて、なぜ今取り組むのかを書きましょう。"
                "売上や客数など、数字が一つあると状況が伝わりやすくなります。",
            )
        ]
    findings = []
    if n < ISSUE_MIN_CHARS:
        findings.append(
            _finding(
                "issue_too_short",
                Severity.WARNING,
                "issue",
                f"背景・課題が短く（{n}文字）、応募を考える人が状況をつかめません。",
                f"{ISSUE_MIN_CHARS}文字以上を目安に、現状・困っていること・これまで試したことを書き足しましょう。",
            )
        )
    vague = _vague_finding("issue", sheet.issue, strict=False)
    if vague is not None:
        findings.append(vague)
    return findings


def _check_outcome(sheet: SheetDraft) -> list[Finding]:
    n = _length(sheet.outcome)
    if n == 0:
        return [
            _finding(
                "outcome_missing",
                Severity.ERROR,
                "outcome",
                "成果物・ゴールが書かれていません。何ができたら成功なのかが分からないと、"
                "応募する人は自分が役に立てるかを判断できません。",
                "期間の終わりに手元に残るもの（成果物）と、目指す状態を書きましょう。"
                "例：「3か月で新商品2品の試作を終え、首都圏の小売店向けの提案資料を完成させる」",
            )
        ]
    findings = []
    if n < OUTCOME_MIN_CHARS:
        findings.append(
            _finding(
                "outcome_too_short",
                Severity.WARNING,
                "outcome",
                f"成果物・ゴールが短く（{n}文字）、終わったときの姿が伝わりにくいです。",
                "成果物の名前（事業計画書、試作品、Webサイトなど）と、いつまでに・どのくらいを書き足しましょう。",
            )
        )
    if not _DIGIT.search(sheet.outcome):
        findings.append(
            _finding(
                "outcome_not_measurable",
                Severity.INFO,
                "outcome",
                "成果物・ゴールに数字や期限が入っていません。",
                "「半年で問い合わせを月10件にする」のように数字か期限を一つ入れると、"
                "達成できたかを双方で確かめられます。",
            )
        )
    return findings


def _check_themes(sheet: SheetDraft) -> list[Finding]:
    themes = [theme for theme in sheet.themes if theme.strip()]
    if not themes:
        return [
            _finding(
                "themes_missing",
                Severity.WARNING,
                "themes",
                "テーマが選ばれていません。テーマから仕事を探す人に見つけてもらえません。",
                "マーケティング、商品開発、新規事業など、近いものを1〜3個選びましょう。",
            )
        ]
    if len(set(themes)) > MAX_THEMES:
        return [
            _finding(
                "themes_too_many",
                Severity.INFO,
                "themes",
                f"テーマが{len(set(themes))}個あり、何が中心なのかが伝わりにくくなっています。",
                f"中心になるテーマを{MAX_THEMES}個までに絞りましょう。",
            )
        ]
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
        findings.append(
            _finding(
                "required_skills_missing",
                Severity.ERROR,
                "required_skills",
                "必須スキルが入っていません。",
                "この仕事に欠かせないスキルを1〜3個挙げましょう（例：Webマーケティング、商品開発）。"
                "あると嬉しいものは「歓迎スキル」に入れます。",
            )
        )
    elif len(required) > MAX_REQUIRED_SKILLS:
        findings.append(
            _finding(
                "required_skills_too_many",
                Severity.INFO,
                "required_skills",
                f"必須スキルが{len(required)}個あります。条件が多いと、力のある人も応募をためらいます。",
                f"本当に欠かせないものを{MAX_REQUIRED_SKILLS}個までに絞り、残りは「歓迎スキル」に移しましょう。",
            )
        )
    both = [spelling for key, spelling in welcome.items() if key in required]
    if both:
        findings.append(
            _finding(
                "skills_overlap",
                Severity.INFO,
                "welcome_skills",
                f"「{'」「'.join(both)}」が必須スキルと歓迎スキルの両方に入っています。",
                "どちらか一方にしましょう。",
            )
        )
    return findings


def _check_days(sheet: SheetDraft) -> list[Finding]:
    low, high = _int(sheet.days_per_month_min), _int(sheet.days_per_month_max)
    if low is None and high is None:
        return [
            _finding(
                "days_missing",
                Severity.ERROR,
                "days_per_month_min",
                "月あたりの稼働日数が入っていません。本業を持つ人は、両立できるかをまず確かめます。",
                "目安を入れましょう。副業では月1〜4日がよく見られます（例：月2〜4日）。",
            )
        ]
    for field, value in (("days_per_month_min", low), ("days_per_month_max", high)):
        if value is not None and not 1 <= value <= 31:
            return [
                _finding(
                    "days_invalid",
                    Severity.ERROR,
                    field,
                    f"稼働日数（{value}日）が月1〜31日の範囲を外れています。",
                    "月あたりの日数を1〜31の整数で入れてください。",
                )
            ]
    if low is not None and high is not None and low > high:
        return [
            _finding(
                "days_range_invalid",
                Severity.ERROR,
                "days_per_month_max",
                f"稼働日数の下限（月{low}日）が上限（月{high}日）より大きくなっています。",
                "下限と上限を入れ替えてください。",
            )
        ]
    fewest = low if low is not None else high
    if fewest is not None and fewest > HEAVY_DAYS_PER_MONTH:
        return [
            _finding(
                "days_heavy",
                Severity.INFO,
                "days_per_month_min",
                f"月{fewest}日からの稼働は、本業を持つ人には負担が大きめです。",
                "まず月2〜4日から始め、関係ができてから日数を増やす形も検討しましょう。",
            )
        ]
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
                "働き方（リモートのみ／リモート＋現地訪問／現地中心）が選ばれていません。",
                "遠方に住む人が参加できるかを判断する大事な項目です。"
                "ほぼリモートで進められるなら「リモート＋現地訪問（月1回程度）」もよく選ばれています。",
            )
        )
    visits = sheet.visits_per_month
    visits_value = _int(visits)
    if visits is not None and (visits_value is None or visits_value < 0):
        findings.append(
            _finding(
                "visits_invalid",
                Severity.ERROR,
                "visits_per_month",
                "現地訪問の回数は0以上の整数で入れてください。",
                "訪問がなければ0にしてください。",
            )
        )
        return findings
    if style == WorkStyle.REMOTE and visits_value:
        findings.append(
            _finding(
                "visits_inconsistent",
                Severity.WARNING,
                "visits_per_month",
                f"働き方が「リモートのみ」なのに、月{visits_value}回の現地訪問が入っています。",
                "訪問が必要なら働き方を「リモート＋現地訪問」に、不要なら訪問回数を0にしてください。",
            )
        )
    elif style in (WorkStyle.HYBRID, WorkStyle.ONSITE) and not visits_value:
        findings.append(
            _finding(
                "visits_missing",
                Severity.WARNING,
                "visits_per_month",
                "現地に来てほしい回数が入っていません。",
                "「月1回程度」など目安を入れましょう。交通費を誰が負担するかも書いておくと安心です。",
            )
        )
    most_days = _int(sheet.days_per_month_max)
    if most_days is None:
        most_days = _int(sheet.days_per_month_min)
    if visits_value and most_days is not None and 1 <= most_days < visits_value:
        findings.append(
            _finding(
                "visits_exceed_days",
                Severity.WARNING,
                "visits_per_month",
                f"現地訪問（月{visits_value}回）が稼働日数（多くて月{most_days}日）を上回っています。",
                "訪問1回は少なくとも1日の稼働になります。訪問回数か稼働日数を見直しましょう。",
            )
        )
    return findings


def _check_duration(sheet: SheetDraft) -> list[Finding]:
    months = sheet.duration_months
    if months is None:
        return [
            _finding(
                "duration_missing",
                Severity.INFO,
                "duration_months",
                "期間の目安が入っていません。",
                "「まず3か月、成果を見て延長を相談」のように書くと、応募する人も予定を立てやすくなります。",
            )
        ]
    value = _int(months)
    if value is None or value < 1:
        return [
            _finding(
                "duration_invalid",
                Severity.ERROR,
                "duration_months",
                "期間は1か月以上の整数で入れてください。",
                "未定なら、最初の区切りとして3か月などの目安を入れましょう。",
            )
        ]
    return []


def _is_probono(sheet: SheetDraft) -> bool:
    return bool(sheet.is_probono) or sheet.contract_type == ContractType.PROBONO


def _check_fee(sheet: SheetDraft) -> list[Finding]:
    probono = _is_probono(sheet)
    raw = {"fee_min_yen": sheet.fee_min_yen, "fee_max_yen": sheet.fee_max_yen}
    for field, value in raw.items():
        if value is not None and (_int(value) is None or value < 0):
            return [
                _finding(
                    "fee_invalid",
                    Severity.ERROR,
                    field,
                    "報酬には0以上の金額（円）を入れてください。",
                    "月額を円で入れます（例：30000）。報酬なしの場合は「プロボノ」を選んでください。",
                )
            ]
    low, high = _int(sheet.fee_min_yen), _int(sheet.fee_max_yen)
    if low is None and high is None:
        if probono:
            return []
        return [
            _finding(
                "fee_missing",
                Severity.ERROR,
                "fee_min_yen",
                "報酬が入っていません。",
                "月額の幅で書きましょう。月1〜4日の副業では月3万〜5万円程度がよく見られる目安です。"
                "報酬なしで関わってもらう場合は「プロボノ」を選んでください。",
            )
        ]
    if low is not None and high is not None and low > high:
        return [
            _finding(
                "fee_range_invalid",
                Severity.ERROR,
                "fee_max_yen",
                f"報酬の下限（{_yen(low)}）が上限（{_yen(high)}）より大きくなっています。",
                "下限と上限を入れ替えてください。",
            )
        ]
    if low is None:
        low = high
    if high is None:
        high = low
    if probono:
        if high > 0:
            return [
                _finding(
                    "fee_probono_conflict",
                    Severity.WARNING,
                    "fee_min_yen",
                    "プロボノなのに報酬額が入っています。",
                    "報酬を払うなら契約形態を「業務委託」に、プロボノなら報酬額を空欄にしてください。"
                    "交通費の負担は別に書けます。",
                )
            ]
        return []
    if high == 0:
        return [
            _finding(
                "fee_zero",
                Severity.WARNING,
                "fee_min_yen",
                "報酬が0円になっています。",
                "報酬なしでお願いする場合は「プロボノ」を選び、交通費の扱いなどを書いておきましょう。"
                "有償なら金額を入れてください。",
            )
        ]
    if sheet.contract_type == ContractType.EMPLOYMENT_REFERRAL:
        return []  # a salary, not a side-job fee: the band does not apply
    return _check_fee_band(sheet, low, high)


def _check_fee_band(sheet: SheetDraft, low: int, high: int) -> list[Finding]:
    days_low, days_high = _int(sheet.days_per_month_min), _int(sheet.days_per_month_max)
    band = usual_fee_band(days_low, days_high)
    has_reason = bool(sheet.fee_reason.strip())
    fee = _fee_label(low, high)
    no_days = days_low is None and days_high is None
    days = "月1〜4日" if no_days else _days_label(days_low, days_high)
    if high * FAR_FACTOR < band.low_yen and not has_reason:
        return [
            _finding(
                "fee_far_below",
                Severity.WARNING,
                "fee_min_yen",
                f"報酬（{fee}）が、{days}の目安（{band.label_ja}）を大きく下回っています。",
                "目安に近づけるか、「報酬の理由」に事情を書きましょう"
                "（例：交通費と宿泊費を全額負担する、成果に応じた報酬を別に用意している）。",
            )
        ]
    if low > band.high_yen * FAR_FACTOR and not has_reason:
        return [
            _finding(
                "fee_far_above",
                Severity.WARNING,
                "fee_min_yen",
                f"報酬（{fee}）が、{days}の目安（{band.label_ja}）を大きく上回っています。",
                "高い専門性や責任が必要な場合は、その理由を「報酬の理由」に書きましょう。"
                "応募する人が仕事の重さを正しく見積もれます。",
            )
        ]
    if (high < band.low_yen or low > band.high_yen) and not has_reason:
        direction = "低め" if high < band.low_yen else "高め"
        return [
            _finding(
                "fee_outside_band",
                Severity.INFO,
                "fee_min_yen",
                f"報酬（{fee}）は、{days}の目安（{band.label_ja}）より{direction}です。",
                "理由を「報酬の理由」に一言添えると、応募する人が納得しやすくなります。",
            )
        ]
    return []


def _check_contract(sheet: SheetDraft) -> list[Finding]:
    contract = sheet.contract_type
    if contract not in {item.value for item in ContractType}:
        return [
            _finding(
                "contract_type_invalid",
                Severity.ERROR,
                "contract_type",
                "契約形態が選ばれていません。",
                "業務委託・プロボノ・雇用（提携事業者からのご紹介）から選んでください。",
            )
        ]
    findings = []
    if bool(sheet.is_probono) != (contract == ContractType.PROBONO):
        findings.append(
            _finding(
                "contract_probono_mismatch",
                Severity.WARNING,
                "contract_type",
                "「プロボノ」の指定と契約形態が食い違っています。",
                "報酬なしなら契約形態を「プロボノ」に、報酬を払うなら「業務委託」にそろえてください。",
            )
        )
    if contract == ContractType.EMPLOYMENT_REFERRAL:
        findings.append(
            _finding(
                "contract_employment_referral",
                Severity.INFO,
                "contract_type",
                "雇用を希望する場合は、職業紹介の許可を持つ提携事業者を通じたご紹介になります。"
                "このサービスが直接おつなぎするのは業務委託とプロボノです。",
                "まず業務委託で始め、お互いを知ってから雇用を相談する進め方もあります。",
            )
        )
    return findings


def _check_closing(sheet: SheetDraft) -> list[Finding]:
    closes_on = sheet.closes_on
    if closes_on is None:
        return [
            _finding(
                "closes_on_missing",
                Severity.INFO,
                "closes_on",
                "募集の締切が入っていません。",
                "締切があると、応募を後回しにされにくくなります。募集期間は1か月程度が目安です。",
            )
        ]
    if closes_on < sheet.today:
        return [
            _finding(
                "closes_on_past",
                Severity.ERROR,
                "closes_on",
                f"締切日（{closes_on.year}年{closes_on.month}月{closes_on.day}日）が過ぎています。",
                "今日より後の日付にしてください。募集期間は1か月程度が目安です。",
            )
        ]
    days_left = (closes_on - sheet.today).days
    if days_left < MIN_OPEN_DAYS:
        return [
            _finding(
                "closes_on_soon",
                Severity.INFO,
                "closes_on",
                f"締切まで{days_left}日しかありません。",
                "本業のある人は応募の検討に時間がかかります。2週間以上、できれば1か月ほど取りましょう。",
            )
        ]
    return []


def _check_why_you(sheet: SheetDraft) -> list[Finding]:
    text = sheet.why_you
    n = _length(text)
    if n == 0:
        return [
            _finding(
                "why_you_missing",
                Severity.ERROR,
                "why_you",
                "「なぜあなたが必要か」が書かれていません。誰を、なぜ必要としているのかが"
                "伝わる仕様書ほど、応募が集まります。",
                "どんな経験を持つ人に、どの場面で力を借りたいのか、その人にとって何が面白いのかを書きましょう。"
                "例：「首都圏で食品の販路を開いた経験のある方に、バイヤーの目で商品を見てほしい」",
            )
        ]
    example = "例：「社内にWebに詳しい人がおらず、ECの数字を一緒に読み解いてくれる方が必要です」"
    if n < WHY_YOU_MIN_CHARS:
        return [
            _finding(
                "why_you_generic",
                Severity.WARNING,
                "why_you",
                f"「なぜあなたが必要か」が短く（{n}文字）、誰に来てほしいのかが伝わりません。",
                f"求める経験と、その人に任せたい場面を{WHY_YOU_MIN_CHARS}文字以上で具体的に書きましょう。{example}",
            )
        ]
    if _content_chars(text, _GENERIC_WHY_PHRASES) < WHY_YOU_MIN_SPECIFIC_CHARS:
        return [
            _finding(
                "why_you_generic",
                Severity.WARNING,
                "why_you",
                "「なぜあなたが必要か」が「やる気のある方」「未経験歓迎」のような、"
                "どの募集にも当てはまる言葉でできています。",
                f"この地域・この会社だからこそ必要な経験や役割を書きましょう。{example}",
            )
        ]
    vague = _vague_finding("why_you", text, strict=True)
    return [vague] if vague is not None else []


def _check_openings(sheet: SheetDraft) -> list[Finding]:
    openings = sheet.openings
    if openings is None:
        return []
    value = _int(openings)
    if value is None or value < 1:
        return [
            _finding(
                "openings_invalid",
                Severity.ERROR,
                "openings",
                "募集人数は1人以上で入れてください。",
                "決まっていなければ1人にしておき、よい応募が重なったときに相談できます。",
            )
        ]
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
