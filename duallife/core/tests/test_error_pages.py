"""Errors Django raises before our views: Japanese pages, and JSON under /api/."""

import json

import pytest
from django.test import Client, override_settings
from django.utils import translation

TOO_MANY = "&".join(f"p{i}=1" for i in range(1001))  # DATA_UPLOAD_MAX_NUMBER_FIELDS is 1,000


def _japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text)


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}])
def test_too_many_query_parameters_give_a_japanese_400_page(client, region_pack, headers):
    response = client.get(f"/simulator/?{TOO_MANY}", **headers)

    assert response.status_code == 400
    html = response.content.decode()
    assert "リクエストを処理できませんでした" in html
    assert "Bad Request" not in html
    assert '<html lang="ja">' in html
    assert html.count("<h1>") == 1


def test_too_many_query_parameters_to_the_api_give_json(client, region_pack):
    response = client.get(f"/api/v1/simulator/cost?destination=041009&trips_per_month=2&{TOO_MANY}")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert _japanese(response.json()["detail"])


def test_the_english_400_page_is_in_the_english_layout(client, region_pack):
    with translation.override(None):
        response = client.get(f"/en/simulator/?{TOO_MANY}")
    assert response.status_code == 400
    assert '<html lang="en">' in response.content.decode()


def test_unknown_api_path_is_a_json_404(client, db):
    response = client.get("/api/v1/nope")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert _japanese(response.json()["detail"])


def test_unknown_page_is_still_the_html_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


@override_settings(CSRF_FAILURE_VIEW="duallife.core.views.csrf_failure")
def test_csrf_failure_on_the_language_switch_is_a_japanese_page_with_a_fresh_token(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "ページの有効期限が切れました" in html
    assert "CSRF verification failed" not in html
    assert 'name="csrfmiddlewaretoken"' in html  # the language switch can be used again
    assert "csrftoken" in response.cookies


def test_without_the_setting_django_still_uses_the_japanese_template(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 403
    assert "ページの有効期限が切れました" in response.content.decode()


@override_settings(CSRF_FAILURE_VIEW="duallife.core.views.csrf_failure")
def test_csrf_failure_under_the_api_is_json(db):
    response = Client(enforce_csrf_checks=True).post("/api/v1/simulator/cost")
    assert response.status_code in {403, 405}
    if response.status_code == 403:
        assert _japanese(response.json()["detail"])


def test_permission_denied_page_and_api(rf, db):
    from django.core.exceptions import PermissionDenied

    from duallife.core.views import permission_denied

    page = permission_denied(rf.get("/regions/"), PermissionDenied())
    assert page.status_code == 403
    assert "権限" in page.content.decode()
    api = permission_denied(rf.get("/api/v1/simulator/cost"), PermissionDenied())
    assert api.status_code == 403
    assert _japanese(json.loads(api.content)["detail"])


def test_a_400_page_that_cannot_render_its_layout_still_answers(rf, db, settings):
    from django.core.exceptions import SuspiciousOperation

    from duallife.core.views import bad_request

    # Given a layout that fails (here: a template engine with no templates at all)
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": []}]

    response = bad_request(rf.get("/simulator/"), SuspiciousOperation())

    assert response.status_code == 400
    assert "リクエストを処理できませんでした" in response.content.decode()


@override_settings(DEBUG=True)
def test_the_simulator_page_answers_400_with_debug_on_too(region_pack):
    response = Client(raise_request_exception=False).get(f"/simulator/?{TOO_MANY}")

    assert response.status_code == 400
    assert "リクエストを処理できませんでした" in response.content.decode()
