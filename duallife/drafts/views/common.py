"""Small helpers the draft's page modules share."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def login(request: HttpRequest) -> HttpResponse:
    """Off to the login page, back here afterwards."""
    return redirect_to_login(request.get_full_path())


def data(request: HttpRequest):
    """What a form is bound to: the POST body, or nothing on GET."""
    return request.POST if request.method == "POST" else None
