"""Reads about players: the players' list teams read, and what a withdrawal would remove."""

from __future__ import annotations

from django.db.models import Count, Prefetch

from duallife.regions.models import Prefecture
from duallife.talents.models import TalentSkill
from duallife.vocabulary.models import Theme

from ..models import CampRegistration, DraftEvent, DraftMessage, DraftPlayer, PlayerChoice


def players_of(event: DraftEvent) -> list[DraftPlayer]:
    """The event's players with what teams may read of their profiles (skills, themes, prefectures
    of interest), in entry order. Five queries. Only ``talent.display_name`` and these lists are
    for display: never the talent's names, contact details or anything else."""
    return list(
        DraftPlayer.objects.filter(event=event)
        .select_related("talent")
        .prefetch_related(
            Prefetch(
                "talent__skills",
                queryset=TalentSkill.objects.select_related("skill").order_by("-level", "-years", "pk"),
            ),
            Prefetch("talent__themes", queryset=Theme.objects.order_by("position", "key")),
            Prefetch("talent__prefectures_of_interest", queryset=Prefecture.objects.order_by("code")),
        )
        .order_by("entered_at", "pk")
    )


def withdrawal_preview(player: DraftPlayer) -> dict:
    """What a withdrawal removes, for the confirmation page (a fixed number of queries)."""
    messages = DraftMessage.objects.filter(player=player).aggregate(
        threads=Count("team_id", distinct=True), messages=Count("pk")
    )
    return {
        "list_length": PlayerChoice.objects.filter(player=player).count(),
        "registrations": list(
            CampRegistration.objects.filter(player=player)
            .select_related("camp")
            .order_by("camp__starts_at", "pk")
        ),
        "threads": messages["threads"],
        "messages": messages["messages"],
    }
