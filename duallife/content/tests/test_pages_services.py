"""Pages are written as drafts and published as numbered versions that never change; only the
secretariat writes them; the loader publishes the files of data/content/ only when they changed."""

from __future__ import annotations

import pytest

from duallife.content.errors import ContentError, ContentLoadError, NotAnEditor
from duallife.content.models import PageVersion
from duallife.content.selectors import version_in_force
from duallife.content.services import (
    content_dir,
    content_files_load,
    page_draft_save,
    page_draft_start,
    page_publish,
)
from duallife.testing.content import make_company_member, make_operator, new_terms, pages_loaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(region_pack):
    return pages_loaded()


def test_the_loader_publishes_every_page_once_in_both_languages(terms):
    assert terms.number == 1
    assert terms.title_ja == "利用規約"
    assert terms.title_en == "Terms of Use"
    for slug in ("terms", "privacy", "about", "faq", "accessibility"):
        version = version_in_force(slug)
        assert version.body_ja
        assert version.body_en
    assert content_files_load() == []  # nothing changed: nothing published again
    assert PageVersion.objects.count() == 5


def test_the_loader_publishes_a_changed_file_as_the_next_version(terms, tmp_path):
    for path in content_dir().glob("*.md"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "faq.ja.md").write_text("# よくある質問\n\n新しい質問です。\n", encoding="utf-8")

    assert content_files_load(directory=tmp_path) == ["faq"]
    assert version_in_force("faq").number == 2
    assert version_in_force("faq").body_ja == "新しい質問です。"
    assert version_in_force("terms").number == 1


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("terms.ja.md", "題名のない本文\n", "1行目は「# 題名」"),
        ("terms.ja.md", "# 利用規約\n", "本文がありません"),
        ("privacy.en.md", None, "privacy.en.md: ありません"),
        ("extra.ja.md", "# 余分\n\n本文\n", "知らないページです"),
    ],
)
def test_the_loader_refuses_wrong_files_and_publishes_nothing(region_pack, tmp_path, name, text, problem):
    for path in content_dir().glob("*.md"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    if text is None:
        (tmp_path / name).unlink()
    else:
        (tmp_path / name).write_text(text, encoding="utf-8")

    with pytest.raises(ContentLoadError) as refused:
        content_files_load(directory=tmp_path)

    assert any(problem in line for line in refused.value.problems), refused.value.problems
    assert PageVersion.objects.count() == 0


def test_a_draft_starts_from_the_version_in_force_and_is_published_as_the_next_number(terms):
    operator = make_operator()
    draft = page_draft_start(page=terms.page, by=operator)
    assert draft.is_draft
    assert draft.body_ja == terms.body_ja
    assert page_draft_start(page=terms.page, by=operator) == draft  # one draft at a time

    page_draft_save(version=draft, by=operator, body_ja="改定した本文", change_note="第3条を変更")
    assert version_in_force("terms") == terms  # a draft is not in force

    published = page_publish(version=draft, by=operator)
    assert (published.number, published.status, published.published_by) == (2, "published", operator)
    assert version_in_force("terms") == published
    assert PageVersion.objects.get(pk=terms.pk).body_ja == terms.body_ja  # the old version unchanged


def test_a_published_version_never_changes(terms):
    operator = make_operator()
    with pytest.raises(ContentError, match="公開した版は変更できません"):
        page_draft_save(version=terms, by=operator, body_ja="書き換え")
    with pytest.raises(ContentError, match="もう公開されています"):
        page_publish(version=terms, by=operator)
    terms.refresh_from_db()
    assert terms.body_ja != "書き換え"


def test_a_draft_without_both_languages_is_not_published(terms):
    operator = make_operator()
    draft = page_draft_start(page=terms.page, by=operator)
    page_draft_save(version=draft, by=operator, body_en="  ")
    with pytest.raises(ContentError, match="日本語・英語の両方"):
        page_publish(version=draft, by=operator)
    assert version_in_force("terms") == terms


@pytest.mark.parametrize("who", ["company member", "operator without MFA is still an operator"])
def test_only_the_secretariat_writes_pages(terms, who):
    if who == "company member":
        with pytest.raises(NotAnEditor):
            page_draft_start(page=terms.page, by=make_company_member())
        assert not PageVersion.objects.filter(status="draft").exists()
    else:
        # MFA is asked by the pages (personal_data_view), not by the rule of who writes
        assert page_draft_start(page=terms.page, by=make_operator(mfa=False)).is_draft


def test_a_new_version_of_the_terms_is_the_one_in_force(terms):
    second = new_terms(make_operator())
    assert second.number == 2
    assert version_in_force("terms") == second
