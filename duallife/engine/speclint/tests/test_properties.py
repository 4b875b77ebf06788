"""Properties of the quality check that hold for any sheet."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from duallife.engine.speclint import PENALTY, SheetDraft, lint
from duallife.engine.speclint.testing import TODAY, good_sheet

GOOD = good_sheet()
PHRASES = [
    "",
    "副業人材募集",
    "誰でも歓迎",
    "何でもお任せします",
    "やる気のある方",
    "未経験歓迎",
    "経験不問",
    GOOD.title,
    GOOD.issue,
    GOOD.outcome,
    GOOD.why_you,
    "ＳＮＳ運用とＷｅｂマーケティング",
    "３か月で売上２倍",
]
texts = st.one_of(
    st.sampled_from(PHRASES), st.text(max_size=60), st.sampled_from(PHRASES).map(lambda s: s * 3)
)
small_ints = st.none() | st.integers(min_value=-5, max_value=40)
fees = st.none() | st.integers(min_value=-10_000, max_value=1_000_000)
skills = st.lists(
    st.sampled_from(["web-marketing", "python", "ＳＮＳ運用", "", "藍染め", "ウェブマーケティング"]),
    max_size=7,
)


@st.composite
def sheets(draw):
    return SheetDraft(
        today=TODAY,
        title=draw(texts),
        issue=draw(texts),
        outcome=draw(texts),
        themes=tuple(
            draw(st.lists(st.sampled_from(["marketing", "pr", "dx-it", "hr", "tourism", ""]), max_size=5))
        ),
        required_skills=tuple(draw(skills)),
        welcome_skills=tuple(draw(skills)),
        days_per_month_min=draw(small_ints),
        days_per_month_max=draw(small_ints),
        work_style=draw(st.sampled_from(["remote", "hybrid", "onsite", "", "other"])),
        visits_per_month=draw(small_ints),
        duration_months=draw(small_ints),
        fee_min_yen=draw(fees),
        fee_max_yen=draw(fees),
        is_probono=draw(st.booleans()),
        fee_reason=draw(st.sampled_from(["", "交通費と宿泊費を全額負担します"])),
        contract_type=draw(st.sampled_from(["outsourcing", "probono", "employment_referral", ""])),
        closes_on=draw(st.none() | st.integers(-60, 90).map(lambda d: TODAY + timedelta(days=d))),
        why_you=draw(texts),
        openings=draw(small_ints),
    )


@settings(deadline=None, max_examples=300)
@given(sheets())
def test_score_is_always_between_0_and_100_and_matches_the_findings(sheet):
    report = lint(sheet)
    assert 0 <= report.score <= 100
    expected = 100 - sum(PENALTY[f.severity] for f in report.findings)
    assert report.score == min(100, max(0, expected))
    assert report.ready == (not report.errors)


@settings(deadline=None, max_examples=300)
@given(sheets(), texts.filter(lambda text: text.strip() != ""))
def test_adding_a_missing_outcome_never_lowers_the_score(sheet, outcome):
    without = lint(replace(sheet, outcome=""))
    with_outcome = lint(replace(sheet, outcome=outcome))
    assert with_outcome.score >= without.score
    assert "outcome_missing" not in with_outcome.codes


@settings(deadline=None, max_examples=300)
@given(sheets())
def test_findings_are_sorted_unique_and_deterministic(sheet):
    report = lint(sheet)
    keys = [finding.sort_key for finding in report.findings]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)
    assert lint(sheet) == report
    assert lint(replace(sheet)) == report


@settings(deadline=None, max_examples=100)
@given(st.integers(min_value=1, max_value=365))
def test_a_past_closing_date_is_always_an_error(days_ago):
    report = lint(replace(GOOD, closes_on=TODAY - timedelta(days=days_ago)))
    assert "closes_on_past" in report.codes
    assert not report.ready


@settings(deadline=None, max_examples=100)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
def test_the_check_never_reads_the_clock(today):
    sheet = replace(GOOD, today=today, closes_on=today + timedelta(days=30))
    assert lint(sheet).ready
