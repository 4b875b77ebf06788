"""Team pages: joining an event as a team, a team's page, editing it (texts, the consortium's
partners, the team's own number of places), and a partner company leaving the consortium."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from duallife.core.audience import ALL, OWN, PUBLIC, audience
from duallife.organizations.views import forbidden

from ..errors import DraftError
from ..forms.teams import TeamEditForm, TeamJoinForm
from ..permissions.events import get_event
from ..permissions.teams import (
    can_edit_team,
    capacity_change_refusal,
    get_team,
    is_partner_member,
    joinable_organizations,
    partner_leave_refusal,
    partners_change_refusal,
    team_join_refusal,
    team_organizations,
    teams_of,
)
from ..selectors.teams import partner_candidates, team_page
from ..services.teams import draft_team_join, draft_team_partner_leave, draft_team_update
from .common import data, login


@require_http_methods(["GET", "POST"])
@audience(company=ALL, coordinator=ALL)
def team_join(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(pk)
    if not request.user.is_authenticated:
        return login(request)
    if not team_organizations(request.user).exists():
        return forbidden(
            request,
            _("チームとして参加できるのは、自治体・支援機関と企業のメンバーです。"),
        )
    joinable = joinable_organizations(request.user, event)
    refusal = team_join_refusal(request.user, event)
    form = TeamJoinForm(data(request), organizations=joinable)
    context = {
        "event": event,
        "form": form,
        "is_open": refusal is None,
        "has_joinable": joinable.exists(),
        "my_teams": list(teams_of(request.user, event).order_by("organization__name", "pk")),
    }
    if request.method == "POST":
        if refusal:
            form.is_valid()
            form.add_error(None, refusal)
        elif form.is_valid():
            cleaned = form.cleaned_data
            try:
                team = draft_team_join(
                    event=event,
                    organization=cleaned["organization"],
                    by=request.user,
                    strategy=cleaned["strategy"],
                    wants=cleaned["wants"],
                    life=cleaned["life"],
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
@audience(PUBLIC)
def team_detail(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    event = get_event(pk)
    team = get_team(event, team_pk)
    context = {
        "event": event,
        "page": team_page(team),
        "team": team,
        "can_edit": can_edit_team(request.user, team),
        "partners": list(team.partners.order_by("name")),
        "my_partner_seat": partner_leave_refusal(request.user, team) is None,
    }
    return render(request, "drafts/events/team.html", context)


@require_http_methods(["GET", "POST"])
@audience(company=OWN, coordinator=OWN, operator=ALL)
def team_edit(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    event = get_event(pk)
    team = get_team(event, team_pk)
    if not request.user.is_authenticated:
        return login(request)
    if not can_edit_team(request.user, team):
        return forbidden(request, _("チームのページを編集できるのは、その機関のメンバーと主催者だけです。"))
    may_choose_partners = partners_change_refusal(request.user, team) is None
    form = TeamEditForm(
        data(request),
        initial={
            "strategy": team.strategy,
            "wants": team.wants,
            "life": team.life,
            "partners": list(team.partners.values_list("pk", flat=True)),
            "capacity": team.capacity,
        },
        candidates=partner_candidates(team) if may_choose_partners else None,
        capacity_editable=capacity_change_refusal(request.user, team) is None,
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


@require_POST
@audience(company=OWN)
def team_leave(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    """The partner companies the user is a member of leave the consortium (one transaction)."""
    event = get_event(pk)
    team = get_team(event, team_pk)
    if not request.user.is_authenticated:
        return login(request)
    if not is_partner_member(request.user, team):
        return forbidden(request, _("コンソーシアムから抜けられるのは、参加企業のメンバーだけです。"))
    try:
        draft_team_partner_leave(team=team, by=request.user)
    except DraftError as exc:
        messages.error(request, exc.message)
        return redirect("drafts:team", pk=event.pk, team_pk=team.pk)
    messages.success(request, _("コンソーシアムから抜けました。"))
    return redirect("drafts:detail", pk=event.pk)


urlpatterns = [
    path("<id:pk>/join/", team_join, name="join"),
    path("<id:pk>/teams/<id:team_pk>/", team_detail, name="team"),
    path("<id:pk>/teams/<id:team_pk>/edit/", team_edit, name="team_edit"),
    path("<id:pk>/teams/<id:team_pk>/leave/", team_leave, name="team_leave"),
]
