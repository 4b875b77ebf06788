"""Agreement to new terms of use, asked at the first log-in after they are published.

At each log-in (``user_logged_in``) the session notes whether the terms in force wait for the
person's agreement; while it does, :class:`TermsConsentMiddleware` sends them to the agreement
page first. A version published during a session is asked at the next log-in, not in the middle
of what the person is doing.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .selectors import terms_due

#: The session key that says the person still has to agree to the terms in force.
TERMS_DUE = "terms_due"
#: Where a person who owes an agreement may still go: the agreement page, the texts it links to,
#: logging out, the language switch and the health checks (and the API, which answers JSON).
TERMS_FREE_VIEWS = frozenset(
    {
        "content:terms_agree",
        "content:terms",
        "content:privacy",
        "content:version",
        "content:history",
        "account_logout",
        "set_language",
        "healthz",
        "readyz",
    }
)


def note_terms_due_at_login(sender, request, user, **kwargs) -> None:
    """Receiver of ``user_logged_in``."""
    if request is not None and hasattr(request, "session") and terms_due(user) is not None:
        request.session[TERMS_DUE] = True


class TermsConsentMiddleware:
    """Send a person who owes an agreement to the new terms to ``content:terms_agree`` first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        session = getattr(request, "session", None)
        if session is None or not session.get(TERMS_DUE):
            return None
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if user is None or not user.is_authenticated or match is None:
            return None
        if match.view_name in TERMS_FREE_VIEWS or "api-v1" in match.namespaces:
            return None
        url = reverse("content:terms_agree")
        if request.method in ("GET", "HEAD"):
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponse(status=204, headers={"HX-Redirect": url})
        return HttpResponseRedirect(url)
