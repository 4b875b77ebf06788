"""Admin for operators: talent profiles (changed by their owners through the site, so read-only here)."""

from __future__ import annotations

from django.contrib import admin

from .models import TalentProfile, TalentSkill


class TalentSkillInline(admin.TabularInline):
    model = TalentSkill
    extra = 0
    fields = ["skill", "free_text", "normalized", "years", "level"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TalentProfile)
class TalentProfileAdmin(admin.ModelAdmin):
    list_display = [
        "display_name",
        "visibility",
        "home_prefecture",
        "work_style",
        "days_per_month",
        "updated_at",
    ]
    list_filter = ["visibility", "work_style", "home_prefecture", "hometown_prefecture"]
    search_fields = ["display_name", "user__email"]
    list_select_related = ["home_prefecture"]
    inlines = [TalentSkillInline]
    readonly_fields = ["search_text", "created_at", "updated_at"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
