"""Team pages: joining as a team, the team page (with the region and the simulator), editing it
(texts, the consortium's partners, the team's own number of places until the first run), and a
partner company leaving the consortium."""

from __future__ import annotations

import pytest
from django.urls import reverse

from duallife.drafts.errors import DraftError
from duallife.drafts.models import (
    CampRegistration,
    DraftTeam,
)
from duallife.drafts.permissions.teams import acts_for, teams_of
from duallife.drafts.selectors.teams import team_members
from duallife.drafts.services.teams import draft_team_update
from duallife.notifications.models import Kind, Notification
from duallife.organizations.models import Membership, Organization
from duallife.testing.drafts import DAY, HOUR, assert_login_redirect, camp_at, make_event, open_event, url
from duallife.testing.notifications import told
from duallife.testing.organizations import make_org
from duallife.testing.postings import SENDAI

pytestmark = pytest.mark.django_db


def edit(client, team, **data):
    values = {"strategy": "", "wants": "", "life": ""}
    values.update(data)
    return client.post(reverse("drafts:team_edit", args=[team.event_id, team.pk]), values)


def test_the_lead_adds_a_partner_whose_members_then_act_for_the_team(client, world, consortium):
    event, lead = consortium
    client.force_login(world.coordinator)
    page = client.get(reverse("drafts:team_edit", args=[event.pk, lead.pk]))
    assert world.company.name in page.content.decode()  # a company of the event's area
    assert world.other_company.name not in page.content.decode()  # Akita: outside the area

    response = edit(client, lead, partners=[world.company.pk])

    assert response.status_code == 302
    assert list(lead.partners.all()) == [world.company]
    assert list(teams_of(world.member, event)) == [lead]
    assert acts_for(world.owner, lead)
    assert {u.pk for u in team_members(lead)} >= {world.coordinator.pk, world.owner.pk, world.member.pk}
    assert told(user=world.owner, kind=Kind.DRAFT, title="チームに加わりました")
    team_page = client.get(reverse("drafts:team", args=[event.pk, lead.pk])).content.decode()
    assert "コンソーシアムの参加企業" in team_page
    assert world.company.name in team_page
    # the partner's member ranks players for the team
    client.force_login(world.member)
    assert client.get(reverse("drafts:team_choices", args=[event.pk, lead.pk])).status_code == 200


def test_a_partners_member_edits_texts_but_not_the_partners(client, world, consortium):
    event, lead = consortium
    lead.partners.set([world.company])
    client.force_login(world.member)
    page = client.get(reverse("drafts:team_edit", args=[event.pk, lead.pk])).content.decode()
    assert 'name="partners"' not in page
    assert edit(client, lead, strategy="販路づくり", partners=[]).status_code == 302
    lead.refresh_from_db()
    assert lead.strategy == "販路づくり"
    assert list(lead.partners.all()) == [world.company]  # ignored: not theirs to choose
    with pytest.raises(DraftError, match="代表の機関"):
        draft_team_update(team=lead, by=world.member, partners=[])


@pytest.mark.parametrize("bad", ["other_company", "own_team", "huge", "word"])
def test_partners_outside_the_candidates_are_refused_and_nothing_is_saved(client, world, consortium, bad):
    event, lead = consortium
    value = {
        "other_company": lambda: world.other_company.pk,  # outside the event's prefectures
        "own_team": lambda: (
            DraftTeam.objects.create(
                event=event, organization=make_org(Organization.Kind.COMPANY, "miyagi-team-co")
            ).organization_id
        ),  # already a team of the event
        "huge": lambda: "9" * 30,
        "word": lambda: "²",
    }[bad]()
    client.force_login(world.coordinator)
    response = edit(client, lead, strategy="変わらない", partners=[value])
    assert response.status_code == 400
    assert "一覧から選んで" in response.content.decode()
    lead.refresh_from_db()
    assert lead.strategy == ""
    assert not lead.partners.exists()


def test_a_partner_leaves_the_consortium_before_the_deadline(client, world, consortium):
    event, lead = consortium
    lead.partners.set([world.company])
    client.force_login(world.member)
    page = client.get(reverse("drafts:team", args=[event.pk, lead.pk])).content.decode()
    assert "コンソーシアムから抜ける" in page

    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))

    assert response.status_code == 302
    assert not lead.partners.exists()
    assert list(teams_of(world.member, event)) == []
    assert told(user=world.coordinator, title="コンソーシアムから抜けました")


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "stranger"])
def test_only_a_partners_member_may_leave_for_it(client, world, consortium, who):
    event, lead = consortium
    lead.partners.set([world.company])
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert list(lead.partners.all()) == [world.company]


def test_the_organiser_sets_a_teams_own_number_of_places_until_the_first_run(client, world, consortium):
    event, lead = consortium
    client.force_login(world.coordinator)  # a member of the organiser, which also leads this team
    assert edit(client, lead, capacity="5").status_code == 302
    lead.refresh_from_db()
    assert (lead.capacity, lead.places) == (5, 5)
    assert edit(client, lead, capacity="0").status_code == 400
    assert edit(client, lead, capacity="").status_code == 302
    lead.refresh_from_db()
    assert (lead.capacity, lead.places) == (None, event.team_capacity)
    # a partner's member sees no capacity field, and the service refuses them
    lead.partners.set([world.company])
    client.force_login(world.member)
    assert (
        'name="capacity"'
        not in client.get(reverse("drafts:team_edit", args=[event.pk, lead.pk])).content.decode()
    )
    with pytest.raises(DraftError, match="主催者"):
        draft_team_update(team=lead, by=world.member, capacity=4)


def test_a_leaving_company_gives_back_its_team_seats_at_camps_ahead(client, world, partnered):
    event, lead, _player = partnered
    ahead = camp_at(event, 2 * DAY, "オンライン相談会")
    started = camp_at(event, -HOUR, "始まった交流会")
    CampRegistration.objects.create(camp=ahead, user=world.member, team=lead)
    CampRegistration.objects.create(camp=ahead, user=world.owner, team=lead)
    CampRegistration.objects.create(camp=ahead, user=world.coordinator, team=lead)
    CampRegistration.objects.create(camp=started, user=world.owner, team=lead)
    client.force_login(world.member)

    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))

    assert response.status_code == 302
    assert not lead.partners.exists()
    # the seats ahead are free again (the online address is no longer shown to them); the lead's
    # seat stays, and so does the record of the camp that started
    assert set(CampRegistration.objects.values_list("camp__title", "user__username")) == {
        ("オンライン相談会", "coordinator"),
        ("始まった交流会", "owner"),
    }
    page = client.get(reverse("drafts:camp", args=[event.pk, ahead.pk])).content.decode()
    assert "https://meet.example.jp/draft" not in page
    # the company's other member and the one who left with a seat both hear about their seats
    for user in (world.owner, world.member):
        (notice,) = told(user=user, title="コンソーシアムから抜けました")
        assert "オンライン相談会" in notice.body
    assert len(told(user=world.coordinator, title="抜けました")) == 1


def test_a_member_of_two_partner_companies_leaves_for_both_at_once(client, world, partnered):
    event, lead, _player = partnered
    fishery = make_org(Organization.Kind.COMPANY, "ishinomaki-fish")
    Membership.objects.create(user=world.member, organization=fishery)
    lead.partners.add(fishery)
    client.force_login(world.member)

    response = client.post(reverse("drafts:team_leave", args=[event.pk, lead.pk]))

    assert response.status_code == 302
    assert not lead.partners.exists()
    assert len(told(user=world.coordinator, title="抜けました")) == 2


def test_anonymous_users_are_sent_to_log_in_to_join(client, world):
    event = open_event(world)
    assert_login_redirect(client.get(url("join", event.pk)))
    assert_login_redirect(client.post(url("join", event.pk), {"organization": world.company.pk}))
    assert not DraftTeam.objects.exists()


def test_people_without_a_body_or_company_cannot_join(client, world):
    event = open_event(world)
    client.force_login(world.talent)
    response = client.post(url("join", event.pk), {"organization": world.company.pk})
    assert response.status_code == 403
    assert "自治体・支援機関と企業のメンバー" in response.content.decode()
    assert not DraftTeam.objects.exists()


def test_a_company_member_joins_and_the_organiser_hears_about_it(client, world):
    event = open_event(world)
    client.force_login(world.owner)
    page = client.get(url("join", event.pk)).content.decode()
    assert "sendai-misoの名前" in page
    assert "akita-sakeの名前" not in page

    response = client.post(
        url("join", event.pk),
        {
            "organization": world.company.pk,
            "strategy": "味噌で世界へ",
            "wants": "EC担当の方",
            "life": "海が近い",
        },
    )

    team = DraftTeam.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("team", event.pk, team.pk)
    assert (team.organization, team.strategy, team.wants, team.life) == (
        world.company,
        "味噌で世界へ",
        "EC担当の方",
        "海が近い",
    )
    recipients = set(Notification.objects.filter(kind=Kind.DRAFT).values_list("user__username", flat=True))
    assert recipients == {"coordinator", "member"}
    page = client.get(url("join", event.pk)).content.decode()
    assert "すべてチームとして参加しています" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organization": "other"}, "一覧から選んでください"),
        ({"organization": ""}, "選んでください"),
        ({"organization": "company", "wants": "あ" * 2001}, "2000文字以内"),
    ],
)
def test_bad_joins_are_refused(client, world, data, message):
    event = open_event(world)
    client.force_login(world.owner)
    data = dict(data)
    if data["organization"] == "other":
        data["organization"] = world.other_company.pk
    elif data["organization"] == "company":
        data["organization"] = world.company.pk
    response = client.post(url("join", event.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DraftTeam.objects.exists()


def test_joining_after_the_deadline_is_refused(client, world):
    event = make_event(world)
    client.force_login(world.owner)
    assert "締切" in client.get(url("join", event.pk)).content.decode()
    response = client.post(url("join", event.pk), {"organization": world.company.pk})
    assert response.status_code == 400
    assert "締切を過ぎた" in response.content.decode()
    assert not DraftTeam.objects.exists()


def test_a_team_page_shows_its_texts_and_links_to_the_region_and_the_simulator(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(
        event=event, organization=world.company, strategy="味噌で世界へ", wants="EC担当の方", life="海が近い"
    )
    response = client.get(url("team", event.pk, team.pk))
    assert response.status_code == 200
    text = response.content.decode()
    for part in ("地域の戦略", "求める人と理由", "暮らしの様子", "味噌で世界へ", "EC担当の方", "海が近い"):
        assert part in text
    assert "2人まで" in text
    assert reverse("organizations:detail", args=["sendai-miso"]) in text
    assert reverse("regions:municipality", args=[SENDAI]) in text
    assert f"{reverse('simulator:index')}?destination={SENDAI}" in text
    assert url("team_edit", event.pk, team.pk) not in text


def test_a_body_without_a_municipality_links_its_prefecture_and_the_plain_simulator(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=Organization.objects.get(slug="akita-pref"))
    text = client.get(url("team", event.pk, team.pk)).content.decode()
    assert reverse("regions:prefecture", args=["05"]) in text
    assert f'href="{reverse("simulator:index")}"' in text
    assert "まだ書かれていません" in text


def test_a_team_of_another_event_is_404(client, world):
    event, other = open_event(world), open_event(world, name="別の会議")
    team = DraftTeam.objects.create(event=other, organization=world.company)
    assert client.get(url("team", event.pk, team.pk)).status_code == 404
    client.force_login(world.owner)
    assert client.get(url("team_edit", event.pk, team.pk)).status_code == 404


def test_team_members_and_the_organiser_edit_the_team_page(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company)
    assert_login_redirect(client.get(url("team_edit", event.pk, team.pk)))
    for user in (world.stranger, world.talent, world.far_coordinator):
        client.force_login(user)
        assert client.post(url("team_edit", event.pk, team.pk), {"strategy": "乗っ取り"}).status_code == 403
    team.refresh_from_db()
    assert team.strategy == ""

    client.force_login(world.member)
    assert url("team_edit", event.pk, team.pk) in client.get(url("team", event.pk, team.pk)).content.decode()
    response = client.post(
        url("team_edit", event.pk, team.pk), {"strategy": "発酵の町", "wants": "", "life": ""}
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.strategy == "発酵の町"

    client.force_login(world.coordinator)
    assert client.post(url("team_edit", event.pk, team.pk), {"life": "雪が多い"}).status_code == 302
    team.refresh_from_db()
    assert (team.strategy, team.life) == ("", "雪が多い")


def test_over_long_team_texts_are_refused(client, world):
    event = open_event(world)
    team = DraftTeam.objects.create(event=event, organization=world.company, life="海が近い")
    client.force_login(world.member)
    response = client.post(url("team_edit", event.pk, team.pk), {"life": "あ" * 2001})
    assert response.status_code == 400
    assert "2000文字以内" in response.content.decode()
    team.refresh_from_db()
    assert team.life == "海が近い"
    with pytest.raises(DraftError, match="2000文字以内"):
        draft_team_update(team=team, by=world.member, strategy="あ" * 2001)
    with pytest.raises(DraftError, match="メンバーと主催者だけ"):
        draft_team_update(team=team, by=world.stranger, strategy="乗っ取り")
