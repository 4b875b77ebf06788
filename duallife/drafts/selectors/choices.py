"""Reads of the preference lists (希望リスト): what each side may rank, a stored list, and how many
lists give two entries the same rank."""

from __future__ import annotations

from django.db.models import Count

from ..models import DraftEvent, DraftPlayer, DraftTeam, PlayerChoice, TeamChoice


def teams_to_rank(event: DraftEvent) -> list[DraftTeam]:
    """The event's teams as a player ranks them, by organisation name."""
    return list(
        DraftTeam.objects.filter(event=event)
        .select_related("organization")
        .order_by("organization__name", "pk")
    )


def players_to_rank(event: DraftEvent) -> list[DraftPlayer]:
    """The event's players as a team ranks them: display name and pitch only."""
    return list(
        DraftPlayer.objects.filter(event=event)
        .select_related("talent")
        .only("pk", "pitch", "talent__display_name")
        .order_by("talent__display_name", "pk")
    )


def player_ranks(player: DraftPlayer) -> dict[int, int]:
    """The player's stored list: team id → rank."""
    return dict(PlayerChoice.objects.filter(player=player).values_list("team_id", "rank"))


def team_ranks(team: DraftTeam) -> dict[int, int]:
    """The team's stored list: player id → rank."""
    return dict(TeamChoice.objects.filter(team=team).values_list("player_id", "rank"))


def tied_list_counts(event: DraftEvent) -> tuple[int, int]:
    """How many players' lists and how many teams' lists give two entries the same rank."""

    def count(model, owner: str, **where) -> int:
        return (
            model.objects.filter(**where)
            .values(owner, "rank")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values(owner)
            .distinct()
            .count()
        )

    return count(PlayerChoice, "player_id", player__event=event), count(
        TeamChoice, "team_id", team__event=event
    )
