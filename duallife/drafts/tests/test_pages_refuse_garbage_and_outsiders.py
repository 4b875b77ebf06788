"""Every draft URL, swept: garbage in every POST field and ids that do not exist never give a
500; an anonymous visitor and a member of an organisation with no part in the event open only
the public pages and change nothing anywhere."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from duallife.drafts import urls
from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftMessage,
    DraftPlayer,
    DraftRun,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from duallife.testing.drafts import ensure_mfa

pytestmark = pytest.mark.django_db


PUBLIC = {"list", "detail", "team", "results", "camp"}


#: pages any signed-in member of an eligible organisation may open (the service decides the rest)
OPEN_TO_ELIGIBLE = {"join"}


GARBAGE = {
    "answer": "maybe",
    "message": "x" * 5000,
    "body": "",
    "outcome": "lost",
    "note": "y" * 1000,
    "section": "nowhere",
    "proposing": "everyone",
    "seed": "9" * 30,
    "pitch": "z" * 5000,
    "name_public": "2",
    "organization": "²",
    "team": "9" * 30,
    "partners": ["²", "9" * 30],
    "capacity": "-3",
    "status": "lost",
    "title": "",
    "mode": "moon",
    "starts_at": "0001-01-01T00:00",
    "ends_at": "not a date",
    "prefectures": ["99999999999999999999"],
    "entry_opens_on": "2026-13-45",
    "preferences_deadline": "yesterday",
    "team_capacity": "1e9",
    "player_fee_yen": "-1",
}


def kwargs_for(name: str, d, camp) -> dict:
    values = {
        "pk": d.event.pk,
        "team_pk": d.company_team.pk,
        "player_pk": d.players[0].pk,
        "number": d.run.number,
        "camp_pk": camp.pk,
        "part": "input",
    }
    if name.startswith("nomination_"):
        values["pk"] = d.run.nominations.first().pk
    pattern = next(p for p in urls.urlpatterns if p.name == name)
    return {
        k: v
        for k, v in values.items()
        if any(f"<{converter}:{k}>" in str(pattern.pattern) for converter in ("id", "int", "str"))
    }


def snapshot() -> tuple:
    return (
        DraftEvent.objects.count(),
        DraftTeam.objects.count(),
        DraftPlayer.objects.count(),
        PlayerChoice.objects.count(),
        TeamChoice.objects.count(),
        DraftRun.objects.count(),
        DraftCamp.objects.count(),
        CampRegistration.objects.count(),
        DraftMessage.objects.count(),
        tuple(Nomination.objects.order_by("pk").values_list("status", "message", "outcome")),
        tuple(DraftTeam.objects.order_by("pk").values_list("strategy", "capacity")),
    )


@pytest.fixture
def swept(world, drafted):
    now = timezone.now()
    camp = DraftCamp.objects.create(
        event=drafted.event,
        title="合宿",
        mode=DraftCamp.Mode.ONLINE,
        place="https://meet.example.jp/x",
        starts_at=now + datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=2, hours=2),
        capacity=5,
    )
    return drafted, camp


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_outsiders_open_only_public_pages_and_change_nothing(client, world, swept, who):
    d, camp = swept
    if who == "stranger":
        client.force_login(world.stranger)  # admin of a company with no part in the event
    before = snapshot()
    for pattern in urls.urlpatterns:
        url = reverse(f"drafts:{pattern.name}", kwargs=kwargs_for(pattern.name, d, camp))
        for method in ("get", "post"):
            response = getattr(client, method)(url, GARBAGE)
            assert response.status_code < 500, (pattern.name, method, response.status_code)
            if pattern.name in PUBLIC or (who == "stranger" and pattern.name in OPEN_TO_ELIGIBLE):
                continue
            if who == "anonymous":
                assert response.status_code in (302, 405), (pattern.name, method, response.status_code)
                if response.status_code == 302:
                    assert "/accounts/login/" in response.url, (pattern.name, method)
            else:
                assert response.status_code in (302, 400, 403, 404, 405), (pattern.name, method)
                if response.status_code == 302:  # only ever a way back, never a success
                    assert "/accounts/" not in response.url, (pattern.name, method)
    assert snapshot() == before


@pytest.mark.parametrize("who", ["coordinator", "owner", "player"])
def test_garbage_and_missing_ids_never_give_a_500_to_the_people_involved(client, world, swept, who):
    d, camp = swept
    ensure_mfa(world.coordinator)
    user = d.players[0].talent.user if who == "player" else getattr(world, who)
    client.force_login(user)
    for pattern in urls.urlpatterns:
        kwargs = kwargs_for(pattern.name, d, camp)
        for url in (
            reverse(f"drafts:{pattern.name}", kwargs=kwargs),
            reverse(
                f"drafts:{pattern.name}",
                kwargs={k: (v if k == "part" else 987654321) for k, v in kwargs.items()},
            ),
        ):
            for method in ("get", "post"):
                response = getattr(client, method)(url, GARBAGE)
                assert response.status_code < 500, (pattern.name, url, method, response.status_code)
