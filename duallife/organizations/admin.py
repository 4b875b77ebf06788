"""Admin for operators: organisations with their profile, scopes, photos and members."""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from .models import (
    CompanyProfile,
    CoordinatorProfile,
    CoordinatorScope,
    Membership,
    Organization,
    OrganizationPhoto,
)

HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


class CompanyProfileInline(admin.StackedInline):
    model = CompanyProfile
    formfield_overrides = HTTPS_URLS
    extra = 0
    max_num = 1
    autocomplete_fields = ["industry"]


class CoordinatorProfileInline(admin.StackedInline):
    model = CoordinatorProfile
    formfield_overrides = HTTPS_URLS
    extra = 0
    max_num = 1


class CoordinatorScopeInline(admin.TabularInline):
    model = CoordinatorScope
    extra = 0
    fields = ["prefecture", "municipality", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]
    autocomplete_fields = ["municipality"]


class PhotoInline(admin.TabularInline):
    model = OrganizationPhoto
    extra = 0
    fields = ["image", "alt_text", "caption", "position", "width", "height"]
    readonly_fields = ["image", "width", "height"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # photos are added on the profile page, where they are checked and re-encoded


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "prefecture", "municipality", "is_active", "verified_at", "updated_at"]
    list_filter = ["kind", "is_active", "verification_method", "prefecture"]
    search_fields = ["name", "name_kana", "slug"]
    list_select_related = ["prefecture", "municipality__prefecture"]
    autocomplete_fields = ["municipality"]
    prepopulated_fields = {"slug": ("name",)}
    #: Verification changes only through its services (the staff's page records who and why).
    readonly_fields = [
        "created_at",
        "updated_at",
        "verified_at",
        "verification_method",
        "verified_by",
        "verification_outcome",
        "verification_detail",
        "verification_checked_at",
        "verification_revoked_at",
    ]

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        if obj.kind == Organization.Kind.COMPANY:
            return [CompanyProfileInline, PhotoInline, MembershipInline]
        if obj.kind == Organization.Kind.COORDINATOR:
            return [CoordinatorProfileInline, CoordinatorScopeInline, PhotoInline, MembershipInline]
        return [MembershipInline]
