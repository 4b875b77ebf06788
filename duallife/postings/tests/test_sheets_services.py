"""A company's steps of a spec sheet (create, edit, submit, close, expiry, reindex), legal and illegal, at
the service layer."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.postings.errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from duallife.postings.models import SheetSkill, SpecSheet, SpecSheetEvent, SpecSheetVersion
from duallife.postings.services.approval import spec_sheet_approve, spec_sheet_return
from duallife.postings.services.sheets import (
    spec_sheet_close,
    spec_sheet_create,
    spec_sheet_submit,
    spec_sheet_update,
    spec_sheets_close_expired,
    spec_sheets_reindex,
)
from duallife.postings.tasks import close_expired_spec_sheets
from duallife.testing.postings import ISHINOMAKI, good_data

Status = SpecSheet.Status


def events(sheet):
    return list(SpecSheetEvent.objects.filter(sheet=sheet).values_list("from_status", "to_status", "version"))


# --- create / update ---------------------------------------------------------------------------


def test_create_stores_content_skills_search_text_and_score(world):
    sheet = spec_sheet_create(organization=world.company, by=world.member, data=good_data())

    sheet.refresh_from_db()
    assert sheet.status == Status.DRAFT
    assert sheet.version == 1
    assert sheet.created_by == world.member
    assert sheet.municipality.code == "041009"
    assert sorted(sheet.themes.values_list("key", flat=True)) == ["marketing", "product-development"]
    required = sheet.skills.filter(kind=SheetSkill.Kind.REQUIRED)
    assert sorted(required.values_list("skill__key", flat=True)) == ["data-analysis", "web-marketing"]
    free = sheet.skills.get(kind=SheetSkill.Kind.WELCOME, skill__isnull=True)
    assert free.free_text == "食品業界の経験"
    assert free.normalized  # the engine's normal form
    assert sheet.lint_score == 100
    assert "ウェブ マーケティング" in sheet.search_text
    assert "仙台市" in sheet.search_text
    assert events(sheet) == []


def test_skill_spellings_of_one_skill_are_stored_once(world):
    sheet = spec_sheet_create(
        organization=world.company,
        by=world.owner,
        data=good_data(required_skills=["Webマーケティング", "ｗｅｂマーケ", "ウェブマーケティング"]),
    )

    assert list(sheet.skills.filter(kind="required").values_list("skill__key", flat=True)) == [
        "web-marketing"
    ]


def test_a_draft_needs_only_a_title_and_a_place(world):
    sheet = spec_sheet_create(
        organization=world.company, by=world.owner, data={"title": "下書き", "municipality": ISHINOMAKI}
    )

    assert sheet.status == Status.DRAFT
    assert sheet.lint_score < 50


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "タイトルを入力"),
        ({"title": "あ" * 81}, "title", "80文字以内"),
        ({"municipality": "131016"}, "municipality", "対象地域"),
        ({"municipality": "999999"}, "municipality", "対象地域"),
        ({"days_per_month_min": 5, "days_per_month_max": 2}, "days_per_month_max", "稼働日数の下限"),
        ({"days_per_month_min": 0}, "days_per_month_min", "1〜31"),
        ({"fee_min_yen": 60_000, "fee_max_yen": 30_000}, "fee_max_yen", "報酬の下限"),
        ({"fee_min_yen": -1}, "fee_min_yen", "0〜10,000,000"),
        ({"fee_min_yen": "30000"}, "fee_min_yen", "整数"),
        ({"work_style": "space"}, "work_style", "選択肢"),
        ({"contract_type": "employment"}, "contract_type", "選択肢"),
        ({"themes": ["no-such-theme"]}, "themes", "no-such-theme"),
        ({"required_skills": ["あ" * 61]}, "required_skills", "60文字以内"),
        ({"required_skills": [f"スキル{i}" for i in range(21)]}, "required_skills", "20個まで"),
        ({"closes_on": "2030-01-01"}, "closes_on", "日付"),
        ({"is_probono": "yes"}, "is_probono", "はい"),
        ({"openings": 0}, "openings", "1〜99"),
        ({"secret": 1}, "secret", "入力できない項目"),
    ],
)
def test_create_refuses_bad_input_in_japanese_and_saves_nothing(world, overrides, field, message):
    with pytest.raises(SpecSheetError) as caught:
        spec_sheet_create(organization=world.company, by=world.owner, data=good_data(**overrides))

    assert caught.value.field == field
    assert message in caught.value.message
    assert not SpecSheet.objects.exists()
    assert not SheetSkill.objects.exists()


def test_only_members_of_the_company_create_its_sheets(world):
    for outsider in (world.stranger, world.talent, world.coordinator, world.operator, world.nobody):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_create(organization=world.company, by=outsider, data=good_data())
    assert not SpecSheet.objects.exists()


def test_update_changes_only_the_given_keys_and_bumps_nothing(world, make_sheet):
    sheet = make_sheet()

    spec_sheet_update(
        sheet=sheet,
        by=world.member,
        data={"title": "港町の水産加工会社で、ECの売上を伸ばすWebマーケティング"},
    )

    sheet.refresh_from_db()
    assert sheet.title.startswith("港町の水産加工会社")
    assert sheet.version == 1
    assert sheet.skills.filter(kind="required").count() == 2
    assert "港町" in sheet.search_text
    assert "老舗" not in sheet.search_text


def test_update_replaces_skills_and_recomputes_the_score(world, make_sheet):
    sheet = make_sheet()

    spec_sheet_update(sheet=sheet, by=world.owner, data={"required_skills": [], "themes": []})

    sheet.refresh_from_db()
    assert not sheet.skills.filter(kind="required").exists()
    assert sheet.skills.filter(kind="welcome").count() == 2
    assert sheet.lint_score == 100 - 25 - 10  # required skills missing (error), themes missing (warning)


def test_update_with_bad_input_leaves_the_sheet_as_it_was(world, make_sheet):
    sheet = make_sheet()
    before = SpecSheet.objects.get(pk=sheet.pk)

    with pytest.raises(SpecSheetError):
        spec_sheet_update(
            sheet=sheet,
            by=world.owner,
            data={
                "title": "新しいタイトルです",
                "required_skills": ["x"],
                "fee_min_yen": 90_000,
                "fee_max_yen": 1,
            },
        )

    after = SpecSheet.objects.get(pk=sheet.pk)
    assert after.title == before.title
    assert after.skills.filter(kind="required").count() == 2


def test_update_checks_ranges_against_the_stored_values(world, make_sheet):
    sheet = make_sheet()  # 2–4 days

    with pytest.raises(SpecSheetError, match="稼働日数の下限"):
        spec_sheet_update(sheet=sheet, by=world.owner, data={"days_per_month_min": 6})


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED])
def test_update_is_refused_outside_draft_and_returned(world, make_sheet, status):
    sheet = make_sheet(status)

    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_update(sheet=sheet, by=world.owner, data={"title": "変更したいタイトルです"})


def test_update_of_a_returned_sheet_is_allowed(world, make_sheet):
    sheet = make_sheet(Status.RETURNED)

    spec_sheet_update(sheet=sheet, by=world.owner, data={"fee_reason": "交通費は別に全額負担します。"})

    assert SpecSheet.objects.get(pk=sheet.pk).fee_reason == "交通費は別に全額負担します。"


def test_other_companies_and_talents_cannot_update(world, make_sheet):
    sheet = make_sheet()

    for outsider in (world.stranger, world.talent, world.coordinator, world.operator):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_update(sheet=sheet, by=outsider, data={"title": "乗っ取りのタイトルです"})


# --- submit ------------------------------------------------------------------------------------


def test_submit_snapshots_version_one_and_records_the_event(world, make_sheet):
    sheet = make_sheet()

    spec_sheet_submit(sheet=sheet, by=world.member)

    assert sheet.status == Status.SUBMITTED
    assert sheet.submitted_at is not None
    assert sheet.version == 1
    version = SpecSheetVersion.objects.get(sheet=sheet)
    assert version.number == 1
    assert version.created_by == world.member
    assert version.snapshot["title"] == sheet.title
    assert version.snapshot["municipality"]["code"] == "041009"
    assert [s["key"] for s in version.snapshot["required_skills"]] == ["web-marketing", "data-analysis"]
    assert version.snapshot["closes_on"] == sheet.closes_on.isoformat()
    assert events(sheet) == [(Status.DRAFT, Status.SUBMITTED, 1)]


def test_submit_refuses_a_sheet_the_quality_check_finds_not_ready(world, make_sheet):
    sheet = make_sheet(why_you="", outcome="")

    with pytest.raises(SpecSheetError) as caught:
        spec_sheet_submit(sheet=sheet, by=world.owner)

    assert caught.value.code == "not_ready"
    assert "2件" in caught.value.message
    assert "成果物・ゴール" in caught.value.message
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.DRAFT
    assert not SpecSheetVersion.objects.exists()
    assert events(sheet) == []


def test_submit_refuses_a_closing_date_in_the_past(world, make_sheet):
    sheet = make_sheet(closes_on=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(SpecSheetError, match="締切日"):
        spec_sheet_submit(sheet=sheet, by=world.owner)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.PUBLISHED, Status.CLOSED])
def test_submit_is_refused_outside_draft_and_returned(world, make_sheet, status):
    sheet = make_sheet(status)

    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_submit(sheet=sheet, by=world.owner)


def test_submit_by_someone_else_is_refused(world, make_sheet):
    sheet = make_sheet()

    with pytest.raises(SpecSheetPermissionError):
        spec_sheet_submit(sheet=sheet, by=world.stranger)
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.DRAFT


def test_resubmitting_a_returned_sheet_bumps_the_version(world, make_sheet):
    sheet = make_sheet(Status.RETURNED)
    spec_sheet_update(sheet=sheet, by=world.owner, data={"fee_reason": "成果報酬を別に用意しています。"})

    spec_sheet_submit(sheet=sheet, by=world.owner)

    assert sheet.version == 2
    assert list(SpecSheetVersion.objects.filter(sheet=sheet).values_list("number", flat=True)) == [1, 2]
    assert (
        SpecSheetVersion.objects.get(sheet=sheet, number=2).snapshot["fee_reason"]
        == "成果報酬を別に用意しています。"
    )
    assert events(sheet) == [
        (Status.DRAFT, Status.SUBMITTED, 1),
        (Status.SUBMITTED, Status.RETURNED, 1),
        (Status.RETURNED, Status.SUBMITTED, 2),
    ]


# --- close -------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", [SpecSheet.ClosedReason.FILLED, SpecSheet.ClosedReason.WITHDRAWN])
def test_close_a_published_sheet(world, make_sheet, reason):
    sheet = make_sheet(Status.PUBLISHED)

    spec_sheet_close(sheet=sheet, by=world.member, reason=reason)

    sheet.refresh_from_db()
    assert (sheet.status, sheet.closed_reason) == (Status.CLOSED, reason)
    assert sheet.closed_at is not None
    assert events(sheet)[-1] == (Status.PUBLISHED, Status.CLOSED, 1)


def test_close_refuses_expired_as_a_company_reason(world, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)

    with pytest.raises(SpecSheetError, match="決定"):
        spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.EXPIRED)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.CLOSED])
def test_close_needs_a_published_sheet(world, make_sheet, status):
    sheet = make_sheet(status)

    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.WITHDRAWN)


def test_close_by_another_company_or_a_coordinator_is_refused(world, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)

    for outsider in (world.stranger, world.coordinator, world.talent):
        with pytest.raises(SpecSheetPermissionError):
            spec_sheet_close(sheet=sheet, by=outsider, reason=SpecSheet.ClosedReason.WITHDRAWN)


# --- expiry ------------------------------------------------------------------------------------


def test_close_expired_closes_only_published_sheets_past_their_date_and_is_idempotent(world, make_sheet):
    today = timezone.localdate()
    past = make_sheet(Status.PUBLISHED)
    due_today = make_sheet(Status.PUBLISHED)
    no_date = make_sheet(Status.PUBLISHED, closes_on=None)
    submitted = make_sheet(Status.SUBMITTED)
    SpecSheet.objects.filter(pk__in=[past.pk, submitted.pk]).update(
        closes_on=today - datetime.timedelta(days=1)
    )
    SpecSheet.objects.filter(pk=due_today.pk).update(closes_on=today)

    assert spec_sheets_close_expired(today=today) == 1
    assert spec_sheets_close_expired(today=today) == 0

    statuses = dict(SpecSheet.objects.values_list("pk", "status"))
    assert statuses == {
        past.pk: Status.CLOSED,
        due_today.pk: Status.PUBLISHED,
        no_date.pk: Status.PUBLISHED,
        submitted.pk: Status.SUBMITTED,
    }
    past.refresh_from_db()
    assert past.closed_reason == SpecSheet.ClosedReason.EXPIRED
    assert SpecSheetEvent.objects.filter(sheet=past, to_status=Status.CLOSED).count() == 1
    assert SpecSheetEvent.objects.get(sheet=past, to_status=Status.CLOSED).by is None


def test_the_daily_task_closes_expired_sheets(world, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)
    SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=3))

    result = close_expired_spec_sheets.delay()

    assert result.get() == 1
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.CLOSED
    assert close_expired_spec_sheets.delay().get() == 0


# --- the whole cycle, and what stays derived ----------------------------------------------------


def test_full_cycle_records_every_transition(world, make_sheet):
    sheet = make_sheet()
    spec_sheet_submit(sheet=sheet, by=world.owner)
    spec_sheet_return(sheet=sheet, by=world.coordinator, comment="締切を延ばしてください。")
    spec_sheet_update(
        sheet=sheet, by=world.owner, data={"closes_on": timezone.localdate() + datetime.timedelta(days=60)}
    )
    spec_sheet_submit(sheet=sheet, by=world.owner)
    spec_sheet_approve(sheet=sheet, by=world.coordinator)
    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)

    assert events(sheet) == [
        (Status.DRAFT, Status.SUBMITTED, 1),
        (Status.SUBMITTED, Status.RETURNED, 1),
        (Status.RETURNED, Status.SUBMITTED, 2),
        (Status.SUBMITTED, Status.PUBLISHED, 2),
        (Status.PUBLISHED, Status.CLOSED, 2),
    ]


def test_reindex_picks_up_a_renamed_organisation(world, make_sheet):
    sheet = make_sheet()
    world.company.name = "みやぎ発酵工房"
    world.company.save()

    assert spec_sheets_reindex() == 1

    sheet.refresh_from_db()
    assert "発酵" in sheet.search_text
