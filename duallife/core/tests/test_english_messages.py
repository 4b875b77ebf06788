"""Core texts in English: why an id in an organiser's input is refused, the API's error pages."""

import re

import pytest
from django.utils import translation

from duallife.core.ids import id_issue_message
from duallife.engine.ids import MISSING, id_issue

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("value", ["", "   ", "x" * 101, MISSING, 1.5, None, [1], True])
def test_id_issues_are_worded_in_both_languages(value):
    issue = id_issue(value)
    assert issue is not None

    with translation.override("en"):
        english = id_issue_message(issue)
    with translation.override("ja"):
        japanese = id_issue_message(issue)

    assert english.startswith("The id")
    assert not JAPANESE.search(english.replace(issue.shown, ""))
    assert japanese.startswith("id ")
    assert JAPANESE.search(japanese)


@pytest.mark.parametrize("value", [0, -7, "p1", "１"])
def test_ids_have_no_issue(value):
    assert id_issue(value) is None


def test_api_error_page_follows_accept_language(client, db):
    response = client.get("/api/v1/no-such-path/", headers={"accept-language": "en"})

    assert response.status_code == 404
    assert response.json()["detail"].startswith("There is no API at this path.")
    assert response["Content-Language"] == "en"
    assert client.get("/api/v1/no-such-path/").json()["detail"].startswith("指定したAPIのパスはありません。")
