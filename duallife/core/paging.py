"""Long lists, a page at a time (the pages' links: ``core/pagination.html``).

``page_of`` reads the page a request asks for. Like Django's ``Paginator.get_page`` it never
fails: a number that is not a number is the first page, one past the end (or below 1) the last.
``other_parameters`` is the request's query without the page number, for the links to keep the
list's filters.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

__all__ = ["PER_PAGE", "other_parameters", "page_of"]

#: Rows or cards on a page of a list, unless a list says otherwise: one or two phone screens.
PER_PAGE = 20


def page_of(
    request: HttpRequest, items: QuerySet | Sequence[Any], *, per_page: int = PER_PAGE, param: str = "page"
) -> Page:
    """The page of ``items`` that ``request`` asks for in its ``param`` parameter."""
    return Paginator(items, per_page).get_page(request.GET.get(param))


def other_parameters(request: HttpRequest, *names: str) -> str:
    """The request's query string without the parameters ``names`` (the page number, ``page``,
    when none is named)."""
    query = request.GET.copy()
    for name in names or ("page",):
        query.pop(name, None)
    return query.urlencode()
