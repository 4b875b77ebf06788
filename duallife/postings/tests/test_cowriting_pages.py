"""Co-writing pages: invitations (the company's and the invited person's), comments, versions."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from duallife.postings.models import SpecSheet, SpecSheetCollaborator, SpecSheetComment
from duallife.postings.services.cowriting import PENDING_LIMIT_PER_SHEET
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import confirm_address, make_user
from duallife.testing.postings import invite, login, make_collaborator
from duallife.testing.talents import make_talent_user

Status = SpecSheet.Status
PENDING = "招待中（承諾待ち）"


def _invite(client, sheet, email):
    return client.post(f"/sheets/{sheet.pk}/invite/", {"email": email}, follow=True)


def _flash(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _normalised(html: str, email: str) -> str:
    """An entry of the list without what differs between two requests: the address, ids, tokens."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.replace(email, "<email>"))
    return re.sub(r"\d+", "#", html)


def _answer(client, invitation, answer):
    return client.post(f"/sheets/invitations/{invitation.pk}/answer/", {"answer": answer})


# --- the company: the same answer whatever the address ------------------------------------------


def test_inviting_answers_the_same_for_every_kind_of_address(client, world, make_sheet):
    confirm_address(world.talent)
    confirm_address(world.stranger)
    login(client, world.owner)
    addresses = {
        "registered talent": "talent@example.jp",
        "unknown address": "nobody-here@example.jp",
        "company user": world.stranger.email,
    }
    answers = {}
    for kind, email in addresses.items():
        sheet = make_sheet()
        response = _invite(client, sheet, email)
        again = _invite(client, sheet, email)  # already invited
        entries = re.findall(r'<li class="collaborator [^"]*">.*?</li>', response.content.decode(), re.S)
        answers[kind] = [
            (r.status_code, r.redirect_chain[0][1], [m.replace(email, "<email>") for m in _flash(r)])
            for r in (response, again)
        ] + [[_normalised(entry, email) for entry in entries]]

    first, *others = answers.values()
    for other in others:
        assert other == first
    assert first[0][0] == 200
    assert first[0][1] == 302
    assert "<email> に招待を送りました" in first[0][2][0]
    assert len(first[2]) == 1
    assert PENDING in first[2][0]


def test_nothing_of_the_person_is_shown_before_acceptance(client, world, make_sheet):
    confirm_address(world.talent)
    talent_page = f"/talents/{world.talent.talent.pk}/"
    sheet = make_sheet()
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    login(client, world.owner)

    before = client.get(f"/sheets/{sheet.pk}/cowrite/").content.decode()
    login(client, world.talent)
    accepted = _answer(client, invitation, "accept")
    login(client, world.owner)
    after = client.get(f"/sheets/{sheet.pk}/cowrite/").content.decode()

    assert "talent@example.jp" in before
    assert PENDING in before
    assert "talentさん" not in before
    assert talent_page not in before
    assert accepted.status_code == 302
    assert "talentさん" in after
    assert "collaborator-pending" not in after


def test_an_accepted_private_profile_is_listed_by_its_address(client, world, make_sheet):
    TalentProfile.objects.filter(user=world.talent).update(visibility=TalentProfile.Visibility.PRIVATE)
    sheet = make_sheet()
    make_collaborator(sheet, world.talent, by=world.owner)

    body = login(client, world.owner).get(f"/sheets/{sheet.pk}/cowrite/").content.decode()

    assert "talent@example.jp" in body
    assert "talentさん" not in body  # a private profile's display name stays private


def test_declined_expired_and_withdrawn_invitations_show_as_such_without_details(client, world, make_sheet):
    sheet = make_sheet()
    newcomer = confirm_address(make_user("newcomer"))
    _answer(login(client, newcomer), invite(sheet, "newcomer@example.jp", by=world.owner), "decline")
    expired = invite(sheet, "late@example.jp", by=world.owner)
    SpecSheetCollaborator.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    login(client, world.owner)
    withdrawn = invite(sheet, "oops@example.jp", by=world.owner)

    response = client.post(f"/sheets/{sheet.pk}/invitations/{withdrawn.pk}/withdraw/", follow=True)
    body = response.content.decode()

    assert "oops@example.jp への招待を取り下げました。" in _flash(response)
    assert re.search(
        r"newcomer@example\.jp</span>\s*<span class=\"collaborator-status\">辞退されました", body
    )
    assert re.search(r"late@example\.jp</span>\s*<span class=\"collaborator-status\">期限切れ", body)
    assert re.search(r"oops@example\.jp</span>\s*<span class=\"collaborator-status\">取り下げました", body)
    assert "newcomerさん" not in body
    assert "取り下げる</button>" not in body


def test_bad_input_and_the_cap_are_refused_with_a_clear_message(client, world, make_sheet):
    sheet = make_sheet()
    login(client, world.owner)

    bad = client.post(f"/sheets/{sheet.pk}/invite/", {"email": "not-an-email"})
    empty = client.post(f"/sheets/{sheet.pk}/invite/", {})
    for i in range(PENDING_LIMIT_PER_SHEET):
        invite(sheet, f"probe{i}@example.jp", by=world.owner)
    capped = client.post(f"/sheets/{sheet.pk}/invite/", {"email": "talent@example.jp"})

    assert bad.status_code == 400
    assert "メールアドレスの形式が正しくありません。" in bad.content.decode()
    assert empty.status_code == 400
    assert "メールアドレスを入力してください。" in empty.content.decode()
    assert capped.status_code == 429
    assert "10件まで" in capped.content.decode()
    assert SpecSheetCollaborator.objects.filter(sheet=sheet).count() == PENDING_LIMIT_PER_SHEET


def test_only_the_sheets_company_invites_and_withdraws(client, world, make_sheet):
    sheet = make_sheet()
    invitation = invite(sheet, "someone@example.jp", by=world.owner)

    for outsider in (world.stranger, world.talent, world.coordinator):
        login(client, outsider)
        assert client.post(f"/sheets/{sheet.pk}/invite/", {"email": "x@example.jp"}).status_code == 404
        assert client.post(f"/sheets/{sheet.pk}/invitations/{invitation.pk}/withdraw/").status_code == 404
    client.logout()
    assert client.post(f"/sheets/{sheet.pk}/invite/", {"email": "x@example.jp"}).status_code == 302  # log in
    invitation.refresh_from_db()
    assert invitation.status == SpecSheetCollaborator.Status.PENDING
    assert SpecSheetCollaborator.objects.count() == 1


def test_the_companys_list_costs_the_same_queries_for_many_invitations(
    client, world, make_sheet, django_assert_max_num_queries
):
    sheet = make_sheet()
    make_collaborator(sheet, world.talent, by=world.owner)
    for i in range(8):
        invite(sheet, f"many{i}@example.jp", by=world.owner)
    login(client, world.owner)

    with django_assert_max_num_queries(25):
        body = client.get(f"/sheets/{sheet.pk}/cowrite/").content.decode()
    assert body.count('class="collaborator collaborator-pending"') == 8


# --- the invited person ------------------------------------------------------------------------


def test_the_invited_talent_sees_the_invitation_accepts_and_comments(client, world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    login(client, world.talent)

    assert client.get(f"/sheets/{sheet.pk}/cowrite/").status_code == 404  # not before accepting
    listed = client.get("/sheets/invitations/").content.decode()
    dashboard = client.get("/sheets/mine/").content.decode()
    accepted = _answer(client, invitation, "accept")

    assert sheet.title in listed
    assert world.company.name in listed
    assert "人材プロフィールの登録が必要です" not in listed  # the talent has one
    assert "回答を待っている内容づくりへの招待が1件あります" in dashboard
    assert accepted.status_code == 302
    assert accepted["Location"] == f"/sheets/{sheet.pk}/cowrite/"
    assert client.get(f"/sheets/{sheet.pk}/").status_code == 200
    assert client.get(f"/sheets/{sheet.pk}/edit/").status_code == 404
    assert client.post(f"/sheets/{sheet.pk}/invite/", {"email": "owner@example.jp"}).status_code == 404
    empty = client.post(f"/sheets/{sheet.pk}/comments/", {"body": "  "})
    assert empty.status_code == 400
    assert "コメントを入力してください。" in empty.content.decode()
    client.post(f"/sheets/{sheet.pk}/comments/", {"body": "報酬の幅が分かりやすいです。"})
    page = client.get(f"/sheets/{sheet.pk}/cowrite/").content.decode()
    assert "第1版へのコメント" in page
    assert "報酬の幅が分かりやすいです。" in page
    assert SpecSheetComment.objects.get().version == 1
    assert "コメントを頼まれている仕様書" in client.get("/sheets/mine/").content.decode()
    assert sheet.title not in client.get("/sheets/invitations/").content.decode()


def test_someone_who_signs_up_with_the_invited_address_finds_the_invitation(client, world, make_sheet):
    sheet = make_sheet()
    invitation = invite(sheet, "Newcomer@Example.jp", by=world.owner)
    newcomer = make_user("newcomer@example.jp", verified=False)
    login(client, newcomer)

    assert sheet.title not in client.get("/sheets/invitations/").content.decode()  # not confirmed yet
    confirm_address(newcomer)
    listed = client.get("/sheets/invitations/").content.decode()
    refused = _answer(client, invitation, "accept")
    make_talent_user("second")  # a talent profile is what accepting needs
    TalentProfile.objects.filter(user__username="second").update(user=newcomer)
    accepted = _answer(client, invitation, "accept")

    assert sheet.title in listed
    assert "承諾するには、人材プロフィールの登録が必要です。" in listed  # no profile yet
    assert refused.status_code == 409
    assert "人材プロフィールを登録してください" in refused.content.decode()
    assert accepted.status_code == 302
    invitation.refresh_from_db()
    assert (invitation.status, invitation.user) == (SpecSheetCollaborator.Status.ACCEPTED, newcomer)


@pytest.mark.parametrize("who", ["another talent", "another company", "the inviting company"])
def test_nobody_else_may_answer_or_see_an_invitation(client, world, make_sheet, who):
    sheet = make_sheet()
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    someone = {
        "another talent": confirm_address(make_talent_user("another")),
        "another company": confirm_address(world.stranger),
        "the inviting company": confirm_address(world.owner),
    }[who]
    login(client, someone)

    assert _answer(client, invitation, "accept").status_code == 404
    assert _answer(client, invitation, "decline").status_code == 404
    assert sheet.title not in client.get("/sheets/invitations/").content.decode()
    invitation.refresh_from_db()
    assert invitation.status == SpecSheetCollaborator.Status.PENDING


def test_anonymous_visitors_are_sent_to_log_in(client, world, make_sheet):
    invitation = invite(make_sheet(), "talent@example.jp", by=world.owner)

    for response in (client.get("/sheets/invitations/"), _answer(client, invitation, "accept")):
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    invitation.refresh_from_db()
    assert invitation.status == SpecSheetCollaborator.Status.PENDING


@pytest.mark.parametrize("answer", ["", "maybe", None])
def test_an_answer_that_is_not_a_button_is_refused(client, world, make_sheet, answer):
    confirm_address(world.talent)
    invitation = invite(make_sheet(), "talent@example.jp", by=world.owner)
    login(client, world.talent)

    data = {} if answer is None else {"answer": answer}
    response = client.post(f"/sheets/invitations/{invitation.pk}/answer/", data)

    assert response.status_code == 400
    assert "ボタンで回答してください" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == SpecSheetCollaborator.Status.PENDING


def test_an_expired_invitation_is_no_longer_offered_or_accepted(client, world, make_sheet):
    sheet = make_sheet()
    confirm_address(world.talent)
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    SpecSheetCollaborator.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    login(client, world.talent)

    assert sheet.title not in client.get("/sheets/invitations/").content.decode()
    refused = _answer(client, invitation, "accept")
    assert refused.status_code == 409
    assert "有効期限が過ぎています" in refused.content.decode()


def test_the_invited_persons_list_costs_the_same_queries_for_many_invitations(
    client, world, make_sheet, django_assert_max_num_queries
):
    confirm_address(world.talent)
    for _ in range(6):
        invite(make_sheet(), "talent@example.jp", by=world.owner)
    login(client, world.talent)

    with django_assert_max_num_queries(12):
        body = client.get("/sheets/invitations/").content.decode()
    assert body.count('class="invitation-card"') == 6


# --- versions ----------------------------------------------------------------------------------


def test_versions_page_shows_snapshots_and_review_comments(client, world, make_sheet):
    sheet = make_sheet(Status.RETURNED)

    page = login(client, world.owner).get(f"/sheets/{sheet.pk}/versions/").content.decode()

    assert "第1版" in page
    assert "報酬の根拠を書いてください。" in page
    assert "老舗味噌蔵" in page
    login(client, world.far_coordinator)
    assert client.get(f"/sheets/{sheet.pk}/versions/").status_code == 404
    login(client, world.coordinator)
    assert client.get(f"/sheets/{sheet.pk}/versions/").status_code == 200
