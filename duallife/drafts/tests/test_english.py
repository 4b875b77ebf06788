"""The draft's texts in English: service errors, refusals, notifications (worded when read, with
their dates in the reader's format) and the engine's input errors, worded from their codes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from duallife.core.formats import format_date, format_datetime
from duallife.core.texts import Text
from duallife.drafts.errors import DraftError
from duallife.drafts.services import camps as camp_services
from duallife.drafts.services import players as player_services
from duallife.drafts.services import runs as run_services
from duallife.drafts.services.choices import team_choices_save
from duallife.drafts.services.messages import draft_message_post
from duallife.drafts.services.players import player_enter
from duallife.drafts.services.runs import draft_run_execute
from duallife.drafts.texts import camp_when, input_error_text, messaging_period
from duallife.engine.draft import DraftInputError, parse_instance
from duallife.organizations.models import Membership
from duallife.testing.accounts import make_user
from duallife.testing.drafts import create, make_camp, open_event, players
from duallife.testing.talents import make_talent

pytestmark = pytest.mark.django_db

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def english(text, *typed: str) -> str:
    """``text`` worded in English, checked to hold no Japanese besides what people typed."""
    with translation.override("en"):
        worded = "\n".join(str(line) for line in text) if isinstance(text, list) else str(text)
    rest = worded
    for value in typed:
        rest = rest.replace(value, "")
    assert JAPANESE.search(rest) is None, worded
    return worded


class Sent:
    """What the services passed to ``notify``."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def __call__(self, **kwargs):
        self.calls.append(kwargs)


@pytest.fixture
def sent(monkeypatch) -> Sent:
    sent = Sent()
    for module in (run_services, player_services, camp_services):
        monkeypatch.setattr(module, "notify", sent)
    return sent


def refusal(call, **kwargs) -> str:
    with translation.override("en"), pytest.raises(DraftError) as caught:
        call(**kwargs)
    return english(caught.value.message)


# --- service errors ---------------------------------------------------------------------------


def test_service_errors_are_worded_in_english(world, draft):
    event, _, _ = draft
    assert (
        refusal(draft_run_execute, event=event, by=world.owner)
        == "Only the organiser and the secretariat can run nominations."
    )
    assert refusal(create, world=world, name=" ") == "The name must be 1 to 120 characters long."
    assert refusal(create, world=world, player_fee_yen=-1) == (
        "The player fee must be a whole number from 0 to ¥10,000,000."
    )


def test_a_tie_and_a_closed_period_are_refused_in_english(world, event):
    team = event.teams.get()
    first, second = players(event)
    assert refusal(team_choices_save, team=team, by=world.owner, players=[[first, second]]) == (
        "Some players share a rank. In this draft, every player must have a rank of their own."
    )
    event.entry_opens_on = event.nomination_on
    event.save(update_fields=["entry_opens_on"])
    message = refusal(draft_message_post, event=event, team=team, player=first, by=world.owner, body="Hi")
    assert message.startswith("Messages can be sent only during this draft (from ")
    assert str(event.negotiation_until.year) in message


# --- notifications: worded when read ----------------------------------------------------------


def test_an_entry_confirmation_is_worded_in_english_with_its_deadline(world, sent):
    event = open_event(world)
    player_enter(event=event, talent=make_talent(make_user("newcomer")))
    (call,) = sent.calls
    assert isinstance(call["title"], Text)
    assert english(call["title"], event.name) == f"Your entry to “{event.name}” has been received"
    body = english(call["body"])
    assert body.startswith("Preference list deadline: ")
    assert str(event.preferences_deadline.year) in body
    assert body.endswith("whether your display name is shown at any time.")


def test_nominations_are_announced_in_english(world, draft, sent):
    event, teams, drafted_players = draft
    for team in teams:
        Membership.objects.create(user=make_user(f"member-{team.pk}"), organization=team.organization)
    draft_run_execute(event=event, by=world.coordinator)
    titles = {english(call["title"], event.name) for call in sent.calls}
    assert "You have been nominated" in titles
    assert f"The nominations of “{event.name}” have been decided" in titles
    names = [p.talent.display_name for p in drafted_players] + [t.organization.name for t in teams]
    for call in sent.calls:
        body = english(call["body"], event.name, *names)
        assert "Please accept or decline" in body or "Write the players a message" in body


def test_a_cancelled_camp_is_announced_in_english(world, event, sent):
    camp = make_camp(event, title="顔合わせ")
    first = players(event)[0]
    camp_services.camp_register(camp=camp, by=first.talent.user)
    camp_services.camp_delete(camp=camp, by=world.coordinator)
    (call,) = sent.calls
    assert english(call["title"], camp.title) == "The camp “顔合わせ” has been cancelled"
    body = english(call["body"], camp.title, event.name)
    assert "has been cancelled. Your registration has been cancelled too." in body


def test_shared_texts_are_worded_in_english(world, event):
    camp = make_camp(event)
    assert english(camp_when(camp)).endswith("(Online)") or english(camp_when(camp)).endswith("(On site)")
    assert english(messaging_period(event)).startswith("from ")


# --- the engine's input errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "worded"),
    [
        ({"players": "p1", "teams": []}, "players must be an array."),
        (
            {"players": [{"id": "p1", "ranking": ["t9"]}], "teams": [{"id": "t1", "capacity": 1}]},
            '"t9" in the ranking of "p1" is not in teams.',
        ),
        (
            {"players": [{"id": "p1"}], "teams": [{"id": "t1", "capacity": 0}]},
            'The capacity of team "t1" must be an integer of 1 or more.',
        ),
    ],
)
def test_the_engines_input_errors_are_worded_from_their_codes(data, worded):
    with pytest.raises(DraftInputError) as caught:
        parse_instance(data)
    with translation.override("en"):
        assert input_error_text(caught.value) == worded
    assert JAPANESE.search(str(caught.value))  # the console keeps its Japanese message


# --- pages ----------------------------------------------------------------------------------------


def test_the_event_page_gives_its_dates_in_english(client, world, event):
    with translation.override("en"):
        path = reverse("drafts:detail", args=[event.pk])
        deadline = format_datetime(event.preferences_deadline)
        nomination_day = format_date(event.nomination_on)
    assert path.startswith("/en/")
    page = client.get(path).content.decode()
    assert deadline in page
    assert nomination_day in page
    assert "年" not in deadline
