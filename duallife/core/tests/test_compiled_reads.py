"""A read compiled once (``duallife.core.queries.CompiledRead``) answers what its queryset answers,
for every id and time it is asked with, and refuses a queryset it cannot compile that way."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from duallife.core.queries import CompiledRead, count_of
from duallife.testing.accounts import make_user

pytestmark = pytest.mark.django_db

User = get_user_model()


def _joined_since(user_id: int, now: datetime.datetime):
    """How many people (the user among them) joined before ``now``, and whether the user is staff."""
    return (
        User.objects.filter(pk=user_id)
        .annotate(
            earlier=count_of(User.objects.filter(date_joined__lt=now)),
            staff=count_of(User.objects.filter(pk=user_id, is_staff=True)),
        )
        .values("earlier", "staff")
    )


def test_each_call_answers_what_the_queryset_answers_for_its_id_and_time():
    read = CompiledRead(_joined_since)
    people = [make_user(f"person-{n}@example.jp") for n in range(3)]
    now = timezone.now()
    people[1].is_staff = True
    people[1].save(update_fields=["is_staff"])
    User.objects.filter(pk=people[2].pk).update(date_joined=now + datetime.timedelta(days=2))

    for when in (now, now + datetime.timedelta(days=3), now - datetime.timedelta(days=1)):
        for person in people:
            expected = _joined_since(person.pk, when).get()
            assert read(person.pk, when) == expected, (person, when)
    assert read(people[1].pk, now) == {"earlier": 2, "staff": 1}
    assert read(people[2].pk, now + datetime.timedelta(days=3)) == {"earlier": 3, "staff": 0}


def test_an_unknown_id_reads_nothing():
    assert CompiledRead(_joined_since)(987_654, timezone.now()) == {}


def test_the_time_is_now_unless_given():
    person = make_user("later@example.jp")
    User.objects.filter(pk=person.pk).update(date_joined=timezone.now() + datetime.timedelta(hours=1))
    read = CompiledRead(_joined_since)
    assert read(person.pk) == {"earlier": 0, "staff": 0}
    assert read(person.pk, timezone.now() + datetime.timedelta(hours=2)) == {"earlier": 1, "staff": 0}


def test_a_query_where_the_id_or_the_time_is_no_parameter_is_refused():
    def without_the_id(user_id, now):
        return User.objects.annotate(n=Count("pk", filter=Q(date_joined__lt=now))).values("n")

    def without_the_time(user_id, now):
        return User.objects.filter(pk=user_id).annotate(n=Count("pk")).values("n")

    with pytest.raises(ValueError, match="not a parameter"):
        CompiledRead(without_the_id)(1)
    with pytest.raises(ValueError, match="not a parameter"):
        CompiledRead(without_the_time)(1)
    assert CompiledRead(without_the_time, uses_now=False)(make_user("alone@example.jp").pk) == {"n": 1}
