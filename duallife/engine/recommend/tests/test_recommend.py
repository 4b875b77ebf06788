"""The recommender: hard rules never broken, reasons a person can read, congestion spreading
marginal fits, determinism — worked examples and Hypothesis properties."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.recommend import (
    Context,
    Reason,
    RouteTable,
    Sheet,
    Style,
    Talent,
    blockers,
    is_personal,
    japanese,
    recommend_sheets,
    recommend_talents,
    score_pair,
)

SENDAI, ISHINOMAKI, AOMORI, CHIYODA = "041009", "042021", "022012", "131016"
CTX = Context(
    labels={
        "web-marketing": "Webマーケティング",
        "data-analysis": "データ分析",
        "marketing": "マーケティング",
    },
    places={SENDAI: "仙台市", ISHINOMAKI: "石巻市", "04": "宮城県", "02": "青森県", AOMORI: "青森市"},
    routes=RouteTable(routes={("131008", SENDAI): (114, 21_120)}, origins={"131": "131008"}),
)


def talent(**overrides) -> Talent:
    values = {
        "id": 1,
        "skills": frozenset({"web-marketing", "data-analysis"}),
        "themes": frozenset({"marketing"}),
        "days_per_month": 4,
        "style": Style.HYBRID,
        "max_visits_per_month": 2,
        "min_monthly_fee_yen": 30_000,
        "home_municipality": CHIYODA,
    }
    values.update(overrides)
    return Talent(**values)


def sheet(**overrides) -> Sheet:
    values = {
        "id": 10,
        "municipality": SENDAI,
        "required_skills": frozenset({"web-marketing"}),
        "themes": frozenset({"marketing"}),
        "days_per_month": 2,
        "style": Style.HYBRID,
        "visits_per_month": 1,
        "fee_min_yen": 30_000,
        "fee_max_yen": 50_000,
    }
    values.update(overrides)
    return Sheet(**values)


# --- Worked examples ---------------------------------------------------------------------------


def words(reasons) -> list[str]:
    return [japanese(reason) for reason in reasons]


def test_reasons_are_codes_with_the_values_a_sentence_needs():
    result = score_pair(talent(hometown_municipality=AOMORI), sheet(), CTX)

    assert result is not None
    assert result.reasons[0] == Reason("skill_match", {"skills": ("Webマーケティング",), "n": 1})
    assert Reason("workload", {"days": 2, "style": "hybrid"}) in result.reasons
    assert Reason("route", {"place": "仙台市", "minutes": 114, "fare": 21_120, "estimate": False}) in (
        result.reasons
    )


def test_reasons_in_japanese_words_are_short_and_concrete():
    result = score_pair(talent(hometown_municipality=AOMORI), sheet(), CTX)

    assert result is not None
    assert "スキル一致: Webマーケティング" in words(result.reasons)
    assert "テーマ: マーケティング" in words(result.reasons)
    assert "月2日・リモート中心" in words(result.reasons)
    assert "仙台市まで片道1時間54分・往復21,120円" in words(result.reasons)


def test_a_place_without_a_route_uses_one_in_the_same_prefecture_and_says_so():
    result = score_pair(talent(), sheet(municipality=ISHINOMAKI), CTX)

    assert "仙台市まで片道1時間54分・往復21,120円（県内の目安）" in words(result.reasons)


def test_hometown_and_prefectures_of_interest_are_reasons():
    result = score_pair(
        talent(hometown_municipality="041009", interest_prefectures=frozenset({"04"})), sheet(), CTX
    )
    plain = score_pair(talent(), sheet(), CTX)

    assert "出身地: 仙台市" in words(result.reasons)
    assert "関心のある県: 宮城県" in words(result.reasons)
    assert result.score > plain.score


def test_reasons_about_home_and_hometown_are_marked_personal_and_no_others():
    result = score_pair(
        talent(hometown_municipality="041009", interest_prefectures=frozenset({"04"})), sheet(), CTX
    )
    personal = words(r for r in result.reasons if is_personal(r))

    assert sorted(personal) == ["仙台市まで片道1時間54分・往復21,120円", "出身地: 仙台市"]
    assert "関心のある県: 宮城県" not in personal
    assert "スキル一致: Webマーケティング" not in personal


def test_each_hard_rule_blocks_its_case():
    assert blockers(talent(style=Style.REMOTE), sheet(style=Style.ONSITE)) == ("style",)
    assert blockers(talent(days_per_month=2), sheet(days_per_month=4)) == ("days",)
    assert blockers(talent(max_visits_per_month=0), sheet()) == ("visits",)
    assert blockers(talent(min_monthly_fee_yen=80_000), sheet()) == ("fee",)
    assert blockers(talent(), sheet(pro_bono=True, fee_min_yen=None, fee_max_yen=None)) == ("pro_bono",)
    assert blockers(talent(), sheet(is_open=False)) == ("closed",)
    assert blockers(talent(), sheet()) == ()
    assert score_pair(talent(style=Style.REMOTE), sheet(style=Style.ONSITE), CTX) is None


def test_better_skill_fit_ranks_higher_and_ties_go_by_id():
    strong = sheet(id=30, required_skills=frozenset({"web-marketing", "data-analysis"}))
    weak = sheet(id=20, required_skills=frozenset({"web-marketing", "accounting"}))
    twin = sheet(id=25, required_skills=frozenset({"web-marketing", "accounting"}))

    ranked = recommend_sheets(talent(), [weak, strong, twin], CTX, k=3)

    assert [r.sheet for r in ranked] == [30, 20, 25]


def test_a_swamped_sheet_drops_below_an_open_one_for_a_marginal_fit():
    swamped = sheet(id=1, required_skills=frozenset({"web-marketing", "sales", "design"}), applicants=60)
    quiet = sheet(id=2, required_skills=frozenset({"web-marketing", "sales", "design"}), applicants=0)

    with_congestion = [r.sheet for r in recommend_sheets(talent(), [swamped, quiet], CTX, k=2)]
    without = [r.sheet for r in recommend_sheets(talent(), [swamped, quiet], CTX, k=2, congestion=False)]

    assert without == [1, 2]  # equal fits: by id
    assert with_congestion == [2, 1]


def test_a_strong_fit_keeps_its_place_on_a_crowded_sheet():
    crowded = sheet(id=1, required_skills=frozenset({"web-marketing", "data-analysis"}), applicants=60)
    result = score_pair(talent(), crowded, CTX)

    assert result.score == result.fit
    assert any(reason.startswith("応募が集中しています") for reason in words(result.reasons))


def test_talents_for_a_sheet_are_ranked_the_same_way():
    best = talent(id=7, interest_prefectures=frozenset({"04"}))
    other = talent(id=3, skills=frozenset({"data-analysis"}))
    blocked = talent(id=1, style=Style.REMOTE, max_visits_per_month=0)

    ranked = recommend_talents(sheet(), [other, blocked, best], CTX, k=5)

    assert [r.talent for r in ranked] == [7, 3]


# --- Properties ----------------------------------------------------------------------------------

SKILLS = st.frozensets(
    st.sampled_from(["web-marketing", "data-analysis", "sales", "design", "ec"]), max_size=4
)
STYLES = st.sampled_from(list(Style))
FEES = st.one_of(st.none(), st.integers(0, 200_000))
PLACES = st.sampled_from([SENDAI, ISHINOMAKI, AOMORI])

talents = st.builds(
    Talent,
    id=st.integers(1, 10_000),
    skills=SKILLS,
    days_per_month=st.one_of(st.none(), st.integers(1, 20)),
    style=STYLES,
    max_visits_per_month=st.integers(0, 4),
    min_monthly_fee_yen=FEES,
    accepts_pro_bono=st.booleans(),
    home_municipality=st.sampled_from([CHIYODA, None]),
    hometown_municipality=st.one_of(st.none(), PLACES),
)
sheets = st.builds(
    Sheet,
    id=st.integers(1, 10_000),
    municipality=PLACES,
    required_skills=SKILLS,
    welcome_skills=SKILLS,
    days_per_month=st.one_of(st.none(), st.integers(1, 20)),
    style=STYLES,
    visits_per_month=st.integers(0, 4),
    fee_max_yen=FEES,
    pro_bono=st.booleans(),
    openings=st.integers(1, 5),
    applicants=st.integers(0, 200),
    is_open=st.booleans(),
)


@settings(max_examples=300, deadline=None)
@given(talents, st.lists(sheets, max_size=30, unique_by=lambda s: s.id))
def test_no_recommendation_ever_breaks_a_hard_rule(person, candidates):
    by_id = {s.id: s for s in candidates}
    for recommendation in recommend_sheets(person, candidates, CTX, k=10):
        assert blockers(person, by_id[recommendation.sheet]) == ()
        assert 0.0 <= recommendation.score <= 1.0
        assert recommendation.reasons == tuple(recommendation.reasons)


@settings(max_examples=200, deadline=None)
@given(talents, st.lists(sheets, max_size=30, unique_by=lambda s: s.id), st.randoms(use_true_random=False))
def test_the_same_input_in_any_order_gives_the_same_ranking(person, candidates, rng):
    shuffled = list(candidates)
    rng.shuffle(shuffled)

    assert recommend_sheets(person, candidates, CTX, k=10) == recommend_sheets(person, shuffled, CTX, k=10)


@settings(max_examples=200, deadline=None)
@given(sheets, st.lists(talents, max_size=30, unique_by=lambda t: t.id))
def test_talents_for_a_sheet_never_break_a_hard_rule_either(work, candidates):
    by_id = {t.id: t for t in candidates}
    ranked = recommend_talents(work, candidates, CTX, k=10)
    assert len(ranked) <= 10
    for recommendation in ranked:
        assert blockers(by_id[recommendation.talent], work) == ()
    scores = [(-r.score, r.talent) for r in ranked]
    assert scores == sorted(scores)
