"""Admin for the vocabularies: view and search only.

The files in ``data/vocabulary/`` are the one place to change a skill, a synonym, a theme or an
industry group (``duallife load-vocabulary`` would overwrite an edit made here).
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import IndustryGroup, Skill, Theme


class VocabularyAdmin(admin.ModelAdmin):
    list_per_page = 200

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Skill)
class SkillAdmin(VocabularyAdmin):
    list_display = ["name", "key", "name_en", "category", "synonyms", "position"]
    list_filter = ["category"]
    search_fields = ["key", "name", "name_en", "synonyms"]


@admin.register(Theme)
class ThemeAdmin(VocabularyAdmin):
    list_display = ["name", "key", "name_en", "position"]
    search_fields = ["key", "name", "name_en"]


@admin.register(IndustryGroup)
class IndustryGroupAdmin(VocabularyAdmin):
    list_display = ["code", "name", "name_en"]
    search_fields = ["code", "name", "name_en"]
