"""The language of JSON API answers.

Pages carry their language in the path (``/en/…``); the API's paths (``/api/v1/…``) do not, and
Django's ``LocaleMiddleware`` gives every path without a prefix the default language. An API
client says which language it reads with ``Accept-Language`` (or the site's language cookie), so
for ``/api/`` the language is taken from the request instead.
"""

from __future__ import annotations

from django.utils import translation

API_PREFIX = "/api/"


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
