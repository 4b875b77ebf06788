"""Pages of the messages between a draft's teams and players.

- ``messages``: the viewer's threads in the event (as the player, and for each team they act for),
  latest first, with the other side's name, the last message's time and a preview; the teams a
  player has not written to yet; the organiser sees every thread, read only;
- ``thread``: one team and one player's messages, oldest first, and the form to write (the player
  and the team's members, while the event runs). The organiser may read it; each such read of a
  player's messages is logged like every staff read of personal data.

Both are behind ``personal_data_view`` (login; MFA for staff). Players appear by display name only.
"""

from __future__ import annotations

from django.contrib import messages as flash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from duallife.accounts.mfa import personal_data_view
from duallife.accounts.services import personal_data_access_log
from duallife.core.audience import ALL, OWN, audience
from duallife.organizations.views import forbidden

from ..errors import DraftError
from ..forms.messages import DraftMessageForm
from ..links import thread_url
from ..models import DraftTeam
from ..permissions.events import get_event, organizes
from ..permissions.messages import messaging_open, thread_side
from ..permissions.players import get_player, player_of
from ..permissions.teams import get_team, teams_of
from ..selectors.messages import thread_messages, threads
from ..services.messages import draft_message_post
from ..texts import messaging_period


@require_safe
@personal_data_view
@audience(talent=OWN, company=OWN, coordinator=OWN, operator=ALL, personal_data=True)
def message_list(request: HttpRequest, pk) -> HttpResponse:
    event = get_event(pk)
    player = player_of(request.user, event)
    teams = list(teams_of(request.user, event).order_by("organization__name", "pk"))
    organizer = organizes(request.user, event)
    if player is None and not teams and not organizer:
        return forbidden(
            request, _("メッセージを使えるのは、このドラフト会議の選手と、参加チームのメンバーです。")
        )
    team_ids = [t.pk for t in teams]
    rows = (
        threads(event)
        if organizer
        else threads(event, team_ids=team_ids, player_id=player.pk if player else None)
    )
    player_rows = [r for r in rows if player is not None and r.player.pk == player.pk]
    team_sections = [{"team": t, "rows": [r for r in rows if r.team.pk == t.pk]} for t in teams]
    teams_to_write = []
    if player is not None:
        written = {r.team.pk for r in player_rows}
        teams_to_write = [
            t
            for t in DraftTeam.objects.filter(event=event)
            .select_related("organization")
            .order_by("organization__name", "pk")
            if t.pk not in written
        ]
    context = {
        "event": event,
        "player": player,
        "player_rows": player_rows,
        "team_sections": team_sections,
        "teams_to_write": teams_to_write,
        "organizer": organizer,
        "all_rows": rows if organizer else [],
        "open": messaging_open(event),
        "period": messaging_period(event),
    }
    return render(request, "drafts/messages/list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@personal_data_view
@audience(talent=OWN, company=OWN, coordinator=OWN, operator=ALL, personal_data=True)
def thread(request: HttpRequest, pk, team_pk, player_pk) -> HttpResponse:
    event = get_event(pk)
    team = get_team(event, team_pk)
    player = get_player(event, player_pk)
    side = thread_side(request.user, team, player)
    if side is None:
        return forbidden(request, _("このやりとりを読めるのは、選手本人とチームのメンバー、主催者です。"))
    is_open = messaging_open(event)
    status = 200
    form = None
    if side != "organizer" and is_open:
        form = DraftMessageForm()
    if request.method == "POST":
        if side == "organizer":
            return forbidden(
                request, _("主催者・事務局は、このやりとりを読めますが、メッセージは送れません。")
            )
        form = DraftMessageForm(request.POST)
        if form.is_valid():
            try:
                message = draft_message_post(
                    event=event, team=team, player=player, by=request.user, body=form.cleaned_data["body"]
                )
            except DraftError as exc:
                form.add_error("body", exc.message)
            else:
                flash.success(request, _("メッセージを送りました。"))
                return redirect(f"{thread_url(event.pk, team.pk, player.pk)}#message-{message.pk}")
        status = 400
    rows = thread_messages(team, player)
    if side == "organizer" and rows:
        personal_data_access_log(
            by=request.user,
            subject=player.talent.user,
            what=f"ドラフト会議「{event.name}」の{team.organization.name}とのメッセージの閲覧",
        )
    context = {
        "event": event,
        "team": team,
        "player": player,
        "side": side,
        "rows": [
            {
                "message": m,
                "author": team.organization.name if m.from_team else player.talent.display_name,
                "from_team": m.from_team,
                "mine": m.author_id == request.user.pk,
            }
            for m in rows
        ],
        "form": form,
        "open": is_open,
        "period": messaging_period(event),
    }
    return render(request, "drafts/messages/thread.html", context, status=status)


urlpatterns = [
    path("<id:pk>/messages/", message_list, name="messages"),
    path("<id:pk>/messages/<id:team_pk>/<id:player_pk>/", thread, name="thread"),
]
