"""A sheet the spec-sheet checks find ready, for the speclint engine's tests (no Django)."""

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
