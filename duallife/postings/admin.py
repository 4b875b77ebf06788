"""Admin for operators: spec sheets to look up, read-only.

Every change of a sheet goes through the services (``services.py``): they keep the status
transitions legal, write the event trail and refresh the search text and quality score. The
admin therefore shows sheets, their skills, versions, comments and events, and changes nothing;
operators review on ``/sheets/review/`` like coordinators.
"""

from __future__ import annotations

from django.contrib import admin

from .models import (
    SheetSkill,
    SpecSheet,
    SpecSheetCollaborator,
    SpecSheetComment,
    SpecSheetEvent,
    SpecSheetVersion,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class SheetSkillInline(ReadOnlyInline):
    model = SheetSkill
    fields = ["kind", "skill", "free_text", "normalized"]


class VersionInline(ReadOnlyInline):
    model = SpecSheetVersion
    fields = ["number", "created_by", "created_at"]


class CollaboratorInline(ReadOnlyInline):
    model = SpecSheetCollaborator
    fields = ["email", "status", "user", "invited_by", "created_at", "expires_at", "answered_at"]


class CommentInline(ReadOnlyInline):
    model = SpecSheetComment
    fields = ["version", "author", "body", "created_at"]


class EventInline(ReadOnlyInline):
    model = SpecSheetEvent
    fields = ["at", "from_status", "to_status", "version", "by", "comment"]


@admin.register(SpecSheet)
class SpecSheetAdmin(admin.ModelAdmin):
    list_display = ["title", "organization", "municipality", "status", "lint_score", "version", "updated_at"]
    list_filter = ["status", "contract_type", "work_style", "municipality__prefecture"]
    search_fields = ["title", "organization__name", "search_text"]
    list_select_related = ["organization", "municipality", "municipality__prefecture"]
    date_hierarchy = "created_at"
    inlines = [SheetSkillInline, VersionInline, CollaboratorInline, CommentInline, EventInline]
    exclude = ["search_text"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
