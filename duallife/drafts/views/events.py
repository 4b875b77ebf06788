"""The event pages: the list, creating an event, the event page (the hub linking to every page a
viewer may use) and the organiser's edit of the event."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from duallife.core.audience import ALL, OWN, PUBLIC, audience
from duallife.core.paging import page_of
from duallife.organizations.views import forbidden

from ..errors import DraftError
from ..forms.events import EventEditForm, EventForm
from ..permissions.events import get_event, may_create_events, organizer_choices, organizes, preferences_open
from ..selectors.events import event_hub
from ..selectors.events import event_list as events_listed
from ..selectors.runs import has_runs
from ..services.events import draft_event_create, draft_event_update
from .common import data, login

#: Finished draft meetings on a page of the list (their cards are tall on a phone).
PAST_PER_PAGE = 10


@require_GET
@audience(PUBLIC)
def event_list(request: HttpRequest) -> HttpResponse:
    current, past = events_listed()
    past_page = page_of(request, past, per_page=PAST_PER_PAGE)
    context = {
        "current": current,
        "past": past_page.object_list,
        "page": past_page,
        "may_create": may_create_events(request.user),
    }
    return render(request, "drafts/events/list.html", context)


@require_http_methods(["GET", "POST"])
@audience(coordinator=ALL, operator=ALL)
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return login(request)
    organizers = organizer_choices(request.user)
    if not organizers.exists():
        return forbidden(
            request,
            _("ドラフト会議をつくれるのは、自治体・支援機関のメンバーと事務局です。"),
        )
    form = EventForm(data(request), organizers=organizers)
    if request.method == "POST":
        if form.is_valid():
            try:
                event = draft_event_create(
                    by=request.user, organizer=form.cleaned_data["organizer"], **form.event_fields()
                )
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("ドラフト会議「%(name)s」をつくりました。") % {"name": event.name}
                )
                return redirect("drafts:detail", pk=event.pk)
        return render(request, "drafts/events/create.html", {"form": form}, status=400)
    return render(request, "drafts/events/create.html", {"form": form})


@require_GET
@audience(PUBLIC)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    hub = event_hub(event, request.user)
    return render(request, "drafts/events/detail.html", {"event": event, "hub": hub, "viewer": hub.viewer})


@require_http_methods(["GET", "HEAD", "POST"])
@audience(coordinator=OWN, operator=ALL)
def event_edit(request: HttpRequest, pk) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return login(request)
    if not organizes(request.user, event):
        return forbidden(request, _("ドラフト会議を編集できるのは、主催する機関のメンバーと事務局です。"))
    solved = has_runs(event)
    form = EventEditForm(data(request), event=event, solved=solved)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = draft_event_update(event=event, by=request.user, **form.event_fields())
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("ドラフト会議「%(name)s」を保存しました。") % {"name": event.name}
                )
                return redirect("drafts:detail", pk=event.pk)
        status = 400
    context = {
        "event": event,
        "form": form,
        "solved": solved,
        "deadline_passed": not preferences_open(event),
    }
    return render(request, "drafts/manage/event_edit.html", context, status=status)


urlpatterns = [
    path("", event_list, name="list"),
    path("new/", event_create, name="create"),
    path("<id:pk>/", event_detail, name="detail"),
    path("<id:pk>/edit/", event_edit, name="edit"),
]
