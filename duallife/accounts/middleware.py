"""Guard the admin: a staff-role user without MFA is sent to set it up first."""

from __future__ import annotations

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
