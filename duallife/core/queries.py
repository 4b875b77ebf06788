"""Query helpers every app may use."""

from __future__ import annotations

from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(queryset: QuerySet) -> Coalesce:
    """``COUNT(*)`` of ``queryset`` as a scalar subquery (0 when nothing matches).

    Several counts annotated this way on one row come back in one query, where ``.count()`` would
    ask once per count. ``queryset`` may use ``OuterRef`` to the row it is annotated on.
    """
    counted = queryset.order_by().annotate(counted=Func(F("pk"), function="COUNT")).values("counted")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
