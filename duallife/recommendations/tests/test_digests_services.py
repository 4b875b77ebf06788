"""The weekly digest (週次ダイジェスト): opt-in only, only what is new and matches, hard rules kept,
opted-in talents only and never their contact details, once a week however often it runs, and an
email whose unsubscribe link turns it off without logging in (through a real SMTP server)."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from duallife.notifications.models import EmailPreference, Kind, Notification
from duallife.notifications.services import notify
from duallife.postings.models import SpecSheet
from duallife.recommendations.models import DigestLog, DigestMention, DigestSubscription, SavedSearch
from duallife.recommendations.selectors.digests import week_of
from duallife.recommendations.services.digests import (
    WITHDRAWN_ENTRY,
    digest_mentions_scrub,
    digests_send_weekly,
)
from duallife.recommendations.services.recommendations import recommendations_rebuild_all
from duallife.recommendations.services.saved_searches import saved_search_create
from duallife.recommendations.tasks import send_weekly_digests
from duallife.regions.models import Municipality, Prefecture
from duallife.talents.models import TalentProfile
from duallife.testing.accounts import give_mfa, make_user
from duallife.testing.mail import SITE_URL
from duallife.testing.postings import AKITA
from duallife.testing.recommendations import fitting_talent_update
from duallife.testing.talents import make_talent
from duallife.vocabulary.models import Theme

pytestmark = pytest.mark.django_db
Published = SpecSheet.Status.PUBLISHED


def later(days: float = 0) -> datetime.datetime:
    """A moment after the fixtures' writes (sheets are published "now" by the services)."""
    return timezone.now() + datetime.timedelta(minutes=1, days=days)


def fitting(name: str, **overrides) -> TalentProfile:
    """A profile fitting ``good_data``'s sheet (Webマーケ and データ分析, marketing, hybrid, Miyagi)."""
    values = {
        "skills": ["Ｗｅｂマーケ", "データ分析"],
        "themes": [Theme.objects.get(key="marketing")],
        "days_per_month": 4,
        "work_style": "hybrid",
        "visits_per_month": 2,
        "prefectures_of_interest": [Prefecture.objects.get(code="04")],
        "in_company_digests": True,
        "family_name": "秘密川",
        "given_name": "実名",
        "phone": "090-9876-5432",
    }
    values.update(overrides)
    return make_talent(make_user(name), **values)


def digests_of(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=Kind.DIGEST))


def verify(user) -> None:
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


# --- sheets for a talent -------------------------------------------------------------------------


@pytest.fixture
def seeker(world):
    """A talent (fitting the sheets) with a sheets search for 宮城県 and its digest on."""
    profile = fitting("seeker", accepts_pro_bono=False)
    saved_search_create(
        user=profile.user, kind="sheets", name="宮城の仕事", query="prefecture=04", digest=True
    )
    return profile


def test_nothing_is_sent_without_opting_in(world, make_sheet):
    profile = fitting("quiet")
    saved_search_create(user=profile.user, kind="sheets", name="宮城", query="prefecture=04")  # digest off
    make_sheet(Published)

    report = digests_send_weekly(now=later())

    assert report.people == 0
    assert digests_of(profile.user) == []
    assert not DigestLog.objects.exists()


def test_new_matching_sheets_come_best_first_with_reasons_and_links(seeker, world, make_sheet, settings):
    settings.SITE_URL = SITE_URL
    fits = make_sheet(Published, title="味噌蔵のウェブマーケティングを一緒に")
    weaker = make_sheet(
        Published,
        title="石巻の水産加工品の商品企画",
        required_skills=["商品企画"],
        welcome_skills=[],
        themes=["product-development"],
        municipality="042021",
    )

    report = digests_send_weekly(now=later())

    assert (report.people, report.sent) == (1, 1)
    [notice] = digests_of(seeker.user)
    assert notice.title == "今週のおすすめ：新しい案件2件"
    assert notice.url == "/saved-searches/"
    text = notice.body
    assert "■ 「宮城の仕事」に合う新しい案件" in text
    assert text.index(fits.title) < text.index(weaker.title)  # the engine's score orders them
    assert "場所：宮城県仙台市／sendai-misoの名前" in text
    assert "おすすめの理由：スキル一致: " in text
    assert f"・{fits.title}" in text.splitlines()
    assert "/sheets/" not in text  # each entry's title line links to its page
    assert f"/sheets/{fits.pk}/" in notice.line_links
    assert notice.line_links[-1] == "/saved-searches/"


def test_only_new_open_matching_sheets_that_no_hard_rule_forbids(seeker, world, make_sheet):
    new = make_sheet(Published, title="新しい仙台の仕事")
    old = make_sheet(Published, title="先月からの仙台の仕事")
    SpecSheet.objects.filter(pk=old.pk).update(published_at=timezone.now() - datetime.timedelta(days=10))
    make_sheet(Published, organization=world.other_company, municipality=AKITA, title="秋田の仕事")
    make_sheet(Published, title="日数が多すぎる仕事", days_per_month_min=10, days_per_month_max=12)
    make_sheet(
        Published,
        title="無償の仕事",
        is_probono=True,
        fee_min_yen=None,
        fee_max_yen=None,
        fee_reason="地域の祭りの手伝いのため、交通費のみお支払いします。",
    )
    make_sheet(SpecSheet.Status.SUBMITTED, title="審査中の仕事")
    make_sheet(SpecSheet.Status.CLOSED, title="終わった仕事")

    digests_send_weekly(now=later())

    [notice] = digests_of(seeker.user)
    assert new.title in notice.body
    for title in (
        "先月からの仙台の仕事",
        "秋田の仕事",
        "日数が多すぎる仕事",
        "無償の仕事",
        "審査中の仕事",
        "終わった仕事",
    ):
        assert title not in notice.body, title
    assert notice.title == "今週のおすすめ：新しい案件1件"


def test_a_person_without_a_talent_profile_gets_new_matches_newest_first(world, make_sheet):
    saved_search_create(user=world.nobody, kind="sheets", name="全部", query="", digest=True)
    first = make_sheet(Published, title="先に公開")
    second = make_sheet(Published, title="後に公開")
    SpecSheet.objects.filter(pk=first.pk).update(published_at=timezone.now() - datetime.timedelta(hours=1))

    digests_send_weekly(now=later())

    [notice] = digests_of(world.nobody)
    assert notice.body.index(second.title) < notice.body.index(first.title)


def test_once_a_week_however_often_it_runs_and_nothing_when_nothing_is_new(seeker, world, make_sheet):
    make_sheet(Published, title="今週の仕事")
    monday = later()

    assert digests_send_weekly(now=monday).sent == 1
    again = digests_send_weekly(now=monday + datetime.timedelta(hours=3))
    assert (again.people, again.sent) == (0, 0)
    assert len(digests_of(seeker.user)) == 1
    assert DigestLog.objects.get(user=seeker.user).week == week_of(monday)
    search = SavedSearch.objects.get(user=seeker.user)
    assert search.last_digest_at == monday

    # next week: the sheet is no longer new, and nothing else was published
    quiet = digests_send_weekly(now=monday + datetime.timedelta(days=7))
    assert (quiet.people, quiet.sent, quiet.empty) == (1, 0, 1)
    assert len(digests_of(seeker.user)) == 1

    # the week after: only what was published since the last digest
    newer = make_sheet(Published, title="翌々週の仕事")
    SpecSheet.objects.filter(pk=newer.pk).update(published_at=monday + datetime.timedelta(days=10))
    assert digests_send_weekly(now=monday + datetime.timedelta(days=14)).sent == 1
    latest = digests_of(seeker.user)[0]
    assert "翌々週の仕事" in latest.body
    assert "今週の仕事" not in latest.body


def test_a_sheet_matching_two_searches_is_listed_once(seeker, world, make_sheet):
    saved_search_create(
        user=seeker.user, kind="sheets", name="仙台市", query="municipality=041009", digest=True
    )
    sheet = make_sheet(Published, title="仙台の一件")

    digests_send_weekly(now=later())

    [notice] = digests_of(seeker.user)
    assert notice.body.count(sheet.title) == 1


def test_turning_digest_emails_off_stops_the_digest(seeker, world, make_sheet):
    EmailPreference.objects.create(user=seeker.user, kind=Kind.DIGEST, email=False)
    make_sheet(Published)

    assert digests_send_weekly(now=later()).people == 0
    assert digests_of(seeker.user) == []


def test_one_persons_failure_does_not_stop_the_others(seeker, world, make_sheet, monkeypatch):
    saved_search_create(user=world.nobody, kind="sheets", name="全部", query="", digest=True)
    make_sheet(Published)
    from duallife.recommendations.services import digests

    real = digests.digest_build

    def broken_for_seeker(user, **kwargs):
        if user.pk == seeker.user_id:
            raise RuntimeError("boom")
        return real(user, **kwargs)

    monkeypatch.setattr(digests, "digest_build", broken_for_seeker)
    report = digests_send_weekly(now=later())

    assert (report.sent, report.failed) == (1, 1)
    assert len(digests_of(world.nobody)) == 1
    assert not DigestLog.objects.filter(user=seeker.user).exists()  # rolled back: a later run retries


# --- talents for companies -----------------------------------------------------------------------


@pytest.fixture
def subscribed(world, make_sheet):
    """``world.member`` subscribed to the digest of ``world.company``, which has one open sheet."""
    sheet = make_sheet(Published, title="味噌蔵のウェブマーケティング")
    DigestSubscription.objects.create(user=world.member, organization=world.company)
    return sheet


def test_company_members_get_new_fitting_talents_who_opted_in_without_contact_details(world, subscribed):
    sendai = Municipality.objects.get(code="041009")
    miyagi = Prefecture.objects.get(code="04")
    hometown = {
        "hometown_prefecture": miyagi,
        "hometown_municipality": sendai,
        "themes": [],
        "prefectures_of_interest": [],
    }
    public = fitting("public", visibility=TalentProfile.Visibility.PUBLIC, **hometown)
    anonymous = fitting("anonymous", **hometown)
    fitting("not_opted", in_company_digests=False)
    fitting("private", visibility=TalentProfile.Visibility.PRIVATE)
    recommendations_rebuild_all()

    digests_send_weekly(now=later())

    [notice] = digests_of(world.member)
    text = notice.body
    assert notice.title == "今週のおすすめ：新しい人材2人"
    assert f"■ {world.company.name}の募集中の仕様書に合う新しい人材" in text
    assert "publicさん" in text
    assert "anonymousさん" in text
    assert "not_optedさん" not in text
    assert "privateさん" not in text
    assert "スキル：ウェブマーケティング、データ分析" in text
    assert "合う仕様書：味噌蔵のウェブマーケティング" in text
    assert f"/talents/{public.pk}/" in notice.line_links
    assert f"/talents/{anonymous.pk}/" in notice.line_links
    for secret in ("秘密川", "実名", "090-9876-5432", "public@example.jp", "anonymous@example.jp"):
        assert secret not in text
    # the hometown reason only for the public profile
    public_part, anonymous_part = (
        text.split("\n・publicさん")[1].split("\n・")[0],
        text.split("\n・anonymousさん")[1].split("\n・")[0],
    )
    assert "出身地" in public_part
    assert "出身地" not in anonymous_part
    assert digests_of(world.owner) == []  # not subscribed: nothing


def test_a_talent_is_named_to_a_company_member_once(world, subscribed):
    talent = fitting("fits")
    recommendations_rebuild_all()
    monday = later()
    digests_send_weekly(now=monday)
    assert len(digests_of(world.member)) == 1

    # the talent edits their profile the next week: still not news to the same member
    TalentProfile.objects.filter(pk=talent.pk).update(updated_at=monday + datetime.timedelta(days=3))
    digests_send_weekly(now=monday + datetime.timedelta(days=7))
    assert len(digests_of(world.member)) == 1


def test_talents_who_are_not_new_are_not_sent(world, subscribed):
    talent = fitting("veteran")
    recommendations_rebuild_all()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    TalentProfile.objects.filter(pk=talent.pk).update(created_at=long_ago, updated_at=long_ago)
    SpecSheet.objects.filter(pk=subscribed.pk).update(published_at=long_ago)

    report = digests_send_weekly(now=later())

    assert (report.people, report.sent) == (1, 0)
    assert digests_of(world.member) == []


def test_a_member_who_left_the_company_gets_nothing(world, subscribed):
    fitting("fits")
    recommendations_rebuild_all()
    world.member.memberships.all().delete()

    digests_send_weekly(now=later())

    assert digests_of(world.member) == []


def test_a_saved_talent_search_with_digest_brings_new_opted_in_matches(world):
    give_mfa(world.coordinator)
    saved_search_create(
        user=world.coordinator, kind="talents", name="宮城に関心", query="interest=04", digest=True
    )
    fitting("match")
    fitting("shy", in_company_digests=False)
    fitting("elsewhere", prefectures_of_interest=[Prefecture.objects.get(code="05")])

    digests_send_weekly(now=later())

    [notice] = digests_of(world.coordinator)
    assert "■ 「宮城に関心」に合う新しい人材" in notice.body
    assert "matchさん" in notice.body
    assert "shyさん" not in notice.body
    assert "elsewhereさん" not in notice.body


def test_staff_without_mfa_get_no_talents(world):
    saved_search_create(user=world.coordinator, kind="talents", name="全員", query="", digest=True)
    fitting("match")

    digests_send_weekly(now=later())

    assert digests_of(world.coordinator) == []


# --- delivery, the command and the task --------------------------------------------------------


def test_the_email_arrives_and_its_unsubscribe_link_turns_the_digest_off_without_login(
    seeker,
    world,
    make_sheet,
    smtp_sink,
    site_url,
    django_capture_on_commit_callbacks,
):
    verify(seeker.user)
    sheet = make_sheet(Published, title="メールで届く仙台の仕事")
    monday = later()
    with django_capture_on_commit_callbacks(execute=True):
        send_weekly_digests.delay()  # the beat's task (eager in tests), as on Monday morning

    [message] = smtp_sink.messages
    assert str(message["Subject"]).strip() == "[デュアルライフ東北] 今週のおすすめ：新しい案件1件"
    text = message.get_content()
    assert sheet.title in text
    lines = text.splitlines()
    assert lines[lines.index(f"・{sheet.title}") + 1].strip() == f"{SITE_URL}/sheets/{sheet.pk}/"
    assert "「おすすめのお知らせ（週1回）」のお知らせをメールで受け取る設定" in text
    [link] = re.findall(rf"{re.escape(SITE_URL)}/notifications/unsubscribe/\S+/", text)
    assert str(message["List-Unsubscribe"]).strip() == f"<{link}>"

    browser = Client(enforce_csrf_checks=True)  # not logged in, no CSRF token: RFC 8058 one-click
    done = browser.post(link.removeprefix(SITE_URL), {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    assert EmailPreference.objects.get(user=seeker.user, kind=Kind.DIGEST).email is False

    make_sheet(Published, title="翌週の仙台の仕事")
    with django_capture_on_commit_callbacks(execute=True):
        report = digests_send_weekly(now=monday + datetime.timedelta(days=7))
    assert report.people == 0
    assert len(smtp_sink.messages) == 1
    assert len(digests_of(seeker.user)) == 1


def test_the_command_sends_the_same_digests_once_a_week(seeker, world, make_sheet, capsys):
    make_sheet(Published)

    call_command("send_digests")
    call_command("send_digests")

    out = capsys.readouterr().out
    assert "週次ダイジェスト: 1 人に送信" in out
    assert "週次ダイジェスト: 0 人に送信" in out
    assert len(digests_of(seeker.user)) == 1


def test_a_talent_who_withdraws_leaves_the_digests_kept_in_notifications(world, subscribed):
    leaving, staying = fitting("leaving"), fitting("staying")
    recommendations_rebuild_all()
    digests_send_weekly(now=later())
    [notice] = digests_of(world.member)
    assert "leavingさん" in notice.body

    fitting_talent_update(leaving, visibility=TalentProfile.Visibility.PRIVATE)

    notice.refresh_from_db()
    assert "leavingさん" not in notice.body
    assert f"/talents/{leaving.pk}/" not in notice.line_links
    assert str(WITHDRAWN_ENTRY) in notice.body
    assert "stayingさん" in notice.body
    assert f"/talents/{staying.pk}/" in notice.line_links
    assert not DigestMention.objects.filter(talent=leaving).exists()


def test_a_digest_kept_from_before_its_entries_linked_is_cleaned_too(world, site_url):
    leaving = fitting("leaving")
    address = f"{SITE_URL}/talents/{leaving.pk}/"
    notice = notify(
        user=world.member,
        kind=Kind.DIGEST,
        title="今週のおすすめ：新しい人材2人",
        body=[
            "・leavingさん",
            "  スキル：データ分析",
            f"  {address}",
            "",
            "・stayingさん",
            f"  {SITE_URL}/talents/0/",
        ],
    )
    DigestMention.objects.create(recipient=world.member, talent=leaving)

    digest_mentions_scrub(talent_id=leaving.pk)

    notice.refresh_from_db()
    assert notice.body.splitlines() == [str(WITHDRAWN_ENTRY), "", "・stayingさん", f"  {SITE_URL}/talents/0/"]


def test_a_deleted_talent_leaves_the_digests_kept_in_notifications(world, subscribed):
    from duallife.accounts.services import account_delete

    leaving = fitting("leaving")
    recommendations_rebuild_all()
    digests_send_weekly(now=later())
    [notice] = digests_of(world.member)
    assert "leavingさん" in notice.body

    leaving.user.set_password("correct horse battery staple")
    leaving.user.save()
    account_delete(user=leaving.user, password="correct horse battery staple")

    notice.refresh_from_db()
    assert "leavingさん" not in notice.body
    assert str(WITHDRAWN_ENTRY) in notice.body
