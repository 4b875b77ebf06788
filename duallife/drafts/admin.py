"""Admin for operators: draft events, runs and nominations to look up, read-only.

Every change goes through the services and pages (lists lock at the deadline, a run stores its
exact input, answers keep to the negotiation window), so the admin changes nothing. A run's stored
input and result can be read here; replaying it is the organiser's 「再計算して確認」.
"""

from __future__ import annotations

from django.contrib import admin

from duallife.engagements.admin import OperatorReadOnlyAdmin, ReadOnlyInline

from .models import DraftCamp, DraftEvent, DraftRun, DraftTeam, Nomination


class TeamInline(ReadOnlyInline):
    model = DraftTeam
    fields = ["organization", "capacity"]


class CampInline(ReadOnlyInline):
    model = DraftCamp
    fields = ["title", "mode", "starts_at", "capacity"]


@admin.register(DraftEvent)
class DraftEventAdmin(OperatorReadOnlyAdmin):
    list_display = ["name", "organizer", "entry_opens_on", "preferences_deadline", "nomination_on"]
    list_select_related = ["organizer"]
    search_fields = ["name"]
    inlines = [TeamInline, CampInline]
    exclude = ["created_by"]


class NominationInline(ReadOnlyInline):
    model = Nomination
    fields = ["team", "player", "status", "outcome"]


@admin.register(DraftRun)
class DraftRunAdmin(OperatorReadOnlyAdmin):
    list_display = ["event", "number", "proposing", "seed", "blocking_pairs", "created_at"]
    list_select_related = ["event"]
    inlines = [NominationInline]
    exclude = ["created_by"]


@admin.register(Nomination)
class NominationAdmin(OperatorReadOnlyAdmin):
    list_display = ["run", "team", "player", "status", "outcome"]
    list_filter = ["status", "outcome"]
    list_select_related = ["run__event", "team__organization", "player"]
