"""Review of submitted sheets (approve, return), legal and illegal, at the service layer."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from duallife.postings.errors import SpecSheetError, SpecSheetPermissionError, SpecSheetTransitionError
from duallife.postings.models import SpecSheet, SpecSheetEvent
from duallife.postings.services.approval import spec_sheet_approve, spec_sheet_return
from duallife.testing.postings import AKITA, ISHINOMAKI

Status = SpecSheet.Status


# --- approve / return --------------------------------------------------------------------------


@pytest.mark.parametrize("reviewer", ["coordinator", "operator"])
def test_approve_publishes(world, make_sheet, reviewer):
    sheet = make_sheet(Status.SUBMITTED)

    spec_sheet_approve(sheet=sheet, by=getattr(world, reviewer), comment="よく書けています。")

    sheet.refresh_from_db()
    assert sheet.status == Status.PUBLISHED
    assert sheet.published_at is not None
    event = SpecSheetEvent.objects.filter(sheet=sheet).last()
    assert (event.from_status, event.to_status, event.by, event.comment) == (
        Status.SUBMITTED,
        Status.PUBLISHED,
        getattr(world, reviewer),
        "よく書けています。",
    )


@pytest.mark.parametrize("outsider", ["far_coordinator", "owner", "member", "stranger", "talent", "nobody"])
def test_approve_and_return_by_anyone_outside_the_area_are_refused(world, make_sheet, outsider):
    sheet = make_sheet(Status.SUBMITTED)

    with pytest.raises(SpecSheetPermissionError):
        spec_sheet_approve(sheet=sheet, by=getattr(world, outsider))
    with pytest.raises(SpecSheetPermissionError):
        spec_sheet_return(sheet=sheet, by=getattr(world, outsider), comment="だめです")
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.SUBMITTED


def test_a_coordinator_cannot_review_its_own_company_sheet(world, make_sheet):
    from duallife.organizations.models import Membership

    Membership.objects.create(user=world.coordinator, organization=world.company)
    sheet = make_sheet(Status.SUBMITTED)

    with pytest.raises(SpecSheetPermissionError, match="自社"):
        spec_sheet_approve(sheet=sheet, by=world.coordinator)


def test_a_municipality_scoped_coordinator_reviews_only_that_municipality(world, make_sheet):
    from duallife.organizations.models import CoordinatorScope, Membership, Organization
    from duallife.regions.models import Municipality, Prefecture

    town = Organization.objects.create(
        kind=Organization.Kind.COORDINATOR,
        name="石巻市",
        slug="ishinomaki",
        prefecture=Prefecture.objects.get(code="04"),
    )
    CoordinatorScope.objects.create(
        organization=town,
        prefecture=Prefecture.objects.get(code="04"),
        municipality=Municipality.objects.get(code=ISHINOMAKI),
    )
    Membership.objects.create(user=world.nobody, organization=town)
    in_sendai = make_sheet(Status.SUBMITTED)
    in_ishinomaki = make_sheet(Status.SUBMITTED, municipality=ISHINOMAKI)

    with pytest.raises(SpecSheetPermissionError):
        spec_sheet_approve(sheet=in_sendai, by=world.nobody)
    spec_sheet_approve(sheet=in_ishinomaki, by=world.nobody)
    assert in_ishinomaki.status == Status.PUBLISHED


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.PUBLISHED, Status.CLOSED])
def test_approve_and_return_need_a_submitted_sheet(world, make_sheet, status):
    sheet = make_sheet(status)

    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_approve(sheet=sheet, by=world.operator)
    with pytest.raises(SpecSheetTransitionError):
        spec_sheet_return(sheet=sheet, by=world.operator, comment="理由")


def test_approve_refuses_a_sheet_whose_closing_date_passed_while_waiting(world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(SpecSheetError, match="締切日が過ぎている"):
        spec_sheet_approve(sheet=sheet, by=world.operator)
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.SUBMITTED


def test_return_needs_a_comment_and_keeps_it(world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)

    with pytest.raises(SpecSheetError, match="コメント") as caught:
        spec_sheet_return(sheet=sheet, by=world.coordinator, comment="   ")
    assert caught.value.field == "comment"
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.SUBMITTED

    spec_sheet_return(sheet=sheet, by=world.coordinator, comment="報酬の根拠を書いてください。")

    assert sheet.status == Status.RETURNED
    last = SpecSheetEvent.objects.filter(sheet=sheet).last()
    assert (last.to_status, last.comment, last.by) == (
        Status.RETURNED,
        "報酬の根拠を書いてください。",
        world.coordinator,
    )


def test_a_sheet_in_another_prefecture_is_reviewed_by_that_area(world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED, organization=world.other_company, municipality=AKITA)

    with pytest.raises(SpecSheetPermissionError):
        spec_sheet_approve(sheet=sheet, by=world.coordinator)
    spec_sheet_approve(sheet=sheet, by=world.far_coordinator)
    assert sheet.status == Status.PUBLISHED
