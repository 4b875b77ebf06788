"""Requests no page asked for answer 400 quickly, with DEBUG on and off: a multipart body without
a boundary or with an over-long file name, more fields than a form may have, a thousand repeated
query parameters. On /api/ paths the answer is the API's JSON error; never a 500 or a traceback."""

from __future__ import annotations

import re
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from duallife.api import api
from duallife.testing.accounts import make_user

pytestmark = pytest.mark.django_db

BOUNDARY = "----duallife"
TOO_MANY = 1_001


def multipart_with_long_filename() -> tuple[bytes, str]:
    body = (
        f"--{BOUNDARY}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{"a" * 5000}.{"x" * 5000}"\r\n'
        "Content-Type: text/plain\r\n\r\nhello\r\n"
        f"--{BOUNDARY}--\r\n"
    ).encode()
    return body, f"multipart/form-data; boundary={BOUNDARY}"


MALFORMED_BODIES = {
    "multipart without a boundary": (b"--x\r\nhello\r\n", "multipart/form-data"),
    "an over-long file name": multipart_with_long_filename(),
    "too many fields": (
        "&".join(f"f{i}=1" for i in range(TOO_MANY)).encode(),
        "application/x-www-form-urlencoded",
    ),
}


def write_operations() -> list[str]:
    """A path of every API operation that takes a body, ids filled in with 1."""
    paths = []
    for path, item in api.get_openapi_schema()["paths"].items():
        if {"post", "put", "patch"} & set(item):
            paths.append(re.sub(r"\{[^}]+\}", "1", path))
    return sorted(set(paths))


@pytest.fixture
def signed_in(client):
    client.force_login(make_user("reader"))
    return client


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("case", sorted(MALFORMED_BODIES))
def test_the_api_answers_malformed_bodies_with_its_json_error(signed_in, case, debug):
    """Every operation that takes a body: never a 500, and a refusal in the API's shape (one that
    reads no body may simply answer)."""
    body, content_type = MALFORMED_BODIES[case]
    problems = []
    with override_settings(DEBUG=debug):
        for path in write_operations():
            for method in ("post", "put", "patch"):
                response = getattr(signed_in, method)(path, data=body, content_type=content_type)
                if response.status_code >= 500:
                    problems.append((method, path, response.status_code))
                elif 400 <= response.status_code != 405 and "detail" not in response.json():
                    problems.append((method, path, "not the API's error shape"))
    assert problems == []


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("case", sorted(MALFORMED_BODIES))
def test_a_message_with_a_malformed_body_is_refused_with_400(signed_in, case, debug):
    """The message endpoint reads multipart: each malformed body is a 400 in the API's shape."""
    body, content_type = MALFORMED_BODIES[case]
    with override_settings(DEBUG=debug):
        response = signed_in.post("/api/v1/my/applications/1/messages", data=body, content_type=content_type)
    assert response.status_code == 400, response.content[:300]
    assert response.json()["errors"] == []


@pytest.mark.parametrize("debug", [True, False])
def test_a_page_answers_a_multipart_body_without_a_boundary_with_400(signed_in, debug):
    with override_settings(DEBUG=debug):
        response = signed_in.post(
            reverse("talents:profile_edit"), data=b"--x\r\nhello", content_type="multipart/form-data"
        )
    assert response.status_code == 400


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("path", ["/sheets/", "/talents/", "/regions/", "/api/v1/sheets"])
def test_a_thousand_repeated_query_parameters_are_refused_at_once(signed_in, path, debug):
    query = "&".join(["themes=1"] * TOO_MANY)
    with override_settings(DEBUG=debug):
        started = time.perf_counter()
        response = signed_in.get(f"{path}?{query}")
        elapsed = time.perf_counter() - started
    assert response.status_code == 400
    assert elapsed < 1.0  # refused before any form reads them
    if path.startswith("/api/"):
        assert response.json()["errors"] == []
        assert "パラメータ" in response.json()["detail"]


def test_a_thousand_parameters_is_still_fine(signed_in):
    query = "&".join(["themes=1"] * (TOO_MANY - 1))
    assert signed_in.get(f"/sheets/?{query}").status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v1/sheets?q=a%00b", "/api/v1/organizations/x?y=%00", "/api/v1/my/scouts?status=%00"]
)
def test_a_nul_character_in_an_api_query_is_refused_before_the_database_sees_it(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 400
    assert response.json()["errors"] == []


def test_a_nul_character_in_a_page_query_is_explained_by_its_form(signed_in):
    response = signed_in.get("/sheets/?q=a%00b")
    assert response.status_code == 200
