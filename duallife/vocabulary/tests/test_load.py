"""Loading data/vocabulary: validated in full, idempotent, one transaction, Japanese errors."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from duallife.vocabulary.errors import VocabularyLoadError
from duallife.vocabulary.models import IndustryGroup, Skill, Theme
from duallife.vocabulary.selectors import skill_vocabulary
from duallife.vocabulary.services import vocabulary_dir, vocabulary_load


@pytest.fixture
def files(tmp_path) -> Path:
    """A writable copy of the real vocabulary files."""
    target = tmp_path / "vocabulary"
    shutil.copytree(vocabulary_dir(), target)
    return target


def test_the_real_files_load_every_row(vocabulary):
    assert vocabulary.created["skills"] == Skill.objects.count() > 100
    assert Theme.objects.filter(key="marketing", name="マーケティング").exists()
    assert list(IndustryGroup.objects.values_list("code", flat=True)) == [chr(c) for c in range(65, 85)]
    web = Skill.objects.get(key="web-marketing")
    assert "Webマーケ" in web.synonyms.split("|")


def test_a_second_load_changes_nothing(vocabulary):
    report = vocabulary_load()

    assert not report.changed
    assert report.unchanged["skills"] == Skill.objects.count()
    assert report.unchanged["industries"] == 20


def test_a_changed_row_is_updated_in_place_and_removed_rows_are_kept(db, files):
    vocabulary_load(directory=files)
    first_pk = Skill.objects.get(key="marketing").pk
    skills = (files / "skills.csv").read_text(encoding="utf-8").splitlines()
    header, marketing, *rest = skills
    assert marketing.startswith("marketing,")
    removed = rest.pop()  # the last row: the others keep their positions
    rewritten = [header, marketing.replace("Marketing", "Marketing (general)"), *rest]
    (files / "skills.csv").write_text("\n".join(rewritten) + "\n", encoding="utf-8")

    report = vocabulary_load(directory=files)

    assert report.updated["skills"] == 1
    assert report.not_in_files["skills"] == 1
    assert Skill.objects.get(key="marketing").pk == first_pk
    assert Skill.objects.get(key="marketing").name_en == "Marketing (general)"
    assert Skill.objects.filter(key=removed.split(",")[0]).exists()
    assert "ファイルにない 1（削除せず残しています）" in report.lines()[0]


def test_the_cached_vocabulary_follows_a_load(db, files):
    vocabulary_load(directory=files)
    assert skill_vocabulary().match("Ｗｅｂマーケ").key == "web-marketing"
    lines = (files / "skills.csv").read_text(encoding="utf-8").splitlines()
    lines.append("kintone-plugin,キントーンプラグイン開発,kintone plugin development,it,")
    (files / "skills.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    vocabulary_load(directory=files)

    assert skill_vocabulary().match("キントーンプラグイン開発").key == "kintone-plugin"


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        (
            "skills.csv",
            "key,name\nmarketing,マーケティング\n",
            "見出し行に列がありません: name_en, category, synonyms",
        ),
        ("skills.csv", "key,name,name_en,category,synonyms\nWeb_Marketing,ウェブ,,,\n", "skills.csv 2行目"),
        ("skills.csv", "key,name,name_en,category,synonyms\nx,,,,\n", "名称（name）が空です"),
        (
            "skills.csv",
            "key,name,name_en,category,synonyms\na,ア,,,\na,イ,,,\n",
            "key 'a' は2行目と重複しています",
        ),
        (
            "skills.csv",
            "key,name,name_en,category,synonyms\na,ウェブマーケティング,,,\nb,Webマーケティング,,,\n",
            "名称・同義語が別のスキルと重なっています",
        ),
        ("themes.csv", "key,name,name_en\nhr," + "人" * 61 + ",\n", "名称（name）は60文字以内にしてください"),
        ("industries.csv", "code,name,name_en\nZ,謎,\n", "A〜T の大文字1文字"),
        ("industries.csv", "", "見出し行に列がありません"),
    ],
)
def test_bad_files_are_refused_with_japanese_messages_and_nothing_is_written(
    db, files, filename, content, expected
):
    (files / filename).write_text(content, encoding="utf-8")

    with pytest.raises(VocabularyLoadError) as caught:
        vocabulary_load(directory=files)

    assert expected in str(caught.value)
    assert not Skill.objects.exists()
    assert not Theme.objects.exists()
    assert not IndustryGroup.objects.exists()


def test_a_missing_file_is_reported(db, files):
    (files / "themes.csv").unlink()

    with pytest.raises(VocabularyLoadError, match=r"themes\.csv: ファイルが見つかりません"):
        vocabulary_load(directory=files)


def test_a_file_that_is_not_utf8_is_reported(db, files):
    (files / "themes.csv").write_bytes("key,name,name_en\nhr,人事,HR\n".encode("cp932"))

    with pytest.raises(VocabularyLoadError, match=r"UTF-8 で保存してください"):
        vocabulary_load(directory=files)


def test_command_reports_in_japanese(db):
    out = StringIO()
    call_command("load_vocabulary", stdout=out)
    call_command("load_vocabulary", stdout=out)

    text = out.getvalue()
    assert "スキル: 追加" in text
    assert "語彙: 更新しました" in text
    assert "語彙: 変更はありません" in text


def test_command_refuses_bad_files_with_every_problem_listed(db, files):
    (files / "industries.csv").write_text("code,name,name_en\nZ,謎,\nA,,\n", encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("load_vocabulary", path=str(files))

    message = str(caught.value)
    assert "語彙ファイルに 2 件の誤りがあります。何も読み込んでいません。" in message
    assert "industries.csv 2行目" in message
    assert "industries.csv 3行目" in message


def test_command_refuses_a_missing_folder(db, tmp_path):
    with pytest.raises(CommandError, match="語彙ファイルのフォルダが見つかりません"):
        call_command("load_vocabulary", path=str(tmp_path / "nowhere"))
