"""The secretariat's pages: linked from every footer, readable in both languages with their
history, Markdown without HTML; edited and published by the secretariat only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from duallife.content.models import PageVersion
from duallife.content.selectors import version_in_force
from duallife.content.services import page_draft_save, page_draft_start
from duallife.testing.content import make_company_member, make_operator, new_terms, pages_loaded
from duallife.testing.organizations import make_coordinator_body
from duallife.testing.pages import OPERATOR_HEADER_QUERIES

pytestmark = pytest.mark.django_db

FOOTER = ("/about/", "/terms/", "/privacy/", "/faq/", "/accessibility/", "/contact/")


@pytest.fixture
def terms(region_pack):
    return pages_loaded()


@pytest.mark.parametrize("url", ["/", "/regions/", "/simulator/", "/no-such-page/"])
def test_every_footer_links_the_legal_and_help_pages(client, terms, url):
    html = client.get(url).content.decode()
    for link in FOOTER:
        assert f'href="{link}"' in html, (url, link)


def test_the_english_footer_links_the_english_pages(client, terms):
    html = client.get("/en/").content.decode()
    assert 'href="/en/privacy/"' in html
    assert "Privacy policy" in html


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/terms/", "利用規約"),
        ("/privacy/", "プライバシーポリシー"),
        ("/about/", "運営者情報"),
        ("/faq/", "よくある質問"),
        ("/accessibility/", "ウェブアクセシビリティ方針"),
        ("/en/terms/", "Terms of Use"),
        ("/en/privacy/", "Privacy Policy"),
        ("/en/accessibility/", "Accessibility policy"),
    ],
)
def test_each_page_shows_its_version_in_force(client, terms, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert 'href="/pages/' in html or 'href="/en/pages/' in html  # the history


def test_the_privacy_policy_covers_what_the_law_asks(client, terms):
    html = client.get("/privacy/").content.decode()
    for heading in ("使う目的", "第三者への提供", "保存する期間", "開示・訂正・削除の求め", "お問い合わせ先"):
        assert heading in html
    assert "<table>" in html  # retention per kind of record


def test_the_about_page_lists_the_bodies_that_run_the_service(client, terms):
    body = make_coordinator_body(
        "miyagi-support",
        prefecture_code="04",
        scope_codes=("04",),
        address="〒980-8570 宮城県仙台市青葉区本町3-8-1",
    )
    html = client.get("/about/").content.decode()
    assert "miyagi-support 支援センター" in html
    assert "所在地 〒980-8570 宮城県仙台市青葉区本町3-8-1" in html
    assert f'href="/organizations/{body.slug}/"' in html


def test_history_keeps_every_version_readable_as_published(client, terms):
    second = new_terms(make_operator())
    history = client.get(reverse("content:history", kwargs={"slug": "terms"})).content.decode()
    assert "第2版" in history
    assert "第1版" in history
    assert "連絡先を変更" in history

    old = client.get(reverse("content:version", kwargs={"slug": "terms", "number": 1})).content.decode()
    assert "これは第1版です" in old
    assert terms.body_ja.splitlines()[0] in old
    assert second.body_ja in client.get("/terms/").content.decode()


@pytest.mark.parametrize("number", ["0", "3", "99999999999999999999"])
def test_a_missing_or_garbage_version_is_not_found(client, terms, number):
    assert client.get(f"/pages/terms/versions/{number}/").status_code == 404
    assert client.get("/pages/nothing/history/").status_code == 404


def test_a_draft_is_not_readable_by_its_number(client, terms):
    operator = make_operator()
    page_draft_start(page=terms.page, by=operator)
    assert client.get("/pages/terms/versions/2/").status_code == 404


def test_markdown_shows_html_as_text(client, terms):
    operator = make_operator()
    draft = page_draft_start(page=terms.page, by=operator)
    page_draft_save(
        version=draft, by=operator, body_ja="<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )
    client.force_login(operator)
    html = client.get(reverse("content:edit", kwargs={"slug": "terms"})).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html


def test_the_secretariat_writes_previews_and_publishes_a_new_version(client, terms):
    operator = make_operator()
    client.force_login(operator)
    assert client.get(reverse("content:editors")).status_code == 200
    form = {
        "title_ja": "利用規約",
        "title_en": "Terms of Use",
        "body_ja": "## 新しい条項\n\n本文です。",
        "body_en": "## New clause\n\nText.",
        "change_note": "新しい条項を追加",
    }
    saved = client.post(reverse("content:edit", kwargs={"slug": "terms"}), form)
    assert saved.status_code == 302
    preview = client.get(reverse("content:edit", kwargs={"slug": "terms"})).content.decode()
    assert "<h2>新しい条項</h2>" in preview
    assert version_in_force("terms") == terms

    published = client.post(reverse("content:publish", kwargs={"slug": "terms"}))
    assert published.status_code == 302
    assert version_in_force("terms").number == 2
    assert "本文です。" in client.get("/terms/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("title_ja", "", "このフィールドは必須です。"), ("title_en", "x" * 121, "120 文字以下")],
)
def test_bad_drafts_are_refused_and_nothing_is_saved(client, terms, field, value, message):
    operator = make_operator()
    client.force_login(operator)
    form = {"title_ja": "t", "title_en": "t", "body_ja": "b", "body_en": "b", field: value}
    response = client.post(reverse("content:edit", kwargs={"slug": "terms"}), form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PageVersion.objects.filter(status="draft").exists()


def test_publishing_without_a_draft_says_so(client, terms):
    client.force_login(make_operator())
    response = client.post(reverse("content:publish", kwargs={"slug": "terms"}), follow=True)
    assert "公開する下書きがありません。" in response.content.decode()
    assert version_in_force("terms") == terms


@pytest.mark.parametrize("url", ["/pages/", "/pages/terms/edit/"])
def test_the_editor_is_the_secretariats_only(terms, url):
    anonymous = Client()
    assert anonymous.get(url)["Location"].startswith("/accounts/login/")
    company = Client()
    company.force_login(make_company_member())
    assert company.get(url).status_code == 404
    before_mfa = Client()
    before_mfa.force_login(make_operator("operator-without-mfa", mfa=False))
    assert before_mfa.get(url)["Location"] == reverse("mfa_index")
    operator = Client()
    operator.force_login(make_operator())
    assert operator.get(url).status_code == 200
    assert company.post(reverse("content:publish", kwargs={"slug": "terms"})).status_code == 404


def test_the_editor_list_reads_with_a_fixed_number_of_queries(client, terms, django_assert_max_num_queries):
    client.force_login(make_operator())
    client.get(reverse("content:editors"))  # the session and the user are loaded once
    with django_assert_max_num_queries(12 + OPERATOR_HEADER_QUERIES):
        assert client.get(reverse("content:editors")).status_code == 200
