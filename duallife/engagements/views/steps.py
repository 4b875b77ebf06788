"""One POST step on an application, shared by the pages that take one (applications, contracts)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ..errors import EngagementError
from ..permissions import get_application_for_user


def back_to_application(pk) -> HttpResponse:
    return redirect("engagements:application_detail", pk)


def report_errors(request: HttpRequest, form) -> None:
    """Every error of ``form`` as a message on the next page."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def application_step(request: HttpRequest, pk, build_form, action) -> HttpResponse:
    """One POST step on an application: load it (404 for others), build its form with
    ``build_form(data, application)`` and validate it, call ``action(application, data)`` — a
    service call returning ``(level, message)`` for the user — and go back to the application
    page with that message, or with the refusal."""
    application, _side = get_application_for_user(request.user, pk)
    form = build_form(request.POST, application)
    if not form.is_valid():
        report_errors(request, form)
        return back_to_application(application.pk)
    try:
        level, text = action(application, form.cleaned_data)
    except EngagementError as exc:
        messages.error(request, exc.message)
    else:
        messages.add_message(request, level, text)
    return back_to_application(application.pk)
