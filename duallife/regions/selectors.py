"""Reads of region data worth naming. Query counts stay flat whatever the number of rows."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, QuerySet

from .models import Prefecture


def pack_prefectures(pack_slug: str | None = None) -> QuerySet[Prefecture]:
    """The prefectures a region pack covers, in JIS X 0401 order, with municipality counts."""
    slug = pack_slug or settings.DEFAULT_REGION_PACK
    return (
        Prefecture.objects.filter(pack__slug=slug)
        .annotate(municipality_count=Count("municipalities"))
        .order_by("code")
    )
