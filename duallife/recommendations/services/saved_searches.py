"""Saved searches: a listing's conditions kept under a name, to run again or to receive new matches
in the weekly digest (:mod:`.digests`).

Two kinds, each checked by the form its listing uses, so a saved search means exactly what the
listing would show: sheets (``/sheets/``, :class:`~duallife.postings.forms.listing.ListingForm` →
:class:`~duallife.postings.selectors.SheetFilters`), for anyone logged in; talents (``/talents/``,
:class:`~duallife.talents.forms.TalentSearchForm` → :class:`~duallife.talents.selectors.TalentFilters`),
for those who may browse talents. Services raise :class:`~duallife.recommendations.errors.SavedSearchError`
with a message and write nothing when they refuse.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..errors import SavedSearchError
from ..models import SAVED_SEARCHES_MAX, SavedSearch
from ..permissions import can_save
from ..selectors.saved_searches import as_querydict, listing_form

Kind = SavedSearch.Kind
NAME_MAX = 60


def clean_query(kind: str, query: Mapping | str) -> dict[str, str]:
    """The listing parameters of ``query`` that its form accepts, as strings; empty ones and names
    the listing does not know (``page``) dropped. Any invalid value refuses the whole query."""
    if kind not in Kind.values:
        raise SavedSearchError(_("検索条件の種類が正しくありません。"), field="kind")
    data = as_querydict(query)
    form = listing_form(kind, data)
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
