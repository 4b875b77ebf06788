"""The API answers in the caller's language: Japanese by default, English for ``Accept-Language: en``."""

from __future__ import annotations

import re

import pytest

from duallife.accounts.mfa import MFA_REQUIRED

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")

pytestmark = pytest.mark.django_db


def english(client, url, **params):
    return client.get(url, params, headers={"accept-language": "en"})


def test_a_validation_error_is_in_english_for_an_english_caller(client):
    response = english(client, "/api/v1/organizations/" + "x" * 81)

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == ["slug"]
    assert body["detail"] == "Some input is invalid: slug (must be at most 80 characters)"
    assert response["Content-Language"] == "en"


def test_a_validation_error_stays_japanese_by_default(client):
    response = client.get("/api/v1/organizations/" + "x" * 81)

    assert response.status_code == 400
    assert response.json()["detail"] == "入力に誤りがあります: slug（80文字以内で指定してください）"


def test_an_anonymous_caller_is_refused_in_english(client):
    response = english(client, "/api/v1/my/notifications")

    assert response.status_code == 401
    assert response.json()["detail"] == "You need to log in. Log in, then try again."


def test_not_found_is_in_english(client):
    response = english(client, "/api/v1/organizations/nobody")

    assert response.status_code == 404
    assert response.json() == {"detail": "Organisation not found.", "errors": []}
    assert client.get("/api/v1/organizations/nobody").json()["detail"] == "企業・団体が見つかりません。"


def test_an_unknown_api_path_is_in_english(client):
    response = english(client, "/api/v1/no-such-thing")

    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail.startswith("There is no API at this path.")
    assert not JAPANESE.search(detail)


def test_the_language_cookie_counts_too(client):
    client.cookies["django_language"] = "en"

    response = client.get("/api/v1/organizations/nobody")

    assert response.json()["detail"] == "Organisation not found."


def test_the_mfa_refusal_is_worded_when_read():
    from django.utils import translation

    with translation.override("en"):
        assert not JAPANESE.search(str(MFA_REQUIRED))
    with translation.override("ja"):
        assert "二段階認証" in str(MFA_REQUIRED)
