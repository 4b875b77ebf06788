"""The demo's texts (data/demo/*.toml): they load, every code in them is one the apps know, and a
malformed file stops the demo with a message naming the file, the entry and the field."""

import shutil

import pytest
from django.core.management import CommandError

from duallife.demo.builders.drafts import OUTCOMES
from duallife.demo.content import content_dir, demo_content, load_content
from duallife.demo.errors import DemoContentError
from duallife.organizations.models import CoordinatorProfile
from duallife.postings.models import SpecSheet
from duallife.regions.models import SupportProgram
from duallife.talents.models import TalentProfile, WorkStyle


@pytest.fixture
def texts(tmp_path):
    """A copy of data/demo to spoil; returns a function that rewrites one of its files."""
    folder = tmp_path / "demo"
    shutil.copytree(content_dir(), folder)

    def rewrite(name: str, old: str, new: str) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    rewrite.folder = folder
    return rewrite


def refusal(folder) -> str:
    with pytest.raises(DemoContentError) as caught:
        load_content(folder)
    return str(caught.value)


def test_every_code_in_the_texts_is_one_the_apps_know():
    content = demo_content()

    assert {p.category for p in content.programs.program} <= set(SupportProgram.Category.values)
    assert {c.body_type for c in content.coordinators.coordinator} <= set(CoordinatorProfile.BodyType.values)
    templates = content.sheets.template
    assert {t.work_style for t in templates} <= set(WorkStyle.values)
    assert {t.travel_paid_by for t in templates} <= set(SpecSheet.TravelPaidBy.values)
    assert set(content.talents.motives) <= set(TalentProfile.Motive.values)
    assert {str(outcome) for outcome in OUTCOMES} <= set(content.drafts.outcome_notes)
    assert {len(kind.sheets) >= 5 for kind in content.companies.company_type} == {True}


def test_the_texts_are_read_as_written(texts):
    content = load_content(texts.folder)

    # a long text wrapped over lines with a trailing backslash is one line
    first = content.sheets.template[0]
    assert first.issue.startswith("{place}で{business}を手がけています。県内の取引先")
    assert "\n" not in first.issue
    assert content.companies.top_title_for("合同会社{}") == "代表社員"
    assert content.companies.top_title_for("{}商店") == "代表"


def test_a_file_that_is_not_toml_names_the_file_and_the_line(texts):
    texts("sheets.toml", 'key = "sns-fans"', 'key = "sns-fans')

    message = refusal(texts.folder)

    assert "data/demo/sheets.toml" in message
    assert "line" in message


def test_a_missing_field_names_the_file_the_entry_and_the_field(texts):
    texts("sheets.toml", 'title = "Instagramで{product}のファンを増やすSNS運用"\n', "")

    message = refusal(texts.folder)

    assert message.startswith("data/demo/sheets.toml: template[1] (sns-fans):")
    assert "項目がありません: title" in message


def test_a_wrong_type_and_an_unknown_field_are_refused(texts):
    texts("sheets.toml", "visits = 0", 'visits = "0"')
    assert "template[1] (sns-fans).visits: 整数にしてください" in refusal(texts.folder)

    texts("sheets.toml", 'visits = "0"', "visits = 0\nvisit = 1")
    assert "知らない項目があります: visit" in refusal(texts.folder)


def test_a_placeholder_the_demo_does_not_fill_is_refused(texts):
    texts("sheets.toml", "{product}のネット販売", "{town}のネット販売")

    message = refusal(texts.folder)

    assert "template[0].title" in message
    assert "{town}" in message
    assert "place" in message  # says which ones may be used


def test_a_company_type_naming_a_template_that_is_not_there_is_refused(texts):
    texts("companies.toml", '"ec-web-marketing",', '"ec-web-marketting",')

    assert "sheets.toml にないテンプレートです: ec-web-marketting" in refusal(texts.folder)


def test_a_missing_file_is_refused(texts):
    (texts.folder / "people.toml").unlink()

    assert refusal(texts.folder) == "data/demo/people.toml: ファイルがありません。"


def test_the_command_stops_on_a_malformed_file_before_writing_anything(
    texts, region_pack, settings, run_demo
):
    from django.contrib.auth import get_user_model

    texts("marks.toml", 'mark = "（デモ）"', "mark = 1")
    settings.DEMO_DATA_DIR = texts.folder
    demo_content.cache_clear()
    try:
        with pytest.raises(CommandError, match=r"data/demo/marks.toml: mark: 文字列にしてください"):
            run_demo("--small")
    finally:
        demo_content.cache_clear()
    assert not get_user_model().objects.exists()
