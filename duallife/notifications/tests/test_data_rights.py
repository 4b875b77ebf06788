"""Data rights: the account export holds the person's notifications and email choices; deleting
the account erases both."""

from __future__ import annotations

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from duallife.accounts.services import account_delete, account_export
from duallife.notifications.models import EmailPreference, Kind, Notification
from duallife.notifications.services import email_preferences_save, notify
from duallife.testing.accounts import DEFAULT_PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_given_notifications_and_choices_when_the_account_is_exported_then_both_are_in_it(alice, bob):
    notify(user=alice, kind=Kind.SCOUT, title="スカウトが届きました", body="ぜひ", url="/scouts/1/")
    notify(user=bob, kind=Kind.SCOUT, title="ボブ宛て")
    email_preferences_save(user=alice, enabled_kinds=[Kind.SCOUT])

    section = account_export(user=alice)["sections"]["notifications"]

    assert [n["title"] for n in section["notifications"]] == ["スカウトが届きました"]
    assert section["notifications"][0]["url"] == "/scouts/1/"
    assert {p["kind"]: p["email"] for p in section["email_preferences"]}[Kind.SCOUT] is True
    assert {p["kind"]: p["email"] for p in section["email_preferences"]}[Kind.MESSAGE] is False
    json.dumps(section, cls=DjangoJSONEncoder)  # JSON-ready


def test_given_an_account_with_notifications_when_it_is_deleted_then_they_and_its_choices_are_erased(bob):
    person = make_user("leaving@example.jp", signed_up=True)
    notify(user=person, kind=Kind.MESSAGE, title="メッセージ")
    email_preferences_save(user=person, enabled_kinds=[])
    notify(user=bob, kind=Kind.MESSAGE, title="残るお知らせ")

    account_delete(user=person, password=DEFAULT_PASSWORD)

    assert not Notification.objects.filter(user=person).exists()
    assert not EmailPreference.objects.filter(user=person).exists()
    assert Notification.objects.filter(user=bob).count() == 1
