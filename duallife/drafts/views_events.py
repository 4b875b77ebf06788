"""The draft's event pages: the list, creating an event, the event page (the hub linking to every
page a viewer may use), team pages, joining as a team, entering as a player, and the players' list.

Thin: access through :mod:`.permissions` / :mod:`.permissions_events`, reads through
:mod:`.selectors_events`, one service per write (:mod:`.services`, :mod:`.services_teams`), whose
:class:`~.services.DraftError` becomes a form error (status 400, nothing saved). Anonymous users
are sent to log in for private pages; people without the role get a 403 saying who may; ids
outside the event are 404. Players are shown by display name and what they wrote for the draft,
never by real name or contact details.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duallife.accounts.mfa import personal_data_view
from duallife.engagements.permissions import talent_of
from duallife.organizations.permissions import memberships
from duallife.organizations.views import forbidden

from . import selectors_events as selectors
from .forms_events import EntryForm, EventForm, TeamEditForm, TeamJoinForm
from .membership import leads, partner_candidates
from .models import DraftRun
from .permissions import get_event, get_team, organizes, player_of, teams_of
from .permissions_events import (
    can_edit_team,
    joinable_organizations,
    may_create_events,
    organizer_choices,
    team_organizations,
)
from .services import DraftError, draft_event_create
from .services_teams import (
    draft_team_enter,
    draft_team_partner_leave,
    draft_team_update,
    player_entry_create,
    player_entry_update,
)

GET_POST = require_http_methods(["GET", "POST"])


def _login(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    current, past = selectors.event_list()
    context = {"current": current, "past": past, "may_create": may_create_events(request.user)}
    return render(request, "drafts/events/list.html", context)


@GET_POST
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _login(request)
    organizers = organizer_choices(request.user)
    if not organizers.exists():
        return forbidden(
            request,
            _("ドラフト会議をつくれるのは、自治体・支援機関のメンバーと事務局です。"),
        )
    form = EventForm(_data(request), organizers=organizers)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                event = draft_event_create(
                    by=request.user, organizer=data["organizer"], **form.event_fields()
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
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    hub = selectors.event_hub(event, request.user)
    return render(request, "drafts/events/detail.html", {"event": event, "hub": hub, "viewer": hub.viewer})


@GET_POST
def event_enter(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return _login(request)
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
    is_open = selectors.entry_open(event)
    form = EntryForm(_data(request))
    context = {"event": event, "form": form, "is_open": is_open}
    if request.method == "POST":
        if not is_open:
            form.is_valid()
            form.add_error(None, _("エントリーの受付期間ではありません。"))
        elif form.is_valid():
            try:
                player_entry_create(
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


@GET_POST
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return _login(request)
    player = player_of(request.user, event)
    if player is None:
        return forbidden(request, _("このページを使えるのは、このドラフト会議にエントリーした本人だけです。"))
    pitch_locked = not selectors.preferences_open(event)
    form = EntryForm(
        _data(request),
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


@GET_POST
def team_join(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return _login(request)
    if not team_organizations(request.user).exists():
        return forbidden(
            request,
            _("チームとして参加できるのは、自治体・支援機関と企業のメンバーです。"),
        )
    joinable = joinable_organizations(request.user, event)
    is_open = selectors.preferences_open(event)
    form = TeamJoinForm(_data(request), organizations=joinable)
    context = {
        "event": event,
        "form": form,
        "is_open": is_open,
        "has_joinable": joinable.exists(),
        "my_teams": list(teams_of(request.user, event).order_by("organization__name", "pk")),
    }
    if request.method == "POST":
        if not is_open:
            form.is_valid()
            form.add_error(None, _("希望リストの締切を過ぎたため、チームとして参加できません。"))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                team = draft_team_enter(
                    event=event,
                    organization=data["organization"],
                    by=request.user,
                    strategy=data["strategy"],
                    wants=data["wants"],
                    life=data["life"],
                )
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("%(org)sがチームとして参加しました。") % {"org": team.organization.name},
                )
                return redirect("drafts:team", pk=event.pk, team_pk=team.pk)
        return render(request, "drafts/events/join.html", context, status=400)
    return render(request, "drafts/events/join.html", context)


@require_GET
def team_detail(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    event = get_event(pk)
    team = get_team(event, team_pk)
    context = {
        "event": event,
        "page": selectors.team_page(team),
        "team": team,
        "can_edit": can_edit_team(request.user, team),
        "partners": list(team.partners.order_by("name")),
        "my_partner_seat": request.user.is_authenticated
        and team.partners.filter(pk__in=memberships(request.user).values("organization_id")).exists()
        and selectors.preferences_open(event),
    }
    return render(request, "drafts/events/team.html", context)


@GET_POST
def team_edit(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    event = get_event(pk)
    team = get_team(event, team_pk)
    if not request.user.is_authenticated:
        return _login(request)
    if not can_edit_team(request.user, team):
        return forbidden(request, _("チームのページを編集できるのは、その機関のメンバーと主催者だけです。"))
    may_choose_partners = (leads(request.user, team) or organizes(request.user, event)) and (
        selectors.preferences_open(event)
    )
    form = TeamEditForm(
        _data(request),
        initial={
            "strategy": team.strategy,
            "wants": team.wants,
            "life": team.life,
            "partners": list(team.partners.values_list("pk", flat=True)),
            "capacity": team.capacity,
        },
        candidates=partner_candidates(team) if may_choose_partners else None,
        capacity_editable=organizes(request.user, event)
        and not DraftRun.objects.filter(event=event).exists(),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                draft_team_update(team=team, by=request.user, **form.cleaned_data)
            except DraftError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("チームのページを保存しました。"))
                return redirect("drafts:team", pk=event.pk, team_pk=team.pk)
        status = 400
    context = {"event": event, "team": team, "form": form, "partners": team.partners.order_by("name")}
    return render(request, "drafts/events/team_edit.html", context, status=status)


@require_GET
@personal_data_view
def players(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    is_organizer = organizes(request.user, event)
    my_teams = list(teams_of(request.user, event).order_by("organization__name", "pk"))
    if not (is_organizer or my_teams):
        return forbidden(request, _("選手の一覧を見られるのは、このドラフト会議の主催者とチームだけです。"))
    context = {
        "event": event,
        "players": selectors.players_of(event),
        "my_teams": my_teams,
        "is_organizer": is_organizer,
    }
    return render(request, "drafts/events/players.html", context)


@require_POST
def team_leave(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    """The partner companies the user is a member of leave the consortium (one transaction)."""
    event = get_event(pk)
    team = get_team(event, team_pk)
    if not request.user.is_authenticated:
        return _login(request)
    if not team.partners.filter(pk__in=memberships(request.user).values("organization_id")).exists():
        return forbidden(request, _("コンソーシアムから抜けられるのは、参加企業のメンバーだけです。"))
    try:
        draft_team_partner_leave(team=team, by=request.user)
    except DraftError as exc:
        messages.error(request, exc.message)
        return redirect("drafts:team", pk=event.pk, team_pk=team.pk)
    messages.success(request, _("コンソーシアムから抜けました。"))
    return redirect("drafts:detail", pk=event.pk)


urlpatterns = [
    path("", event_list, name="list"),
    path("new/", event_create, name="create"),
    path("<int:pk>/", event_detail, name="detail"),
    path("<int:pk>/enter/", event_enter, name="enter"),
    path("<int:pk>/entry/", entry_edit, name="entry_edit"),
    path("<int:pk>/join/", team_join, name="join"),
    path("<int:pk>/teams/<int:team_pk>/", team_detail, name="team"),
    path("<int:pk>/teams/<int:team_pk>/edit/", team_edit, name="team_edit"),
    path("<int:pk>/teams/<int:team_pk>/leave/", team_leave, name="team_leave"),
    path("<int:pk>/players/", players, name="players"),
]
