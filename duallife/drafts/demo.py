"""The demo's draft events (part of ``duallife demo``), deterministic and clearly fictional.

Three events, so that every stage can be seen right away:

- 「東北ドラフト会議2025（デモ）」: a year ago, answered, with outcomes recorded (moved, dual life,
  side job, none) — what the organiser's outcome summary reads;
- 「東北ドラフト会議2026（デモ）」: nominated three days ago, in its negotiation window; the first demo
  talent holds a pending nomination from the first coordinator body (both ranked each other first),
  camps are over with attendance recorded, and teams and players have written to each other;
- 「みやぎ移住ドラフト2027（デモ）」: open for entries, camps ahead; the first demo talent has not
  entered yet and the first demo company is not a team yet (so both can try it).

Past stages are written directly with their dates (the services refuse to change the past); the
nomination run itself goes through :func:`draft_run_execute`, so its stored input, seed and result
are real. Skipped when the events exist already (idempotent).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from .models import (
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
from .services.runs import draft_run_execute

MARK = "（デモ）"
NOTE = "※デモ用の架空のドラフト会議です。実在のイベントではありません。"
RULES = (
    "選手は受け入れてもよいチームだけを、希望の順に並べます。チームは指名したい選手だけを、希望の順に並べます。"
    "リストに入れなかった相手とは組みません。締切後、主催者が選手から申し込む受け入れ保留方式で指名を決めます。"
    "指名された選手は交渉期間中に受諾か辞退を選べます。\n" + NOTE
)
STRATEGY = "首都圏の方と一緒に、地域の会社の販路づくりと観光の発信を進めます。まずは月2日のリモート副業から。"
WANTS = "ECやSNSの運用経験がある方。地域の人と話すのが好きな方。"
LIFE = "新幹線で東京から2時間前後。週末は海と山のどちらにも出られます。お試し住宅もあります。"
PITCHES = (
    "広告会社でSNS運用を8年担当しています。地域の商品を首都圏に届ける仕事がしたいです。",
    "製造業の生産管理をしています。工場の改善を週末に手伝えます。",
    "ITエンジニアです。業務のデジタル化を月2日から支援できます。",
    "経理・財務の経験を活かして、小さな会社の数字づくりを手伝いたいです。",
    "出身が東北です。いずれは二地域居住を考えています。",
)
TEAM_MESSAGES = (
    "一緒に地域の商品を首都圏へ届けましょう。まずはオンラインでお話ししましょう。",
    "合宿でのお話がとても印象に残りました。ぜひ力を貸してください。",
)
OUTCOMES = (
    Nomination.Outcome.DUAL_LIFE,
    Nomination.Outcome.SIDE_JOB,
    Nomination.Outcome.MOVED,
    Nomination.Outcome.SIDE_JOB,
    Nomination.Outcome.NONE,
)
OUTCOME_NOTES = {
    Nomination.Outcome.MOVED: "春に家族で移住。",
    Nomination.Outcome.DUAL_LIFE: "月に一度、1週間ほど滞在しています。",
    Nomination.Outcome.SIDE_JOB: "月2日のリモート副業として契約。",
    Nomination.Outcome.NONE: "本業の異動で見送り。",
}


@dataclass
class _Plan:
    name: str
    years_ago: int  # 1: a year ago; 0: this autumn; -1: next
    coordinators: list  # (spec, body, user)
    companies: list  # (plan, company, user)
    players: list  # talent profiles


class DemoDrafts:
    def __init__(self, *, report, coordinators, companies, talents, now: datetime.datetime) -> None:
        self.report = report
        self.coordinators = coordinators
        self.companies = companies
        self.talent_users = talents
        self.now = now
        self.today = timezone.localdate(now)

    def build(self) -> None:
        from duallife.talents.models import TalentProfile

        if not self.coordinators or len(self.talent_users) < 12:
            return
        existing = DraftEvent.objects.filter(name__endswith=MARK).count()
        if existing:
            self.report.existing["drafts"] += existing
            return
        profiles = {
            p.user_id: p
            for p in TalentProfile.objects.filter(user__in=self.talent_users).select_related("user")
        }
        talents = [profiles[u.pk] for u in self.talent_users if u.pk in profiles]
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
            name=name + MARK,
            organizer=body,
            entry_opens_on=opens,
            entry_closes_on=closes,
            preferences_deadline=deadline,
            nomination_on=nomination_on,
            negotiation_until=nomination_on + datetime.timedelta(days=14),
            team_capacity=2,
            player_fee_yen=3000,
            team_fee_yen=50000,
            rebate="参加した選手に、現地合宿までの交通費クーポン（5,000円分）",
            rules=RULES,
            created_by=user,
        )
        event.prefectures.set({body.prefecture for _s, body, _u in self.coordinators})
        return event

    def _teams(self, event, organisations) -> list[DraftTeam]:
        return [
            DraftTeam.objects.create(event=event, organization=org, strategy=STRATEGY, wants=WANTS, life=LIFE)
            for org in organisations
        ]

    def _players(self, event, talents, *, at: datetime.datetime) -> list[DraftPlayer]:
        players = [
            DraftPlayer.objects.create(
                event=event, talent=talent, pitch=PITCHES[i % len(PITCHES)], name_public=i % 2 == 0
            )
            for i, talent in enumerate(talents)
        ]
        DraftPlayer.objects.filter(pk__in=[p.pk for p in players]).update(entered_at=at)
        return players

    def _rank(self, event, teams, players, rng: random.Random, *, scripted: bool = False) -> None:
        """Each player ranks 2–4 teams, each team the players who ranked it (in its own order).
        ``scripted``: the first player and the first team rank each other first."""
        ranked_by: dict[int, list[DraftPlayer]] = {t.pk: [] for t in teams}
        player_rows = []
        for i, player in enumerate(players):
            chosen = rng.sample(teams, k=min(len(teams), rng.randint(2, 4)))
            if scripted and i == 0:
                chosen = [teams[0]] + [t for t in chosen if t != teams[0]]
            for rank, team in enumerate(chosen, start=1):
                player_rows.append(PlayerChoice(player=player, team=team, rank=rank))
                ranked_by[team.pk].append(player)
        team_rows = []
        for team in teams:
            wanted = ranked_by[team.pk]
            rng.shuffle(wanted)
            if scripted and team == teams[0] and players[0] in wanted:
                wanted.remove(players[0])
                wanted.insert(0, players[0])
            team_rows += [TeamChoice(team=team, player=p, rank=r) for r, p in enumerate(wanted, start=1)]
        PlayerChoice.objects.bulk_create(player_rows)
        TeamChoice.objects.bulk_create(team_rows)

    def _camps(self, event, teams, players, *, when: datetime.datetime, attended: bool) -> None:
        online = DraftCamp.objects.create(
            event=event,
            title="オンライン合宿：チーム紹介と相談会",
            mode=DraftCamp.Mode.ONLINE,
            place="https://meet.example.jp/draft-demo",
            starts_at=when,
            ends_at=when + datetime.timedelta(hours=2),
            capacity=40,
            description="各チームが地域と仕事を紹介し、選手と少人数で話します。" + NOTE,
        )
        onsite_start = when.replace(hour=10) + datetime.timedelta(days=7)
        onsite = DraftCamp.objects.create(
            event=event,
            title="現地合宿：まちを歩いて、会社を訪ねる",
            mode=DraftCamp.Mode.ONSITE,
            place=f"{event.organizer.prefecture.name}内の交流拠点（デモ）",
            starts_at=onsite_start,
            ends_at=onsite_start + datetime.timedelta(hours=30),  # 10:00 to 16:00 the next day
            capacity=12,
            description="1泊2日。受け入れ先の会社を訪ね、夜は地域の方と交流します。" + NOTE,
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
                    body="合宿ではありがとうございました。地域の仕事について、もう少しお話ししませんか。",
                )
            )
            rows.append(
                DraftMessage(
                    event=event,
                    team=team,
                    player=player,
                    from_team=False,
                    author=player.talent.user,
                    body="ありがとうございます。月にどのくらい関わるイメージか、教えてください。",
                )
            )
        made = DraftMessage.objects.bulk_create(rows)
        for i, message in enumerate(made):
            DraftMessage.objects.filter(pk=message.pk).update(created_at=at + datetime.timedelta(hours=i))

    def _answered_event(self, organiser, talents) -> None:
        nomination_on = self.today - datetime.timedelta(days=365)
        event = self._event(organiser, "東北ドラフト会議2025", nomination_on=nomination_on)
        teams = self._teams(event, [body for _s, body, _u in self.coordinators])
        players = self._players(event, talents, at=self._at(nomination_on, -60))
        self._rank(event, teams, players, random.Random("draft-2025"))
        run, notices_after = self._run_as_of_nomination_day(event, organiser[2])
        answered = self._at(nomination_on, 5)
        for i, nomination in enumerate(run.nominations.order_by("pk")):
            nomination.message = TEAM_MESSAGES[i % len(TEAM_MESSAGES)]
            nomination.responded_at = answered
            if i % 4 == 3:
                nomination.status = Nomination.Status.DECLINED
            else:
                nomination.status = Nomination.Status.ACCEPTED
                nomination.outcome = OUTCOMES[i % len(OUTCOMES)]
                nomination.outcome_note = OUTCOME_NOTES[nomination.outcome]
                nomination.outcome_recorded_at = self._at(nomination_on, 200)
            nomination.save()
        self._backdate_run(run, nomination_on, notices_after=notices_after)

    def _negotiating_event(self, organiser, talents) -> None:
        nomination_on = self.today - datetime.timedelta(days=3)
        event = self._event(organiser, "東北ドラフト会議2026", nomination_on=nomination_on)
        organisations = [body for _s, body, _u in self.coordinators] + [c for _p, c, _u in self.companies[:4]]
        teams = self._teams(event, organisations)
        players = self._players(event, talents, at=self._at(nomination_on, -60))
        self._rank(event, teams, players, random.Random("draft-2026"), scripted=True)
        self._camps(event, teams, players, when=self._at(nomination_on, -25), attended=True)
        self._messages(event, teams, players, at=self._at(nomination_on, -14))
        notices_after = self._last_notice()
        run = draft_run_execute(event=event, by=organiser[2])
        first = talents[0]
        for i, nomination in enumerate(run.nominations.select_related("player").order_by("pk")):
            nomination.message = TEAM_MESSAGES[i % len(TEAM_MESSAGES)]
            if nomination.player.talent_id != first.pk and i % 3 != 2:
                nomination.status = Nomination.Status.ACCEPTED if i % 3 == 0 else Nomination.Status.DECLINED
                nomination.responded_at = self._at(nomination_on, 1)
            nomination.save()
        self._backdate_run(run, nomination_on, notices_after=notices_after)

    def _open_event(self, organiser, talents) -> None:
        nomination_on = self.today + datetime.timedelta(days=45)
        event = self._event(organiser, "みやぎ移住ドラフト2027", nomination_on=nomination_on, open_entry=True)
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
        from duallife.notifications.models import Notification

        at = self._run_time(nomination_on)
        type(run).objects.filter(pk=run.pk).update(created_at=at)
        Notification.objects.filter(
            pk__gt=notices_after, url=reverse("drafts:nominations", args=[run.event_id])
        ).update(created_at=at)

    def _last_notice(self) -> int:
        from duallife.notifications.models import Notification

        return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def _run_as_of_nomination_day(self, event, by):
        """A past event's run, through the service: runs happen between the nomination day and the
        end of the negotiation window, so the event's dates move to today for the run and back.
        The notices the run sent are written again with the event's true dates."""
        from duallife.notifications.models import Notification

        from .services.runs import notify_run_nominations

        before = self._last_notice()
        past = {"nomination_on": event.nomination_on, "negotiation_until": event.negotiation_until}
        DraftEvent.objects.filter(pk=event.pk).update(nomination_on=self.today, negotiation_until=self.today)
        run = draft_run_execute(event=DraftEvent.objects.get(pk=event.pk), by=by)
        DraftEvent.objects.filter(pk=event.pk).update(**past)
        Notification.objects.filter(pk__gt=before).delete()
        notify_run_nominations(run_id=run.pk)
        return run, before
