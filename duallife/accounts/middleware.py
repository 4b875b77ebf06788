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
    """After a signed-in person opens a page, keep its language as theirs (for emails).

    One ``UPDATE`` only when it changed; API calls and other non-page responses leave it alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        language = getattr(request, "LANGUAGE_CODE", "")
        if (
            request.method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and user is not None
            and user.is_authenticated
            and language in dict(settings.LANGUAGES)
            and user.language != language
        ):
            get_user_model().objects.filter(pk=user.pk).update(language=language)
            user.language = language
        return response
