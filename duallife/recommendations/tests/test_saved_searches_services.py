"""Saved searches, the rules the service keeps whatever page calls it: a known kind, and a query
its listing's form accepts whole."""

from __future__ import annotations

import pytest

from duallife.recommendations.errors import SavedSearchError
from duallife.recommendations.models import SavedSearch
from duallife.recommendations.services.saved_searches import saved_search_create

pytestmark = pytest.mark.django_db


def test_the_service_refuses_an_unknown_kind_and_a_query_with_a_bad_value(world):
    with pytest.raises(SavedSearchError, match="種類"):
        saved_search_create(user=world.talent, kind="other", name="x", query="")
    with pytest.raises(SavedSearchError, match="月額報酬"):
        saved_search_create(user=world.talent, kind="sheets", name="x", query={"fee": "-5"})
    assert not SavedSearch.objects.exists()
