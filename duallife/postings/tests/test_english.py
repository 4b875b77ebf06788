"""The quality check and the refusals of spec sheets in English (and still in Japanese).

The engine returns codes and values; ``lint_words`` words them in the reader's language. In
English no finding may keep a Japanese word of ours: only what the author typed (the vague phrase
found, skills as typed) may stay as written.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

import pytest
from django.http import Http404
from django.utils import translation

from duallife.engine.speclint import lint
from duallife.engine.speclint.testing import BAD, good_sheet
from duallife.postings import lint_words, permissions, selectors
from duallife.postings.api.sheets import lint_payload
from duallife.postings.errors import SpecSheetError
from duallife.postings.models import SpecSheet, SpecSheetEvent
from duallife.postings.services.sheets import (
    spec_sheet_close,
    spec_sheet_submit,
    spec_sheet_update,
    spec_sheets_close_expired,
)
from duallife.testing.postings import form_post, login

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
#: Full-width punctuation we never use in English either (「」（）、。).
JAPANESE_PUNCTUATION = re.compile(r"[\u3000-\u303f]")


def has_japanese(text: str) -> bool:
    return bool(JAPANESE.search(text) or JAPANESE_PUNCTUATION.search(text))


def _examples():
    good = good_sheet()
    return [(f"{code}-{field}", replace(good, **changes)) for code, field, _severity, changes in BAD]


EXAMPLES = _examples()


def _without_typed_words(worded: lint_words.WordedFinding) -> str:
    """Message and suggestion, less the words the author typed that a finding quotes."""
    text = worded.message + " " + worded.suggestion
    for name in ("phrase", "skills"):
        value = worded.finding.params.get(name)
        for typed in (value,) if isinstance(value, str) else value or ():
            text = text.replace(typed, "")
    return text


@pytest.mark.parametrize("sheet", [s for _id, s in EXAMPLES], ids=[i for i, _s in EXAMPLES])
def test_every_finding_has_words_in_japanese_and_in_english(sheet):
    findings = lint(sheet).findings
    assert findings
    for finding in findings:
        assert finding.key in lint_words.WORDS or finding.code in lint_words.WORDS, finding.key
    with translation.override("ja"):
        for worded in lint_words.word_all(findings):
            assert worded.message.strip()
            assert worded.suggestion.strip()
            assert "%(" not in worded.message + worded.suggestion
            assert JAPANESE.search(worded.message)
    with translation.override("en"):
        for worded in lint_words.word_all(findings):
            assert worded.message.strip()
            assert worded.suggestion.strip()
            assert "%(" not in worded.message + worded.suggestion
            assert not has_japanese(_without_typed_words(worded)), (worded.message, worded.suggestion)
            assert not has_japanese(worded.label)


def test_the_fee_finding_quotes_the_fee_and_the_band_in_each_language():
    (finding,) = [
        f
        for f in lint(replace(good_sheet(), fee_min_yen=5_000, fee_max_yen=10_000)).findings
        if f.code == "fee_far_below"
    ]
    with translation.override("ja"):
        message = lint_words.message(finding)
    assert "月5,000〜1万円" in message
    assert "月2〜4日" in message
    assert "月3万〜5万円" in message
    with translation.override("en"):
        message = lint_words.message(finding)
    assert message == (
        "The fee (¥5,000–¥10,000/month) is far below the usual range for 2–4 days/month "
        "(¥30,000–¥50,000/month)."
    )


def test_dates_and_plurals_follow_the_language():
    sheet = replace(good_sheet(), closes_on=datetime.date(2025, 8, 31))
    (past,) = [f for f in lint(sheet).findings if f.code == "closes_on_past"]
    soon_sheet = replace(good_sheet(), closes_on=datetime.date(2025, 9, 2))
    (soon,) = [f for f in lint(soon_sheet).findings if f.code == "closes_on_soon"]
    with translation.override("ja"):
        assert lint_words.message(past) == "締切日（2025年8月31日）が過ぎています。"
        assert lint_words.message(soon) == "締切まで1日しかありません。"
    with translation.override("en"):
        assert lint_words.message(past) == "The closing date (31 Aug 2025) has passed."
        assert lint_words.message(soon) == "Only 1 day is left until the closing date."


def test_the_english_live_check_has_no_japanese_in_its_findings(client, world):
    response = login(client, world.owner).post(
        "/en/sheets/preview/",
        {"title": "味噌", "days_per_month_min": "abc", "fee_min_yen": "1000", "closes_on": "2020-01-01"},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 200
    body = response.content.decode()
    findings = re.findall(r'<li class="lint-finding.*?</li>', body, flags=re.S)
    assert len(findings) >= 5
    for item in findings:
        assert not has_japanese(re.sub(r"<[^>]+>", "", item)), item
    assert "The background and challenges are empty." in body
    assert "The title is short (2 characters) and hardly says what the work is." in body


def test_the_english_edit_page_words_the_saved_sheets_findings(client, world, make_sheet):
    sheet = make_sheet(why_you="", outcome="")

    body = login(client, world.owner).get(f"/en/sheets/{sheet.pk}/edit/").content.decode()

    findings = re.findall(r'<li class="lint-finding.*?</li>', body, flags=re.S)
    assert findings
    for item in findings:
        assert not has_japanese(re.sub(r"<[^>]+>", "", item)), item
    assert "“Why we need you” is empty." in body
    assert "「なぜあなたが必要か」" not in body


def test_the_japanese_pages_keep_their_words(client, world, make_sheet):
    sheet = make_sheet(why_you="")

    body = login(client, world.owner).get(f"/sheets/{sheet.pk}/edit/").content.decode()

    assert "「なぜあなたが必要か」が書かれていません。" in body


def test_the_api_payload_words_findings_in_the_active_language(world, make_sheet):
    """The API answers in the language active for the request (Japanese at ``/api/v1/`` today)."""
    sheet = make_sheet(outcome="", closes_on=None)
    report = selectors.sheet_lint(sheet)

    with translation.override("en"):
        english = lint_payload(report)
    with translation.override("ja"):
        japanese = lint_payload(report)

    assert [f["code"] for f in english["findings"]] == [f["code"] for f in japanese["findings"]]
    for finding in english["findings"]:
        assert not has_japanese(finding["message"] + finding["suggestion"])
    by_code = {f["code"]: f for f in japanese["findings"]}
    assert by_code["outcome_missing"]["message"].startswith("成果物・ゴールが書かれていません。")
    assert by_code["outcome_missing"]["key"] == "outcome_missing"
    assert by_code["outcome_missing"]["params"] == {}


def test_the_api_gives_each_findings_values(client, world, make_sheet):
    sheet = make_sheet(title="PR担当募集")

    body = login(client, world.owner).get(f"/api/v1/my/sheets/{sheet.pk}").json()

    (finding,) = [f for f in body["lint"]["findings"] if f["code"] == "title_too_short"]
    assert finding["params"] == {"chars": 6, "min_chars": 10}
    assert finding["message"] == "タイトルが短く（6文字）、仕事の中身が伝わりにくいです。"


def test_a_sheet_of_another_company_is_refused_in_english(world, make_sheet):
    other = make_sheet(organization=world.other_company)

    with translation.override("en"), pytest.raises(Http404) as refused:
        permissions.get_sheet_for_editor(world.owner, other.pk)

    assert str(refused.value) == "Spec sheet not found."


def test_submitting_a_weak_sheet_is_refused_in_english(world, make_sheet):
    sheet = make_sheet(why_you="", outcome="")

    with translation.override("en"), pytest.raises(SpecSheetError) as refused:
        spec_sheet_submit(sheet=sheet, by=world.owner)

    message = str(refused.value.message)
    assert message.startswith("The quality check found 2 items to fix before submitting: ")
    assert "The deliverables and goals are empty." in message
    assert "“Why we need you” is empty." in message
    assert not has_japanese(message)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"title": "あ" * 81}, "“Title” must be 80 characters or fewer (currently 81)."),
        (
            {"days_per_month_min": 5, "days_per_month_max": 2},
            "The minimum days (5 a month) exceed the maximum (2 a month).",
        ),
        (
            {"fee_min_yen": 60_000, "fee_max_yen": 30_000},
            "The minimum fee (¥60,000) is higher than the maximum (¥30,000).",
        ),
        ({"themes": ["no-such-theme"]}, "The themes “no-such-theme” cannot be chosen. Choose from the list."),
        ({"visits_per_month": 99}, "Enter “On-site visits per month” as a number from 0 to 31."),
        (
            {"municipality": "131016"},
            "Choose the work location from the municipalities of the covered region (Tohoku).",
        ),
    ],
)
def test_service_errors_are_in_english(world, make_sheet, data, expected):
    sheet = make_sheet()

    with translation.override("en"), pytest.raises(SpecSheetError) as refused:
        spec_sheet_update(sheet=sheet, by=world.owner, data=data)

    assert str(refused.value.message) == expected


def test_service_errors_stay_japanese_by_default(world, make_sheet):
    sheet = make_sheet()

    with pytest.raises(SpecSheetError) as refused:
        spec_sheet_update(sheet=sheet, by=world.owner, data={"title": "あ" * 81})

    assert refused.value.message == "タイトルは80文字以内で入力してください（今は81文字）。"


def test_state_and_permission_refusals_are_in_english(world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED)

    with translation.override("en"):
        with pytest.raises(SpecSheetError) as edited:
            spec_sheet_update(sheet=sheet, by=world.owner, data={"title": "x" * 20})
        with pytest.raises(SpecSheetError) as stranger:
            spec_sheet_close(sheet=sheet, by=world.talent, reason="filled")

    assert not has_japanese(str(edited.value.message))
    assert str(edited.value.message).endswith("Only drafts and returned sheets can be edited.")
    assert (
        str(stranger.value.message) == "Only members of the company that posts this spec sheet can edit it."
    )


def test_the_automatic_closing_note_is_worded_when_read(world, make_sheet):
    sheet = make_sheet(SpecSheet.Status.PUBLISHED)
    SpecSheet.objects.filter(pk=sheet.pk).update(closes_on=datetime.date(2000, 1, 1))
    spec_sheets_close_expired(today=datetime.date.today())
    event = SpecSheetEvent.objects.filter(sheet=sheet, to_status=SpecSheet.Status.CLOSED).get()

    assert event.comment_text == "締切日を過ぎたため自動で終了しました。"
    with translation.override("en"):
        assert event.comment_text == "Closed automatically because the closing date had passed."


def test_the_english_form_words_its_number_errors_when_shown(client, world):
    post = {**form_post(), "days_per_month_min": "many", "action": "save"}

    body = login(client, world.owner).post("/en/sheets/new/", post).content.decode()

    assert "Working days per month (minimum)" in body
    assert "月の稼働日数" not in body
    assert not SpecSheet.objects.exists()
