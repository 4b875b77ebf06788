"""Changing what was created: the organiser edits the event (``edit``), edits or cancels a camp
(``camp_edit``, ``camp_delete``), and a player withdraws from the draft (``withdraw``).

Thin: access through :mod:`.permissions` / :mod:`.permissions_camps`, one service per write
(:mod:`.services_manage`, :mod:`.services_camps`), whose :class:`~.services.DraftError` becomes a
form error or the page's message (status 400, nothing saved). Anonymous users are sent to log in;
people without the role get a 403 saying who may; ids outside the event are 404. Deleting is a
confirmation page first, then a POST.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duallife.organizations.views import forbidden

from .forms_camps import CampForm
from .forms_manage import EventEditForm, camp_initial
from .models import CampRegistration, DraftRun
from .permissions import get_event, organizes, player_of
from .permissions_camps import get_camp
from .services import DraftError
from .services_camps import CampInputError, camp_delete, camp_update
from .services_manage import draft_event_update, player_withdraw, withdraw_refusal, withdrawal_preview

GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


# --- the event ------------------------------------------------------------------------------------


@GET_POST
def event_edit(request: HttpRequest, pk) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return _login(request)
    if not organizes(request.user, event):
        return forbidden(request, _("ドラフト会議を編集できるのは、主催する機関のメンバーと事務局です。"))
    solved = DraftRun.objects.filter(event=event).exists()
    form = EventEditForm(request.POST if request.method == "POST" else None, event=event, solved=solved)
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
        "deadline_passed": timezone.now() >= event.preferences_deadline,
    }
    return render(request, "drafts/manage/event_edit.html", context, status=status)


# --- camps ----------------------------------------------------------------------------------------


def _camp_or_refusal(request: HttpRequest, pk, camp_pk, message: str):
    """(event, camp, None) for the organiser; (…, a response) for anyone else."""
    event = get_event(pk)
    camp = get_camp(event, camp_pk)
    if not request.user.is_authenticated:
        return event, camp, _login(request)
    if not organizes(request.user, event):
        return event, camp, forbidden(request, message)
    return event, camp, None


@GET_POST
def camp_edit(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event, camp, refusal = _camp_or_refusal(
        request, pk, camp_pk, _("合宿を変更できるのは、このドラフト会議の主催者と事務局です。")
    )
    if refusal is not None:
        return refusal
    started = timezone.now() >= camp.starts_at
    status = 200
    error = ""
    form = CampForm(request.POST if request.method == "POST" else None, initial=camp_initial(camp))
    if request.method == "POST":
        if started:
            error = _("始まった合宿は変更できません。")
        elif form.is_valid():
            try:
                camp = camp_update(camp=camp, by=request.user, **form.cleaned_data)
            except CampInputError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("合宿「%(title)s」を保存しました。") % {"title": camp.title})
                return redirect("drafts:camp", pk=event.pk, camp_pk=camp.pk)
        status = 400
    context = {
        "event": event,
        "camp": camp,
        "form": form,
        "has_errors": bool(form.errors),
        "started": started,
        "error": error,
        "registered": CampRegistration.objects.filter(camp=camp).count(),
    }
    return render(request, "drafts/manage/camp_edit.html", context, status=status)


@GET_POST
def camp_delete_view(request: HttpRequest, pk, camp_pk) -> HttpResponse:
    event, camp, refusal = _camp_or_refusal(
        request, pk, camp_pk, _("合宿を中止できるのは、このドラフト会議の主催者と事務局です。")
    )
    if refusal is not None:
        return refusal
    status = 200
    error = ""
    if request.method == "POST":
        title = camp.title
        try:
            told = camp_delete(camp=camp, by=request.user)
        except DraftError as exc:
            error, status = exc.message, 400
        else:
            messages.success(
                request,
                _("合宿「%(title)s」を中止しました。参加登録していた%(count)d人にお知らせしました。")
                % {"title": title, "count": told},
            )
            return redirect("drafts:detail", pk=event.pk)
    context = {
        "event": event,
        "camp": camp,
        "started": timezone.now() >= camp.starts_at,
        "registered": CampRegistration.objects.filter(camp=camp).count(),
        "error": error,
    }
    return render(request, "drafts/manage/camp_delete.html", context, status=status)


# --- a player withdraws ---------------------------------------------------------------------------


@GET_POST
def withdraw(request: HttpRequest, pk) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return _login(request)
    player = player_of(request.user, event)
    if player is None:
        return forbidden(
            request, _("エントリーを取り消せるのは、このドラフト会議にエントリーした本人だけです。")
        )
    status = 200
    error = ""
    if request.method == "POST":
        try:
            player_withdraw(player=player, by=request.user)
        except DraftError as exc:
            error, status = exc.message, 400
        else:
            messages.success(
                request, _("「%(name)s」へのエントリーを取り消しました。") % {"name": event.name}
            )
            return redirect("drafts:detail", pk=event.pk)
    context = {
        "event": event,
        "player": player,
        "refusal": withdraw_refusal(player, event=event),
        "preview": withdrawal_preview(player),
        "error": error,
        "entry_url": reverse("drafts:entry_edit", args=[event.pk]),
    }
    return render(request, "drafts/manage/withdraw.html", context, status=status)


urlpatterns = [
    path("<int:pk>/edit/", event_edit, name="edit"),
    path("<int:pk>/camps/<int:camp_pk>/edit/", camp_edit, name="camp_edit"),
    path("<int:pk>/camps/<int:camp_pk>/delete/", camp_delete_view, name="camp_delete"),
    path("<int:pk>/withdraw/", withdraw, name="withdraw"),
]
