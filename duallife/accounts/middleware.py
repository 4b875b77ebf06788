"""Guard the admin (a staff-role user without MFA is sent to set it up first), and remember the
language a signed-in person reads the site in, for their emails."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from .mfa import mfa_setup_required, redirect_to_mfa_setup


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        guarded = (
            "admin" in match.namespaces
            or getattr(view_func, "personal_data", False)
            or getattr(getattr(view_func, "view_class", None), "personal_data", False)
        )
        if guarded and mfa_setup_required(user):
            return redirect_to_mfa_setup(request)
        return None


class RememberLanguageMiddleware:
    """Keep the language a signed-in person uses the site in as theirs (for their emails).

    Only on what they send (a POST: logging in, a form, the language switch), never on a GET:
    opening a page changes nothing. One ``UPDATE``, and only when the language changed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "POST" or response.status_code >= 400:
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "set_language":
            language = request.POST.get("language", "")
        else:
            language = getattr(request, "LANGUAGE_CODE", "")
        if language in dict(settings.LANGUAGES) and user.language != language:
            get_user_model().objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return response
