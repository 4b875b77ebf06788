"""The JSON API of co-writing invitations: the company invites, lists and withdraws; the invited
person lists, accepts and declines."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from duallife.postings.models import SpecSheet, SpecSheetCollaborator
from duallife.postings.services.cowriting import PENDING_LIMIT_PER_SHEET
from duallife.testing.accounts import confirm_address
from duallife.testing.postings import invite, login
from duallife.testing.talents import make_talent_user

Invitation = SpecSheetCollaborator.Status


def post_json(client, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json")


def _invite(client, sheet, email):
    return post_json(client, f"/api/v1/my/sheets/{sheet.pk}/collaborators", {"email": email})


def test_inviting_answers_the_same_for_every_kind_of_address(client, world, make_sheet):
    confirm_address(world.talent)
    confirm_address(world.stranger)
    sheet = make_sheet()
    login(client, world.owner)
    addresses = ["talent@example.jp", "nobody-here@example.jp", world.stranger.email, world.member.email]

    answers = []
    for email in addresses:
        for response in (_invite(client, sheet, email), _invite(client, sheet, email.upper())):
            body = response.json()
            answers.append(
                (response.status_code, body["detail"].replace(email, "<email>"), body["email"] == email)
            )

    assert set(answers) == {(202, answers[0][1], True)}
    assert "<email> に招待を送りました" in answers[0][1]
    listed = client.get(f"/api/v1/my/sheets/{sheet.pk}/collaborators").json()
    assert [(row["email"], row["status"], row["display_name"]) for row in listed] == [
        (email, "pending", None) for email in addresses
    ]


def test_the_person_appears_in_the_list_only_after_accepting(client, world, make_sheet):
    confirm_address(world.talent)
    sheet = make_sheet()
    invitation = invite(sheet, "talent@example.jp", by=world.owner)

    before = login(client, world.owner).get(f"/api/v1/my/sheets/{sheet.pk}/collaborators").json()
    mine = login(client, world.talent).get("/api/v1/my/cowriting-invitations").json()
    accepted = post_json(client, f"/api/v1/my/cowriting-invitations/{invitation.pk}/accept")
    after = login(client, world.owner).get(f"/api/v1/my/sheets/{sheet.pk}/collaborators").json()

    assert before[0]["display_name"] is None
    assert "talentさん" not in json.dumps(before, ensure_ascii=False)
    assert [(row["id"], row["sheet_title"]) for row in mine] == [(invitation.pk, sheet.title)]
    assert accepted.status_code == 200
    assert (after[0]["status"], after[0]["display_name"]) == ("accepted", "talentさん")


def test_declined_and_expired_are_reported_without_the_person(client, world, make_sheet):
    confirm_address(world.talent)
    sheet = make_sheet()
    declined = invite(sheet, "talent@example.jp", by=world.owner)
    expired = invite(sheet, "late@example.jp", by=world.owner)
    SpecSheetCollaborator.objects.filter(pk=expired.pk).update(expires_at=timezone.now())

    answer = post_json(login(client, world.talent), f"/api/v1/my/cowriting-invitations/{declined.pk}/decline")
    listed = login(client, world.owner).get(f"/api/v1/my/sheets/{sheet.pk}/collaborators").json()

    assert answer.status_code == 200
    assert [(row["email"], row["status"], row["display_name"]) for row in listed] == [
        ("talent@example.jp", "declined", None),
        ("late@example.jp", "expired", None),
    ]


def test_the_company_withdraws_once(client, world, make_sheet):
    sheet = make_sheet()
    invitation = invite(sheet, "someone@example.jp", by=world.owner)
    path = f"/api/v1/my/sheets/{sheet.pk}/collaborators/{invitation.pk}/withdraw"
    login(client, world.owner)

    first, second = post_json(client, path), post_json(client, path)

    assert (first.status_code, first.json()["status"]) == (200, "withdrawn")
    assert second.status_code == 409
    assert "承諾待ち" in second.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [{}, {"email": ""}, {"email": "not-an-email"}, {"email": 42}, {"email": "x" * 300}, {"mail": "a@b.jp"}],
)
def test_bad_input_is_400_in_japanese_and_saves_nothing(client, world, make_sheet, payload):
    sheet = make_sheet()
    response = post_json(login(client, world.owner), f"/api/v1/my/sheets/{sheet.pk}/collaborators", payload)

    assert response.status_code == 400
    assert response.json()["detail"]
    assert not SpecSheetCollaborator.objects.exists()


def test_the_cap_answers_429(client, world, make_sheet):
    sheet = make_sheet()
    for i in range(PENDING_LIMIT_PER_SHEET):
        invite(sheet, f"probe{i}@example.jp", by=world.owner)

    response = _invite(login(client, world.owner), sheet, "talent@example.jp")

    assert response.status_code == 429
    assert "10件まで" in response.json()["detail"]


def test_outsiders_get_404_and_anonymous_401(world, make_sheet):
    sheet = make_sheet()
    invitation = invite(sheet, "talent@example.jp", by=world.owner)
    outsider = Client()
    anonymous = Client()
    another_talent = confirm_address(make_talent_user("another"))
    company_paths = [
        f"/api/v1/my/sheets/{sheet.pk}/collaborators",
        f"/api/v1/my/sheets/{sheet.pk}/collaborators/{invitation.pk}/withdraw",
    ]
    invitee_paths = [
        f"/api/v1/my/cowriting-invitations/{invitation.pk}/accept",
        f"/api/v1/my/cowriting-invitations/{invitation.pk}/decline",
    ]

    for someone in (world.stranger, world.talent, another_talent):
        login(outsider, confirm_address(someone))
        if someone is world.talent:
            continue  # the invited person: refused as company only
        for path in invitee_paths:
            assert post_json(outsider, path).status_code == 404
    for someone in (world.stranger, world.talent):
        login(outsider, someone)
        assert outsider.get(company_paths[0]).status_code == 404
        assert post_json(outsider, company_paths[0], {"email": "x@example.jp"}).status_code == 404
        assert post_json(outsider, company_paths[1]).status_code == 404
    for path in company_paths + invitee_paths:
        assert post_json(anonymous, path, {"email": "x@example.jp"}).status_code == 401
    assert anonymous.get("/api/v1/my/cowriting-invitations").status_code == 401
    invitation.refresh_from_db()
    assert invitation.status == Invitation.PENDING
    assert SpecSheetCollaborator.objects.count() == 1


def test_a_sheet_past_review_cannot_invite(client, world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED)

    response = _invite(login(client, world.owner), sheet, "talent@example.jp")

    assert response.status_code == 409
