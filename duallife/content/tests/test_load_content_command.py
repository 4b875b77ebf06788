"""`duallife load-content` publishes the pages' files, says what it did, and refuses a wrong
folder or wrong files with every problem listed and nothing published."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from duallife.content.models import PageVersion
from duallife.content.services import content_dir

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("load_content", *args, stdout=out)
    return out.getvalue()


def test_the_command_publishes_once_then_reports_no_change():
    assert "terms, privacy, accessibility, about, faq を新しい版として公開しました" in run()
    assert "変更はありません" in run()
    assert PageVersion.objects.count() == 5


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="ページのフォルダが見つかりません"):
        run("--path", str(tmp_path / "nothing"))


def test_wrong_files_are_listed_and_nothing_is_published(tmp_path):
    for path in content_dir().glob("*.md"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "faq.en.md").write_text("no title\n", encoding="utf-8")
    (tmp_path / "terms.ja.md").unlink()

    with pytest.raises(CommandError) as refused:
        run("--path", str(tmp_path))

    message = str(refused.value)
    assert "2 件の誤り" in message
    assert "faq.en.md: 1行目は「# 題名」にしてください" in message
    assert "terms.ja.md: ありません" in message
    assert PageVersion.objects.count() == 0
