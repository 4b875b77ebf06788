"""The demo's draft events (ドラフト会議), deterministic and clearly fictional.

Three events, so that every stage can be seen right away:

- 「東北ドラフト会議2025（デモ）」: a year ago, answered, with outcomes recorded (moved, dual life,
  side job, none) — what the organiser's outcome summary reads;
- 「東北ドラフト会議2026（デモ）」: nominated three days ago, in its negotiation window; the first demo
  talent holds a pending nomination from the first coordinator body (both ranked each other first),
  camps are over with attendance recorded, and teams and players have written to each other;
- 「みやぎ移住ドラフト2027（デモ）」: open for entries, camps ahead; the first demo talent has not
  entered yet and the first demo company is not a team yet (so both can try it).

The nomination run goes through :func:`~duallife.drafts.services.draft_run_execute`, so its stored
input, seed and result are real, and its notices through the drafts app's own notice. Past stages
are written directly with their dates, in bulk (the services refuse to change the past): events,
teams, players, preference lists, camps and registrations, messages, answers and outcomes.
Skipped when the events exist already (idempotent).
"""

from __future__ import annotations

import datetime
import random

from django.urls import reverse
from django.utils import timezone

from duallife.drafts.models import (
    CampRegistration,
    DraftCamp,
    DraftEvent,
    DraftMessage,
    DraftPlayer,
    DraftTeam,
    Nomination,
    PlayerChoice,
    TeamChoice,
)
from duallife.drafts.services.runs import draft_run_execute, notify_run_nominations
from duallife.notifications.models import Notification

from .world import DemoRun, profiles_of

OUTCOMES = (
    Nomination.Outcome.DUAL_LIFE,
    Nomination.Outcome.SIDE_JOB,
    Nomination.Outcome.MOVED,
    Nomination.Outcome.SIDE_JOB,
    Nomination.Outcome.NONE,
)


class DemoDrafts:
    def __init__(self, run: DemoRun, *, coordinators, companies, talents) -> None:
        self.report = run.report
        self.mark = run.content.mark
        self.note = run.content.notes.draft
        self.texts = run.content.drafts
        self.coordinators = coordinators
        self.companies = companies
        self.talent_users = talents
        self.now = run.now
        self.today = timezone.localdate(run.now)

    def build(self) -> None:
        if not self.coordinators or len(self.talent_users) < 12:
            return
        existing = DraftEvent.objects.filter(name__endswith=self.mark).count()
        if existing:
            self.report.existing["drafts"] += existing
            return
        talents = profiles_of(self.talent_users)
        organiser = self.coordinators[0]
        self._answered_event(organiser, talents[10:22])
        self._negotiating_event(organiser, talents[:10])
        self._open_event(organiser, talents[1:9])
        self.report.created["drafts"] += 3

    # --- the three events ---------------------------------------------------------------------

    def _event(self, organiser, name: str, *, nomination_on: datetime.date, open_entry: bool = False):
        _spec, body, user = organiser
        if open_entry:
            opens = self.today - datetime.timedelta(days=10)
            closes = self.today + datetime.timedelta(days=30)
            deadline_day = self.today + datetime.timedelta(days=40)
        else:
            opens = nomination_on - datetime.timedelta(days=70)
            closes = nomination_on - datetime.timedelta(days=30)
            deadline_day = nomination_on - datetime.timedelta(days=7)
        deadline = timezone.make_aware(datetime.datetime.combine(deadline_day, datetime.time(17, 0)))
        event = DraftEvent.objects.create(
            name=name + self.mark,
            organizer=body,
            entry_opens_on=opens,
            entry_closes_on=closes,
            preferences_deadline=deadline,
            nomination_on=nomination_on,
            negotiation_until=nomination_on + datetime.timedelta(days=14),
            team_capacity=2,
            player_fee_yen=3000,
            team_fee_yen=50000,
            rebate=self.texts.event.rebate,
            rules=f"{self.texts.event.rules}\n{self.note}",
            created_by=user,
        )
        event.prefectures.set({body.prefecture for _s, body, _u in self.coordinators})
        return event

    def _teams(self, event, organisations) -> list[DraftTeam]:
        team = self.texts.team
        return [
            DraftTeam.objects.create(
                event=event, organization=org, strategy=team.strategy, wants=team.wants, life=team.life
            )
            for org in organisations
        ]

    def _players(self, event, talents, *, at: datetime.datetime) -> list[DraftPlayer]:
        pitches = self.texts.pitches
        players = [
            DraftPlayer.objects.create(
                event=event, talent=talent, pitch=pitches[i % len(pitches)], name_public=i % 2 == 0
            )
            for i, talent in enumerate(talents)
        ]
        DraftPlayer.objects.filter(pk__in=[p.pk for p in players]).update(entered_at=at)
        return players

    def _rank(self, event, teams, players, draw: random.Random, *, scripted: bool = False) -> None:
        """Each player ranks 2–4 teams, each team the players who ranked it (in its own order).
        ``scripted``: the first player and the first team rank each other first."""
        ranked_by: dict[int, list[DraftPlayer]] = {t.pk: [] for t in teams}
        player_rows = []
        for i, player in enumerate(players):
            chosen = draw.sample(teams, k=min(len(teams), draw.randint(2, 4)))
            if scripted and i == 0:
                chosen = [teams[0]] + [t for t in chosen if t != teams[0]]
            for rank, team in enumerate(chosen, start=1):
                player_rows.append(PlayerChoice(player=player, team=team, rank=rank))
                ranked_by[team.pk].append(player)
        team_rows = []
        for team in teams:
            wanted = ranked_by[team.pk]
            draw.shuffle(wanted)
            if scripted and team == teams[0] and players[0] in wanted:
                wanted.remove(players[0])
                wanted.insert(0, players[0])
            team_rows += [TeamChoice(team=team, player=p, rank=r) for r, p in enumerate(wanted, start=1)]
        PlayerChoice.objects.bulk_create(player_rows)
        TeamChoice.objects.bulk_create(team_rows)

    def _camps(self, event, teams, players, *, when: datetime.datetime, attended: bool) -> None:
        texts = self.texts.camps
        online = DraftCamp.objects.create(
            event=event,
            title=texts.online.title,
            mode=DraftCamp.Mode.ONLINE,
            place=texts.online.place,
            starts_at=when,
            ends_at=when + datetime.timedelta(hours=2),
            capacity=40,
            description=texts.online.description + self.note,
        )
        onsite_start = when.replace(hour=10) + datetime.timedelta(days=7)
        onsite = DraftCamp.objects.create(
            event=event,
            title=texts.onsite.title,
            mode=DraftCamp.Mode.ONSITE,
            place=texts.onsite.place.format(prefecture=event.organizer.prefecture.name),
            starts_at=onsite_start,
            ends_at=onsite_start + datetime.timedelta(hours=30),  # 10:00 to 16:00 the next day
            capacity=12,
            description=texts.onsite.description + self.note,
        )
        team_users = self._team_users(teams)
        rows = []
        for camp, share in ((online, players[:8]), (onsite, players[:5])):
            rows += [
                CampRegistration(
                    camp=camp, user=p.talent.user, player=p, attended=(i != 3) if attended else None
                )
                for i, p in enumerate(share)
            ]
            rows += [
                CampRegistration(camp=camp, user=user, team=team, attended=True if attended else None)
                for team, user in team_users[:3]
            ]
        made = CampRegistration.objects.bulk_create(rows)
        CampRegistration.objects.filter(pk__in=[r.pk for r in made if r.pk]).update(
            registered_at=min(when - datetime.timedelta(days=3), self.now)
        )

    def _team_users(self, teams) -> list[tuple[DraftTeam, object]]:
        users = {body.pk: user for _s, body, user in self.coordinators}
        users.update({company.pk: user for _p, company, user in self.companies})
        return [(team, users[team.organization_id]) for team in teams if team.organization_id in users]

    def _messages(self, event, teams, players, *, at: datetime.datetime) -> None:
        team_users = dict((t.pk, u) for t, u in self._team_users(teams))
        texts = self.texts.messages
        rows = []
        for i, player in enumerate(players[:4]):
            team = teams[i % len(teams)]
            rows.append(
                DraftMessage(
                    event=event,
                    team=team,
                    player=player,
                    from_team=True,
                    author=team_users.get(team.pk),
                    body=texts.team,
                )
            )
            rows.append(
                DraftMessage(
                    event=event,
                    team=team,
                    player=player,
                    from_team=False,
                    author=player.talent.user,
                    body=texts.player,
                )
            )
        made = DraftMessage.objects.bulk_create(rows)
        for i, message in enumerate(made):
            message.created_at = at + datetime.timedelta(hours=i)
        DraftMessage.objects.bulk_update(made, ["created_at"])

    def _answer(self, nominations, *, each) -> None:
        """Write the messages, answers and outcomes ``each(i, nomination)`` set, in one statement."""
        for i, nomination in enumerate(nominations):
            nomination.message = self.texts.team_messages[i % len(self.texts.team_messages)]
            each(i, nomination)
        Nomination.objects.bulk_update(
            nominations,
            ["message", "status", "responded_at", "outcome", "outcome_note", "outcome_recorded_at"],
        )

    def _answered_event(self, organiser, talents) -> None:
        nomination_on = self.today - datetime.timedelta(days=365)
        event = self._event(organiser, self.texts.events.answered, nomination_on=nomination_on)
        teams = self._teams(event, [body for _s, body, _u in self.coordinators])
        players = self._players(event, talents, at=self._at(nomination_on, -60))
        self._rank(event, teams, players, random.Random("draft-2025"))
        run, notices_after = self._run_as_of_nomination_day(event, organiser[2])
        answered = self._at(nomination_on, 5)

        def each(i: int, nomination: Nomination) -> None:
            nomination.responded_at = answered
            if i % 4 == 3:
                nomination.status = Nomination.Status.DECLINED
            else:
                nomination.status = Nomination.Status.ACCEPTED
                nomination.outcome = OUTCOMES[i % len(OUTCOMES)]
                nomination.outcome_note = self.texts.outcome_notes[nomination.outcome]
                nomination.outcome_recorded_at = self._at(nomination_on, 200)

        self._answer(list(run.nominations.order_by("pk")), each=each)
        self._backdate_run(run, nomination_on, notices_after=notices_after)

    def _negotiating_event(self, organiser, talents) -> None:
        nomination_on = self.today - datetime.timedelta(days=3)
        event = self._event(organiser, self.texts.events.negotiating, nomination_on=nomination_on)
        organisations = [body for _s, body, _u in self.coordinators] + [c for _p, c, _u in self.companies[:4]]
        teams = self._teams(event, organisations)
        players = self._players(event, talents, at=self._at(nomination_on, -60))
        self._rank(event, teams, players, random.Random("draft-2026"), scripted=True)
        self._camps(event, teams, players, when=self._at(nomination_on, -25), attended=True)
        self._messages(event, teams, players, at=self._at(nomination_on, -14))
        notices_after = self._last_notice()
        run = draft_run_execute(event=event, by=organiser[2])
        first = talents[0]

        def each(i: int, nomination: Nomination) -> None:
            if nomination.player.talent_id != first.pk and i % 3 != 2:
                nomination.status = Nomination.Status.ACCEPTED if i % 3 == 0 else Nomination.Status.DECLINED
                nomination.responded_at = self._at(nomination_on, 1)

        self._answer(list(run.nominations.select_related("player").order_by("pk")), each=each)
        self._backdate_run(run, nomination_on, notices_after=notices_after)

    def _open_event(self, organiser, talents) -> None:
        nomination_on = self.today + datetime.timedelta(days=45)
        event = self._event(organiser, self.texts.events.open, nomination_on=nomination_on, open_entry=True)
        organisations = [body for _s, body, _u in self.coordinators] + [
            c for _p, c, _u in self.companies[1:3]
        ]
        teams = self._teams(event, organisations)
        players = self._players(event, talents, at=self.now - datetime.timedelta(days=5))
        self._camps(event, teams, players, when=self._at(self.today, 14), attended=False)
        self._messages(event, teams, players, at=self.now - datetime.timedelta(days=2))

    # --- dates ----------------------------------------------------------------------------

    def _at(self, day: datetime.date, offset_days: int) -> datetime.datetime:
        moment = datetime.datetime.combine(day + datetime.timedelta(days=offset_days), datetime.time(19, 0))
        return timezone.make_aware(moment)

    def _run_time(self, nomination_on: datetime.date) -> datetime.datetime:
        """When a demo run happened: the morning of the nomination day (runs happen from that day)."""
        return timezone.make_aware(datetime.datetime.combine(nomination_on, datetime.time(10, 0)))

    def _backdate_run(self, run, nomination_on: datetime.date, *, notices_after: int) -> None:
        """The run, and the notices it sent (ids above ``notices_after``), dated on the nomination day."""
        at = self._run_time(nomination_on)
        type(run).objects.filter(pk=run.pk).update(created_at=at)
        Notification.objects.filter(
            pk__gt=notices_after, url=reverse("drafts:nominations", args=[run.event_id])
        ).update(created_at=at)

    def _last_notice(self) -> int:
        return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def _run_as_of_nomination_day(self, event, by):
        """A past event's run, through the service: runs happen between the nomination day and the
        end of the negotiation window, so the event's dates move to today for the run and back.
        The notices the run sent are written again with the event's true dates."""
        before = self._last_notice()
        past = {"nomination_on": event.nomination_on, "negotiation_until": event.negotiation_until}
        DraftEvent.objects.filter(pk=event.pk).update(nomination_on=self.today, negotiation_until=self.today)
        run = draft_run_execute(event=DraftEvent.objects.get(pk=event.pk), by=by)
        DraftEvent.objects.filter(pk=event.pk).update(**past)
        Notification.objects.filter(pk__gt=before).delete()
        notify_run_nominations(run_id=run.pk)
        return run, before
