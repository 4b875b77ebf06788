"""Every URL with an id answers 404 (or sends an anonymous reader to sign in) for an id that is
not one — ``0``, ``-1``, ``abc``, a number beyond a bigint — and never 500."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from duallife.core.errors import NotFoundError
from duallife.core.ids import MAX_ID, is_id, parse_id

GARBAGE = ("0", "-1", "abc", "99999999999999999999999", str(MAX_ID + 1))
#: The converters of an id: ours, and Django's in a library's URLs (allauth's security keys).
ID_PARAMETERS = {"id", "int"}
#: What an id parameter is called; slugs, codes, tokens and file parts are named otherwise.
ID_NAME = re.compile(r"pk|number|\w+_pk|\w+_id")
_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            route = prefix + pattern.pattern.language_prefix
        else:
            route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def _ours(pattern: URLPattern) -> bool:
    callback = pattern.callback
    return getattr(callback, "view_class", callback).__module__.startswith("duallife.")


def _is_id(match) -> bool:
    """A page's id is ``<id:...>``; the API's path parameters are ``<name_id>`` (typed and
    bounded by the endpoint's signature)."""
    return match["converter"] in ID_PARAMETERS or (
        match["converter"] is None and match["name"].endswith("_id")
    )


def id_routes(*, api: bool) -> list[tuple[str, bool]]:
    """The page (or API) routes with at least one id parameter (the admin's own excepted), each
    with whether the project's own code answers it (else a library's: allauth)."""
    return sorted(
        {
            (route, _ours(pattern))
            for route, pattern in _routes(get_resolver().url_patterns)
            if not route.startswith(("admin/", "^admin/"))
            and route.startswith("api/") == api
            and any(_is_id(m) for m in _PARAMETER.finditer(route))
        }
    )


def _urls_with(route: str, garbage: str) -> list[str]:
    """``route`` with ``garbage`` in each id position in turn (the other ids set to ``1``), and
    every other parameter set to a plausible value."""
    parameters = list(_PARAMETER.finditer(route))
    urls = []
    for position, target in enumerate(parameters):
        if not _is_id(target):
            continue
        url, last = "", 0
        for index, match in enumerate(parameters):
            is_target = index == position
            value = "x" if not _is_id(match) else garbage if is_target else "1"
            url += route[last : match.start()] + value
            last = match.end()
        urls.append("/" + url + route[last:])
    return urls


@pytest.fixture
def readers(django_user_model) -> dict[bool, Client]:
    """Who asks, by whether they are signed in: a visitor, and a person with no role."""
    user = django_user_model.objects.create_user(username="reader", email="reader@example.com", password="x")
    signed_in = Client()
    signed_in.force_login(user)
    return {False: Client(), True: signed_in}


def test_our_pages_read_ids_with_the_id_converter():
    """A page's id is ``<id:...>``: never ``<str:...>`` (read by hand in the view) nor Django's
    ``<int:...>`` (which lets a number beyond a bigint reach the database)."""
    loose = sorted(
        {
            route
            for route, pattern in _routes(get_resolver().url_patterns)
            if _ours(pattern) and not route.startswith(("admin/", "api/"))
            for match in _PARAMETER.finditer(route)
            if match["converter"] == "int"
            or (match["converter"] != "id" and ID_NAME.fullmatch(match["name"]))
        }
    )
    assert loose == []


def test_routes_with_ids_are_found():
    assert len(id_routes(api=False)) > 40
    assert len(id_routes(api=True)) > 20


@pytest.mark.django_db
@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_ids_are_not_found_for_anyone(readers, garbage):
    failures = []
    for route, ours in id_routes(api=False):
        for url in _urls_with(route, garbage):
            for signed_in, client in readers.items():
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    anonymous_to_login = (
                        not signed_in
                        and response.status_code == 302
                        and "/accounts/login/" in response["Location"]
                    )
                    # a library's page (allauth's security keys) may ask to sign in again; ours say 404
                    refused = response.status_code in (404, 405) or (not ours and response.status_code < 500)
                    if not refused and not anonymous_to_login:
                        failures.append((method, url, signed_in, response.status_code))
    assert failures == []


@pytest.mark.parametrize(
    "value", [0, -1, "abc", "1.5", 1.0, 10**30, MAX_ID + 1, None, True, "", " ", " 42", "١٢", "²"]
)
def test_parse_id_refuses_what_is_not_an_id(value):
    assert not is_id(value)
    with pytest.raises(NotFoundError, match="ありません"):
        parse_id(value, not_found="ありません")


@pytest.mark.parametrize("value", [1, "1", "42", MAX_ID, str(MAX_ID)])
def test_parse_id_reads_ids(value):
    assert parse_id(value, not_found="ありません") == int(value)


@pytest.mark.django_db
@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_ids_in_the_api_are_refused_without_an_error(readers, garbage):
    """The API answers 4xx (401 to a stranger, 404 or a validation error to a user), never 500."""
    failures = []
    for route, _ in id_routes(api=True):
        for url in _urls_with(route, garbage):
            for signed_in, client in readers.items():
                for method in ("get", "post", "patch", "delete"):
                    response = getattr(client, method)(url, content_type="application/json")
                    if not 400 <= response.status_code < 500:
                        failures.append((method, url, signed_in, response.status_code))
    assert failures == []
