"""Player pages: entering an event as a player, editing the entry, withdrawing, and the players'
list the organiser and the teams read."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, OWN, audience
from duallife.engagements.permissions import talent_of
from duallife.organizations.views import forbidden

from ..errors import DraftError
from ..forms.players import EntryForm
from ..permissions.events import get_event, organizes
from ..permissions.players import entry_refusal, pitch_change_refusal, player_of, withdrawal_refusal
from ..permissions.teams import teams_of
from ..selectors.players import players_of, withdrawal_preview
from ..services.players import player_enter, player_entry_update, player_withdraw
from .common import data, login


@require_http_methods(["GET", "POST"])
@audience(talent=ALL)
def event_enter(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return login(request)
    talent = talent_of(request.user)
    if talent is None:
        return forbidden(
            request,
            _(
                "選手としてエントリーできるのは、人材プロフィールを登録した方です。マイページからプロフィールを作成してください。"
            ),
        )
    if player_of(request.user, event) is not None:
        messages.info(request, _("このドラフト会議には、すでにエントリーしています。"))
        return redirect("drafts:entry_edit", pk=event.pk)
    refusal = entry_refusal(event)
    form = EntryForm(data(request))
    context = {"event": event, "form": form, "is_open": refusal is None}
    if request.method == "POST":
        if refusal:
            form.is_valid()
            form.add_error(None, refusal)
        elif form.is_valid():
            try:
                player_enter(
                    event=event,
                    talent=talent,
                    pitch=form.cleaned_data["pitch"],
                    name_public=form.cleaned_data["name_public"],
                )
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("「%(name)s」にエントリーしました。") % {"name": event.name})
                return redirect("drafts:detail", pk=event.pk)
        return render(request, "drafts/events/enter.html", context, status=400)
    return render(request, "drafts/events/enter.html", context)


@require_http_methods(["GET", "POST"])
@audience(talent=OWN)
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return login(request)
    player = player_of(request.user, event)
    if player is None:
        return forbidden(request, _("このページを使えるのは、このドラフト会議にエントリーした本人だけです。"))
    pitch_locked = pitch_change_refusal(event) is not None
    form = EntryForm(
        data(request),
        initial={"pitch": player.pitch, "name_public": player.name_public},
        pitch_locked=pitch_locked,
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                player_entry_update(
                    player=player,
                    by=request.user,
                    pitch=form.cleaned_data.get("pitch"),
                    name_public=form.cleaned_data["name_public"],
                )
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("エントリーの内容を保存しました。"))
                return redirect("drafts:entry_edit", pk=event.pk)
        status = 400
    else:
        status = 200
    context = {"event": event, "player": player, "form": form, "pitch_locked": pitch_locked}
    return render(request, "drafts/events/entry_edit.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@audience(talent=OWN)
def withdraw(request: HttpRequest, pk) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return login(request)
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
        "refusal": withdrawal_refusal(player, event=event),
        "preview": withdrawal_preview(player),
        "error": error,
        "entry_url": reverse("drafts:entry_edit", args=[event.pk]),
    }
    return render(request, "drafts/manage/withdraw.html", context, status=status)


@require_GET
@personal_data_view
@audience(company=OWN, coordinator=OWN, operator=ALL, personal_data=True)
def players(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    is_organizer = organizes(request.user, event)
    my_teams = list(teams_of(request.user, event).order_by("organization__name", "pk"))
    if not (is_organizer or my_teams):
        return forbidden(request, _("選手の一覧を見られるのは、このドラフト会議の主催者とチームだけです。"))
    context = {
        "event": event,
        "players": players_of(event),
        "my_teams": my_teams,
        "is_organizer": is_organizer,
    }
    return render(request, "drafts/events/players.html", context)


urlpatterns = [
    path("<id:pk>/enter/", event_enter, name="enter"),
    path("<id:pk>/entry/", entry_edit, name="entry_edit"),
    path("<id:pk>/withdraw/", withdraw, name="withdraw"),
    path("<id:pk>/players/", players, name="players"),
]
