"""Saved searches: a listing's conditions kept under a name, to run again or to receive new matches
in the weekly digest (:mod:`.digests`).

Two kinds, each checked by the form its listing uses, so a saved search means exactly what the
listing would show: sheets (``/sheets/``, :class:`~duallife.postings.forms.ListingForm` →
:class:`~duallife.postings.selectors.SheetFilters`), for anyone logged in; talents (``/talents/``,
:class:`~duallife.talents.forms.TalentSearchForm` → :class:`~duallife.talents.selectors.TalentFilters`),
for those who may browse talents. Services raise :class:`SavedSearchError` with a Japanese message
and write nothing when they refuse; selectors read in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from duallife.core.errors import DomainError
from duallife.organizations.permissions import can_browse_talents
from duallife.postings.forms import ListingForm
from duallife.postings.selectors import ListingChoices, SheetFilters, listing_choices
from duallife.talents.forms import TalentSearchForm
from duallife.talents.selectors import TalentFilters

from .models import SAVED_SEARCHES_MAX, SavedSearch

Kind = SavedSearch.Kind
NAME_MAX = 60
#: Longest query string accepted from the save form (the listings' own fields stay far below).
QUERY_MAX_CHARS = 2000


class SavedSearchError(DomainError):
    """A rule of saved searches refused the request."""

    def __str__(self) -> str:
        return self.message


# --- the listings' forms -----------------------------------------------------------------------


def _as_querydict(query: Mapping | str) -> QueryDict:
    if isinstance(query, str):
        if len(query) > QUERY_MAX_CHARS:
            raise SavedSearchError(_("検索条件が長すぎます。条件を減らしてください。"), field="query")
        return QueryDict(query)
    data = QueryDict(mutable=True)
    for key, value in query.items():
        data[str(key)] = "" if value is None else str(value)
    return data


def _listing_form(kind: str, data, *, choices: ListingChoices | None = None) -> forms.Form:
    if kind == Kind.SHEETS:
        return ListingForm(data, choices=choices if choices is not None else listing_choices())
    return TalentSearchForm(data)


def can_save(user, kind: str) -> bool:
    """Sheet searches: anyone logged in. Talent searches: those who may browse talents."""
    if not getattr(user, "is_authenticated", False):
        return False
    if kind == Kind.SHEETS:
        return True
    return kind == Kind.TALENTS and can_browse_talents(user)


def clean_query(kind: str, query: Mapping | str) -> dict[str, str]:
    """The listing parameters of ``query`` that its form accepts, as strings; empty ones and names
    the listing does not know (``page``) dropped. Any invalid value refuses the whole query."""
    if kind not in Kind.values:
        raise SavedSearchError(_("検索条件の種類が正しくありません。"), field="kind")
    data = _as_querydict(query)
    form = _listing_form(kind, data)
    if not form.is_valid():
        problems = [
            _("「%(label)s」：%(error)s") % {"label": form.fields[name].label, "error": error}
            for name, errors in form.errors.items()
            if name in form.fields
            for error in errors
        ]
        raise SavedSearchError(
            _("次の条件が正しくないため保存できません。%(problems)s") % {"problems": " ".join(problems)},
            field="query",
        )
    return {
        name: data.get(name, "").strip()
        for name in form.fields
        if form.cleaned_data.get(name) not in (None, "") and data.get(name, "").strip()
    }


def sheet_filters(query: Mapping, *, choices: ListingChoices | None = None) -> SheetFilters:
    """The sheet listing's filters for a stored query (a value no longer valid is dropped, as the
    listing itself does)."""
    return _listing_form(Kind.SHEETS, _as_querydict(query), choices=choices).filters()


def talent_filters(query: Mapping) -> TalentFilters:
    """The talent search's filters for a stored query, read like the search page reads them."""
    return TalentSearchForm(_as_querydict(query)).filters()


# --- services ----------------------------------------------------------------------------------


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise SavedSearchError(_("名前を入力してください。"), field="name")
    if len(name) > NAME_MAX:
        raise SavedSearchError(
            _("名前は%(max)d文字以内で入力してください。") % {"max": NAME_MAX}, field="name"
        )
    return name


def _name_taken() -> SavedSearchError:
    return SavedSearchError(_("同じ名前の検索条件がすでにあります。別の名前を付けてください。"), field="name")


def _lock_user(user) -> None:
    """Serialise one person's saves (the limit is counted under this lock)."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def saved_search_create(
    *, user, kind: str, name: str, query: Mapping | str, digest: bool = False
) -> SavedSearch:
    """Save ``query`` (a listing's parameters) under ``name``. At most :data:`SAVED_SEARCHES_MAX` a
    person; names are unique per person; the weekly digest stays off unless ``digest``."""
    if kind not in Kind.values:
        raise SavedSearchError(_("検索条件の種類が正しくありません。"), field="kind")
    if not can_save(user, kind):
        raise SavedSearchError(
            _("人材の検索条件は、企業のメンバーと自治体・支援機関・事務局の方が保存できます。"), field="kind"
        )
    name = _clean_name(name)
    cleaned = clean_query(kind, query)
    with transaction.atomic():
        _lock_user(user)
        if SavedSearch.objects.filter(user=user).count() >= SAVED_SEARCHES_MAX:
            raise SavedSearchError(
                _("保存できる検索条件は%(max)d件までです。使っていない条件を削除してから保存してください。")
                % {"max": SAVED_SEARCHES_MAX}
            )
        if SavedSearch.objects.filter(user=user, name=name).exists():
            raise _name_taken()
        try:
            with transaction.atomic():
                return SavedSearch.objects.create(
                    user=user, kind=kind, name=name, query=cleaned, digest=bool(digest)
                )
        except IntegrityError:
            raise _name_taken() from None


@transaction.atomic
def saved_search_rename(*, search: SavedSearch, name: str) -> SavedSearch:
    name = _clean_name(name)
    if name == search.name:
        return search
    if SavedSearch.objects.filter(user_id=search.user_id, name=name).exclude(pk=search.pk).exists():
        raise _name_taken()
    try:
        with transaction.atomic():
            SavedSearch.objects.filter(pk=search.pk).update(name=name)
    except IntegrityError:
        raise _name_taken() from None
    search.name = name
    return search


@transaction.atomic
def saved_search_set_digest(*, search: SavedSearch, on: bool) -> SavedSearch:
    """Turn the weekly digest of new matches on or off for one saved search."""
    if on and not can_save(search.user, search.kind):
        raise SavedSearchError(_("この検索条件では週次ダイジェストを受け取れません。"), field="digest")
    SavedSearch.objects.filter(pk=search.pk).update(digest=bool(on))
    search.digest = bool(on)
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch) -> None:
    SavedSearch.objects.filter(pk=search.pk).delete()


# --- selectors ---------------------------------------------------------------------------------


def saved_searches_of(user) -> list[SavedSearch]:
    """The person's saved searches, newest first (one query)."""
    return list(SavedSearch.objects.filter(user=user).order_by("-created_at", "-pk"))


def get_saved_search_for_user(user, pk) -> SavedSearch:
    """The saved search ``pk`` if it is ``user``'s; 404 otherwise (no hint another exists)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    search = SavedSearch.objects.select_related("user").filter(pk=pk, user=user).first()
    if search is None:
        raise Http404
    return search


def listing_path(kind: str) -> str:
    """The listing a kind of search runs on, in the default language (paths stored or mailed)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("postings:list" if kind == Kind.SHEETS else "talents:search")


def run_url(search: SavedSearch, *, base: str | None = None) -> str:
    """The listing with the saved parameters."""
    base = base if base is not None else listing_path(search.kind)
    return f"{base}?{urlencode(search.query)}" if search.query else base


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
            self._forms[kind] = _listing_form(kind, None)
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
