"""Reads of saved searches: a stored query read by its listing's own form (as the listing reads it),
a person's searches, and their conditions in words (「県：宮城県」). The writes are
:mod:`duallife.recommendations.services.saved_searches`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _

from duallife.postings.forms.listing import ListingForm
from duallife.postings.selectors import ListingChoices, SheetFilters, listing_choices
from duallife.talents.forms import TalentSearchForm
from duallife.talents.selectors import TalentFilters

from ..errors import SavedSearchError
from ..models import SavedSearch

Kind = SavedSearch.Kind
#: Longest query string accepted from the save form (the listings' own fields stay far below).
QUERY_MAX_CHARS = 2000


def as_querydict(query: Mapping | str) -> QueryDict:
    if isinstance(query, str):
        if len(query) > QUERY_MAX_CHARS:
            raise SavedSearchError(_("検索条件が長すぎます。条件を減らしてください。"), field="query")
        return QueryDict(query)
    data = QueryDict(mutable=True)
    for key, value in query.items():
        data[str(key)] = "" if value is None else str(value)
    return data


def listing_form(kind: str, data, *, choices: ListingChoices | None = None) -> forms.Form:
    if kind == Kind.SHEETS:
        return ListingForm(data, choices=choices if choices is not None else listing_choices())
    return TalentSearchForm(data)


def sheet_filters(query: Mapping, *, choices: ListingChoices | None = None) -> SheetFilters:
    """The sheet listing's filters for a stored query (a value no longer valid is dropped, as the
    listing itself does)."""
    return listing_form(Kind.SHEETS, as_querydict(query), choices=choices).filters()


def talent_filters(query: Mapping) -> TalentFilters:
    """The talent search's filters for a stored query, read like the search page reads them."""
    return TalentSearchForm(as_querydict(query)).filters()


def saved_searches_of(user) -> list[SavedSearch]:
    """The person's saved searches, newest first (one query)."""
    return list(SavedSearch.objects.filter(user=user).order_by("-created_at", "-pk"))


@dataclass(frozen=True)
class Condition:
    label: str
    value: str


def _choice_labels(field: forms.Field) -> dict[str, str]:
    if isinstance(field, forms.ModelChoiceField):
        key = field.to_field_name or "pk"
        return {str(getattr(obj, key)): str(obj) for obj in field.queryset}
    labels: dict[str, str] = {}
    for value, label in getattr(field, "choices", ()):
        if isinstance(label, list | tuple):  # a group (municipalities by prefecture)
            labels.update({str(v): str(lab) for v, lab in label})
        else:
            labels[str(value)] = str(label)
    return labels


class ConditionDescriber:
    """Turns stored queries into labelled conditions (「県：宮城県」). Choice labels are read once
    per kind, whatever the number of searches described."""

    def __init__(self) -> None:
        self._forms: dict[str, forms.Form] = {}
        self._labels: dict[tuple[str, str], dict[str, str]] = {}

    def _form(self, kind: str) -> forms.Form:
        if kind not in self._forms:
            self._forms[kind] = listing_form(kind, None)
        return self._forms[kind]

    def _label_of(self, kind: str, name: str, field: forms.Field, value: str) -> str:
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            if (kind, name) not in self._labels:
                self._labels[(kind, name)] = _choice_labels(field)
            return self._labels[(kind, name)].get(value, value)
        if isinstance(field, forms.IntegerField) and value.lstrip("-").isdigit():
            return f"{int(value):,}"
        return value

    def describe(self, search: SavedSearch) -> list[Condition]:
        form = self._form(search.kind)
        found = []
        for name, field in form.fields.items():
            value = str(search.query.get(name, "") or "")
            if value:
                found.append(Condition(str(field.label), self._label_of(search.kind, name, field, value)))
        return found
