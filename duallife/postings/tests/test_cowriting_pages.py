"""Co-writing pages: invitations, comments, and the versions page."""

from __future__ import annotations

from duallife.postings.models import SpecSheet, SpecSheetCollaborator, SpecSheetComment
from duallife.testing.postings import login

Status = SpecSheet.Status


# --- Co-writing --------------------------------------------------------------------------------


def test_invite_by_email_then_the_talent_comments(client, world, make_sheet):
    sheet = make_sheet()
    login(client, world.owner)

    unknown = client.post(f"/sheets/{sheet.pk}/invite/", {"email": "nobody@example.jp"})
    bad = client.post(f"/sheets/{sheet.pk}/invite/", {"email": "not-an-email"})
    invited = client.post(f"/sheets/{sheet.pk}/invite/", {"email": "TALENT@example.jp"})

    assert unknown.status_code == 400
    assert "招待できるのは人材として登録している方だけです" in unknown.content.decode()
    assert "メールアドレスの形式が正しくありません。" in bad.content.decode()
    assert invited.status_code == 302
    assert SpecSheetCollaborator.objects.get().user == world.talent

    login(client, world.talent)
    assert client.get(f"/sheets/{sheet.pk}/").status_code == 200
    assert client.get(f"/sheets/{sheet.pk}/cowrite/").status_code == 200
    assert client.get(f"/sheets/{sheet.pk}/edit/").status_code == 404
    assert client.post(f"/sheets/{sheet.pk}/invite/", {"email": "owner@example.jp"}).status_code == 404
    empty = client.post(f"/sheets/{sheet.pk}/comments/", {"body": "  "})
    assert empty.status_code == 400
    assert "コメントを入力してください。" in empty.content.decode()
    client.post(f"/sheets/{sheet.pk}/comments/", {"body": "報酬の幅が分かりやすいです。"})
    page = client.get(f"/sheets/{sheet.pk}/cowrite/").content.decode()
    assert "第1版へのコメント" in page
    assert "報酬の幅が分かりやすいです。" in page
    assert "talentさん" in page
    assert SpecSheetComment.objects.get().version == 1
    assert "コメントを頼まれている仕様書" in client.get("/sheets/mine/").content.decode()


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


def test_an_invited_private_profile_is_listed_by_the_address_the_company_typed(client, world, make_sheet):
    from duallife.talents.models import TalentProfile

    TalentProfile.objects.filter(user=world.talent).update(visibility=TalentProfile.Visibility.PRIVATE)
    sheet = make_sheet()
    login(client, world.owner)
    client.post(f"/sheets/{sheet.pk}/invite/", {"email": "talent@example.jp"})

    body = client.get(f"/sheets/{sheet.pk}/cowrite/").content.decode()

    assert "talent@example.jp" in body
    assert "talentさん" not in body  # a private profile's display name stays private
