"""Admin for region data.

Figures from a region pack are read-only here: the pack files are the one place to change them
(``duallife load-region-pack`` would overwrite any edit). Support programs are entered by staff.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .forms import SupportProgramAdminForm
from .models import (
    Indicator,
    Industry,
    IndustryEmployment,
    Municipality,
    NetMigration,
    Prefecture,
    PrefectureIndicator,
    RegionPack,
    RentBenchmark,
    Route,
    Source,
    SupportProgram,
)


class PackDataAdmin(admin.ModelAdmin):
    """View-only: region pack data is changed by editing the pack and loading it again."""

    list_per_page = 100
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(RegionPack)
class RegionPackAdmin(PackDataAdmin):
    list_display = ["slug", "title", "version", "loaded_at"]
    search_fields = ["slug", "title"]


@admin.register(Source)
class SourceAdmin(PackDataAdmin):
    list_display = ["key", "publisher", "title", "published", "pack"]
    list_filter = ["pack", "publisher"]
    search_fields = ["key", "title", "publisher", "note"]
    list_select_related = ["pack"]


@admin.register(Prefecture)
class PrefectureAdmin(PackDataAdmin):
    list_display = ["code", "name", "name_kana", "name_en", "lg_code", "pack"]
    list_filter = ["pack"]
    search_fields = ["code", "name", "name_kana", "name_en"]
    list_select_related = ["pack"]


@admin.register(Municipality)
class MunicipalityAdmin(PackDataAdmin):
    list_display = ["code", "name", "name_kana", "prefecture", "role", "is_capital"]
    list_filter = ["role", "is_capital", "prefecture"]
    search_fields = ["code", "name", "name_kana"]
    list_select_related = ["prefecture"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).select_related("prefecture")

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "supportprogram":  # the program form's autocomplete
            queryset = queryset.filter(role=Municipality.Role.PACK, prefecture__pack__isnull=False)
        return queryset, may_have_duplicates


@admin.register(Route)
class RouteAdmin(PackDataAdmin):
    list_display = ["origin", "destination", "mode", "one_way_minutes", "round_trip_fare_yen", "year"]
    list_filter = ["mode", "year", "destination__prefecture"]
    search_fields = ["origin__name", "destination__name", "mode"]
    list_select_related = ["origin__prefecture", "destination__prefecture"]


@admin.register(RentBenchmark)
class RentBenchmarkAdmin(PackDataAdmin):
    list_display = ["municipality", "monthly_rent_yen", "year"]
    list_filter = ["year", "municipality__prefecture"]
    search_fields = ["municipality__name", "municipality__code"]
    list_select_related = ["municipality__prefecture"]


@admin.register(Indicator)
class IndicatorAdmin(PackDataAdmin):
    list_display = ["key", "name", "name_en", "unit", "position"]
    search_fields = ["key", "name", "name_en"]


@admin.register(PrefectureIndicator)
class PrefectureIndicatorAdmin(PackDataAdmin):
    list_display = ["prefecture", "indicator", "value", "national_rank", "year"]
    list_filter = ["indicator", "year", "prefecture"]
    search_fields = ["prefecture__name", "indicator__name"]
    list_select_related = ["prefecture", "indicator"]


@admin.register(Industry)
class IndustryAdmin(PackDataAdmin):
    list_display = ["key", "name", "name_en", "parent", "position"]
    search_fields = ["key", "name", "name_en"]
    list_select_related = ["parent"]


@admin.register(IndustryEmployment)
class IndustryEmploymentAdmin(PackDataAdmin):
    list_display = ["area_name", "industry", "workers_thousands", "share_percent", "year"]
    list_filter = ["industry", "year", "area_name"]
    search_fields = ["area_name", "area_key", "industry__name"]
    list_select_related = ["industry"]


@admin.register(NetMigration)
class NetMigrationAdmin(PackDataAdmin):
    list_display = ["prefecture", "year", "month", "net_migrants"]
    list_filter = ["year", "prefecture"]
    search_fields = ["prefecture__name"]
    list_select_related = ["prefecture"]


@admin.register(SupportProgram)
class SupportProgramAdmin(admin.ModelAdmin):
    form = SupportProgramAdminForm
    list_display = [
        "name",
        "prefecture",
        "municipality",
        "category",
        "amount_yen",
        "is_published",
        "updated_at",
    ]
    list_filter = ["is_published", "category", "prefecture"]
    search_fields = ["name", "owner", "summary", "municipality__name", "prefecture__name"]
    list_select_related = ["prefecture", "municipality__prefecture"]
    autocomplete_fields = ["municipality"]
    readonly_fields = ["updated_at"]
    date_hierarchy = "updated_at"
    fieldsets = [
        (None, {"fields": ["name", "category", "owner", "is_published"]}),
        (_("対象地域"), {"fields": ["prefecture", "municipality"]}),
        (_("内容"), {"fields": ["summary", "amount_yen", "amount_note", "conditions", "url"]}),
        (_("記録"), {"fields": ["updated_at"]}),
    ]
