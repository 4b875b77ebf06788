"""Query helpers every app may use."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import connections
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone


def count_of(queryset: QuerySet) -> Coalesce:
    """``COUNT(*)`` of ``queryset`` as a scalar subquery (0 when nothing matches).

    Several counts annotated this way on one row come back in one query, where ``.count()`` would
    ask once per count. ``queryset`` may use ``OuterRef`` to the row it is annotated on.
    """
    counted = queryset.order_by().annotate(counted=Func(F("pk"), function="COUNT")).values("counted")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


#: Stand-ins the SQL of a :class:`CompiledRead` is compiled with: no row has a negative id, and no
#: time a query compares with is this one.
STAND_IN_ID = -719_304_251
STAND_IN_NOW = datetime.datetime(1901, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)


class CompiledRead:
    """One row of named values, read by a queryset whose SQL changes only with an id and the time.

    Django takes milliseconds to build and compile a queryset of many subqueries (the header's
    counts have nine), far longer than the database takes to answer it. ``build(id, now)`` is
    compiled once per database with stand-ins for the two, and each call runs that SQL with the
    real values in their places. ``build`` must return a ``values()`` queryset of annotations
    only, that uses ``id`` and ``now`` as plain values (so that they appear as parameters);
    compiling refuses a queryset where a stand-in does not appear.
    """

    def __init__(self, build: Callable[[int, datetime.datetime], QuerySet], *, uses_now: bool = True):
        self._build = build
        self._uses_now = uses_now
        self._compiled: dict[tuple[str, str], tuple[str, list, list[int], list[int]]] = {}

    def _compile(self, connection) -> tuple[str, list, list[int], list[int]]:
        queryset = self._build(STAND_IN_ID, STAND_IN_NOW)
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        adapted_now = connection.ops.adapt_datetimefield_value(STAND_IN_NOW)
        id_slots = [i for i, value in enumerate(params) if value == STAND_IN_ID]
        now_slots = [i for i, value in enumerate(params) if value == adapted_now]
        if not id_slots or (self._uses_now and not now_slots):
            raise ValueError("CompiledRead: the id or the time is not a parameter of the query")
        return sql, list(params), id_slots, now_slots

    def __call__(self, pk: int, now: datetime.datetime | None = None, *, using: str = "default") -> dict:
        """The row for ``pk`` as ``{name: value}`` (empty when there is none)."""
        connection = connections[using]
        key = (using, connection.vendor)
        if key not in self._compiled:
            self._compiled[key] = self._compile(connection)
        sql, params, id_slots, now_slots = self._compiled[key]
        values = list(params)
        for slot in id_slots:
            values[slot] = pk
        if now_slots:
            adapted = connection.ops.adapt_datetimefield_value(now or timezone.now())
            for slot in now_slots:
                values[slot] = adapted
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            row = cursor.fetchone()
            names = [column[0] for column in cursor.description]
        return dict(zip(names, row, strict=True)) if row else {}
