"""The nominations page: the player answers (not before the nomination day nor after the window),
the team writes its message and records outcomes, the organiser sees everything with a summary;
people without a role are kept out; a bounded number of queries, and never the runs' stored JSON."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    DraftEvent,
    DraftMessage,
    DraftTeam,
    Nomination,
)
from duallife.drafts.services.nominations import nomination_respond
from duallife.drafts.services.runs import draft_run_execute
from duallife.notifications.models import Kind
from duallife.postings.models import SpecSheet
from duallife.talents.models import TalentProfile
from duallife.testing.drafts import (
    DAY,
    assert_no_contact_details,
    draft_and_run,
    ensure_mfa,
    make_event,
    nomination_of,
    rank,
    teams_and_players,
    text,
)
from duallife.testing.notifications import told

pytestmark = pytest.mark.django_db


def before_nomination_day(event) -> datetime.date:
    day = timezone.localdate() + 3 * DAY
    DraftEvent.objects.filter(pk=event.pk).update(nomination_on=day, negotiation_until=day + 14 * DAY)
    return day


def loads_run_json(queries) -> list[str]:
    return [q["sql"] for q in queries if '"drafts_draftrun"."instance"' in q["sql"]]


def page_url(event) -> str:
    return reverse("drafts:nominations", args=[event.pk])


def respond(client, nomination, answer="accept", *, confirmed=True):
    """The player's answer, sent from the confirmation page (``confirmed``) or its first press."""
    data = {} if answer is None else {"answer": answer}
    if confirmed:
        data["confirmed"] = "on"
    return client.post(reverse("drafts:nomination_respond", args=[nomination.pk]), data)


def close_window(event) -> None:
    DraftEvent.objects.filter(pk=event.pk).update(
        negotiation_until=timezone.localdate() - datetime.timedelta(days=1)
    )


def test_a_player_cannot_answer_before_the_nomination_day(client, drafted):
    day = before_nomination_day(drafted.event)
    nomination = Nomination.objects.get(run=drafted.run, player=drafted.players[0])
    user = drafted.players[0].talent.user

    with pytest.raises(DraftError, match="指名日"):
        nomination_respond(nomination=nomination, by=user, accept=True)

    client.force_login(user)
    page = text(client.get(reverse("drafts:nominations", args=[drafted.event.pk])))
    assert 'value="accept"' not in page
    assert f"指名日（{day.year}年{day.month}月{day.day}日）から" in page
    assert "交渉期間が終わった" not in page
    response = client.post(reverse("drafts:nomination_respond", args=[nomination.pk]), {"answer": "accept"})
    assert response.status_code == 400
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.PENDING


def test_nomination_pages_and_answers_never_load_the_runs_json(client, world, drafted):
    nomination = drafted.run.nominations.get(player=drafted.players[0])
    client.force_login(world.coordinator)  # the organiser
    with CaptureQueriesContext(connection) as organiser_page:
        assert client.get(reverse("drafts:nominations", args=[drafted.event.pk])).status_code == 200
    client.force_login(world.owner)  # the nominating team
    with CaptureQueriesContext(connection) as message:
        response = client.post(
            reverse("drafts:nomination_message", args=[nomination.pk]),
            {"message": "よろしく", "section": "team"},
        )
        assert response.status_code == 302
    client.force_login(drafted.players[0].talent.user)
    with CaptureQueriesContext(connection) as answer:
        response = respond(client, nomination, "accept")
        assert response.status_code == 302
    assert loads_run_json(organiser_page.captured_queries) == []
    assert loads_run_json(message.captured_queries) == []
    assert loads_run_json(answer.captured_queries) == []


def test_the_player_sees_their_nomination_with_the_message_and_the_deadline(client, drafted):
    nomination = nomination_of(drafted, 0)
    Nomination.objects.filter(pk=nomination.pk).update(message="味噌蔵の新商品を一緒に。")
    client.force_login(drafted.players[0].talent.user)
    response = client.get(page_url(drafted.event))
    assert response.status_code == 200
    content = response.content.decode()
    assert "あなたへの指名" in content
    assert drafted.company_team.organization.name in content
    assert "味噌蔵の新商品を一緒に。" in content
    until = drafted.event.negotiation_until
    assert f"{until.year}年{until.month}月{until.day}日" in content
    assert 'value="accept"' in content
    assert 'value="decline"' in content
    assert "あとから取り消せません" in content
    assert "チームの指名" not in content  # not a team member
    assert "すべての指名" not in content


def test_accepting_tells_the_team_and_shows_the_answer(
    client, world, drafted, django_capture_on_commit_callbacks
):
    nomination = nomination_of(drafted, 0)
    client.force_login(drafted.players[0].talent.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = respond(client, nomination, "accept")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#player-nomination-{nomination.pk}")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.ACCEPTED
    accepted = told(kind=Kind.DRAFT, title="受諾")
    assert {n.user_id for n in accepted} == {world.owner.pk, world.member.pk}
    assert "髙橋" not in accepted[0].body
    content = client.get(page_url(drafted.event)).content.decode()
    assert "受諾しました" in content
    assert 'value="accept"' not in content


def test_declining_tells_the_team(client, world, drafted, django_capture_on_commit_callbacks):
    nomination = nomination_of(drafted, 2)  # the region's team
    client.force_login(drafted.players[2].talent.user)
    with django_capture_on_commit_callbacks(execute=True):
        assert respond(client, nomination, "decline").status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.DECLINED
    declined = told(kind=Kind.DRAFT, title="辞退")
    assert [n.user_id for n in declined] == [drafted.region_member.pk]


@pytest.mark.parametrize(("answer", "message"), [(None, "ボタンで回答"), ("maybe", "ボタンで回答")])
def test_a_bad_answer_is_refused(client, drafted, answer, message):
    nomination = nomination_of(drafted, 0)
    client.force_login(drafted.players[0].talent.user)
    response = respond(client, nomination, answer)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.PENDING


def test_no_answer_after_the_window_or_twice(client, drafted):
    first, second = nomination_of(drafted, 0), nomination_of(drafted, 1)
    client.force_login(drafted.players[0].talent.user)
    assert respond(client, first, "decline").status_code == 302
    again = respond(client, first, "accept")
    assert again.status_code == 400
    assert "すでに回答しています" in again.content.decode()
    assert Nomination.objects.get(pk=first.pk).status == Nomination.Status.DECLINED

    close_window(drafted.event)
    client.force_login(drafted.players[1].talent.user)
    page = client.get(page_url(drafted.event)).content.decode()
    assert 'value="accept"' not in page
    assert "交渉期間が終わったため、回答できません" in page
    late = respond(client, second, "accept")
    assert late.status_code == 400
    assert "交渉期間が終わったため" in late.content.decode()
    assert Nomination.objects.get(pk=second.pk).status == Nomination.Status.PENDING


def test_only_the_nominated_player_answers(client, world, drafted):
    nomination = nomination_of(drafted, 0)
    client.force_login(world.owner)  # the nominating team: knows it, may not answer it
    assert respond(client, nomination).status_code == 403
    client.force_login(drafted.players[1].talent.user)  # another player of the event
    assert respond(client, nomination).status_code == 404
    client.force_login(world.stranger)  # another tenant
    assert respond(client, nomination).status_code == 404
    other = draft_and_run(world)
    client.force_login(other.players[0].talent.user)  # a player of another event
    assert respond(client, nomination).status_code == 404
    assert (
        client.post(reverse("drafts:nomination_respond", args=[999999]), {"answer": "accept"}).status_code
        == 404
    )
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.PENDING


def test_the_team_sees_its_nominations_by_display_name_and_writes_a_message(
    client, world, drafted, django_capture_on_commit_callbacks
):
    nomination = nomination_of(drafted, 0)
    client.force_login(world.member)
    page = client.get(page_url(drafted.event))
    assert page.status_code == 200
    content = page.content.decode()
    assert "チームの指名" in content
    assert drafted.players[0].talent.display_name in content
    assert drafted.players[1].talent.display_name in content
    assert drafted.players[2].talent.display_name not in content  # the other team's
    assert_no_contact_details(content, drafted.players)

    url = reverse("drafts:nomination_message", args=[nomination.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": "  月1回、仙台で会いましょう。  ", "section": "team"})
    assert response.status_code == 302
    assert Nomination.objects.get(pk=nomination.pk).message == "月1回、仙台で会いましょう。"
    assert len(told(kind=Kind.DRAFT, user=drafted.players[0].talent.user, title="メッセージ")) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"message": "あ" * 1001}, "1000文字以内"),
        ({}, "メッセージの欄が送られていません"),
    ],
)
def test_a_bad_message_is_refused_and_nothing_saved(client, world, drafted, data, message):
    nomination = nomination_of(drafted, 0)
    client.force_login(world.owner)
    response = client.post(reverse("drafts:nomination_message", args=[nomination.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).message == ""


def test_messages_close_with_the_negotiation_window(client, world, drafted):
    nomination = nomination_of(drafted, 0)
    close_window(drafted.event)
    client.force_login(world.owner)
    page = client.get(page_url(drafted.event)).content.decode()
    assert 'name="message"' not in page
    response = client.post(reverse("drafts:nomination_message", args=[nomination.pk]), {"message": "遅れて"})
    assert response.status_code == 400
    assert "交渉期間が終わったため" in response.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).message == ""


def test_pages_refuse_writers_who_are_not_the_team(client, world, drafted):
    nomination = nomination_of(drafted, 0)
    client.force_login(drafted.players[0].talent.user)
    message_url = reverse("drafts:nomination_message", args=[nomination.pk])
    outcome_url = reverse("drafts:nomination_outcome", args=[nomination.pk])
    assert client.post(message_url, {"message": "自分で"}).status_code == 403
    assert client.post(outcome_url, {"outcome": "moved"}).status_code == 403
    client.force_login(drafted.region_member)  # another team of the event
    assert client.post(message_url, {"message": "横から"}).status_code == 404
    client.force_login(world.stranger)
    assert client.post(message_url, {"message": "横から"}).status_code == 404
    assert Nomination.objects.get(pk=nomination.pk).message == ""


def test_after_an_acceptance_the_team_learns_how_to_continue_and_records_the_outcome(
    client, world, drafted, make_sheet
):
    make_sheet(SpecSheet.Status.PUBLISHED)  # the company can scout
    TalentProfile.objects.filter(pk=drafted.players[0].talent_id).update(visibility="public")
    nomination = nomination_of(drafted, 0)
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.ACCEPTED)
    client.force_login(world.owner)
    content = client.get(page_url(drafted.event)).content.decode()
    assert "これからの進め方" in content
    thread = reverse("drafts:thread", args=[drafted.event.pk, drafted.company_team.pk, drafted.players[0].pk])
    assert thread in content
    assert f"{reverse('engagements:scout_new')}?talent={drafted.players[0].talent_id}" in content
    assert 'name="outcome"' in content

    url = reverse("drafts:nomination_outcome", args=[nomination.pk])
    response = client.post(
        url, {"outcome": "dual_life", "note": "月2回、仙台に通っています", "section": "team"}
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.outcome == Nomination.Outcome.DUAL_LIFE
    assert nomination.outcome_note == "月2回、仙台に通っています"
    assert "記録済み：二地域居住" in client.get(page_url(drafted.event)).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"outcome": "rich"}, "から選んでください"),
        ({}, "その後の状況を選んでください"),
        ({"outcome": "moved", "note": "あ" * 301}, "300文字以内"),
    ],
)
def test_a_bad_outcome_is_refused(client, world, drafted, data, message):
    nomination = nomination_of(drafted, 0)
    Nomination.objects.filter(pk=nomination.pk).update(status=Nomination.Status.ACCEPTED)
    client.force_login(world.owner)
    response = client.post(reverse("drafts:nomination_outcome", args=[nomination.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).outcome == ""


def test_an_outcome_only_for_an_accepted_nomination(client, world, drafted):
    nomination = nomination_of(drafted, 0)
    client.force_login(world.owner)
    response = client.post(reverse("drafts:nomination_outcome", args=[nomination.pk]), {"outcome": "moved"})
    assert response.status_code == 400
    assert "受諾された指名にだけ" in response.content.decode()
    assert Nomination.objects.get(pk=nomination.pk).outcome == ""


def test_the_organiser_sees_everything_filters_by_status_and_reads_the_outcome_summary(
    client, world, drafted
):
    p0, p1, p2 = drafted.players
    Nomination.objects.filter(player=p0).update(status=Nomination.Status.ACCEPTED, outcome="moved")
    Nomination.objects.filter(player=p2).update(status=Nomination.Status.ACCEPTED)
    Nomination.objects.filter(player=p1).update(status=Nomination.Status.DECLINED)
    client.force_login(world.coordinator)
    content = client.get(page_url(drafted.event)).content.decode()
    assert "すべての指名（主催者）" in content
    for player in drafted.players:
        assert player.talent.display_name in content
    assert "受諾された指名のその後" in content
    assert '<th scope="row">移住</th><td class="num">1件</td>' in content
    assert '<th scope="row">未記録</th><td class="num">1件</td>' in content
    assert_no_contact_details(content, drafted.players)

    declined = client.get(page_url(drafted.event), {"status": "declined"}).content.decode()
    assert p1.talent.display_name in declined
    assert p0.talent.display_name not in declined

    bad = client.get(page_url(drafted.event), {"status": "lost"})
    assert bad.status_code == 200
    assert "絞り込みの条件に誤りがあります" in bad.content.decode()

    url = reverse("drafts:nomination_outcome", args=[nomination_of(drafted, 2).pk])
    assert client.post(url, {"outcome": "side_job", "section": "organiser"}).status_code == 302
    assert nomination_of(drafted, 2).outcome == Nomination.Outcome.SIDE_JOB


def test_people_without_a_role_are_kept_out(client, world, drafted):
    url = page_url(drafted.event)
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    for outsider in (world.stranger, world.nobody, world.far_coordinator, world.talent):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    other = draft_and_run(world)
    client.force_login(other.players[0].talent.user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("drafts:nominations", args=[999999])).status_code == 404


def test_the_nominations_page_has_bounded_queries(client, world, django_assert_max_num_queries):
    ensure_mfa(world.coordinator)
    event = make_event(world, capacity=6)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    _, players = teams_and_players(event, n_teams=0, n_players=6)
    for player in players:
        rank(player, [team])
    rank(team, players)
    run = draft_run_execute(event=event, by=world.coordinator)
    Nomination.objects.filter(run=run, player__in=players[:3]).update(status=Nomination.Status.ACCEPTED)
    assert run.nominations.count() == 6
    for user in (world.owner, world.coordinator):
        client.force_login(user)
        with django_assert_max_num_queries(20):
            response = client.get(page_url(event))
        assert response.status_code == 200
        assert_no_contact_details(response.content.decode(), players)


def test_a_player_left_out_of_the_run_is_told_so_not_that_nothing_happened_yet(client, world):
    event = make_event(world)
    (team,), (chosen, left_out) = teams_and_players(event, n_teams=1, n_players=2)
    rank(chosen, [team])
    rank(left_out, [team])
    rank(team, [chosen])
    url = reverse("drafts:nominations", args=[event.pk])
    client.force_login(left_out.talent.user)
    before = client.get(url).content.decode()
    assert "まだ指名はありません" in before

    draft_run_execute(event=event, by=world.coordinator)

    after = client.get(url).content.decode()
    assert "あなたへの指名はありませんでした" in after
    assert "まだ指名はありません" not in after


# --- the nominee's page: what accepting means, questions, a confirmed answer --------------------


def detail_url(nomination) -> str:
    return reverse("drafts:nomination", args=[nomination.pk])


def test_the_nomination_page_says_what_accepting_commits_to_before_the_buttons(client, drafted):
    nomination = nomination_of(drafted, 0)
    client.force_login(drafted.players[0].talent.user)

    content = text(client.get(detail_url(nomination)))

    statement = content.index("受諾・辞退の意味")
    assert statement < content.index('value="accept"')
    assert statement < content.index('value="decline"')
    for promise in (
        "話し合う段階に進みます",
        "氏名や連絡先は、受諾しても伝わりません",
        "契約（成約）ではありません",
        "同じチームから再び指名されることはありません",
        "受諾も辞退も、あとから取り消せません",
    ):
        assert promise in content
    assert detail_url(nomination) in text(client.get(page_url(drafted.event)))


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_an_answer_is_only_sent_once_confirmed(client, drafted, answer):
    nomination = nomination_of(drafted, 0)
    client.force_login(drafted.players[0].talent.user)

    first = respond(client, nomination, answer, confirmed=False)

    assert first.status_code == 200
    page = text(first)
    assert "まだ回答は送られていません" in page
    assert "契約（成約）ではありません" in page
    assert ("受諾を確定する" if answer == "accept" else "辞退を確定する") in page
    assert Nomination.objects.get(pk=nomination.pk).status == Nomination.Status.PENDING
    assert respond(client, nomination, answer).status_code == 302
    assert (
        Nomination.objects.get(pk=nomination.pk).status
        == {"accept": "accepted", "decline": "declined"}[answer]
    )


def test_the_confirmation_step_refuses_what_the_answer_would(client, drafted):
    nomination = nomination_of(drafted, 0)
    close_window(drafted.event)
    client.force_login(drafted.players[0].talent.user)

    response = respond(client, nomination, "accept", confirmed=False)

    assert response.status_code == 400
    assert "交渉期間が終わったため" in text(response)


def test_the_nominee_asks_the_team_which_answers_in_the_thread_and_both_read_it(
    client, world, drafted, django_capture_on_commit_callbacks
):
    nomination = nomination_of(drafted, 0)
    player = drafted.players[0]
    client.force_login(player.talent.user)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(detail_url(nomination), {"body": "月に何回くらい現地に行く想定ですか？"})
    question = DraftMessage.objects.get()
    thread = reverse("drafts:thread", args=[drafted.event.pk, drafted.company_team.pk, player.pk])

    assert asked.status_code == 302
    assert asked["Location"].endswith(f"#message-{question.pk}")
    assert (question.from_team, question.team, question.player) == (False, drafted.company_team, player)
    told_team = told(kind=Kind.DRAFT, title="メッセージ")
    assert {n.user_id for n in told_team} == {world.owner.pk, world.member.pk}
    client.force_login(world.member)
    team_view = text(client.get(thread))
    assert "月に何回くらい現地に行く想定ですか？" in team_view
    assert thread in text(client.get(page_url(drafted.event)))
    assert_no_contact_details(team_view, drafted.players)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread, {"body": "月1回、仙台で打ち合わせをする想定です。"})
    answer_notice = told(kind=Kind.DRAFT, user=player.talent.user, title="メッセージ")

    assert [n.url for n in answer_notice] == [detail_url(nomination)]
    client.force_login(player.talent.user)
    page = text(client.get(detail_url(nomination)))
    assert "月に何回くらい現地に行く想定ですか？" in page
    assert "月1回、仙台で打ち合わせをする想定です。" in page


def test_only_the_nominee_opens_the_page_or_asks(client, world, drafted):
    nomination = nomination_of(drafted, 0)
    url = detail_url(nomination)

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert reverse("account_login") in anonymous["Location"]
    client.force_login(world.owner)  # the nominating team: knows it, answers in the thread
    assert client.get(url).status_code == 403
    assert client.post(url, {"body": "チームから"}).status_code == 403
    for outsider in (drafted.region_member, drafted.players[1].talent.user, world.stranger, world.talent):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "横から"}).status_code == 404
    client.force_login(draft_and_run(world).players[0].talent.user)  # a player of another event
    assert client.get(url).status_code == 404
    assert client.get(reverse("drafts:nomination", args=[999999])).status_code == 404
    assert not DraftMessage.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "メッセージを入力してください"), ("   ", "メッセージを入力"), ("あ" * 2001, "2000文字以内")],
)
def test_a_bad_question_is_refused_and_nothing_saved(client, drafted, body, message):
    nomination = nomination_of(drafted, 0)
    client.force_login(drafted.players[0].talent.user)

    response = client.post(detail_url(nomination), {"body": body})

    assert response.status_code == 400
    assert message in text(response)
    assert not DraftMessage.objects.exists()


def test_questions_stop_once_answered_or_when_the_window_closes(client, drafted):
    answered, waiting = nomination_of(drafted, 0), nomination_of(drafted, 1)
    respond(client_for(client, drafted.players[0]), answered, "accept")

    page = text(client.get(detail_url(answered)))
    refused = client.post(detail_url(answered), {"body": "まだ聞きたいことが"})
    close_window(drafted.event)
    client_for(client, drafted.players[1])
    late = client.post(detail_url(waiting), {"body": "遅れて質問"})

    assert 'name="body"' not in page
    assert "チームとのメッセージで相談を続ける" in page
    assert refused.status_code == 400
    assert "チームとのメッセージで続けて" in text(refused)
    assert late.status_code == 400
    assert "交渉期間が終わったため" in text(late)
    assert not DraftMessage.objects.exists()


def client_for(client, player):
    client.force_login(player.talent.user)
    return client
