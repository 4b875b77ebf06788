"""Saved searches (保存した検索条件): saving from the listings, the /saved-searches/ page (run, rename,
weekly digest on/off, delete), the rules (form-checked conditions, 20 a person, unique names,
talent searches only for those who may browse talents), other people's searches (404), anonymous
visitors (login) and the page's query count."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client

from duallife.postings.models import SpecSheet
from duallife.recommendations.links import run_url
from duallife.recommendations.models import SAVED_SEARCHES_MAX, DigestSubscription, SavedSearch
from duallife.recommendations.services.saved_searches import saved_search_create
from duallife.testing.postings import AKITA

pytestmark = pytest.mark.django_db

LIST = "/saved-searches/"
NEW = "/saved-searches/new/"


def body(response) -> str:
    return response.content.decode()


def save(
    client, *, name="宮城のハイブリッド", kind="sheets", query="prefecture=04&work_style=hybrid", **extra
):
    return client.post(NEW, {"name": name, "kind": kind, "query": query, **extra})


@pytest.fixture
def talent_client(client, world):
    client.force_login(world.talent)
    return client


# --- saving --------------------------------------------------------------------------------------


def test_a_talent_saves_a_sheet_search_and_sees_it_listed_with_its_conditions(talent_client, world):
    response = save(talent_client, query="q=マーケ&prefecture=04&days=4&page=3&unknown=x")

    assert response.status_code == 302
    assert response.url == LIST
    search = SavedSearch.objects.get(user=world.talent)
    assert search.kind == "sheets"
    assert search.name == "宮城のハイブリッド"
    # only the listing's own parameters, as given (no page number, no unknown names)
    assert search.query == {"q": "マーケ", "prefecture": "04", "days": "4"}
    assert search.digest is False  # opt-in: off unless turned on

    page = body(talent_client.get(LIST))
    assert "検索条件「宮城のハイブリッド」を保存しました。" in page
    assert "宮城のハイブリッド" in page
    assert "宮城県" in page  # the prefecture's name, not its code
    assert "マーケ" in page
    assert f'href="/sheets/?{urlencode(search.query).replace("&", "&amp;")}"' in page
    assert "週次ダイジェストを受け取る" in page


def test_the_run_link_shows_the_listing_with_the_saved_conditions(client, world, make_sheet):
    make_sheet(SpecSheet.Status.PUBLISHED, title="仙台の味噌蔵のウェブマーケティング")
    make_sheet(
        SpecSheet.Status.PUBLISHED,
        organization=world.other_company,
        title="秋田の酒蔵のウェブマーケティング",
        municipality=AKITA,
    )
    search = saved_search_create(user=world.talent, kind="sheets", name="宮城", query="prefecture=04")
    client.force_login(world.talent)

    page = body(client.get(run_url(search)))

    assert "仙台の味噌蔵のウェブマーケティング" in page
    assert "秋田の酒蔵のウェブマーケティング" not in page


def test_the_sheet_listing_offers_to_save_the_current_conditions_to_logged_in_people_only(client, world):
    anonymous = body(client.get("/sheets/?prefecture=04"))
    assert "この条件を保存" not in anonymous

    client.force_login(world.talent)
    page = body(client.get("/sheets/?prefecture=04&page=2"))
    assert 'action="/saved-searches/new/"' in page
    assert 'name="query" value="prefecture=04"' in page  # the page number is not part of it
    partial = body(client.get("/sheets/?prefecture=05", headers={"HX-Request": "true"}))
    assert 'name="query" value="prefecture=05"' in partial  # htmx swaps keep it current


def test_the_talent_search_offers_to_save_and_a_company_member_saves_a_talent_search(client, world):
    client.force_login(world.owner)
    page = body(client.get("/talents/?style=remote"))
    assert 'name="kind" value="talents"' in page

    response = save(client, name="リモートの人", kind="talents", query="style=remote&interest=04")

    assert response.status_code == 302
    search = SavedSearch.objects.get(user=world.owner)
    assert search.kind == "talents"
    assert search.query == {"style": "remote", "interest": "04"}
    path, _, params = run_url(search).partition("?")
    assert path == "/talents/"
    assert sorted(params.split("&")) == ["interest=04", "style=remote"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": ""}, "名前を入力してください。"),
        ({"name": "   "}, "名前を入力してください。"),
        ({"name": "あ" * 61}, "名前は60文字以内で入力してください。"),
        ({"query": "days=99"}, "稼働日数は1〜31の整数で入力してください。"),
        ({"query": "prefecture=99"}, "「県」"),
        ({"query": "closes_after=2025-13-40"}, "日付は「2025-04-30」の形で入力してください。"),
        ({"kind": "people"}, "正しく"),
        ({"query": "q=" + "あ" * 3000}, "保存できませんでした"),
    ],
)
def test_bad_input_is_refused_in_japanese_and_nothing_is_saved(talent_client, world, data, message):
    response = save(talent_client, **data)

    assert response.status_code == 400
    assert message in body(response)
    assert "保存できませんでした。次の点を確認してください。" in body(response)
    assert not SavedSearch.objects.exists()


def test_a_talent_may_not_save_a_talent_search(talent_client, world):
    response = save(talent_client, kind="talents", query="style=remote")

    assert response.status_code == 400
    assert "人材の検索条件は、企業のメンバーと自治体・支援機関・事務局の方が保存できます。" in body(response)
    assert not SavedSearch.objects.exists()


def test_names_are_unique_per_person_and_twenty_is_the_limit(talent_client, world):
    assert save(talent_client, name="同じ名前").status_code == 302
    duplicate = save(talent_client, name=" 同じ名前 ")
    assert duplicate.status_code == 400
    assert "同じ名前の検索条件がすでにあります。" in body(duplicate)
    # another person may use the same name
    saved_search_create(user=world.owner, kind="sheets", name="同じ名前", query="")

    for i in range(SAVED_SEARCHES_MAX - 1):
        saved_search_create(user=world.talent, kind="sheets", name=f"条件{i}", query=f"days={i % 30 + 1}")
    over = save(talent_client, name="21件目")
    assert over.status_code == 400
    assert "保存できる検索条件は20件までです。" in body(over)
    assert SavedSearch.objects.filter(user=world.talent).count() == SAVED_SEARCHES_MAX


# --- managing ------------------------------------------------------------------------------------


@pytest.fixture
def mine(world):
    return saved_search_create(user=world.talent, kind="sheets", name="宮城", query="prefecture=04")


def test_the_owner_turns_the_digest_on_and_off_renames_and_deletes(talent_client, mine):
    on = talent_client.post(f"{LIST}{mine.pk}/digest/", {"on": "1"}, follow=True)
    assert "「宮城」の新着を、週1回メールでお知らせします。" in body(on)
    mine.refresh_from_db()
    assert mine.digest is True
    assert "週次ダイジェストを止める" in body(on)

    talent_client.post(f"{LIST}{mine.pk}/digest/", {"on": "0"})
    mine.refresh_from_db()
    assert mine.digest is False

    renamed = talent_client.post(f"{LIST}{mine.pk}/rename/", {"name": "宮城のしごと"}, follow=True)
    assert "「宮城」の名前を「宮城のしごと」に変えました。" in body(renamed)
    mine.refresh_from_db()
    assert mine.name == "宮城のしごと"

    empty = talent_client.post(f"{LIST}{mine.pk}/rename/", {"name": ""}, follow=True)
    assert "名前を入力してください。" in body(empty)
    mine.refresh_from_db()
    assert mine.name == "宮城のしごと"

    deleted = talent_client.post(f"{LIST}{mine.pk}/delete/", follow=True)
    assert "検索条件「宮城のしごと」を削除しました。" in body(deleted)
    assert not SavedSearch.objects.exists()


def test_renaming_to_a_name_already_used_is_refused(talent_client, world, mine):
    saved_search_create(user=world.talent, kind="sheets", name="秋田", query="prefecture=05")
    response = talent_client.post(f"{LIST}{mine.pk}/rename/", {"name": "秋田"}, follow=True)
    assert "同じ名前の検索条件がすでにあります。" in body(response)
    mine.refresh_from_db()
    assert mine.name == "宮城"


@pytest.mark.parametrize("action", ["digest", "rename", "delete"])
def test_another_persons_search_is_a_404(client, world, mine, action):
    client.force_login(world.owner)
    response = client.post(f"{LIST}{mine.pk}/{action}/", {"on": "1", "name": "乗っ取り"})

    assert response.status_code == 404
    mine.refresh_from_db()
    assert (mine.name, mine.digest) == ("宮城", False)
    assert "宮城" not in body(client.get(LIST))


@pytest.mark.parametrize("pk", ["abc", "0", str(10**30)])
def test_nonsense_ids_are_404(talent_client, pk):
    assert talent_client.post(f"{LIST}{pk}/delete/").status_code == 404


def test_writes_need_a_post_with_a_csrf_token(world, mine):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.talent)
    assert browser.get(f"{LIST}{mine.pk}/delete/").status_code == 405
    assert browser.post(f"{LIST}{mine.pk}/delete/").status_code == 403
    assert SavedSearch.objects.filter(pk=mine.pk).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", LIST),
        ("post", NEW),
        ("post", "/saved-searches/1/delete/"),
        ("post", "/saved-searches/company-digest/"),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, db, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


# --- company digest opt-in -----------------------------------------------------------------------


def test_a_company_member_turns_on_the_talent_digest_for_their_company_only(client, world):
    client.force_login(world.member)
    page = body(client.get(LIST))
    assert "企業向け：新しく合う人材の週次ダイジェスト" in page
    assert world.company.name in page

    on = client.post(f"{LIST}company-digest/", {"organization": world.company.pk, "on": "1"}, follow=True)
    assert f"{world.company.name}の仕様書に合う新しい人材を、週1回メールでお知らせします。" in body(on)
    assert DigestSubscription.objects.filter(user=world.member, organization=world.company).exists()

    other = client.post(
        f"{LIST}company-digest/", {"organization": world.other_company.pk, "on": "1"}, follow=True
    )
    assert "所属している企業のダイジェストだけを設定できます。" in body(other)
    assert not DigestSubscription.objects.filter(organization=world.other_company).exists()

    client.post(f"{LIST}company-digest/", {"organization": world.company.pk, "on": "0"})
    assert not DigestSubscription.objects.exists()


def test_talents_see_no_company_section(talent_client):
    assert "企業向け" not in body(talent_client.get(LIST))


def test_the_page_says_when_digest_emails_are_turned_off(talent_client, world, mine):
    from duallife.notifications.services import email_preferences_save

    talent_client.post(f"{LIST}{mine.pk}/digest/", {"on": "1"})
    email_preferences_save(user=world.talent, enabled_kinds=["message"])
    page = body(talent_client.get(LIST))
    assert "週次ダイジェストはお送りしていません" in page
    assert 'href="/notifications/settings/"' in page


# --- query count ---------------------------------------------------------------------------------


def _fill(user, kind: str, count: int) -> None:
    queries = {
        "sheets": [
            "prefecture=04&theme=marketing",
            "municipality=041009&work_style=remote",
            "fee=30000&days=3",
        ],
        "talents": ["interest=04&theme=marketing", "hometown=13&style=hybrid", "skill=データ分析&min_days=2"],
    }[kind]
    start = SavedSearch.objects.filter(user=user).count()
    for i in range(count):
        saved_search_create(
            user=user, kind=kind, name=f"{kind}{start + i}", query=queries[i % 3], digest=i % 2 == 0
        )


@pytest.mark.parametrize("count", [2, 9])
def test_the_list_page_costs_a_fixed_number_of_queries(client, world, count, django_assert_max_num_queries):
    _fill(world.owner, "sheets", count)
    _fill(world.owner, "talents", count)
    client.force_login(world.owner)
    client.get(LIST)  # warm the session and caches

    with django_assert_max_num_queries(16):
        response = client.get(LIST)

    assert response.status_code == 200
    assert body(response).count('class="saved-item"') == 2 * count
