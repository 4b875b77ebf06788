"""The public results page: public once announced
(:func:`~duallife.drafts.permissions.results.results_access`; the organiser previews it before),
nominated players by display name only where they agreed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from duallife.core.audience import PUBLIC, audience

from ..permissions.events import get_event
from ..permissions.results import results_access
from ..selectors.results import event_results


@require_GET
@audience(PUBLIC)
def results(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    access = results_access(request.user, event)
    context = {
        "event": event,
        "access": access,
        "teams": event_results(event) if access.visible else [],
    }
    return render(request, "drafts/results/results.html", context)


urlpatterns = [
    path("<id:pk>/results/", results, name="results"),
]
