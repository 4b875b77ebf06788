"""The company's pages: login and cross-tenant 404s, the dashboard, the guided form and its bad input,
the live quality check, submit and close."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from duallife.postings.models import SpecSheet
from duallife.testing.postings import AKITA, ISHINOMAKI, copy_sheet, form_post, good_data, login

Status = SpecSheet.Status


# --- The company's pages need a login and stay inside the company ----------------------------


@pytest.mark.parametrize("path", ["/sheets/mine/", "/sheets/new/", "/sheets/review/"])
def test_company_and_review_pages_need_a_login(client, world, path):
    response = client.get(path)

    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_other_companies_get_404_on_every_company_page(client, world, make_sheet):
    sheet = make_sheet()
    login(client, world.stranger)

    for path in ("edit", "cowrite", "versions"):
        assert client.get(f"/sheets/{sheet.pk}/{path}/").status_code == 404, path
    for path in ("edit", "submit", "close", "invite", "comments"):
        assert client.post(f"/sheets/{sheet.pk}/{path}/", {"title": "x"}).status_code == 404, path
    assert SpecSheet.objects.get(pk=sheet.pk).title == good_data()["title"]


def test_talents_cannot_create_sheets(client, world):
    response = login(client, world.talent).get("/sheets/new/")

    assert response.status_code == 403


def test_dashboard_groups_the_companys_sheets_by_status(client, world, make_sheet):
    make_sheet(Status.DRAFT, title="下書きの仕様書：港町の観光パンフレット刷新")
    make_sheet(Status.PUBLISHED, title="公開中の仕様書：味噌の海外販路を開く")
    make_sheet(
        Status.PUBLISHED,
        organization=world.other_company,
        title="他社の仕様書：秋田の酒蔵",
        municipality=AKITA,
    )

    response = login(client, world.owner).get("/sheets/mine/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "下書きの仕様書" in body
    assert "公開中の仕様書" in body
    assert "他社の仕様書" not in body
    assert [g["status"] for g in response.context["groups"] if g["sheets"]] == [
        Status.DRAFT,
        Status.PUBLISHED,
    ]


@pytest.mark.parametrize("closed", [2, 45])
def test_dashboard_pages_the_closed_sheets_at_a_flat_query_count(
    client, world, make_sheet, django_assert_max_num_queries, closed
):
    make_sheet(Status.DRAFT, title="下書きの仕様書：港町の観光パンフレット刷新")
    copy_sheet(make_sheet(Status.CLOSED, title="終了した仕様書：味噌の販路"), closed - 1)
    login(client, world.owner)

    with django_assert_max_num_queries(14):
        first = client.get("/sheets/mine/")
    last = client.get("/sheets/mine/", {"closed_page": "3"})

    group = next(g for g in first.context["groups"] if g["status"] == Status.CLOSED)
    assert len(group["sheets"]) == min(closed, 20)
    assert group["count"] == closed
    assert "下書きの仕様書" in last.content.decode()  # the other groups stay whole on every page
    if closed > 20:
        assert 'href="?closed_page=2#group-closed"' in first.content.decode()
        assert len(next(g for g in last.context["groups"] if g["status"] == Status.CLOSED)["sheets"]) == 5


@pytest.mark.parametrize("garbage", ["0", "-3", "999", "abc", "9" * 30, "1.5"])
def test_dashboard_answers_garbage_page_numbers_with_a_page(client, world, make_sheet, garbage):
    copy_sheet(make_sheet(Status.CLOSED, title="終了した仕様書：味噌の販路"), 24)

    response = login(client, world.owner).get("/sheets/mine/", {"closed_page": garbage})

    assert response.status_code == 200
    assert "終了した仕様書：味噌の販路" in response.content.decode()


# --- The guided form ---------------------------------------------------------------------------


def test_the_new_sheet_form_has_help_and_an_example_for_every_field(client, world):
    response = login(client, world.owner).get("/sheets/new/")

    body = response.content.decode()
    form = response.context["form"]
    for name, field in form.fields.items():
        assert field.help_text, name
        assert field.example, name
        assert f'id="id_{name}"' in body
        assert f'id="id_{name}_helptext"' in body
    assert "月3万〜5万円" in body
    assert 'hx-post="/sheets/preview/"' in body
    assert "品質チェック" in body


def test_create_saves_a_draft_and_redirects_to_its_edit_page(client, world):
    response = login(client, world.member).post("/sheets/new/", {**form_post(), "action": "save"})

    sheet = SpecSheet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/sheets/{sheet.pk}/edit/"
    assert sheet.status == Status.DRAFT
    assert sheet.organization == world.company
    assert sorted(map(str, sheet.skills.values_list("skill__key", flat=True))) == [
        "None",
        "data-analysis",
        "sns-operation",
        "web-marketing",
    ]
    page = client.get(response["Location"]).content.decode()
    assert "下書きを保存しました" in page
    assert "審査に提出できます" in page
    assert (
        "「Ｗｅｂマーケ」をスキル一覧の「ウェブマーケティング」として登録" not in page
    )  # saved: canonical names
    assert "スキル一覧にないため自由記述として登録" in page


def test_save_and_submit_in_one_step(client, world):
    response = login(client, world.owner).post("/sheets/new/", {**form_post(), "action": "submit"})

    assert response["Location"] == "/sheets/mine/"
    assert SpecSheet.objects.get().status == Status.SUBMITTED


def test_save_and_submit_a_weak_sheet_keeps_the_draft_and_says_why(client, world):
    response = login(client, world.owner).post("/sheets/new/", {**form_post(why_you=""), "action": "submit"})

    sheet = SpecSheet.objects.get()
    assert sheet.status == Status.DRAFT
    page = client.get(response["Location"]).content.decode()
    assert "提出できませんでした" in page
    assert "「なぜあなたが必要か」が書かれていません" in page


def test_quality_check_button_without_javascript_saves_nothing(client, world):
    response = login(client, world.owner).post("/sheets/new/", {**form_post(outcome=""), "action": "check"})

    assert response.status_code == 200
    assert not SpecSheet.objects.exists()
    body = response.content.decode()
    assert "提出前に直す必要がある項目が1件あります" in body
    assert "成果物・ゴールが書かれていません" in body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "タイトルを入力してください。"),
        ({"title": "あ" * 81}, "タイトルは80文字以内で入力してください（今は81文字）。"),
        ({"municipality": "131016"}, "勤務地は一覧の市町村から選んでください。"),
        ({"days_per_month_min": "たくさん"}, "月の稼働日数（下限）は1〜31の整数で入力してください。"),
        ({"days_per_month_max": "40"}, "月の稼働日数（上限）は1〜31の整数で入力してください。"),
        (
            {"days_per_month_min": "5", "days_per_month_max": "2"},
            "稼働日数の下限（月5日）が上限（月2日）より多くなっています。",
        ),
        (
            {"fee_min_yen": "60000", "fee_max_yen": "30000"},
            "報酬の下限（60,000円）が上限（30,000円）より高くなっています。",
        ),
        ({"fee_min_yen": "3万"}, "月額報酬（下限・円）は0〜10,000,000の整数で入力してください。"),
        ({"closes_on": "来月"}, "締切日は「2025-04-30」の形の日付で入力してください。"),
        ({"themes": ["no-such-theme"]}, "テーマは一覧から選んでください。"),
        ({"work_style": "space"}, "働き方を選択肢から選んでください。"),
        ({"required_skills": "あ" * 61}, "1つ60文字以内"),
    ],
)
def test_bad_input_shows_a_japanese_message_and_saves_nothing(client, world, overrides, message):
    post = {**form_post(), **overrides, "action": "save"}

    response = login(client, world.owner).post("/sheets/new/", post)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode() or "error-summary" in response.content.decode()
    assert not SpecSheet.objects.exists()


def test_a_member_of_two_companies_chooses_one_and_cannot_pick_another(client, world):
    from duallife.organizations.models import Membership

    Membership.objects.create(user=world.owner, organization=world.other_company)
    login(client, world.owner)

    missing = client.post("/sheets/new/", {**form_post(), "action": "save"})
    foreign = client.post("/sheets/new/", {**form_post(), "organization": "nowhere", "action": "save"})
    chosen = client.post("/sheets/new/", {**form_post(), "organization": "akita-sake", "action": "save"})

    assert "掲載する企業を選んでください。" in missing.content.decode()
    assert "掲載する企業を一覧から選んでください。" in foreign.content.decode()
    assert chosen.status_code == 302
    assert SpecSheet.objects.get().organization == world.other_company


def test_edit_updates_a_draft(client, world, make_sheet):
    sheet = make_sheet()
    login(client, world.member)
    page = client.get(f"/sheets/{sheet.pk}/edit/")
    assert page.context["form"].initial["required_skills"] == "ウェブマーケティング、データ分析"

    response = client.post(
        f"/sheets/{sheet.pk}/edit/",
        {**form_post(title="港町の水産加工会社で、ECの売上を伸ばす"), "action": "save"},
    )

    assert response.status_code == 302
    assert SpecSheet.objects.get(pk=sheet.pk).title == "港町の水産加工会社で、ECの売上を伸ばす"


def test_the_workplace_prefecture_narrows_the_workplaces_and_is_not_saved(client, world, make_sheet):
    sheet = make_sheet()
    login(client, world.member)

    page = client.get(f"/sheets/{sheet.pk}/edit/").content.decode()
    response = client.post(
        f"/sheets/{sheet.pk}/edit/",
        {**form_post(municipality=ISHINOMAKI), "prefecture": "04", "action": "save"},
    )

    assert '<option value="04" selected>' in page  # the saved workplace's prefecture
    assert 'data-narrowed-by="prefecture"' in page
    assert f'<option value="{ISHINOMAKI}" data-parent="04">' in page
    assert "core/narrowed-select.js" in page
    assert response.status_code == 302
    assert SpecSheet.objects.get(pk=sheet.pk).municipality.code == ISHINOMAKI


def test_a_workplace_of_another_prefecture_is_refused_and_nothing_saved(client, world, make_sheet):
    sheet = make_sheet()

    response = login(client, world.member).post(
        f"/sheets/{sheet.pk}/edit/",
        {**form_post(title="新しいタイトル", municipality=ISHINOMAKI), "prefecture": "05", "action": "save"},
    )

    assert response.status_code == 200
    assert (
        "石巻市は秋田県の市区町村ではありません。都道府県か市区町村を選び直してください。"
        in response.content.decode()
    )
    assert SpecSheet.objects.get(pk=sheet.pk).title == sheet.title


def test_edit_with_bad_input_changes_nothing(client, world, make_sheet):
    sheet = make_sheet()

    response = login(client, world.owner).post(
        f"/sheets/{sheet.pk}/edit/",
        {**form_post(title="新しいタイトル"), "fee_min_yen": "90000", "action": "save"},
    )

    assert response.status_code == 200
    assert "報酬の下限（90,000円）が上限（50,000円）より高くなっています。" in response.content.decode()
    assert SpecSheet.objects.get(pk=sheet.pk).title == good_data()["title"]


def test_a_submitted_sheet_cannot_be_edited(client, world, make_sheet):
    sheet = make_sheet(Status.SUBMITTED)
    login(client, world.owner)

    response = client.get(f"/sheets/{sheet.pk}/edit/")
    posted = client.post(f"/sheets/{sheet.pk}/edit/", {**form_post(title="変更"), "action": "save"})

    assert response["Location"] == f"/sheets/{sheet.pk}/"
    assert posted.status_code == 302
    assert SpecSheet.objects.get(pk=sheet.pk).title == good_data()["title"]


def test_live_preview_lints_without_saving_and_shows_skill_matches(client, world):
    response = login(client, world.owner).post(
        "/sheets/preview/",
        {"title": "味噌", "required_skills": "Ｗｅｂマーケ、食品業界の経験", "days_per_month_min": "abc"},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "点／100点" in body
    assert "「Ｗｅｂマーケ」をスキル一覧の「ウェブマーケティング」として登録" in body
    assert "食品業界の経験" in body
    assert "自由記述として登録" in body
    assert "背景・課題が書かれていません" in body
    assert not SpecSheet.objects.exists()


def test_on_a_phone_the_quality_check_is_one_tap_from_the_field_being_edited(client, world):
    """The bar that stays in view jumps to the check and saves the draft; every finding links
    back to its field; each live check refreshes the bar's score too (out of band)."""
    page = login(client, world.owner).get("/sheets/new/").content.decode()
    bar = page.split('class="sheet-quickbar"', 1)[1].split("</div>", 1)[0]
    assert 'href="#lint-heading"' in bar
    assert 'form="sheet-form"' in bar
    assert 'name="action" value="save"' in bar
    assert 'id="lint-heading"' in page

    checked = client.post("/sheets/preview/", {"title": "味噌"}, HTTP_HX_REQUEST="true").content.decode()

    score = re.search(r'<span id="lint-jump-score" hx-swap-oob="true">(\d+)点・要修正(\d+)件</span>', checked)
    assert score is not None
    assert f'<span class="lint-score-value">{score.group(1)}</span>' in checked
    assert 'href="#id_issue"' in checked  # a finding links back to its field


def test_live_preview_is_for_company_members(client, world):
    assert client.post("/sheets/preview/", {"title": "x"}).status_code == 302
    assert login(client, world.talent).post("/sheets/preview/", {"title": "x"}).status_code == 403
    assert client.get("/sheets/preview/").status_code == 405


# --- Submit and close buttons ------------------------------------------------------------------


def test_submit_button(client, world, make_sheet):
    sheet = make_sheet()

    response = login(client, world.owner).post(f"/sheets/{sheet.pk}/submit/")

    assert response["Location"] == "/sheets/mine/"
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.SUBMITTED
    again = client.post(f"/sheets/{sheet.pk}/submit/", follow=True)
    assert "「審査待ち」の仕様書は提出できません" in again.content.decode()


def test_submit_needs_post_and_csrf(world, make_sheet):
    sheet = make_sheet()
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.owner)

    assert client.get(f"/sheets/{sheet.pk}/submit/").status_code == 405
    assert client.post(f"/sheets/{sheet.pk}/submit/").status_code == 403
    assert SpecSheet.objects.get(pk=sheet.pk).status == Status.DRAFT


def test_close_from_the_detail_page(client, world, make_sheet):
    sheet = make_sheet(Status.PUBLISHED)
    login(client, world.owner)
    assert 'id="close"' in client.get(f"/sheets/{sheet.pk}/").content.decode()

    missing = client.post(f"/sheets/{sheet.pk}/close/", {}, follow=True)
    assert "終了の理由を選んでください。" in missing.content.decode()
    client.post(f"/sheets/{sheet.pk}/close/", {"reason": "filled"})

    sheet.refresh_from_db()
    assert (sheet.status, sheet.closed_reason) == (Status.CLOSED, "filled")
