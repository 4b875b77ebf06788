"""A sheet the spec-sheet checks find ready, and one bad example per check, for the speclint
engine's tests and the app's wording tests (no Django)."""

from datetime import date

from duallife.engine.speclint import SheetDraft

TODAY = date(2025, 9, 1)


def good_sheet() -> SheetDraft:
    """A sheet in the spirit of the report's 週1副社長 postings: a clear theme, 2–4 days a month,
    mostly remote with one visit, ¥30,000–50,000 a month under 業務委託 (fictional company)."""
    return SheetDraft(
        today=TODAY,
        title="老舗味噌蔵の新商品を首都圏に届ける週1副社長（マーケティング）",
        issue=(
            "創業120年の味噌蔵です。県内の売上は安定していますが、若い世代の味噌離れで10年前より2割減りました。"
            "昨年から甘酒と味噌を使った加工品の試作を始めたものの、首都圏の売り場やECでどう売るかの知見が社内になく、"
            "商品の見せ方や価格の決め方で止まっています。"
        ),
        outcome=(
            "3か月で新商品2品の売り方（ターゲット、価格、販路）を決め、"
            "首都圏の小売店向けの提案資料とEC販売ページの構成案を完成させる。"
        ),
        themes=("marketing", "product-development"),
        required_skills=("web-marketing", "product-development"),
        welcome_skills=("ec", "ブランディング"),
        days_per_month_min=2,
        days_per_month_max=4,
        work_style="hybrid",
        visits_per_month=1,
        duration_months=6,
        fee_min_yen=30_000,
        fee_max_yen=50_000,
        contract_type="outsourcing",
        closes_on=date(2025, 10, 1),
        why_you=(
            "社内には製造と県内営業の経験しかなく、首都圏の消費者やバイヤーの目線を持つ人がいません。"
            "食品や日用品の商品企画・販促に携わった経験を活かし、社長の相談相手として一緒に売り方を決めてくれる方が必要です。"
        ),
        openings=1,
    )


GOOD_WHY = good_sheet().why_you
GOOD_ISSUE = good_sheet().issue
OUTCOME_WITHOUT_NUMBERS = (
    "新商品の売り方を一緒に決め、首都圏の小売店向けの提案資料とEC販売ページの構成案を完成させる。"
)

# code, field it points at, severity, changes that make the good sheet bad in exactly that way
BAD = [
    ("title_missing", "title", "error", {"title": "  "}),
    ("title_too_short", "title", "warning", {"title": "PR担当募集"}),
    ("title_too_long", "title", "warning", {"title": "地元の老舗味噌蔵が首都圏の若い世代に向けて" * 3}),
    ("title_vague", "title", "warning", {"title": "副業・兼業のプロ人材を大募集します！"}),
    ("vague_wording", "title", "warning", {"title": "誰でも歓迎！地元の味噌蔵で一緒に働きませんか"}),
    ("issue_missing", "issue", "error", {"issue": ""}),
    ("issue_too_short", "issue", "warning", {"issue": "売上が落ちています。"}),
    ("vague_wording", "issue", "warning", {"issue": GOOD_ISSUE + "経験は問いません。誰でも応募OKです。"}),
    ("outcome_missing", "outcome", "error", {"outcome": ""}),
    ("outcome_too_short", "outcome", "warning", {"outcome": "売上を伸ばしたい。"}),
    (
        "outcome_not_measurable",
        "outcome",
        "info",
        {"outcome": OUTCOME_WITHOUT_NUMBERS},
    ),
    ("themes_missing", "themes", "warning", {"themes": ()}),
    ("themes_too_many", "themes", "info", {"themes": ("marketing", "product-development", "pr", "dx-it")}),
    ("required_skills_missing", "required_skills", "error", {"required_skills": (" ",)}),
    ("required_skills_too_many", "required_skills", "info", {"required_skills": tuple("abcdef")}),
    ("skills_overlap", "welcome_skills", "info", {"welcome_skills": ("web-marketing",)}),
    ("days_missing", "days_per_month_min", "error", {"days_per_month_min": None, "days_per_month_max": None}),
    ("days_invalid", "days_per_month_max", "error", {"days_per_month_max": 40}),
    ("days_range_invalid", "days_per_month_max", "error", {"days_per_month_min": 5, "days_per_month_max": 2}),
    ("days_heavy", "days_per_month_min", "info", {"days_per_month_min": 10, "days_per_month_max": 12}),
    ("work_style_missing", "work_style", "error", {"work_style": ""}),
    ("work_style_invalid", "work_style", "error", {"work_style": "sometimes"}),
    ("visits_invalid", "visits_per_month", "error", {"visits_per_month": -1}),
    ("visits_inconsistent", "visits_per_month", "warning", {"work_style": "remote", "visits_per_month": 2}),
    ("visits_missing", "visits_per_month", "warning", {"work_style": "onsite", "visits_per_month": None}),
    ("visits_exceed_days", "visits_per_month", "warning", {"visits_per_month": 6}),
    ("duration_missing", "duration_months", "info", {"duration_months": None}),
    ("duration_invalid", "duration_months", "error", {"duration_months": 0}),
    ("fee_missing", "fee_min_yen", "error", {"fee_min_yen": None, "fee_max_yen": None}),
    ("fee_invalid", "fee_min_yen", "error", {"fee_min_yen": -1}),
    ("fee_range_invalid", "fee_max_yen", "error", {"fee_min_yen": 50_000, "fee_max_yen": 30_000}),
    ("fee_zero", "fee_min_yen", "warning", {"fee_min_yen": 0, "fee_max_yen": 0}),
    ("fee_far_below", "fee_min_yen", "warning", {"fee_min_yen": 5_000, "fee_max_yen": 10_000}),
    ("fee_far_above", "fee_min_yen", "warning", {"fee_min_yen": 150_000, "fee_max_yen": 200_000}),
    ("fee_outside_band", "fee_min_yen", "info", {"fee_min_yen": 60_000, "fee_max_yen": 80_000}),
    ("fee_probono_conflict", "fee_min_yen", "warning", {"is_probono": True, "contract_type": "probono"}),
    ("contract_type_invalid", "contract_type", "error", {"contract_type": "freelance"}),
    (
        "contract_probono_mismatch",
        "contract_type",
        "warning",
        {"is_probono": True, "fee_min_yen": None, "fee_max_yen": None},
    ),
    ("contract_employment_referral", "contract_type", "info", {"contract_type": "employment_referral"}),
    ("closes_on_missing", "closes_on", "info", {"closes_on": None}),
    ("closes_on_past", "closes_on", "error", {"closes_on": date(2025, 8, 31)}),
    ("closes_on_soon", "closes_on", "info", {"closes_on": date(2025, 9, 5)}),
    ("why_you_missing", "why_you", "error", {"why_you": ""}),
    ("why_you_generic", "why_you", "warning", {"why_you": "やる気のある方歓迎"}),
    (
        "why_you_generic",
        "why_you",
        "warning",
        {
            "why_you": "やる気のある方、熱意のある方、地域に貢献したい方、未経験歓迎です。"
            "お気軽にご応募ください！よろしくお願いします。"
        },
    ),
    ("vague_wording", "why_you", "warning", {"why_you": GOOD_WHY + "もちろん誰でも大歓迎です。"}),
    ("openings_invalid", "openings", "error", {"openings": 0}),
]
