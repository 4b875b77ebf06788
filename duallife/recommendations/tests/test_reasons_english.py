"""Reasons and the weekly digest in the reader's language: the engine's codes are worded when read,
so an English reader gets English (only the data — skill, theme and place names, titles — stays
as written)."""

from __future__ import annotations

import re

from django.utils import translation

from duallife.engine.recommend import Reason
from duallife.notifications.links import Linked
from duallife.recommendations.reasons import joined, reason_strings, reason_text, reason_texts
from duallife.recommendations.selectors.digests import Digest, Section, SheetItem, TalentItem
from duallife.recommendations.services.digests import WITHDRAWN_ENTRY
from duallife.recommendations.texts import digest_text
from duallife.regions.models import Municipality, Prefecture
from duallife.vocabulary.models import Skill, Theme

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
REASONS = re.compile(r'<ul class="match-reasons"[^>]*>(.*?)</ul>', re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)

ALL_CODES = [
    Reason("skill_match", {"skills": ("Web marketing", "Data analysis"), "n": 2}),
    Reason("skill_match", {"skills": ("Web marketing",), "n": 1}),
    Reason("themes", {"themes": ("Food",), "n": 1}),
    Reason("workload", {"days": 2, "style": "hybrid"}),
    Reason("workload", {"days": 1, "style": "remote"}),
    Reason("workload", {"days": None, "style": "onsite"}),
    Reason("route", {"place": "Sendai", "minutes": 114, "fare": 21_120, "estimate": False}),
    Reason("route", {"place": "Sendai", "minutes": 60, "fare": 9_000, "estimate": True}),
    Reason("route", {"place": "Sendai", "minutes": 45, "fare": 1_000, "estimate": False}),
    Reason("hometown", {"place": "Miyagi"}),
    Reason("interest", {"place": "Miyagi"}),
    Reason("crowded", {"openings": 1, "applicants": 9}),
]


def words(line) -> str:
    """A digest line's words in the active language (a linked line's words, without its link)."""
    return str(line.text if isinstance(line, Linked) else line)


def without_data(text: str) -> str:
    """``text`` without the names the data holds (they stay as written) and the list separator
    (the core catalogue's)."""
    names = [
        *Skill.objects.values_list("name", flat=True),
        *Theme.objects.values_list("name", flat=True),
        *Prefecture.objects.values_list("name", flat=True),
        *Municipality.objects.values_list("name", flat=True),
    ]
    for name in sorted(filter(None, names), key=len, reverse=True):
        text = text.replace(name, "")
    return text.replace("、", "")


def test_every_reason_code_reads_in_english():
    with translation.override("en"):
        words = [str(reason_text(reason)) for reason in ALL_CODES]
    for word in words:
        assert JAPANESE.search(word) is None, word
    assert words[0].startswith("Matching skills: Web marketing")
    assert words[1] == "Matching skill: Web marketing"
    assert words[3] == "2 days a month, mostly remote"
    assert words[4] == "1 day a month, remote"
    assert words[5] == "Days to be agreed, mostly on site"
    assert words[6] == "1 h 54 min one way to Sendai, ¥21,120 round trip"
    assert words[7].endswith("(estimate within the prefecture)")
    assert words[11] == "Many applicants: 9 for 1 opening"


def test_the_same_codes_read_as_the_japanese_sentences_they_replaced():
    with translation.override("ja"):
        words = [str(reason_text(reason)) for reason in ALL_CODES]
    assert words[0] == "スキル一致: Web marketing、Data analysis"
    assert words[3] == "月2日・リモート中心"
    assert words[5] == "日数は相談・現地中心"
    assert words[6] == "Sendaiまで片道1時間54分・往復21,120円"
    assert words[7] == "Sendaiまで片道1時間・往復9,000円（県内の目安）"
    assert words[8] == "Sendaiまで片道45分・往復1,000円"
    assert words[9] == "出身地: Miyagi"
    assert words[10] == "関心のある県: Miyagi"
    assert words[11] == "応募が集中しています（募集1人に9人）"


def test_stored_reasons_are_read_back_and_old_sentences_shown_as_written():
    stored = [["hometown", {"place": "Miyagi"}], "出身地: 宮城県", ["unknown_code", {}]]
    with translation.override("en"):
        assert reason_strings(stored) == ["Hometown: Miyagi", "出身地: 宮城県"]


def test_english_reasons_on_the_recommendations_page(client, me, sheet):
    client.force_login(me.user)
    response = client.get("/en/recommendations/")
    assert response.status_code == 200
    [listing] = REASONS.findall(response.content.decode())
    reasons = ITEM.findall(listing)
    assert any(reason.startswith("Matching skill") for reason in reasons)
    assert any(reason.startswith("Prefecture of interest: ") for reason in reasons)
    for reason in reasons:
        assert JAPANESE.search(without_data(reason)) is None, reason


def test_japanese_reasons_stay_on_the_default_page(client, me, sheet):
    client.force_login(me.user)
    page = client.get("/recommendations/").content.decode()
    assert "関心のある県: 宮城県" in page


def _digest() -> Digest:
    from django.utils.translation import gettext_lazy

    from duallife.core.texts import Text

    reasons = tuple(reason_texts([ALL_CODES[1], ALL_CODES[3]]))
    sheet = SheetItem(1, "味噌蔵の仕事", "宮城県仙台市", "味噌蔵", "/sheets/1/", reasons)
    talent = TalentItem(2, "taro", ("Web",), "/talents/2/", fits="味噌蔵の仕事")
    return Digest(
        user=None,
        sections=[
            Section(Text(gettext_lazy("「%(name)s」に合う新しい案件"), name="mine"), "sheets", (sheet,)),
            Section(Text(gettext_lazy("「%(name)s」に合う新しい人材"), name="people"), "talents", (talent,)),
        ],
    )


def test_the_digest_title_and_body_in_english():
    title, body = digest_text(_digest())
    with translation.override("en"):
        assert str(title) == "This week's picks: 1 new job、1 new talent".replace(
            "、", translation.gettext("、")
        )
        lines = [words(line) for line in body]
    data = ("味噌蔵の仕事", "宮城県仙台市", "味噌蔵")
    for line in lines:
        for name in data:
            line = line.replace(name, "")
        assert JAPANESE.search(line) is None, line
    assert "  Why we recommend it: Matching skill: Web marketing / 2 days a month, mostly remote" in lines
    assert "• 味噌蔵の仕事" in lines
    assert [line.url for line in body if isinstance(line, Linked)] == [
        "/sheets/1/",
        "/talents/2/",
        "/saved-searches/",
    ]


def test_the_digest_title_in_english_for_one_kind():
    digest = _digest()
    digest.sections.pop()
    title, _body = digest_text(digest)
    with translation.override("en"):
        assert str(title) == "This week's picks: 1 new job"
    with translation.override("ja"):
        assert str(title) == "今週のおすすめ：新しい案件1件"


def test_the_digest_body_in_japanese_keeps_its_layout():
    _title, body = digest_text(_digest())
    with translation.override("ja"):
        text = "\n".join(words(line) for line in body)
    assert "■ 「mine」に合う新しい案件\n\n・味噌蔵の仕事\n  場所：宮城県仙台市／味噌蔵\n" in text
    assert "  おすすめの理由：スキル一致: Web marketing ／ 月2日・リモート中心\n\n" in text
    assert "http" not in text
    assert "/sheets/" not in text


def test_the_withdrawn_entry_is_a_message():
    with translation.override("en"):
        assert JAPANESE.search(str(WITHDRAWN_ENTRY)) is None
    assert joined([]) is None
