"""The draft (ドラフト会議): an event where regions ("teams") nominate talents ("players").

An organiser (a coordinator body or the secretariat) creates a :class:`DraftEvent`; teams and
players enter; both sides rank each other (:class:`PlayerChoice`, :class:`TeamChoice`; a partial
list means the rest are not acceptable); after the preference deadline a :class:`DraftRun` solves
the instance with the engine (:mod:`duallife.engine.draft`) and stores its exact input, seed and
result, so that anyone auditing it can solve it again to the same answer; each match becomes a
:class:`Nomination` the player accepts or declines, and whose outcome is recorded later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DraftEvent(models.Model):
    name = models.CharField(_("名称"), max_length=120)
    organizer = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="+", verbose_name=_("主催")
    )
    prefectures = models.ManyToManyField("regions.Prefecture", related_name="+", verbose_name=_("対象地域"))
    entry_opens_on = models.DateField(_("エントリー開始日"))
    entry_closes_on = models.DateField(_("エントリー締切日"))
    preferences_deadline = models.DateTimeField(_("希望リストの締切"))
    nomination_on = models.DateField(_("指名日"))
    negotiation_until = models.DateField(_("交渉期間の終了日"))
    team_capacity = models.PositiveSmallIntegerField(_("1チームが指名できる人数"), default=3)
    player_fee_yen = models.PositiveIntegerField(_("参加費（選手・円）"), default=0)
    team_fee_yen = models.PositiveIntegerField(_("参加費（チーム・円）"), default=0)
    rebate = models.CharField(_("還元（交通費クーポンなど）"), max_length=200, blank=True)
    rules = models.TextField(_("ルール"), blank=True)
    allow_ties = models.BooleanField(_("同順位を認める（抽選で決める）"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-nomination_on", "-pk"]
        verbose_name = _("ドラフト会議")
        verbose_name_plural = _("ドラフト会議")

    def __str__(self) -> str:
        return self.name


class DraftTeam(models.Model):
    """A team: a coordinator body, or a company leading a consortium of companies (``partners``),
    whose members all act for the team."""

    event = models.ForeignKey(DraftEvent, on_delete=models.CASCADE, related_name="teams")
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, related_name="+")
    partners = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="draft_partnerships",
        verbose_name=_("コンソーシアムの参加企業"),
    )
    strategy = models.TextField(_("地域の戦略"), blank=True)
    wants = models.TextField(_("求める人と理由"), blank=True)
    life = models.TextField(_("暮らしの様子"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("指名できる人数"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "organization"], name="uniq_draft_team")]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.organization_id}"

    @property
    def places(self) -> int:
        return self.capacity or self.event.team_capacity


class DraftPlayer(models.Model):
    event = models.ForeignKey(DraftEvent, on_delete=models.CASCADE, related_name="players")
    talent = models.ForeignKey("talents.TalentProfile", on_delete=models.PROTECT, related_name="+")
    pitch = models.TextField(_("自己アピール"), blank=True)
    name_public = models.BooleanField(_("結果ページで表示名を公開してよい"), default=False)
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "talent"], name="uniq_draft_player")]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.talent_id}"


class PlayerChoice(models.Model):
    """A team a player would accept, and where it stands in their list (1 = most wanted).

    Two teams share a rank only in an event that allows ties (the run's seeded lottery orders
    them); the services refuse it otherwise."""

    player = models.ForeignKey(DraftPlayer, on_delete=models.CASCADE, related_name="choices")
    team = models.ForeignKey(DraftTeam, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("順位"))

    class Meta:
        ordering = ["player", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["player", "team"], name="uniq_player_choice_team"),
        ]

    def __str__(self) -> str:
        return f"{self.player_id} #{self.rank}: {self.team_id}"


class TeamChoice(models.Model):
    """A player a team would nominate, and where they stand in its list (1 = most wanted; shared
    ranks only where the event allows ties)."""

    team = models.ForeignKey(DraftTeam, on_delete=models.CASCADE, related_name="choices")
    player = models.ForeignKey(DraftPlayer, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("順位"))

    class Meta:
        ordering = ["team", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["team", "player"], name="uniq_team_choice_player"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} #{self.rank}: {self.player_id}"


class DraftRun(models.Model):
    """One nomination run: its exact input, seed and result, re-runnable to the same answer."""

    class Proposing(models.TextChoices):
        PLAYERS = "players", _("選手から申し込む（選手に最適）")
        TEAMS = "teams", _("チームから申し込む（チームに最適）")

    event = models.ForeignKey(DraftEvent, on_delete=models.PROTECT, related_name="runs")
    number = models.PositiveSmallIntegerField(_("回"))
    proposing = models.CharField(_("申し込む側"), max_length=8, choices=Proposing.choices)
    seed = models.BigIntegerField(_("抽選のシード"), null=True, blank=True)
    instance = models.JSONField(_("入力"))
    result = models.JSONField(_("結果"))
    blocking_pairs = models.PositiveIntegerField(_("ブロッキングペア"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "number"]
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="uniq_draft_run")]

    def __str__(self) -> str:
        return f"{self.event_id} #{self.number}"


class NominationQuerySet(models.QuerySet):
    def with_run(self, *related: str):
        """``select_related(*related)`` (paths through ``run``) without the run's stored input and
        result: megabytes of JSON for a large draft, decoded once per row otherwise."""
        return self.select_related(*related).defer("run__instance", "run__result")


class Nomination(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("回答待ち")
        ACCEPTED = "accepted", pgettext_lazy("nomination", "受諾")
        DECLINED = "declined", pgettext_lazy("nomination", "辞退")

    class Outcome(models.TextChoices):
        MOVED = "moved", _("移住")
        DUAL_LIFE = "dual_life", _("二地域居住")
        SIDE_JOB = "side_job", _("副業・協業")
        NONE = "none", _("なし")

    run = models.ForeignKey(DraftRun, on_delete=models.PROTECT, related_name="nominations")
    team = models.ForeignKey(DraftTeam, on_delete=models.PROTECT, related_name="nominations")
    player = models.ForeignKey(DraftPlayer, on_delete=models.PROTECT, related_name="nominations")
    message = models.TextField(_("チームからのメッセージ"), blank=True)
    status = models.CharField(_("状態"), max_length=8, choices=Status.choices, default=Status.PENDING)
    responded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("その後"), max_length=10, choices=Outcome.choices, blank=True)
    outcome_note = models.CharField(_("その後のメモ"), max_length=300, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["run", "team", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "player"], name="uniq_nomination_player")]

    def __str__(self) -> str:
        return f"{self.team_id} → {self.player_id} ({self.status})"


class DraftCamp(models.Model):
    """A camp (合宿): a session, online or on site, where teams and players meet before ranking."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("オンライン")
        ONSITE = "onsite", _("現地")

    event = models.ForeignKey(DraftEvent, on_delete=models.CASCADE, related_name="camps")
    title = models.CharField(_("名称"), max_length=120)
    mode = models.CharField(_("開催方法"), max_length=8, choices=Mode.choices)
    place = models.CharField(_("会場"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("開始"))
    ends_at = models.DateTimeField(_("終了"))
    capacity = models.PositiveSmallIntegerField(_("定員"))
    description = models.TextField(_("内容"), blank=True)

    class Meta:
        ordering = ["event", "starts_at", "pk"]
        verbose_name = _("合宿")
        verbose_name_plural = _("合宿")

    def __str__(self) -> str:
        return self.title


class CampRegistration(models.Model):
    """One person's seat at a camp, as a player or as a member of a team; attendance is recorded
    afterwards by the organiser (``attended`` stays empty until then)."""

    camp = models.ForeignKey(DraftCamp, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    player = models.ForeignKey(DraftPlayer, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    team = models.ForeignKey(DraftTeam, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    attended = models.BooleanField(_("出席"), null=True, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["camp", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["camp", "user"], name="uniq_camp_registration"),
            models.CheckConstraint(
                condition=models.Q(player__isnull=True, team__isnull=False)
                | models.Q(player__isnull=False, team__isnull=True),
                name="camp_registration_one_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.camp_id}: {self.user_id}"


class DraftMessage(models.Model):
    """A message between a team and a player during the event (one thread per pair)."""

    event = models.ForeignKey(DraftEvent, on_delete=models.CASCADE, related_name="messages")
    team = models.ForeignKey(DraftTeam, on_delete=models.CASCADE, related_name="+")
    player = models.ForeignKey(DraftPlayer, on_delete=models.CASCADE, related_name="+")
    from_team = models.BooleanField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("メッセージ"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["team", "player", "created_at"])]
        verbose_name = _("ドラフト会議のメッセージ")
        verbose_name_plural = _("ドラフト会議のメッセージ")

    def __str__(self) -> str:
        return f"{self.team_id} ↔ {self.player_id}"
