"""Preference lists (希望リスト): a player ranks the event's teams, a team ranks its players.

Both pages are the same no-JavaScript form (:class:`~duallife.drafts.forms.choices.RankingForm`):
one select per row, 「選ばない（受け入れない）」 or a number. Saving goes through
``player_choices_save`` / ``team_choices_save``; their :class:`~duallife.drafts.errors.DraftError`
(ties where the event allows none, the deadline passed) re-renders the form with status 400. After
the deadline (:func:`~duallife.drafts.permissions.choices.choices_refusal`) the list is shown
read-only. The player's page is theirs alone; a team's page is for the people acting for the team,
and the organiser reads it (read-only). Players appear by display name and pitch only.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from duallife.accounts.mfa import personal_data_view
from duallife.core.audience import ALL, OWN, audience
from duallife.organizations.views import forbidden

from ..errors import DraftError
from ..forms.choices import RankingForm, rank_field_name
from ..permissions.choices import choices_refusal
from ..permissions.events import get_event, organizes
from ..permissions.players import player_of
from ..permissions.teams import acts_for, get_team
from ..selectors.choices import player_ranks, players_to_rank, team_ranks, teams_to_rank
from ..services.choices import player_choices_save, team_choices_save
from .common import login

PITCH_PREVIEW = 80


def _locked(event) -> bool:
    return choices_refusal(event) is not None


def _render(
    request, template: str, context: dict, form: RankingForm, objects: list, *, status: int = 200
) -> HttpResponse:
    """``rows``: each team or player with its select, in display order."""
    context.update({"form": form, "rows": [(obj, form[rank_field_name(obj.pk)]) for obj in objects]})
    return render(request, template, context, status=status)


def _saved_list(ranks: dict[int, int], objects: list) -> list[tuple[int, object]]:
    """``(rank, team or player)`` of a stored list, most wanted first."""
    by_pk = {obj.pk: obj for obj in objects}
    return [
        (rank, by_pk[pk])
        for pk, rank in sorted(ranks.items(), key=lambda item: (item[1], item[0]))
        if pk in by_pk
    ]


def _save(form: RankingForm, event, save) -> bool:
    """Validate and save; errors go on the form (ties on the rows that share a number)."""
    if not form.is_valid():
        return False
    try:
        save(form.ranking())
    except DraftError as exc:
        form.add_error(None, exc.message)
        if not event.allow_ties and not _locked(event):
            for name in form.tied_field_names():
                form.add_error(name, _("ほかと同じ順位です。"))
        return False
    return True


@require_http_methods(["GET", "POST"])
@audience(talent=OWN)
def player_choices(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return login(request)
    event = get_event(pk)
    player = player_of(request.user, event)
    if player is None:
        return forbidden(
            request, _("この希望リストは、このドラフト会議にエントリーした選手本人だけが使えます。")
        )
    teams = teams_to_rank(event)
    ranks = player_ranks(player)
    options = [(team.pk, team.organization.name) for team in teams]
    form = RankingForm(
        request.POST if request.method == "POST" else None,
        options=options,
        kind=_("チーム"),
        initial_ranks=ranks,
    )
    context = {
        "event": event,
        "player": player,
        "locked": _locked(event),
        "saved": _saved_list(ranks, teams),
        "not_chosen": [team for team in teams if team.pk not in ranks],
    }
    if request.method == "POST":
        if _save(
            form, event, lambda ranking: player_choices_save(player=player, by=request.user, teams=ranking)
        ):
            messages.success(request, _("希望リストを保存しました。締切までは何度でも変えられます。"))
            return redirect("drafts:player_choices", event.pk)
        return _render(request, "drafts/choices/player.html", context, form, teams, status=400)
    return _render(request, "drafts/choices/player.html", context, form, teams)


@require_http_methods(["GET", "POST"])
@personal_data_view
@audience(company=OWN, coordinator=OWN, operator=ALL, personal_data=True)
def team_choices(request: HttpRequest, pk: int, team_pk: int) -> HttpResponse:
    event = get_event(pk)
    team = get_team(event, team_pk)
    member = acts_for(request.user, team)
    organiser = organizes(request.user, event)
    if not (member or organiser):
        return forbidden(
            request, _("このチームの希望リストを見られるのは、チームのメンバーと主催者・事務局だけです。")
        )
    players = players_to_rank(event)
    ranks = team_ranks(team)
    options = [(player.pk, player.talent.display_name) for player in players]
    editable = member and not _locked(event)
    form = RankingForm(
        request.POST if request.method == "POST" else None,
        options=options,
        kind=_("選手"),
        initial_ranks=ranks,
    )
    context = {
        "event": event,
        "team": team,
        "locked": _locked(event),
        "member": member,
        "read_only": not member,
        "editable": editable,
        "pitch_preview": PITCH_PREVIEW,
        "saved": _saved_list(ranks, players),
        "not_chosen": [player for player in players if player.pk not in ranks],
    }
    if request.method == "POST":
        if not member:
            return forbidden(request, _("チームの希望リストを変えられるのは、そのチームのメンバーだけです。"))
        if _save(form, event, lambda ranking: team_choices_save(team=team, by=request.user, players=ranking)):
            messages.success(request, _("チームの希望リストを保存しました。締切までは何度でも変えられます。"))
            return redirect("drafts:team_choices", event.pk, team.pk)
        return _render(request, "drafts/choices/team.html", context, form, players, status=400)
    return _render(request, "drafts/choices/team.html", context, form, players)


urlpatterns = [
    path("<id:pk>/my-list/", player_choices, name="player_choices"),
    path("<id:pk>/teams/<id:team_pk>/list/", team_choices, name="team_choices"),
]
