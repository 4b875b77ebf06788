"""気になる, the rules: marking sheets and prefectures (Tohoku only, published sheets), taking a mark
back, sharing one's name; counts in one query, names only of those who opted in; who sees counts."""

from __future__ import annotations

import pytest

from duallife.engagements.errors import EngagementError, EngagementPermissionError
from duallife.engagements.models import Interest
from duallife.engagements.permissions import sees_prefecture_interest
from duallife.engagements.selectors.interests import (
    interest_counts_for_prefectures,
    interest_counts_for_sheets,
    interested_names,
)
from duallife.engagements.services.interests import interest_remove, interest_set_sharing, interest_toggle
from duallife.postings.models import SpecSheet
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import another_talent, pref, profile

# --- Services -------------------------------------------------------------------------------------


def test_a_talent_turns_interest_in_a_sheet_on_and_off(world, sheet):
    assert interest_toggle(by=world.talent, sheet=sheet) is True
    assert Interest.objects.filter(sheet=sheet).count() == 1
    assert interest_toggle(by=world.talent, sheet=sheet) is False
    assert not Interest.objects.exists()


def test_asking_for_a_state_twice_keeps_it_so_a_double_click_does_not_undo_it(world, sheet):
    assert interest_toggle(by=world.talent, sheet=sheet, on=True) is True
    assert interest_toggle(by=world.talent, sheet=sheet, on=True) is True
    assert Interest.objects.count() == 1
    assert interest_toggle(by=world.talent, sheet=sheet, on=False) is False
    assert interest_toggle(by=world.talent, sheet=sheet, on=False) is False
    assert not Interest.objects.exists()


@pytest.mark.parametrize("code", ["02", "04", "07", "15"])
def test_any_of_the_seven_tohoku_prefectures_can_be_marked(world, code):
    assert interest_toggle(by=world.talent, prefecture=pref(code)) is True


def test_prefectures_outside_tohoku_and_unpublished_sheets_cannot_be_marked(world, make_sheet):
    with pytest.raises(EngagementError, match="東北") as caught:
        interest_toggle(by=world.talent, prefecture=pref("13"))
    assert caught.value.field == "prefecture_code"
    for status in (SpecSheet.Status.DRAFT, SpecSheet.Status.CLOSED):
        with pytest.raises(EngagementError, match="募集中の案件"):
            interest_toggle(by=world.talent, sheet=make_sheet(status))
    with pytest.raises(EngagementError):
        interest_toggle(by=world.talent)
    assert not Interest.objects.exists()


def test_a_mark_on_a_sheet_that_closed_can_still_be_taken_back(world, sheet):
    from duallife.postings.services.sheets import spec_sheet_close

    interest_toggle(by=world.talent, sheet=sheet)
    spec_sheet_close(sheet=sheet, by=world.owner, reason=SpecSheet.ClosedReason.FILLED)
    sheet.refresh_from_db()
    assert interest_toggle(by=world.talent, sheet=sheet, on=False) is False
    assert not Interest.objects.exists()


def test_only_talents_mark_things(world, sheet):
    with pytest.raises(EngagementPermissionError):
        interest_toggle(by=world.owner, sheet=sheet)


def test_only_the_talent_chooses_to_share_their_name_or_removes_the_mark(world, sheet):
    interest_toggle(by=world.talent, sheet=sheet)
    interest = Interest.objects.get()
    with pytest.raises(EngagementPermissionError):
        interest_set_sharing(interest=interest, by=world.owner, share_identity=True)
    with pytest.raises(EngagementPermissionError):
        interest_remove(interest=interest, by=another_talent("other").user)
    with pytest.raises(EngagementError):
        interest_set_sharing(interest=interest, by=world.talent, share_identity="yes")
    interest.refresh_from_db()
    assert interest.share_identity is False


def test_a_prefecture_mark_never_carries_a_name(world):
    interest_toggle(by=world.talent, prefecture=pref("04"))
    with pytest.raises(EngagementError, match="人数だけ"):
        interest_set_sharing(interest=Interest.objects.get(), by=world.talent, share_identity=True)


def test_counts_for_many_sheets_take_one_query(world, make_sheet, django_assert_num_queries):
    sheets = [make_sheet(SpecSheet.Status.PUBLISHED) for _ in range(3)]
    talents = [another_talent(f"fan{i}") for i in range(3)]
    for i, talent in enumerate(talents):
        for sheet in sheets[: i + 1]:
            interest_toggle(by=talent.user, sheet=sheet)
    with django_assert_num_queries(1):
        counts = interest_counts_for_sheets([s.pk for s in sheets])
    assert counts == {sheets[0].pk: 3, sheets[1].pk: 2, sheets[2].pk: 1}
    miyagi, akita = pref("04"), pref("05")
    interest_toggle(by=world.talent, prefecture=miyagi)
    with django_assert_num_queries(1):
        assert interest_counts_for_prefectures([miyagi.pk, akita.pk]) == {miyagi.pk: 1}


def test_names_are_given_only_for_those_who_opted_in(world, sheet):
    shy = another_talent("shy")
    open_ = another_talent("open")
    interest_toggle(by=shy.user, sheet=sheet)
    interest_toggle(by=open_.user, sheet=sheet)
    interest_set_sharing(interest=Interest.objects.get(talent=open_), by=open_.user, share_identity=True)
    assert interested_names(sheet) == ["openさん"]


def test_staff_see_prefecture_counts_only_in_their_scope(world):
    give_mfa(world.coordinator)
    miyagi = pref("04")
    assert sees_prefecture_interest(world.coordinator, miyagi)
    assert not sees_prefecture_interest(world.far_coordinator, miyagi)
    assert not sees_prefecture_interest(world.owner, miyagi)
    assert profile(world.talent).pk
