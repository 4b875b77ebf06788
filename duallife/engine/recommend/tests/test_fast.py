"""The fast path (numpy/scipy) gives exactly what the pure path gives — the same sheets or talents,
the same scores, the same reasons, in the same order — both ways, with congestion on and off, one
at a time and in batches; it never recommends a pair a hard rule forbids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.recommend import (
    Context,
    FastPathMismatch,
    RouteTable,
    Sheet,
    SheetIndex,
    Style,
    Talent,
    TalentIndex,
    blockers,
    japanese,
    recommend_sheets,
    recommend_talents,
    score_pair,
    top_sheets_batch,
    top_talents_batch,
)
from duallife.engine.recommend import fast as fast_module
from duallife.engine.recommend import score as score_module

SENDAI, ISHINOMAKI, AOMORI, MORIOKA, AKITA = "041009", "042021", "022012", "032018", "052019"
PLACES = [SENDAI, ISHINOMAKI, AOMORI, MORIOKA, AKITA]
HOMES = ["131016", "131130", "141003", "111007", None]
KEYS = ["web-marketing", "data-analysis", "sales", "design", "ec", "accounting"]
THEMES = ["marketing", "tourism", "dx-it"]
WORDS = ["販路", "観光", "採用", "広報", "農業", "EC", "SNS"]
LABELS = {"web-marketing": "Webマーケティング", "data-analysis": "データ分析", "marketing": "マーケティング"}
NAMES = {SENDAI: "仙台市", ISHINOMAKI: "石巻市", AOMORI: "青森市", "04": "宮城県", "02": "青森県"}

#: Ids as other systems bring them: integers, their string twins ("7" beside 7) and other strings.
ids = st.one_of(
    st.integers(1, 500), st.integers(1, 500).map(str), st.sampled_from(["a", "B-1", "ｚ", "É", "10 "])
)
keys = st.frozensets(st.sampled_from(KEYS), max_size=4)
themes = st.frozensets(st.sampled_from(THEMES), max_size=2)
words = st.frozensets(st.sampled_from(WORDS), max_size=7)
fees = st.one_of(st.none(), st.integers(0, 200_000))
days = st.one_of(st.none(), st.integers(1, 12))

talents = st.builds(
    Talent,
    id=ids,
    skills=keys,
    themes=themes,
    days_per_month=days,
    style=st.sampled_from(list(Style)),
    max_visits_per_month=st.integers(0, 4),
    min_monthly_fee_yen=fees,
    accepts_pro_bono=st.booleans(),
    home_municipality=st.sampled_from(HOMES),
    hometown_municipality=st.one_of(st.none(), st.sampled_from(PLACES)),
    interest_prefectures=st.frozensets(st.sampled_from(["02", "03", "04", "05", "13"]), max_size=3),
    motives=st.frozensets(st.sampled_from(["give_back", "consider_moving", "skills"]), max_size=2),
    terms=words,
)
sheets = st.builds(
    Sheet,
    id=ids,
    municipality=st.sampled_from(PLACES),
    required_skills=keys,
    welcome_skills=keys,
    themes=themes,
    days_per_month=days,
    style=st.sampled_from(list(Style)),
    visits_per_month=st.integers(0, 4),
    fee_max_yen=fees,
    pro_bono=st.booleans(),
    openings=st.integers(1, 4),
    applicants=st.integers(0, 120),
    is_open=st.booleans(),
    terms=words,
)
#: Routes from the wards' reference origin and from Yokohama to some of the places (the others
#: get the same-prefecture stand-in, or nothing).
routes = st.builds(
    lambda table: RouteTable(routes=table, origins={"131": "131008"}),
    st.dictionaries(
        st.tuples(st.sampled_from(["131008", "141003"]), st.sampled_from([*PLACES, "041025"])),
        st.tuples(st.integers(30, 400), st.integers(5_000, 40_000)),
        max_size=8,
    ),
)
contexts = st.builds(lambda table: Context(labels=LABELS, places=NAMES, routes=table), routes)
sheet_lists = st.lists(sheets, max_size=25, unique_by=lambda s: s.id)
talent_lists = st.lists(talents, max_size=25, unique_by=lambda t: t.id)


# --- Properties: the same answers as the pure path -----------------------------------------------


@settings(max_examples=250, deadline=None)
@given(talents, sheet_lists, contexts, st.integers(1, 12), st.booleans())
def test_sheets_for_a_talent_are_exactly_the_pure_ranking(person, candidates, ctx, k, congestion):
    ranked = SheetIndex(candidates, ctx).top_sheets(person, k, congestion=congestion)

    assert ranked == recommend_sheets(person, candidates, ctx, k=k, congestion=congestion)
    by_id = {s.id: s for s in candidates}
    assert all(blockers(person, by_id[r.sheet]) == () for r in ranked)


@settings(max_examples=150, deadline=None)
@given(talents, sheet_lists, contexts, st.booleans())
def test_every_score_is_the_pure_score_and_blocked_pairs_are_minus_infinity(
    person, candidates, ctx, congestion
):
    index = SheetIndex(candidates, ctx)

    for sheet, fast in zip(index.sheets, index.scores(person, congestion), strict=True):
        pure = score_pair(person, sheet, ctx, congestion=congestion)
        if pure is None:
            assert fast == float("-inf")
        else:
            assert fast == pytest.approx(pure.score, abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(sheets, talent_lists, contexts, st.integers(1, 12), st.booleans(), st.data())
def test_talents_for_a_sheet_are_exactly_the_pure_ranking_among_those_allowed(
    work, people, ctx, k, congestion, data
):
    visible = data.draw(st.sets(st.sampled_from([t.id for t in people] or [0])))
    index = TalentIndex(people, ctx)

    ranked = index.top_talents(work, k, congestion=congestion, allowed_ids=visible)

    shown = [t for t in people if t.id in visible]
    assert ranked == recommend_talents(work, shown, ctx, k=k, congestion=congestion)
    assert {r.talent for r in ranked} <= visible
    assert index.top_talents(work, k, congestion=congestion) == recommend_talents(
        work, people, ctx, k=k, congestion=congestion
    )


@settings(max_examples=120, deadline=None)
@given(talent_lists, sheet_lists, contexts, st.integers(1, 8), st.booleans())
def test_a_batch_gives_every_talent_the_pure_ranking(people, candidates, ctx, k, congestion):
    index = SheetIndex(candidates, ctx)
    by_id = {s.id: s for s in candidates}

    out = list(top_sheets_batch(people, index, k, congestion=congestion, block=7))

    assert [t for t, _ in out] == people  # in the order given
    for person, ranked in out:
        assert ranked == recommend_sheets(person, candidates, ctx, k=k, congestion=congestion)
        assert all(blockers(person, by_id[r.sheet]) == () for r in ranked)


@settings(max_examples=60, deadline=None)
@given(sheet_lists, talent_lists, contexts, st.integers(1, 8))
def test_a_batch_of_sheets_gives_every_sheet_the_pure_ranking(works, people, ctx, k):
    out = list(top_talents_batch(works, TalentIndex(people, ctx), k))

    assert [s for s, _ in out] == works
    for work, ranked in out:
        assert ranked == recommend_talents(work, people, ctx, k=k)


@settings(max_examples=100, deadline=None)
@given(talents, sheet_lists, contexts, st.data())
def test_excluded_sheets_are_never_recommended(person, candidates, ctx, data):
    excluded = data.draw(st.sets(st.sampled_from([s.id for s in candidates] or [0])))

    ranked = SheetIndex(candidates, ctx).top_sheets(person, 10, exclude=excluded)

    assert not {r.sheet for r in ranked} & excluded
    assert ranked == recommend_sheets(person, [s for s in candidates if s.id not in excluded], ctx, k=10)


# --- Worked examples ------------------------------------------------------------------------------


CTX = Context(
    labels=LABELS, places=NAMES, routes=RouteTable({("131008", SENDAI): (114, 21_120)}, {"131": "131008"})
)
PERSON = Talent(
    id=1,
    skills=frozenset({"web-marketing"}),
    days_per_month=4,
    style=Style.HYBRID,
    max_visits_per_month=2,
    home_municipality="131016",
)


def work(sheet_id: int, **overrides) -> Sheet:
    values = {"id": sheet_id, "municipality": SENDAI, "required_skills": frozenset({"web-marketing"})}
    values.update(overrides)
    return Sheet(**values)


def test_empty_inputs_give_empty_answers():
    assert SheetIndex([], CTX).top_sheets(PERSON, 10) == []
    assert len(SheetIndex([], CTX).scores(PERSON)) == 0
    assert TalentIndex([], CTX).top_talents(work(1), 10) == []
    assert list(top_sheets_batch([], SheetIndex([work(1)], CTX), 10)) == []
    assert list(top_sheets_batch([PERSON], SheetIndex([], CTX), 10)) == [(PERSON, [])]
    assert SheetIndex([work(1)], CTX).top_sheets(PERSON, 0) == []


def test_k_larger_than_the_possible_sheets_gives_every_possible_one():
    candidates = [work(1), work(2, visits_per_month=9), work(3, is_open=False), work(4)]

    ranked = SheetIndex(candidates, CTX).top_sheets(PERSON, 50)

    assert [r.sheet for r in ranked] == [1, 4]  # 2 needs more visits, 3 is closed


def test_equal_scores_go_by_id_whatever_the_input_order():
    twins = [work(i, municipality=AOMORI) for i in (40, 7, 23, 15, 31)]

    ranked = SheetIndex(twins, CTX).top_sheets(PERSON, 3)
    again = SheetIndex(list(reversed(twins)), CTX).top_sheets(PERSON, 3)
    batch = next(iter(top_sheets_batch([PERSON], SheetIndex(twins, CTX), 3)))[1]

    assert len({r.score for r in ranked}) == 1
    assert [r.sheet for r in ranked] == [7, 15, 23]
    assert ranked == again == batch


def test_equal_scores_go_by_id_integers_first_then_strings_by_code_point():
    twins = [work(i, municipality=AOMORI) for i in ("b", 7, "7", 40, "10", "B")]
    people = [Talent(id=i, skills=PERSON.skills, max_visits_per_month=2) for i in ("2", 11, "11", 3)]

    ranked = SheetIndex(twins, CTX).top_sheets(PERSON, 5)
    batch = next(iter(top_sheets_batch([PERSON], SheetIndex(list(reversed(twins)), CTX), 5)))[1]
    talents = TalentIndex(people, CTX).top_talents(work(1), 4)

    assert len({r.score for r in ranked}) == 1
    assert [r.sheet for r in ranked] == [7, 40, "10", "7", "B"]
    assert ranked == batch == recommend_sheets(PERSON, twins, CTX, k=5)
    assert [r.talent for r in talents] == [3, 11, "11", "2"]


def test_reasons_come_from_score_pair():
    [best] = SheetIndex([work(1, themes=frozenset({"marketing"}))], CTX).top_sheets(PERSON, 1)

    assert "スキル一致: Webマーケティング" in [japanese(r) for r in best.reasons]
    assert "日数は相談・リモート" in [japanese(r) for r in best.reasons]


def test_two_processes_give_the_same_batch_as_one():
    people = [
        Talent(
            id=i,
            skills=frozenset(KEYS[i % 3 : i % 3 + 2]),
            max_visits_per_month=i % 3,
            home_municipality="131016",
        )
        for i in range(1, 41)
    ]
    candidates = [
        work(i, required_skills=frozenset(KEYS[i % 4 : i % 4 + 2]), visits_per_month=i % 2, applicants=i * 3)
        for i in range(1, 31)
    ]
    index = SheetIndex(candidates, CTX)

    one = list(top_sheets_batch(people, index, 5, block=8))
    two = list(top_sheets_batch(people, index, 5, block=8, workers=2))

    assert one == two
    assert one == [(t, recommend_sheets(t, candidates, CTX, k=5)) for t in people]


def test_constants_are_read_from_score_not_copied(monkeypatch):
    monkeypatch.setitem(score_module.WEIGHTS, "ties", 0.3)
    monkeypatch.setitem(score_module.WEIGHTS, "required", 0.16)
    monkeypatch.setattr(score_module, "TIES_INTEREST", 0.9)
    monkeypatch.setattr(score_module, "FEE_PAID", 0.2)
    monkeypatch.setattr(score_module, "TEXT_FULL_TERMS", 2)
    monkeypatch.setattr(score_module, "CONGESTION_WEIGHT", 0.8)
    person = Talent(
        id=1, skills=frozenset({"sales"}), interest_prefectures=frozenset({"04"}), terms=frozenset(WORDS)
    )
    candidates = [
        work(
            i,
            municipality=PLACES[i % 5],
            fee_max_yen=i * 10_000,
            terms=frozenset(WORDS[: i % 5]),
            applicants=i * 7,
        )
        for i in range(1, 20)
    ]

    assert SheetIndex(candidates, CTX).top_sheets(person, 8) == recommend_sheets(person, candidates, CTX, k=8)


def test_a_disagreement_with_score_pair_is_loud(monkeypatch):
    def off_by_a_little(talent, sheet, ctx, *, congestion=True):
        scored = score_pair(talent, sheet, ctx, congestion=congestion)
        return score_module.Scored(scored.score + 0.001, scored.fit, scored.reasons)

    monkeypatch.setattr(fast_module, "score_pair", off_by_a_little)

    with pytest.raises(FastPathMismatch):
        SheetIndex([work(1)], CTX).top_sheets(PERSON, 1)


def test_repeated_ids_are_refused():
    with pytest.raises(ValueError, match="重複"):
        SheetIndex([work(1), work(1)], CTX)
    with pytest.raises(ValueError, match="重複"):
        TalentIndex([PERSON, PERSON], CTX)
    with pytest.raises(ValueError, match="重複"):
        SheetIndex([work("s-1"), work("s-1")], CTX)
    assert SheetIndex([work(1), work("1")], CTX).ids == [1, "1"]  # not the same id
