"""Run pages (the organiser's, behind MFA): readiness and when a run becomes possible, running
(players or teams proposing, a seed where ties are allowed), the runs so far by organisation, one
run's audit by display name, replaying and downloading its stored input and result."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from duallife.drafts.models import DraftRun, Nomination
from duallife.drafts.services.runs import draft_run_execute
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership
from duallife.testing.accounts import make_user
from duallife.testing.drafts import (
    assert_no_contact_details,
    draft_and_run,
    ensure_mfa,
    make_event,
    rank,
    teams_and_players,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(client, world):
    ensure_mfa(world.coordinator)
    client.force_login(world.coordinator)
    return world.coordinator


def runs_url(event) -> str:
    return reverse("drafts:runs", args=[event.pk])


def test_the_organiser_sees_readiness_and_a_form_with_players_proposing_by_default(client, organiser, draft):
    event, _teams, _players = draft
    response = client.get(runs_url(event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "準備の状況" in content
    assert "3人 / 3人" in content  # every player filled a list
    assert "2チーム / 2チーム" in content
    assert "締切済み" in content
    assert 'value="players"' in content
    assert 'value="players" required id="id_proposing_0" checked' in content
    assert "選手に最適" in content
    assert 'name="seed"' not in content  # ties are not allowed in this event
    assert "まだ実行していません" in content


def test_a_seed_field_appears_only_where_ties_are_allowed(client, organiser, world):
    event = make_event(world, allow_ties=True)
    content = client.get(runs_url(event)).content.decode()
    assert 'name="seed"' in content
    assert "空欄なら自動で決め" in content


def test_running_creates_the_nominations_and_tells_players_and_teams(
    client, organiser, world, draft, django_capture_on_commit_callbacks
):
    event, (t0, _t1), (p0, p1, p2) = draft
    team_member = make_user("t0-member")
    Membership.objects.create(user=team_member, organization=t0.organization)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(runs_url(event), {"proposing": "players"})
    run = DraftRun.objects.get(event=event)
    assert response.status_code == 302
    assert response["Location"] == reverse("drafts:run_detail", args=[event.pk, run.number])
    assert run.proposing == "players"
    assert run.nominations.count() == 2

    nominations_url = reverse("drafts:nominations", args=[event.pk])
    told = Notification.objects.filter(kind=Kind.DRAFT)
    for player in (p0, p1):
        note = told.get(user=player.talent.user)
        assert note.title == "指名されました"
        assert note.url == nominations_url
    assert not told.filter(user=p2.talent.user).exists()
    team_note = told.get(user=team_member)
    assert p1.talent.display_name in team_note.body
    assert "髙橋" not in team_note.body


def test_teams_proposing_is_recorded(client, organiser, draft):
    event, _teams, _players = draft
    client.post(runs_url(event), {"proposing": "teams"})
    assert DraftRun.objects.get(event=event).proposing == "teams"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"proposing": "everyone"}, "選手かチームのどちらか"),
        ({}, "申し込む側を選んでください"),
    ],
)
def test_bad_run_input_is_refused_and_nothing_runs(client, organiser, draft, data, message):
    event, _teams, _players = draft
    response = client.post(runs_url(event), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DraftRun.objects.exists()
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("seed", "message"),
    [("abc", "0以上の整数"), ("-1", "0以上の整数"), (str(2**64), "大きすぎます")],
)
def test_a_bad_seed_is_refused(client, organiser, world, seed, message):
    event = make_event(world, allow_ties=True)
    teams_and_players(event)
    response = client.post(runs_url(event), {"proposing": "players", "seed": seed})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DraftRun.objects.exists()


def test_a_given_seed_is_stored_and_a_blank_one_is_drawn(client, organiser, world):
    event = make_event(world, allow_ties=True)
    (t0,), (p0, p1) = teams_and_players(event, n_teams=1, n_players=2)
    rank(p0, [t0])
    rank(p1, [t0])
    client.post(runs_url(event), {"proposing": "players", "seed": "4242"})
    assert DraftRun.objects.get(event=event).seed == 4242
    Nomination.objects.update(status=Nomination.Status.DECLINED)
    event2 = make_event(world, allow_ties=True)
    (u0,), (q0,) = teams_and_players(event2, n_teams=1, n_players=1)
    rank(q0, [u0])
    client.post(runs_url(event2), {"proposing": "players", "seed": ""})
    assert DraftRun.objects.get(event=event2).seed is not None


def test_running_before_the_deadline_is_refused_with_the_reason(client, organiser, world):
    event = make_event(world, deadline_passed=False)
    teams_and_players(event)
    page = client.get(runs_url(event)).content.decode()
    assert "締切" in page
    response = client.post(runs_url(event), {"proposing": "players"})
    assert response.status_code == 400
    assert "締切前は指名を実行できません" in response.content.decode()
    assert not DraftRun.objects.exists()


def test_a_second_round_is_explained_and_works_on_what_remains(client, organiser, draft):
    event, (_t0, t1), (p0, p1, p2) = draft
    client.post(runs_url(event), {"proposing": "players"})
    Nomination.objects.filter(player=p0).update(status=Nomination.Status.DECLINED)
    Nomination.objects.filter(player=p1).update(status=Nomination.Status.ACCEPTED)
    content = client.get(runs_url(event)).content.decode()
    assert "辞退された選手とチームの組み合わせは、もう一度指名されることはありません" in content
    assert "次の回の指名を実行する" in content
    response = client.post(runs_url(event), {"proposing": "players"})
    assert response.status_code == 302
    second = DraftRun.objects.get(event=event, number=2)
    assert set(second.nominations.values_list("team_id", "player_id")) == {(t1.pk, p2.pk)}


def test_the_list_of_runs_has_bounded_queries(client, organiser, world, draft, django_assert_max_num_queries):
    event, _teams, _players = draft
    run = draft_run_execute(event=event, by=world.coordinator)
    for number in range(2, 7):
        DraftRun.objects.create(
            event=event,
            number=number,
            proposing="players",
            instance=run.instance,
            result=run.result,
            created_by=world.operator,
        )
    with django_assert_max_num_queries(25):
        response = client.get(runs_url(event))
    content = response.content.decode()
    assert "第6回" in content
    assert "第1回" in content
    assert "（安定）" in content


def test_only_the_organiser_opens_the_run_pages(client, world, drafted):
    event, run = drafted.event, drafted.run
    urls = [
        runs_url(event),
        reverse("drafts:run_detail", args=[event.pk, run.number]),
        reverse("drafts:run_download", args=[event.pk, run.number, "input"]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    outsiders = [
        world.far_coordinator,
        world.owner,  # acts for one of the teams
        drafted.region_member,
        drafted.players[0].talent.user,
        world.stranger,
        world.nobody,
    ]
    for outsider in outsiders:
        client.force_login(outsider)
        for url in urls:
            assert client.get(url).status_code == 403, (outsider, url)
        assert client.post(runs_url(event), {"proposing": "players"}).status_code == 403
        replay = reverse("drafts:run_replay", args=[event.pk, run.number])
        assert client.post(replay).status_code == 403
    assert DraftRun.objects.count() == 1
    client.force_login(world.operator)  # operators organise every event
    assert client.get(runs_url(event)).status_code == 200
    assert client.get(reverse("drafts:runs", args=[999999])).status_code == 404


def test_the_audit_shows_inputs_seed_and_result_by_display_name(client, organiser, drafted):
    event, run = drafted.event, drafted.run
    response = client.get(reverse("drafts:run_detail", args=[event.pk, run.number]))
    assert response.status_code == 200
    content = response.content.decode()
    assert drafted.company_team.organization.name in content
    for player in drafted.players:
        assert player.talent.display_name in content
    assert "選手：3人" in content
    assert "再計算して確認" in content
    assert f"--proposing {run.proposing}" in content
    assert_no_contact_details(content, drafted.players)


def test_an_unknown_run_is_a_404(client, organiser, world, drafted):
    event = drafted.event
    other = draft_and_run(world)
    assert client.get(reverse("drafts:run_detail", args=[event.pk, 99])).status_code == 404
    assert client.get(reverse("drafts:run_detail", args=[other.event.pk, 99])).status_code == 404
    assert client.post(reverse("drafts:run_replay", args=[event.pk, 2])).status_code == 404


def test_a_replay_says_the_stored_result_is_reproduced(client, organiser, drafted):
    event, run = drafted.event, drafted.run
    url = reverse("drafts:run_replay", args=[event.pk, run.number])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "保存されている結果と一致しました" in response.content.decode()


def test_a_replay_says_so_when_the_stored_result_was_tampered_with(client, organiser, drafted):
    event, run = drafted.event, drafted.run
    DraftRun.objects.filter(pk=run.pk).update(result={**run.result, "unmatched_players": ["p0"]})
    response = client.post(reverse("drafts:run_replay", args=[event.pk, run.number]), follow=True)
    assert "一致しませんでした" in response.content.decode()


def test_the_stored_input_and_result_download_as_json(client, organiser, drafted):
    event, run = drafted.event, drafted.run
    response = client.get(reverse("drafts:run_download", args=[event.pk, run.number, "input"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == run.instance
    result = client.get(reverse("drafts:run_download", args=[event.pk, run.number, "result"]))
    assert json.loads(result.content) == run.result
    assert client.get(f"/drafts/{event.pk}/runs/{run.number}/secrets.json").status_code == 404
    assert client.get(f"/drafts/{event.pk}/runs/{run.number}/..%2Finput.json").status_code == 404


def test_the_runs_pages_name_who_ran_it_by_organisation_never_by_email(client, world, drafted):
    client.force_login(world.operator)
    for url in (
        reverse("drafts:runs", args=[drafted.event.pk]),
        reverse("drafts:run_detail", args=[drafted.event.pk, drafted.run.number]),
    ):
        content = client.get(url).content.decode()
        assert drafted.event.organizer.name in content  # run by a member of the organiser
        assert world.coordinator.email not in content


def test_the_runs_page_says_when_a_run_becomes_possible(client, world):
    import datetime

    from django.utils import timezone

    from duallife.drafts.models import DraftEvent

    event = make_event(world)
    ensure_mfa(world.coordinator)
    today = timezone.localdate()
    DraftEvent.objects.filter(pk=event.pk).update(
        nomination_on=today + datetime.timedelta(days=2), negotiation_until=today + datetime.timedelta(days=9)
    )
    client.force_login(world.coordinator)
    content = client.get(reverse("drafts:runs", args=[event.pk])).content.decode()
    assert "指名は指名日（" in content
    DraftEvent.objects.filter(pk=event.pk).update(
        nomination_on=today - datetime.timedelta(days=20),
        negotiation_until=today - datetime.timedelta(days=1),
    )
    content = client.get(reverse("drafts:runs", args=[event.pk])).content.decode()
    assert "交渉期間が終わったため" in content
