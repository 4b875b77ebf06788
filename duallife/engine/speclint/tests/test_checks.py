"""Each check fires on a crafted bad sheet and stays quiet on a good one."""

from dataclasses import replace
from datetime import date

import pytest

from duallife.engine.speclint import (
    FIELD_ORDER,
    FeeBand,
    LintReport,
    Severity,
    SheetDraft,
    lint,
    usual_fee_band,
)
from duallife.engine.speclint.testing import (
    BAD,
    GOOD_ISSUE,
    GOOD_WHY,
    TODAY,
    good_sheet,
)


def test_the_good_sheet_is_ready_and_scores_at_least_90(good):
    report = lint(good)
    assert report.ready
    assert report.score >= 90
    assert report.errors == ()
    assert report.warnings == ()


@pytest.mark.parametrize(("code", "field", "severity", "changes"), BAD, ids=[f"{b[0]}-{b[1]}" for b in BAD])
def test_each_check_fires_on_its_bad_example(good, code, field, severity, changes):
    bad = lint(replace(good, **changes))
    matching = [f for f in bad.findings if f.code == code and f.field == field]
    assert len(matching) == 1, bad.codes
    assert matching[0].severity == severity
    assert not [f for f in lint(good).findings if f.code == code and f.field == field]
    if severity == "error":
        assert not bad.ready
        assert bad.score <= 75


@pytest.mark.parametrize("code", sorted({b[0] for b in BAD}))
def test_every_finding_is_data_not_words(good, code):
    """The engine words nothing: a finding is a code, a field and plain values to quote."""
    for bad_code, _field, _severity, changes in BAD:
        if bad_code != code:
            continue
        for finding in lint(replace(good, **changes)).findings:
            assert finding.key.split(".")[0] == finding.code
            assert finding.field in FIELD_ORDER
            for name, value in finding.params.items():
                assert name.isidentifier()
                assert isinstance(value, int | str | date | tuple)
            texts = {name for name, value in finding.params.items() if isinstance(value, str | tuple)}
            assert texts <= {"phrase", "skills"}, "only the matched phrase and the skills as typed are text"


def test_findings_with_two_wordings_say_which():
    short = lint(replace(good_sheet(), why_you="やる気のある方歓迎"))
    (finding,) = [f for f in short.findings if f.code == "why_you_generic"]
    assert finding.key == "why_you_generic.short"
    assert dict(finding.params) == {"chars": 9, "min_chars": 40}
    stock = lint(
        replace(
            good_sheet(),
            why_you="やる気のある方、熱意のある方、地域に貢献したい方、未経験歓迎です。"
            "お気軽にご応募ください！よろしくお願いします。",
        )
    )
    assert [f.key for f in stock.findings if f.code == "why_you_generic"] == ["why_you_generic.stock"]
    low = lint(replace(good_sheet(), fee_min_yen=20_000, fee_max_yen=25_000))
    assert [f.key for f in low.findings if f.code == "fee_outside_band"] == ["fee_outside_band.below"]
    high = lint(replace(good_sheet(), fee_min_yen=60_000, fee_max_yen=80_000))
    assert [f.key for f in high.findings if f.code == "fee_outside_band"] == ["fee_outside_band.above"]


def test_findings_carry_what_their_words_quote(good):
    report = lint(replace(good, title="PR担当募集", welcome_skills=("web-marketing", "ec")))
    by_code = {f.code: f for f in report.findings}
    assert dict(by_code["title_too_short"].params) == {"chars": 6, "min_chars": 10}
    assert dict(by_code["skills_overlap"].params) == {"skills": ("web-marketing",)}
    past = lint(replace(good, closes_on=date(2025, 8, 31)))
    (finding,) = [f for f in past.findings if f.code == "closes_on_past"]
    assert dict(finding.params) == {"date": date(2025, 8, 31)}
    vague = lint(replace(good, why_you=GOOD_WHY + "もちろん誰でも大歓迎です。"))
    (finding,) = [f for f in vague.findings if f.code == "vague_wording"]
    assert dict(finding.params) == {"phrase": "誰でも"}


def test_findings_compare_and_hash_by_value(good):
    report = lint(replace(good, title="PR担当募集"))
    assert len(set(report.findings)) == len(report.findings)
    assert hash(report.findings[0]) == hash(lint(replace(good, title="PR担当募集")).findings[0])


def test_fee_band_follows_the_report_and_scales_with_days():
    assert usual_fee_band(1, 4) == FeeBand(30_000, 50_000)
    assert usual_fee_band(None, None) == FeeBand(30_000, 50_000)
    assert usual_fee_band(2, None) == FeeBand(30_000, 50_000)
    assert usual_fee_band(8, 8) == FeeBand(60_000, 100_000)
    assert usual_fee_band(2, 8) == FeeBand(30_000, 100_000)
    assert usual_fee_band(12, None) == FeeBand(90_000, 150_000)
    assert usual_fee_band(99, -3) == FeeBand(30_000, 387_500)  # clamped to 1–31 and ordered


def test_more_days_justify_a_higher_fee(good):
    sheet = replace(good, days_per_month_min=8, days_per_month_max=8, fee_min_yen=80_000, fee_max_yen=100_000)
    assert not [f for f in lint(sheet).findings if f.code.startswith("fee_")]


def test_a_reason_explains_an_unusual_fee(good):
    sheet = replace(
        good,
        fee_min_yen=150_000,
        fee_max_yen=200_000,
        fee_reason="海外の取引先との英語での契約交渉まで担っていただくため、専門職の相場に合わせています。",
    )
    assert not [f for f in lint(sheet).findings if f.code.startswith("fee_")]


def test_fee_finding_quotes_the_fee_and_the_band(good):
    report = lint(replace(good, fee_min_yen=5_000, fee_max_yen=10_000))
    (finding,) = [f for f in report.findings if f.code == "fee_far_below"]
    assert dict(finding.params) == {
        "fee_low": 5_000,
        "fee_high": 10_000,
        "days_min": 2,
        "days_max": 4,
        "band_low": 30_000,
        "band_high": 50_000,
    }


def test_without_days_the_fee_is_compared_with_one_to_four_days(good):
    report = lint(
        replace(good, days_per_month_min=None, days_per_month_max=None, fee_min_yen=5_000, fee_max_yen=10_000)
    )
    (finding,) = [f for f in report.findings if f.code == "fee_far_below"]
    assert (finding.params["days_min"], finding.params["days_max"]) == (1, 4)


def test_a_pro_bono_sheet_needs_no_fee(good):
    sheet = replace(good, is_probono=True, contract_type="probono", fee_min_yen=None, fee_max_yen=None)
    report = lint(sheet)
    assert not [f for f in report.findings if f.field in ("fee_min_yen", "fee_max_yen", "contract_type")]
    assert report.ready


def test_an_employment_referral_is_not_held_to_the_side_job_band(good):
    sheet = replace(good, contract_type="employment_referral", fee_min_yen=250_000, fee_max_yen=300_000)
    assert "fee_far_above" not in lint(sheet).codes
    assert lint(sheet).ready


def test_one_fee_end_is_enough(good):
    assert lint(replace(good, fee_min_yen=None, fee_max_yen=40_000)).ready
    assert lint(replace(good, fee_min_yen=40_000, fee_max_yen=None)).ready


@pytest.mark.parametrize(
    "issue",
    [
        GOOD_ISSUE
        + "誰でも使える予約の仕組みを作りたいと考えています。",  # describes the goal, not the person
        GOOD_ISSUE + "何でも揃う道の駅を目指してきました。",
    ],
)
def test_anyone_and_anything_describing_the_business_are_fine_in_the_issue(good, issue):
    assert "vague_wording" not in lint(replace(good, issue=issue)).codes


@pytest.mark.parametrize("phrase", ["だれでも歓迎", "どなたでもOK", "何でもお任せします", "経験不問"])
def test_vague_wording_is_caught_whatever_the_spelling(good, phrase):
    report = lint(replace(good, why_you=GOOD_WHY + phrase))
    assert [f.field for f in report.findings if f.code == "vague_wording"] == ["why_you"]


def test_closing_today_is_not_past(good):
    report = lint(replace(good, closes_on=TODAY))
    assert "closes_on_past" not in report.codes
    assert "closes_on_soon" in report.codes


def test_an_empty_sheet_lists_every_missing_part_in_form_order():
    report = lint(SheetDraft(today=TODAY, contract_type="", openings=None))
    assert report.score == 0
    assert not report.ready
    assert report.codes == (
        "title_missing",
        "issue_missing",
        "outcome_missing",
        "themes_missing",
        "required_skills_missing",
        "days_missing",
        "work_style_missing",
        "duration_missing",
        "fee_missing",
        "contract_type_invalid",
        "closes_on_missing",
        "why_you_missing",
    )
    fields = [f.field for f in report.findings]
    assert fields == sorted(fields, key=FIELD_ORDER.index)


def test_score_is_100_minus_penalties_clamped(good):
    report = lint(replace(good, title="PR担当募集", themes=(), closes_on=None))
    assert [f.severity for f in report.findings] == [Severity.WARNING, Severity.WARNING, Severity.INFO]
    assert report.score == 80
    assert report.ready


def test_report_helpers(good):
    report = lint(replace(good, outcome="", themes=(), closes_on=None))
    assert [f.code for f in report.errors] == ["outcome_missing"]
    assert [f.code for f in report.warnings] == ["themes_missing"]
    assert [f.code for f in report.infos] == ["closes_on_missing"]
    assert report.for_field("outcome") == report.errors
    assert isinstance(report, LintReport)


def test_lists_are_stored_as_tuples():
    sheet = SheetDraft(today=TODAY, themes=["marketing"], required_skills="python")
    assert sheet.themes == ("marketing",)
    assert sheet.required_skills == ("python",)


def test_lint_refuses_other_types():
    with pytest.raises(TypeError):
        lint({"title": "x"})
