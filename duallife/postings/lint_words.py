"""The words of the spec-sheet quality check, in the reader's language.

The engine (:mod:`duallife.engine.speclint`) returns findings as data: a code (and a variant when
one code has two wordings, together :attr:`Finding.key`), the field and the values to quote. This
module holds the sentences, keyed by :attr:`Finding.key`, and words a finding in the active
language: :func:`word` for one finding, :func:`message` for its message alone. Every place that
shows findings (the sheet form, the live check, the review page, the API, the refusal to submit)
goes through here.

Parameters are prepared before they go into the sentences: yen and days become the same labels
as on the sheet pages (「月3万〜5万円」, 「月2〜4日」), dates are formatted by the locale, the
skills of ``skills_overlap`` are quoted and listed; numbers stay numbers for ``%(n)d`` and plurals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from duallife.core.formats import format_date, format_yen
from duallife.engine.speclint import Finding, Severity

from .templatetags.sheets import _man

#: The fields of a spec sheet as the quality check names them.
FIELD_LABELS: dict[str, Promise] = {
    "title": gettext_lazy("タイトル"),
    "issue": gettext_lazy("背景・課題"),
    "outcome": gettext_lazy("成果物・ゴール"),
    "themes": gettext_lazy("テーマ"),
    "required_skills": gettext_lazy("必須スキル"),
    "welcome_skills": gettext_lazy("歓迎スキル"),
    "days_per_month_min": gettext_lazy("稼働日数（下限）"),
    "days_per_month_max": gettext_lazy("稼働日数（上限）"),
    "work_style": gettext_lazy("働き方"),
    "visits_per_month": gettext_lazy("現地訪問の回数"),
    "duration_months": gettext_lazy("期間"),
    "fee_min_yen": gettext_lazy("報酬（下限）"),
    "fee_max_yen": gettext_lazy("報酬（上限）"),
    "is_probono": gettext_lazy("プロボノ"),
    "fee_reason": gettext_lazy("報酬の理由"),
    "contract_type": gettext_lazy("契約形態"),
    "closes_on": gettext_lazy("締切日"),
    "why_you": gettext_lazy("なぜあなたが必要か"),
    "openings": gettext_lazy("募集人数"),
}

_WORK_STYLE = (
    gettext_lazy("働き方（リモートのみ／リモート＋現地訪問／現地中心）が選ばれていません。"),
    gettext_lazy(
        "遠方に住む人が参加できるかを判断する大事な項目です。"
        "ほぼリモートで進められるなら「リモート＋現地訪問（月1回程度）」もよく選ばれています。"
    ),
)

#: Finding key → (message, suggestion). Placeholders are the finding's parameters, prepared by
#: :func:`_prepared` (``field``: the field's label; ``fee``, ``band``: fee labels; ``days_label``).
WORDS: dict[str, tuple[Promise, Promise]] = {
    "vague_wording": (
        gettext_lazy(
            "%(field)sに「%(phrase)s」という表現があります。"
            "誰に何をお願いしたいのかがぼやけ、かえって応募をためらわせてしまいます。"
        ),
        gettext_lazy(
            "「食品メーカーで商品企画を担当した経験のある方」のように、"
            "求める経験や、お願いしたい役割を具体的に書きましょう。"
        ),
    ),
    "title_missing": (
        gettext_lazy("タイトルが入っていません。"),
        gettext_lazy(
            "「誰と、何を、どこまで」が一目で分かる一文にしましょう。"
            "例：「老舗味噌蔵の新商品を首都圏に届けるマーケティング（月2〜4日・ほぼリモート）」"
        ),
    ),
    "title_too_short": (
        ngettext_lazy(
            "タイトルが短く（%(chars)d文字）、仕事の中身が伝わりにくいです。",
            "タイトルが短く（%(chars)d文字）、仕事の中身が伝わりにくいです。",
            "chars",
        ),
        gettext_lazy(
            "会社や地域の特徴と、お願いしたいテーマを入れて%(min_chars)d文字以上にしましょう。"
            "例：「港町の水産加工会社で、ECの売上を伸ばすWebマーケティング」"
        ),
    ),
    "title_vague": (
        gettext_lazy(
            "タイトルが「副業人材募集」のような一般的な言葉だけで、何をお願いしたいのかが分かりません。"
        ),
        gettext_lazy("テーマや目指す成果を入れましょう。例：「地元酒蔵の海外販路を一緒に開く営業戦略」"),
    ),
    "title_too_long": (
        gettext_lazy("タイトルが長く（%(chars)d文字）、一覧では途中で切れてしまいます。"),
        gettext_lazy("%(max_chars)d文字以内に収め、詳しい事情は「背景・課題」に移しましょう。"),
    ),
    "issue_missing": (
        gettext_lazy("背景・課題が書かれていません。"),
        gettext_lazy(
            "今どんな状況で、何に困っていて、なぜ今取り組むのかを書きましょう。"
            "売上や客数など、数字が一つあると状況が伝わりやすくなります。"
        ),
    ),
    "issue_too_short": (
        ngettext_lazy(
            "背景・課題が短く（%(chars)d文字）、応募を考える人が状況をつかめません。",
            "背景・課題が短く（%(chars)d文字）、応募を考える人が状況をつかめません。",
            "chars",
        ),
        gettext_lazy(
            "%(min_chars)d文字以上を目安に、現状・困っていること・これまで試したことを書き足しましょう。"
        ),
    ),
    "outcome_missing": (
        gettext_lazy(
            "成果物・ゴールが書かれていません。何ができたら成功なのかが分からないと、"
            "応募する人は自分が役に立てるかを判断できません。"
        ),
        gettext_lazy(
            "期間の終わりに手元に残るもの（成果物）と、目指す状態を書きましょう。"
            "例：「3か月で新商品2品の試作を終え、首都圏の小売店向けの提案資料を完成させる」"
        ),
    ),
    "outcome_too_short": (
        ngettext_lazy(
            "成果物・ゴールが短く（%(chars)d文字）、終わったときの姿が伝わりにくいです。",
            "成果物・ゴールが短く（%(chars)d文字）、終わったときの姿が伝わりにくいです。",
            "chars",
        ),
        gettext_lazy(
            "成果物の名前（事業計画書、試作品、Webサイトなど）と、いつまでに・どのくらいを書き足しましょう。"
        ),
    ),
    "outcome_not_measurable": (
        gettext_lazy("成果物・ゴールに数字や期限が入っていません。"),
        gettext_lazy(
            "「半年で問い合わせを月10件にする」のように数字か期限を一つ入れると、"
            "達成できたかを双方で確かめられます。"
        ),
    ),
    "themes_missing": (
        gettext_lazy("テーマが選ばれていません。テーマから仕事を探す人に見つけてもらえません。"),
        gettext_lazy("マーケティング、商品開発、新規事業など、近いものを1〜3個選びましょう。"),
    ),
    "themes_too_many": (
        gettext_lazy("テーマが%(count)d個あり、何が中心なのかが伝わりにくくなっています。"),
        gettext_lazy("中心になるテーマを%(max)d個までに絞りましょう。"),
    ),
    "required_skills_missing": (
        gettext_lazy("必須スキルが入っていません。"),
        gettext_lazy(
            "この仕事に欠かせないスキルを1〜3個挙げましょう（例：Webマーケティング、商品開発）。"
            "あると嬉しいものは「歓迎スキル」に入れます。"
        ),
    ),
    "required_skills_too_many": (
        gettext_lazy("必須スキルが%(count)d個あります。条件が多いと、力のある人も応募をためらいます。"),
        gettext_lazy("本当に欠かせないものを%(max)d個までに絞り、残りは「歓迎スキル」に移しましょう。"),
    ),
    "skills_overlap": (
        gettext_lazy("%(skills)sが必須スキルと歓迎スキルの両方に入っています。"),
        gettext_lazy("どちらか一方にしましょう。"),
    ),
    "days_missing": (
        gettext_lazy("月あたりの稼働日数が入っていません。本業を持つ人は、両立できるかをまず確かめます。"),
        gettext_lazy("目安を入れましょう。副業では月1〜4日がよく見られます（例：月2〜4日）。"),
    ),
    "days_invalid": (
        gettext_lazy("稼働日数（%(days)d日）が月1〜31日の範囲を外れています。"),
        gettext_lazy("月あたりの日数を1〜31の整数で入れてください。"),
    ),
    "days_range_invalid": (
        gettext_lazy("稼働日数の下限（月%(low)d日）が上限（月%(high)d日）より大きくなっています。"),
        gettext_lazy("下限と上限を入れ替えてください。"),
    ),
    "days_heavy": (
        gettext_lazy("月%(days)d日からの稼働は、本業を持つ人には負担が大きめです。"),
        gettext_lazy("まず月2〜4日から始め、関係ができてから日数を増やす形も検討しましょう。"),
    ),
    "work_style_missing": _WORK_STYLE,
    "work_style_invalid": _WORK_STYLE,
    "visits_invalid": (
        gettext_lazy("現地訪問の回数は0以上の整数で入れてください。"),
        gettext_lazy("訪問がなければ0にしてください。"),
    ),
    "visits_inconsistent": (
        ngettext_lazy(
            "働き方が「リモートのみ」なのに、月%(visits)d回の現地訪問が入っています。",
            "働き方が「リモートのみ」なのに、月%(visits)d回の現地訪問が入っています。",
            "visits",
        ),
        gettext_lazy("訪問が必要なら働き方を「リモート＋現地訪問」に、不要なら訪問回数を0にしてください。"),
    ),
    "visits_missing": (
        gettext_lazy("現地に来てほしい回数が入っていません。"),
        gettext_lazy("「月1回程度」など目安を入れましょう。交通費を誰が負担するかも書いておくと安心です。"),
    ),
    "visits_exceed_days": (
        gettext_lazy("現地訪問（月%(visits)d回）が稼働日数（多くて月%(days)d日）を上回っています。"),
        gettext_lazy("訪問1回は少なくとも1日の稼働になります。訪問回数か稼働日数を見直しましょう。"),
    ),
    "duration_missing": (
        gettext_lazy("期間の目安が入っていません。"),
        gettext_lazy(
            "「まず3か月、成果を見て延長を相談」のように書くと、応募する人も予定を立てやすくなります。"
        ),
    ),
    "duration_invalid": (
        gettext_lazy("期間は1か月以上の整数で入れてください。"),
        gettext_lazy("未定なら、最初の区切りとして3か月などの目安を入れましょう。"),
    ),
    "fee_invalid": (
        gettext_lazy("報酬には0以上の金額（円）を入れてください。"),
        gettext_lazy("月額を円で入れます（例：30000）。報酬なしの場合は「プロボノ」を選んでください。"),
    ),
    "fee_missing": (
        gettext_lazy("報酬が入っていません。"),
        gettext_lazy(
            "月額の幅で書きましょう。月1〜4日の副業では月3万〜5万円程度がよく見られる目安です。"
            "報酬なしで関わってもらう場合は「プロボノ」を選んでください。"
        ),
    ),
    "fee_range_invalid": (
        gettext_lazy("報酬の下限（%(low)s）が上限（%(high)s）より大きくなっています。"),
        gettext_lazy("下限と上限を入れ替えてください。"),
    ),
    "fee_probono_conflict": (
        gettext_lazy("プロボノなのに報酬額が入っています。"),
        gettext_lazy(
            "報酬を払うなら契約形態を「業務委託」に、プロボノなら報酬額を空欄にしてください。"
            "交通費の負担は別に書けます。"
        ),
    ),
    "fee_zero": (
        gettext_lazy("報酬が0円になっています。"),
        gettext_lazy(
            "報酬なしでお願いする場合は「プロボノ」を選び、交通費の扱いなどを書いておきましょう。"
            "有償なら金額を入れてください。"
        ),
    ),
    "fee_far_below": (
        gettext_lazy("報酬（%(fee)s）が、%(days_label)sの目安（%(band)s）を大きく下回っています。"),
        gettext_lazy(
            "目安に近づけるか、「報酬の理由」に事情を書きましょう"
            "（例：交通費と宿泊費を全額負担する、成果に応じた報酬を別に用意している）。"
        ),
    ),
    "fee_far_above": (
        gettext_lazy("報酬（%(fee)s）が、%(days_label)sの目安（%(band)s）を大きく上回っています。"),
        gettext_lazy(
            "高い専門性や責任が必要な場合は、その理由を「報酬の理由」に書きましょう。"
            "応募する人が仕事の重さを正しく見積もれます。"
        ),
    ),
    "fee_outside_band.below": (
        gettext_lazy("報酬（%(fee)s）は、%(days_label)sの目安（%(band)s）より低めです。"),
        gettext_lazy("理由を「報酬の理由」に一言添えると、応募する人が納得しやすくなります。"),
    ),
    "fee_outside_band.above": (
        gettext_lazy("報酬（%(fee)s）は、%(days_label)sの目安（%(band)s）より高めです。"),
        gettext_lazy("理由を「報酬の理由」に一言添えると、応募する人が納得しやすくなります。"),
    ),
    "contract_type_invalid": (
        gettext_lazy("契約形態が選ばれていません。"),
        gettext_lazy("業務委託・プロボノ・雇用（提携事業者からのご紹介）から選んでください。"),
    ),
    "contract_probono_mismatch": (
        gettext_lazy("「プロボノ」の指定と契約形態が食い違っています。"),
        gettext_lazy("報酬なしなら契約形態を「プロボノ」に、報酬を払うなら「業務委託」にそろえてください。"),
    ),
    "contract_employment_referral": (
        gettext_lazy(
            "雇用を希望する場合は、職業紹介の許可を持つ提携事業者を通じたご紹介になります。"
            "このサービスが直接おつなぎするのは業務委託とプロボノです。"
        ),
        gettext_lazy("まず業務委託で始め、お互いを知ってから雇用を相談する進め方もあります。"),
    ),
    "closes_on_missing": (
        gettext_lazy("募集の締切が入っていません。"),
        gettext_lazy("締切があると、応募を後回しにされにくくなります。募集期間は1か月程度が目安です。"),
    ),
    "closes_on_past": (
        gettext_lazy("締切日（%(date)s）が過ぎています。"),
        gettext_lazy("今日より後の日付にしてください。募集期間は1か月程度が目安です。"),
    ),
    "closes_on_soon": (
        ngettext_lazy("締切まで%(days)d日しかありません。", "締切まで%(days)d日しかありません。", "days"),
        gettext_lazy(
            "本業のある人は応募の検討に時間がかかります。2週間以上、できれば1か月ほど取りましょう。"
        ),
    ),
    "why_you_missing": (
        gettext_lazy(
            "「なぜあなたが必要か」が書かれていません。誰を、なぜ必要としているのかが"
            "伝わる仕様書ほど、応募が集まります。"
        ),
        gettext_lazy(
            "どんな経験を持つ人に、どの場面で力を借りたいのか、その人にとって何が面白いのかを書きましょう。"
            "例：「首都圏で食品の販路を開いた経験のある方に、バイヤーの目で商品を見てほしい」"
        ),
    ),
    "why_you_generic.short": (
        ngettext_lazy(
            "「なぜあなたが必要か」が短く（%(chars)d文字）、誰に来てほしいのかが伝わりません。",
            "「なぜあなたが必要か」が短く（%(chars)d文字）、誰に来てほしいのかが伝わりません。",
            "chars",
        ),
        gettext_lazy(
            "求める経験と、その人に任せたい場面を%(min_chars)d文字以上で具体的に書きましょう。"
            "例：「社内にWebに詳しい人がおらず、ECの数字を一緒に読み解いてくれる方が必要です」"
        ),
    ),
    "why_you_generic.stock": (
        gettext_lazy(
            "「なぜあなたが必要か」が「やる気のある方」「未経験歓迎」のような、"
            "どの募集にも当てはまる言葉でできています。"
        ),
        gettext_lazy(
            "この地域・この会社だからこそ必要な経験や役割を書きましょう。"
            "例：「社内にWebに詳しい人がおらず、ECの数字を一緒に読み解いてくれる方が必要です」"
        ),
    ),
    "openings_invalid": (
        gettext_lazy("募集人数は1人以上で入れてください。"),
        gettext_lazy("決まっていなければ1人にしておき、よい応募が重なったときに相談できます。"),
    ),
}

#: A finding whose key has no words here (a newer engine): said plainly rather than not at all.
_UNKNOWN = (
    gettext_lazy("「%(field)s」に見直したほうがよい点があります。"),
    gettext_lazy("内容を確かめてください。"),
)


@dataclass(frozen=True, slots=True)
class WordedFinding:
    """A finding with its words in the active language."""

    finding: Finding
    label: str  # the field's label
    message: str
    suggestion: str

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def severity(self) -> Severity:
        return self.finding.severity

    @property
    def field(self) -> str:
        return self.finding.field


def field_label(field: str) -> str:
    label = FIELD_LABELS.get(field)
    return str(label) if label is not None else field


def fee_label(low: int, high: int) -> str:
    """「月3万〜5万円」 / "¥30,000–¥50,000/month", as on the sheet pages."""
    if low == high:
        return _("月%(amount)s円") % {"amount": _man(low)}
    return _("月%(low)s〜%(high)s円") % {"low": _man(low), "high": _man(high)}


def days_label(low: int, high: int) -> str:
    """「月2〜4日」 / "2–4 days/month", as on the sheet pages."""
    if low == high:
        return _("月%(days)d日") % {"days": low}
    return _("月%(low)d〜%(high)d日") % {"low": low, "high": high}


def _quoted_list(items: tuple[str, ...]) -> str:
    # Translators: a skill's name as typed, quoted in a sentence.
    quoted = [_("「%(skill)s」") % {"skill": item} for item in items]
    # Translators: the separator between the items of a short list in a sentence.
    return _("、").join(quoted)


def _prepared(finding: Finding) -> dict[str, Any]:
    params: dict[str, Any] = dict(finding.params)
    params["field"] = field_label(finding.field)
    if {"fee_low", "fee_high"} <= params.keys():
        params["fee"] = fee_label(params["fee_low"], params["fee_high"])
    if {"band_low", "band_high"} <= params.keys():
        params["band"] = fee_label(params["band_low"], params["band_high"])
    if {"days_min", "days_max"} <= params.keys():
        params["days_label"] = days_label(params["days_min"], params["days_max"])
    if finding.code == "fee_range_invalid":
        params["low"], params["high"] = format_yen(params["low"]), format_yen(params["high"])
    for name, value in params.items():
        if isinstance(value, date):
            params[name] = format_date(value)
        elif isinstance(value, tuple):
            params[name] = _quoted_list(value)
    return params


def _words(finding: Finding) -> tuple[Promise, Promise]:
    return WORDS.get(finding.key) or WORDS.get(finding.code) or _UNKNOWN


def word(finding: Finding) -> WordedFinding:
    """One finding in the active language."""
    message, suggestion = _words(finding)
    params = _prepared(finding)
    return WordedFinding(
        finding=finding,
        label=params["field"],
        message=str(message % params),
        suggestion=str(suggestion % params),
    )


def word_all(findings: tuple[Finding, ...] | list[Finding]) -> list[WordedFinding]:
    return [word(finding) for finding in findings]


def message(finding: Finding) -> str:
    """A finding's message alone (the refusal to submit quotes the errors' messages)."""
    return word(finding).message


def params_of(finding: Finding) -> Mapping[str, Any]:
    """The finding's own parameters as JSON values (dates as ISO text, tuples as lists), for the API."""
    out: dict[str, Any] = {}
    for name, value in finding.params.items():
        if isinstance(value, date):
            out[name] = value.isoformat()
        elif isinstance(value, tuple):
            out[name] = list(value)
        else:
            out[name] = value
    return out
