"""Keeping the stored recommendations in step: a refresh after commit when a profile is saved or a
sheet approved, the nightly rebuild (both sides, never a pair breaking a hard rule), closing a sheet
(rows dropped, applicants told of their next-best sheets), and who the selectors let see what."""

from __future__ import annotations

import random

import pytest

from duallife.accounts.models import User
from duallife.engagements.services.applications import application_submit
from duallife.engine.recommend import blockers
from duallife.notifications.models import Notification
from duallife.postings.models import SpecSheet
from duallife.postings.services.approval import spec_sheet_approve
from duallife.postings.services.sheets import spec_sheet_close
from duallife.recommendations.models import KEEP, SheetRecommendation, TalentRecommendation
from duallife.recommendations.selectors.loading import (
    engine_sheet,
    engine_talent,
    open_sheets_with_inputs,
    talents_with_inputs,
)
from duallife.recommendations.selectors.recommendations import (
    SheetMatchFilters,
    TalentMatchFilters,
    next_best_sheets,
    recommended_sheets,
    recommended_talents,
)
from duallife.recommendations.services.recommendations import (
    recommendations_deferred,
    recommendations_rebuild_all,
    recommendations_refresh_talent,
)
from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import make_user
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.postings import AKITA, ISHINOMAKI, SENDAI
from duallife.testing.recommendations import Published, fitting_talent
from duallife.testing.talents import make_talent
from duallife.vocabulary.models import Theme

HOMETOWN_REASON = "出身地: "


def pairs(model) -> set[tuple[int, int]]:
    return set(model.objects.values_list("talent_id", "sheet_id"))


# --- After commit -----------------------------------------------------------------------------------


def test_saving_a_profile_refreshes_both_sides_after_commit(
    world,
    make_sheet,
    django_capture_on_commit_callbacks,
):
    sheet = make_sheet(Published)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        talent = fitting_talent("me")
    assert callbacks, "a refresh is queued for after the commit"
    assert not SheetRecommendation.objects.exists()  # nothing before the commit

    for callback in callbacks:
        callback()
    stored = SheetRecommendation.objects.get(talent=talent)
    assert stored.sheet_id == sheet.pk
    assert any(code == "skill_match" for code, _params in stored.reasons)  # stored as codes
    assert TalentRecommendation.objects.filter(sheet=sheet, talent=talent).exists()


def test_approving_a_sheet_refreshes_both_sides_after_commit(
    world,
    make_sheet,
    django_capture_on_commit_callbacks,
):
    talent = fitting_talent("me")
    submitted = make_sheet(SpecSheet.Status.SUBMITTED)
    assert not SheetRecommendation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        spec_sheet_approve(sheet=submitted, by=world.coordinator)
    assert pairs(SheetRecommendation) == {(talent.pk, submitted.pk)}
    assert pairs(TalentRecommendation) == {(talent.pk, submitted.pk)}


def test_no_refresh_is_queued_while_deferred(world, make_sheet, django_capture_on_commit_callbacks):
    make_sheet(Published)
    with django_capture_on_commit_callbacks(execute=True), recommendations_deferred():
        fitting_talent("me")
    assert not SheetRecommendation.objects.exists()


def test_a_private_talent_keeps_their_own_list_but_leaves_every_sheets_list(world, make_sheet):
    sheet = make_sheet(Published)
    talent = fitting_talent("me", visibility=TalentProfile.Visibility.PRIVATE)
    report = recommendations_refresh_talent(talent_id=talent.pk)
    assert (report.own, report.elsewhere) == (1, 0)
    assert SheetRecommendation.objects.filter(talent=talent, sheet=sheet).exists()
    assert not TalentRecommendation.objects.exists()


def test_an_inactive_account_leaves_every_list(world, make_sheet):
    make_sheet(Published)
    talent = fitting_talent("me")
    recommendations_rebuild_all()
    User.objects.filter(pk=talent.user_id).update(is_active=False)
    recommendations_refresh_talent(talent_id=talent.pk)
    assert not SheetRecommendation.objects.exists()
    assert not TalentRecommendation.objects.exists()


# --- The nightly rebuild ------------------------------------------------------------------------------

STYLES = ("remote", "hybrid", "onsite")
SKILL_TEXTS = ("ウェブマーケティング", "データ分析", "SNS運用", "商品企画", "EC運営", "マーケティング")


def _random_sheet(rng: random.Random, make, index: int) -> SpecSheet:
    style = rng.choice(STYLES)
    low = rng.randint(1, 6)
    probono = rng.random() < 0.3
    fee_low = rng.choice((10_000, 30_000, 60_000))
    return make(
        Published,
        title=f"東北の仕事 その{index}：ウェブマーケティングとデータ分析",
        municipality=rng.choice((SENDAI, ISHINOMAKI, AKITA)),
        work_style=style,
        visits_per_month=0 if style == "remote" else rng.randint(1, 4),
        days_per_month_min=low,
        days_per_month_max=low + rng.randint(0, 4),
        is_probono=probono,
        contract_type="probono" if probono else "outsourcing",
        fee_min_yen=None if probono else fee_low,
        fee_max_yen=None if probono else fee_low + rng.choice((0, 20_000, 50_000)),
        fee_reason="地域の事業を応援してくださる方を探しています。" if probono else "",
        required_skills=rng.sample(SKILL_TEXTS, rng.randint(1, 2)),
        welcome_skills=rng.sample(SKILL_TEXTS, rng.randint(0, 2)),
        themes=rng.sample(["marketing", "product-development", "new-business", "dx-it"], rng.randint(1, 2)),
    )


def _random_talent(rng: random.Random, index: int) -> TalentProfile:
    style = rng.choice(STYLES)
    themes = list(Theme.objects.order_by("key"))
    prefectures = list(Prefecture.objects.filter(pack__isnull=False).order_by("code"))
    return make_talent(
        make_user(f"random{index:02d}"),
        skills=rng.sample(SKILL_TEXTS, rng.randint(0, 3)),
        themes=rng.sample(themes, rng.randint(0, 2)),
        days_per_month=rng.choice((None, 1, 2, 4, 8)),
        work_style=style,
        visits_per_month=rng.randint(1, 4) if style == "hybrid" else 0,
        desired_monthly_fee_yen=rng.choice((None, 0, 20_000, 50_000, 100_000)),
        accepts_pro_bono=rng.random() < 0.5,
        prefectures_of_interest=rng.sample(prefectures, rng.randint(0, 2)),
        visibility=rng.choice(TalentProfile.Visibility.values),
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_the_rebuild_fills_both_sides_and_never_stores_a_pair_breaking_a_hard_rule(
    world,
    make_sheet,
    seed,
):
    rng = random.Random(seed)
    for index in range(6):
        _random_sheet(rng, make_sheet, index)
    for index in range(14):
        _random_talent(rng, index)

    report = recommendations_rebuild_all()

    talents = {p.pk: p for p in talents_with_inputs()}
    sheets = {s.pk: engine_sheet(s) for s in open_sheets_with_inputs()}
    engine_talents = {pk: engine_talent(p) for pk, p in talents.items()}
    possible = {
        (t, s)
        for t, talent in engine_talents.items()
        for s, sheet in sheets.items()
        if not blockers(talent, sheet)
    }
    blocked = {(t, s) for t in engine_talents for s in sheets} - possible
    assert possible, "the generated world has allowed pairs"
    assert blocked, "the generated world has forbidden pairs"

    sheet_side, talent_side = pairs(SheetRecommendation), pairs(TalentRecommendation)
    assert report.sheet_entries == len(sheet_side) > 0
    assert report.talent_entries == len(talent_side) > 0
    assert sheet_side <= possible
    assert talent_side <= possible
    for talent_id, _sheet_id in talent_side:
        assert talents[talent_id].visibility != TalentProfile.Visibility.PRIVATE
    for talent_id in talents:
        assert SheetRecommendation.objects.filter(talent_id=talent_id).count() <= KEEP


def test_a_rebuild_replaces_old_rows(world, make_sheet):
    sheet = make_sheet(Published)
    talent = fitting_talent("me")
    recommendations_rebuild_all()
    first = SheetRecommendation.objects.get(talent=talent, sheet=sheet)
    recommendations_rebuild_all()
    second = SheetRecommendation.objects.get(talent=talent, sheet=sheet)
    assert second.pk != first.pk
    assert second.computed_at >= first.computed_at
    assert SheetRecommendation.objects.count() == 1


# --- Closing a sheet ----------------------------------------------------------------------------------


def test_closing_a_sheet_drops_its_rows_at_once(world, make_sheet):
    sheet = make_sheet(Published)
    other = make_sheet(Published, title="石巻の水産加工のウェブマーケティング", municipality=ISHINOMAKI)
    talent = fitting_talent("me")
    recommendations_rebuild_all()
    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.WITHDRAWN)
    assert pairs(SheetRecommendation) == {(talent.pk, other.pk)}
    assert pairs(TalentRecommendation) == {(talent.pk, other.pk)}


def test_the_close_notification_offers_the_next_best_sheets(world, make_sheet):
    applied = make_sheet(Published)
    better = make_sheet(Published, title="石巻の水産加工のウェブマーケティング", municipality=ISHINOMAKI)
    already = make_sheet(Published, title="仙台の菓子店のウェブマーケティング")
    talent = fitting_talent("me")
    application_submit(sheet=applied, by=talent.user, message=APPLY_MESSAGE, shared_fields=[])
    application_submit(sheet=already, by=talent.user, message=APPLY_MESSAGE, shared_fields=[])
    recommendations_rebuild_all()
    assert [pk for pk, _title, _reasons in next_best_sheets(talent, excluding=applied.pk)] == [better.pk]

    spec_sheet_close(sheet=applied, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)

    note = Notification.objects.filter(user=talent.user).order_by("-pk").first()
    assert note is not None
    assert applied.title in note.title
    assert "あなたに合いそうな、募集中の案件" in note.body
    assert better.title in note.body
    assert f"/sheets/{better.pk}/" in note.line_links
    assert "/sheets/" not in note.body
    assert already.title not in note.body  # applied to already


# --- What the selectors let each reader see -------------------------------------------------------------


def test_recommended_talents_shows_only_what_the_reader_may_see(world, make_sheet):
    sheet = make_sheet(Published)
    sendai = Municipality.objects.get(code=SENDAI)
    miyagi = Prefecture.objects.get(code="04")
    public = fitting_talent(
        "public",
        visibility=TalentProfile.Visibility.PUBLIC,
        hometown_prefecture=miyagi,
        hometown_municipality=sendai,
    )
    anonymous = fitting_talent(
        "anonymous",
        visibility=TalentProfile.Visibility.ANONYMOUS,
        hometown_prefecture=miyagi,
        hometown_municipality=sendai,
    )
    private = fitting_talent("private", visibility=TalentProfile.Visibility.PRIVATE)
    recommendations_rebuild_all()
    # a stale row for a profile that turned private since the last refresh is still not shown
    TalentRecommendation.objects.create(
        sheet=sheet,
        talent=private,
        score=0.99,
        reasons=[],
        computed_at=SheetRecommendation.objects.first().computed_at,
    )

    rows = {row.talent_id: row for row in recommended_talents(world.owner, sheet)}
    assert set(rows) == {public.pk, anonymous.pk}
    assert any(str(r).startswith(HOMETOWN_REASON) for r in rows[public.pk].shown_reasons)
    assert not any(str(r).startswith(HOMETOWN_REASON) for r in rows[anonymous.pk].shown_reasons)
    assert any(code == "hometown" for code, _params in rows[anonymous.pk].reasons)  # stored, not shown
    assert recommended_talents(world.talent, sheet) == []  # a talent may not browse talents
    assert recommended_talents(world.nobody, sheet) == []
    assert [
        r.talent_id
        for r in recommended_talents(world.owner, sheet, TalentMatchFilters(skill="sns-operation"))
    ] == []


def test_recommended_sheets_leave_out_expired_sheets(world, make_sheet):
    import datetime

    from django.utils import timezone

    sheet = make_sheet(Published)
    talent = fitting_talent("me")
    recommendations_rebuild_all()
    assert [r.sheet_id for r in recommended_sheets(talent)] == [sheet.pk]
    SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))
    assert recommended_sheets(talent) == []
    assert recommended_sheets(talent, SheetMatchFilters(pay="probono")) == []


@pytest.mark.django_db
def test_an_onsite_talent_is_offered_sheets_that_need_visits(world, make_sheet):
    """現地中心 talents give no visit count (the form asks hybrid talents only): no limit for them,
    while a remote-only talent never gets a sheet that needs a visit."""
    sheet = make_sheet(status=Published)
    assert engine_sheet(open_sheets_with_inputs().get(pk=sheet.pk)).visits_per_month >= 1
    onsite = fitting_talent("onsite", work_style="onsite", visits_per_month=0)
    remote = fitting_talent("remote", work_style="remote", visits_per_month=0)
    recommendations_rebuild_all()
    assert SheetRecommendation.objects.filter(talent=onsite, sheet=sheet).exists()
    assert not SheetRecommendation.objects.filter(talent=remote, sheet=sheet).exists()


def test_a_full_list_admits_a_new_talent_only_above_its_lowest_entry(world, make_sheet, monkeypatch):
    """Between rebuilds, a refreshed talent enters a sheet's full list only by beating its weakest
    entry (here lists hold two)."""
    monkeypatch.setattr("duallife.recommendations.services.recommendations.KEEP", 2)
    sheet = make_sheet(Published)
    strong = [fitting_talent(f"strong{i}") for i in range(2)]
    recommendations_rebuild_all()
    assert pairs(TalentRecommendation) == {(t.pk, sheet.pk) for t in strong}

    weak = fitting_talent("weak", skills=["データ分析"], themes=[], prefectures_of_interest=[])
    recommendations_refresh_talent(talent_id=weak.pk)
    assert not TalentRecommendation.objects.filter(talent=weak).exists()

    hometown = Prefecture.objects.get(code="04")
    best = fitting_talent("best", hometown_prefecture=hometown, motives=["give_back"])
    recommendations_refresh_talent(talent_id=best.pk)
    assert TalentRecommendation.objects.filter(talent=best, sheet=sheet).exists()
    stored = TalentRecommendation.objects.get(talent=best, sheet=sheet)
    assert stored.score > max(r.score for r in TalentRecommendation.objects.filter(talent__in=strong))


def test_the_rebuild_command_fills_both_lists_and_says_how_many(world, make_sheet):
    from io import StringIO

    from django.core.management import call_command

    sheet = make_sheet(Published)
    talent = fitting_talent("me")
    out = StringIO()
    call_command("rebuild_recommendations", stdout=out)
    assert pairs(SheetRecommendation) == {(talent.pk, sheet.pk)}
    assert pairs(TalentRecommendation) == {(talent.pk, sheet.pk)}
    assert "公開中の仕様書 1 件" in out.getvalue()


def test_reasons_about_where_a_non_public_talent_lives_are_not_shown():
    from duallife.recommendations.selectors.recommendations import shown_reasons

    reasons = [
        ["skill_match", {"skills": ["データ分析"], "n": 1}],
        ["route", {"place": "仙台市", "minutes": 114, "fare": 21120, "estimate": False}],
        ["hometown", {"place": "宮城県"}],
        ["interest", {"place": "宮城県"}],
    ]
    words = [
        "スキル一致: データ分析",
        "仙台市まで片道1時間54分・往復21,120円",
        "出身地: 宮城県",
        "関心のある県: 宮城県",
    ]
    assert [str(r) for r in shown_reasons(reasons, public=True)] == words
    assert [str(r) for r in shown_reasons(reasons, public=False)] == [
        "スキル一致: データ分析",
        "関心のある県: 宮城県",
    ]
    # rows stored before reasons were codes hold sentences: shown as written, the personal ones left out
    assert [str(r) for r in shown_reasons(words, public=False)] == [
        "スキル一致: データ分析",
        "関心のある県: 宮城県",
    ]
