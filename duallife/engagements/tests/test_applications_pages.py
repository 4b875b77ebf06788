"""Pages of applications: apply, the talent's list, the company's pipeline, the application page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from duallife.accounts.models import PersonalDataAccess
from duallife.engagements.models import Application, ConsentRecord
from duallife.engagements.services.applications import application_advance, application_submit
from duallife.postings.models import SpecSheet
from duallife.testing.accounts import give_mfa
from duallife.testing.engagements import APPLY_MESSAGE
from duallife.testing.talents import make_talent_user

S = Application.Status


def test_a_talent_applies_through_the_form(client, world, sheet):
    client.force_login(world.talent)
    page = client.get(f"/sheets/{sheet.pk}/apply/")
    assert page.status_code == 200
    assert "企業に知らせる項目" in page.content.decode()

    response = client.post(
        f"/sheets/{sheet.pk}/apply/", {"message": APPLY_MESSAGE, "shared_fields": ["email"]}
    )

    application = Application.objects.get(sheet=sheet)
    assert response.status_code == 302
    assert response["Location"] == f"/applications/{application.pk}/"
    assert application.shared_fields == ["email"]


def test_a_bad_form_shows_japanese_errors_and_saves_nothing(client, world, sheet):
    client.force_login(world.talent)

    response = client.post(f"/sheets/{sheet.pk}/apply/", {"message": "", "shared_fields": ["password"]})

    body = response.content.decode()
    assert response.status_code == 200
    assert "応募できませんでした" in body
    assert not Application.objects.exists()
    assert not ConsentRecord.objects.exists()


def test_a_second_submit_leads_to_the_existing_application(client, world, sheet, application):
    client.force_login(world.talent)

    response = client.post(f"/sheets/{sheet.pk}/apply/", {"message": APPLY_MESSAGE})

    assert response.status_code == 302
    assert response["Location"] == f"/applications/{application.pk}/"
    assert Application.objects.count() == 1


def test_apply_needs_a_login_a_profile_and_a_public_sheet(client, world, sheet, make_sheet):
    assert client.get(f"/sheets/{sheet.pk}/apply/").status_code == 302
    client.force_login(world.nobody)
    assert client.get(f"/sheets/{sheet.pk}/apply/")["Location"].startswith("/talents/")
    client.force_login(world.talent)
    assert client.get(f"/sheets/{make_sheet(SpecSheet.Status.DRAFT).pk}/apply/").status_code == 404
    assert client.get("/sheets/abc/apply/").status_code == 404
    assert client.get(f"/sheets/{10**30}/apply/").status_code == 404


def test_the_company_sees_consented_fields_only(client, world, application):
    client.force_login(world.member)

    body = client.get(f"/applications/{application.pk}/").content.decode()

    assert "talentさん" in body
    assert "山田 花子" in body  # name: consented
    assert "talent@example.jp" in body  # email: consented
    assert "090-" not in body  # phone: not consented


def test_without_consent_the_company_sees_no_name_or_contact(client, world, sheet):
    other = make_talent_user("kana")
    application = application_submit(sheet=sheet, by=other, message=APPLY_MESSAGE)
    client.force_login(world.owner)

    body = client.get(f"/applications/{application.pk}/").content.decode()

    assert "kanaさん" in body
    assert "山田" not in body
    assert "kana@example.jp" not in body
    assert "同意するまで表示されません" in body


def test_other_tenants_and_anonymous_visitors_cannot_open_it(client, world, application):
    assert client.get(f"/applications/{application.pk}/").status_code == 302
    give_mfa(world.far_coordinator)
    for outsider in (world.stranger, world.far_coordinator, world.nobody):
        client.force_login(outsider)
        assert client.get(f"/applications/{application.pk}/").status_code == 404
        assert (
            client.post(f"/applications/{application.pk}/decline/", {"decline-reason": ""}).status_code == 404
        )
    application.refresh_from_db()
    assert application.status == S.APPLIED


@pytest.mark.parametrize("bad", ["abc", "0", str(10**30)])
def test_nonsense_ids_are_404(client, world, bad):
    client.force_login(world.talent)
    assert client.get(f"/applications/{bad}/").status_code == 404


def test_a_coordinator_needs_mfa_and_the_read_is_logged(client, world, application):
    client.force_login(world.coordinator)
    assert client.get(f"/applications/{application.pk}/").status_code == 302  # to MFA set-up
    give_mfa(world.coordinator)

    response = client.get(f"/applications/{application.pk}/")

    assert response.status_code == 200
    assert PersonalDataAccess.objects.filter(by=world.coordinator, subject=world.talent).count() == 1


def test_the_company_moves_it_on_and_declines_through_the_page(client, world, application):
    client.force_login(world.owner)
    url = f"/applications/{application.pk}"

    client.post(f"{url}/advance/", {"advance-to": "interview", "advance-interview_mode": "online"})
    application.refresh_from_db()
    assert application.status == S.APPLIED  # no date: refused
    client.post(
        f"{url}/advance/",
        {
            "advance-to": "interview",
            "advance-interview_mode": "online",
            "advance-interview_at": "2099-01-10T14:00",
        },
    )
    application.refresh_from_db()
    assert application.status == S.INTERVIEW
    client.post(f"{url}/decline/", {"decline-reason": "今回は見送ります。"})
    application.refresh_from_db()
    assert application.status == S.DECLINED
    page = client.get(f"{url}/").content.decode()
    assert "今回は見送ります。" in page
    assert "見送り" in page


def test_the_talent_withdraws_and_shares_more(client, world, application):
    client.force_login(world.talent)
    url = f"/applications/{application.pk}"

    client.post(f"{url}/share/", {"share-fields_to_share": ["phone"]})
    client.post(f"{url}/withdraw/", {"withdraw-reason": ""})

    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    assert "phone" in application.shared_fields
    # the company cannot withdraw for the talent
    client.force_login(world.owner)
    client.post(f"{url}/share/", {"share-fields_to_share": ["hometown"]})
    application.refresh_from_db()
    assert "hometown" not in application.shared_fields


def test_the_talent_list_shows_open_and_ended_applications(client, world, application, make_sheet):
    client.force_login(world.talent)

    body = client.get("/applications/").content.decode()

    assert application.sheet.title in body
    assert "進行中" in body


def test_the_pipeline_board_and_list_with_bounded_queries(
    client, world, sheet, django_assert_max_num_queries
):
    client.force_login(world.owner)
    for index in range(3):
        application_submit(sheet=sheet, by=make_talent_user(f"t{index}"), message=APPLY_MESSAGE)
    with django_assert_max_num_queries(14):
        small = client.get("/applications/pipeline/")
    for index in range(3, 20):
        application_submit(sheet=sheet, by=make_talent_user(f"t{index}"), message=APPLY_MESSAGE)
    with django_assert_max_num_queries(14):
        large = client.get("/applications/pipeline/?view=list")

    assert small.status_code == large.status_code == 200
    assert "t19さん" in large.content.decode()


def test_the_pipeline_filters_and_bad_filters(client, world, sheet, application):
    client.force_login(world.owner)
    filtered = client.get("/applications/pipeline/", {"status": "offer", "view": "list"}).content.decode()
    bad = client.get("/applications/pipeline/", {"status": "nonsense", "sheet": "abc"})

    assert "talentさん" not in filtered
    assert bad.status_code == 200
    assert "条件に誤り" in bad.content.decode()


def test_another_company_sees_an_empty_pipeline(client, world, application):
    client.force_login(world.stranger)

    body = client.get("/applications/pipeline/").content.decode()

    assert "talentさん" not in body


def test_the_sheet_dashboard_counts_open_and_all_applicants(client, world, sheet, application):
    withdrawn = application_submit(sheet=sheet, by=make_talent_user("late"), message=APPLY_MESSAGE)
    from duallife.engagements.services.applications import application_withdraw

    application_withdraw(application=withdrawn, by=withdrawn.talent.user)
    client.force_login(world.owner)

    body = client.get("/sheets/mine/").content.decode()

    assert f'?sheet={sheet.pk}&amp;view=list">1／2' in body


def test_my_page_links_each_role_to_its_engagement_pages(client, world, staff_mfa):
    client.force_login(world.talent)
    talent_page = client.get("/accounts/me/").content.decode()
    client.force_login(world.owner)
    company_page = client.get("/accounts/me/").content.decode()
    client.force_login(world.coordinator)
    coordinator_page = client.get("/accounts/me/").content.decode()

    for path in ("/applications/", "/scouts/", "/interests/", "/my-data/provisions/"):
        assert f'href="{path}"' in talent_page
    for path in ("/applications/pipeline/", "/scouts/sent/"):
        assert f'href="{path}"' in company_page
    for path in ("/followups/", "/referrals/"):
        assert f'href="{path}"' in coordinator_page
    assert 'href="/applications/pipeline/"' not in talent_page


def test_the_apply_page_names_what_the_company_will_see(client, world, sheet):
    client.force_login(world.talent)

    body = client.get(f"/sheets/{sheet.pk}/apply/").content.decode()

    assert "あなたの表示名（talentさん）" in body


def test_lists_show_how_many_messages_are_unread(client, world, application):
    from duallife.engagements.services.messages import message_post

    message_post(application=application, by=world.owner, body="面談の日程を相談させてください。")
    message_post(application=application, by=world.owner, body="来週の火曜はいかがですか。")
    message_post(application=application, by=world.talent, body="火曜の夜でお願いします。")
    client.force_login(world.talent)
    talent_list = client.get("/applications/").content.decode()
    client.force_login(world.owner)
    board = client.get("/applications/pipeline/").content.decode()

    assert "未読メッセージ2件" in talent_list  # the talent's own message is not unread for them
    assert "未読メッセージ1件" in board


def step_choices(body: str) -> set[str]:
    return set(re.findall(r'name="advance-to" value="(\w+)"', body))


def test_the_next_step_offers_only_steps_ahead_and_the_offer_leads_to_the_terms(client, world, application):
    client.force_login(world.owner)
    url = f"/applications/{application.pk}/"
    assert step_choices(client.get(url).content.decode()) == {"in_conversation", "interview", "offer"}
    application_advance(
        application=application,
        by=world.owner,
        to="interview",
        interview_mode="online",
        interview_at=timezone.now() + datetime.timedelta(days=2),
    )
    body = client.get(url).content.decode()
    assert step_choices(body) == {"interview", "offer"}
    assert "面談（日時・方法を変える）" in body
    client.post(f"{url}advance/", {"advance-to": "offer"})

    body = client.get(url).content.decode()
    assert step_choices(body) == set()
    assert '<a class="button" href="#contract">契約条件を提示する</a>' in body
    # the terms come before the message thread on the page
    assert body.index('id="contract-heading"') < body.index('id="thread-heading"')
