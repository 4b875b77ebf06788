"""Data rights: the account export holds a person's saved searches and company digest opt-ins;
deleting the account erases them (the user row stays, anonymised, so CASCADE alone would not)."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from duallife.accounts.services import account_delete, account_export
from duallife.recommendations.models import DigestSubscription, SavedSearch
from duallife.recommendations.services.saved_searches import saved_search_create
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_saved_searches_and_digest_opt_ins_are_in_the_export(world):
    saved_search_create(user=world.owner, kind="sheets", name="宮城", query="prefecture=04")
    DigestSubscription.objects.create(user=world.owner, organization=world.company)
    saved_search_create(user=world.member, kind="sheets", name="ほかの人", query="")

    section = account_export(user=world.owner)["sections"]["saved_searches"]

    assert [s["name"] for s in section["saved_searches"]] == ["宮城"]
    assert section["saved_searches"][0]["query"] == {"prefecture": "04"}
    assert [d["organization"] for d in section["company_digests"]] == [world.company.name]
    json.dumps(section, cls=DjangoJSONEncoder)


def test_deleting_the_account_erases_saved_searches_and_opt_ins(world):
    person = make_user("leaving@example.jp", signed_up=True)
    saved_search_create(user=person, kind="sheets", name="宮城", query="prefecture=04")
    saved_search_create(user=world.member, kind="sheets", name="残る", query="")

    account_delete(user=person, password=DEFAULT_PASSWORD)

    assert not SavedSearch.objects.filter(user=person).exists()
    assert SavedSearch.objects.filter(user=world.member).count() == 1
