"""In-app notifications and the email preferences behind them.

:func:`duallife.notifications.services.notify` is the one way to tell someone something: it writes a
:class:`Notification` and, unless the user turned that kind of email off, queues an email after the
transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from duallife.core.texts import Text

TITLE_MAX = 200


class Kind(models.TextChoices):
    APPLICATION = "application", _("新しい応募")
    SCOUT = "scout", _("スカウト")
    MESSAGE = "message", _("メッセージ")
    STATUS = "status", _("応募・スカウトの状況の変化")
    CONTRACT = "contract", _("成約・契約の変更")
    CHECKIN = "checkin", _("フォローアップのお願い")
    ALERT = "alert", _("フォローアップの注意（コーディネーター向け）")
    SHEET_CLOSED = "sheet_closed", _("募集の終了")
    DIGEST = "digest", _("おすすめのお知らせ（週1回）")
    DRAFT = "draft", _("ドラフト会議")


class Notification(models.Model):
    """Something a user is told: shown in the site's list and, if they want, emailed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    #: The title and body as texts worded when read (:class:`duallife.core.texts.Text` as JSON):
    #: the same notification reads in Japanese on a Japanese page and in English on an English one.
    subject = models.JSONField(_("件名"), default=dict)
    content = models.JSONField(_("本文"), default=list, blank=True)
    url = models.CharField(_("リンク"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    #: Whether an email is owed for it: set when written for someone who wants that kind by email,
    #: until it is sent or no longer wanted. The sweeper sends what stayed owed (a broker that was
    #: down when it was written).
    email_due = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("お知らせ")
        verbose_name_plural = _("お知らせ")
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"]),
            models.Index(
                fields=["created_at"], name="notification_email_owed", condition=models.Q(email_due=True)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The title in the active language (one line, at most :data:`TITLE_MAX` characters)."""
        return " ".join(Text.from_json(self.subject).render().split())[:TITLE_MAX]

    @property
    def body(self) -> str:
        """The body in the active language: its lines, one per line."""
        return "\n".join(line.render() for line in self.body_lines).strip()

    @property
    def body_lines(self) -> list[Text]:
        return [Text.from_json(line) for line in (self.content or [])]


class EmailPreference(models.Model):
    """A user's choice for one kind of email. No row means the default: emails on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    email = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="uniq_email_preference")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'on' if self.email else 'off'}"
