"""Middleware of the whole site: the language of JSON API answers, and malformed requests.

Pages carry their language in the path (``/en/…``); the API's paths (``/api/v1/…``) do not, and
Django's ``LocaleMiddleware`` gives every path without a prefix the default language. An API
client says which language it reads with ``Accept-Language`` (or the site's language cookie), so
for ``/api/`` the language is taken from the request instead.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http.multipartparser import MultiPartParserError
from django.utils import translation

from .views import bad_request

API_PREFIX = "/api/"
#: What a malformed request raises while it is read.
MALFORMED = (MultiPartParserError, SuspiciousOperation, BadRequest)
security_logger = logging.getLogger("django.security.MalformedRequest")


class ApiLanguageMiddleware:
    """After ``LocaleMiddleware``: API requests get the language they ask for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class MalformedRequestMiddleware:
    """Requests no page can have asked for answer 400 quickly, in every setting.

    More query parameters than a form may send (``DATA_UPLOAD_MAX_NUMBER_FIELDS``; Django counts
    them for a POST only) and a NUL character in an API query are refused before any view parses
    them. A body Django refuses while a view reads it (multipart without a boundary, too many
    fields or files, a bad file name) is a 400 page, or the API's JSON error on ``/api/`` paths,
    also with ``DEBUG`` on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query and query.count("&") + 1 > settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:
            security_logger.warning("refused %s: %d query parameters", request.path, query.count("&") + 1)
            return bad_request(request, None)
        if request.path.startswith("/api/") and ("%00" in query or "\x00" in query):
            # The API's parameters reach the database as they are, and PostgreSQL cannot compare
            # with a NUL (pages read theirs through forms, which refuse it with a message).
            security_logger.warning("refused %s: a NUL character in the query", request.path)
            return bad_request(request, None)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MALFORMED):
            security_logger.warning("refused %s: %s", request.path, exception)
            return bad_request(request, exception)
        return None


class PermissionsPolicyMiddleware:
    """Every response says which browser features the site's pages may use
    (``settings.PERMISSIONS_POLICY``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
