"""In-app notifications and the email preferences behind them.

:func:`duallife.notifications.services.notify` is the one way to tell someone something: it writes a
:class:`Notification` and, unless the user turned that kind of email off, queues an email after the
transaction commits.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from duallife.core.texts import Text

from .links import Line, in_language, is_local_path

TITLE_MAX = 200
#: The key of a body line's link in ``Notification.content`` (beside the line's text, see
#: :class:`~duallife.notifications.links.Linked`).
LINK_KEY = "u"
#: How many lines of a body the list shows before 「続きを読む」.
PREVIEW_LINES = 8


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
    COWRITING = "cowriting", _("募集内容づくりへの招待")
    SUBSIDY = "subsidy", _("交通費支援の申請と予算")


class Notification(models.Model):
    """Something a user is told: shown in the site's list and, if they want, emailed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("種類"), max_length=16, choices=Kind.choices)
    #: The title and body as texts worded when read (:class:`duallife.core.texts.Text` as JSON):
    #: the same notification reads in Japanese on a Japanese page and in English on an English one.
    #: A body line that leads to a page keeps its path beside the text, under :data:`LINK_KEY`.
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
        """The body in the active language: its lines, one per line (the words only: a line's link
        is in :attr:`lines`)."""
        return "\n".join(line.render() for line in self.body_lines).strip()

    @property
    def body_lines(self) -> list[Text]:
        return [Text.from_json(line) for line in (self.content or [])]

    @property
    def line_links(self) -> list[str]:
        """Each body line's link as stored (a path in the default language), or ``""``."""
        return [line_link(item) for item in (self.content or [])]

    @property
    def lines(self) -> list[Line]:
        """The body as read: each line's words and link, in the active language."""
        language = translation.get_language() or settings.LANGUAGE_CODE
        return [
            Line(text.render(), in_language(url, language) if url else "")
            for text, url in zip(self.body_lines, self.line_links, strict=True)
        ]

    @property
    def paragraphs(self) -> tuple[list[list[Line]], list[list[Line]]]:
        """The body as paragraphs (lines between empty lines), split in two for the list: what it
        shows (whole paragraphs, at least one, until :data:`PREVIEW_LINES` lines) and the rest."""
        paragraphs: list[list[Line]] = [[]]
        for line in self.lines:
            if line.text.strip() or line.url:
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        paragraphs = [paragraph for paragraph in paragraphs if paragraph]
        shown, count = 0, 0
        while shown < len(paragraphs) and (shown == 0 or count + len(paragraphs[shown]) <= PREVIEW_LINES):
            count += len(paragraphs[shown])
            shown += 1
        return paragraphs[:shown], paragraphs[shown:]


def line_link(item) -> str:
    """The link kept with one line of ``Notification.content`` (a path on this site), or ``""``."""
    url = item.get(LINK_KEY, "") if isinstance(item, dict) else ""
    return url if isinstance(url, str) and is_local_path(url) else ""


def line_json(text: Text, url: str = "") -> dict:
    """One line of ``Notification.content``: the text's JSON, and its link if it has one."""
    data = text.to_json()
    if url:
        data[LINK_KEY] = url
    return data


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
