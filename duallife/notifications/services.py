"""Telling people things: one in-app notification, and an email unless they turned it off.

Every write of this app is here: creating a notification (:func:`notify`), marking read, saving
email preferences, unsubscribing through a link, and sending one notification's email (the
Celery task calls :func:`notification_email_send`).
"""

from __future__ import annotations

import contextvars
import datetime
import logging
import smtplib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from duallife.core.texts import Text
from duallife.notifications.emails import notification_email
from duallife.notifications.tasks import send_notification_email

from .errors import NotificationError
from .links import URL_MAX_CHARS, Linked, is_local_path
from .models import EmailPreference, Kind, Notification, line_json
from .tokens import unsubscribe_token_read

logger = logging.getLogger(__name__)

_emails_off: contextvars.ContextVar[bool] = contextvars.ContextVar("notification_emails_off", default=False)


@contextmanager
def notification_emails_off() -> Iterator[None]:
    """Within this block, notifications are written but no email is queued (the demo loader: its
    people are fictional, and their notifications are marked as handled)."""
    token = _emails_off.set(True)
    try:
        yield
    finally:
        _emails_off.reset(token)


TITLE_MAX = 200


def has_verified_address(user) -> bool:
    """Whether the account's address was confirmed: an unconfirmed one may be someone else's."""
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


def email_wanted(*, user, kind: str) -> bool:
    """Whether ``user`` gets emails of ``kind`` now.

    Never for an inactive account or one without a confirmed address; otherwise the user's choice
    for that kind, and emails are on where they have not chosen.
    """
    if not user.is_active or not user.email:
        return False
    preference = EmailPreference.objects.filter(user=user, kind=kind).values_list("email", flat=True).first()
    if preference is False:
        return False
    return has_verified_address(user)


def as_text(value) -> Text:
    """A title or a body line as a :class:`Text`: a lazy text is kept as its msgid (worded when
    read); a plain ``str`` is kept as written (what a person typed)."""
    return value if isinstance(value, Text) else Text(value)


def body_lines(body) -> list[tuple[Text, str]]:
    """A body as (text, link) lines: one text, or a list of them (a plain ``str`` kept as written);
    a :class:`Linked` line keeps its path as its link, the others have ``""``."""
    if body is None or body == "":
        return []
    items = body if isinstance(body, list | tuple) else [body]
    out = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, Linked):
            if not is_local_path(item.url):
                raise ValueError(f"notify: a line's link must be a path on this site, got {item.url[:80]!r}")
            out.append((as_text(item.text), item.url))
        else:
            out.append((as_text(item), ""))
    return out


def notify(*, user, kind: str, title, body=(), url: str = "") -> Notification:
    """Write a notification for ``user`` and queue its email after the transaction commits.

    ``title`` is a :class:`~duallife.core.texts.Text` (or a ``gettext_lazy`` text), ``body`` one
    text or a list of lines: kept as their msgids and parameters and worded in the reader's
    language when shown or emailed; a line that leads to a page is a
    :class:`~duallife.notifications.links.Linked` (its words never hold the path). ``url`` is a
    path on this site (no host), or empty. A wrong ``kind``, ``url`` or line link is a programming
    error (``ValueError``), not user input. The email is queued with ``robust=True``: a mail
    server or broker that is down is logged and never undoes or breaks the request that caused
    the notification.
    """
    if kind not in Kind.values:
        raise ValueError(f"notify: unknown kind {kind!r}")
    if url and not is_local_path(url):
        raise ValueError(f"notify: url must be a path on this site, got {url[:URL_MAX_CHARS]!r}")
    content = [line_json(text, link) for text, link in body_lines(body)]
    email_due = not _emails_off.get() and email_wanted(user=user, kind=kind)
    notification = Notification.objects.create(
        user=user,
        kind=kind,
        subject=as_text(title).to_json(),
        content=content,
        url=url,
        email_due=email_due,
    )
    if email_due:

        def queue_notification_email(notification_id: int = notification.pk) -> None:
            send_notification_email.delay(notification_id)

        transaction.on_commit(queue_notification_email, robust=True)
    return notification


def notifications_replace_name(*, notification_ids, name: str, replacement, written_as: str = "") -> int:
    """Take a person's name out of notifications other people keep: every parameter equal to
    ``name`` (in titles and bodies) becomes ``replacement``, and in texts kept as written the
    words ``written_as`` become the Japanese ``replacement``. Returns how many changed."""
    with translation.override("ja"):
        replacement_words = str(replacement)
    changed = 0
    for notification in Notification.objects.select_for_update().filter(pk__in=list(notification_ids)):
        subject = Text.from_json(notification.subject)
        lines = notification.body_lines
        hit = subject.replace_param(name, replacement) | subject.replace_written(
            written_as, replacement_words
        )
        for line in lines:
            hit |= line.replace_param(name, replacement) | line.replace_written(written_as, replacement_words)
        if hit:
            notification.subject = subject.to_json()
            notification.content = [
                line_json(line, link) for line, link in zip(lines, notification.line_links, strict=True)
            ]
            notification.save(update_fields=["subject", "content"])
            changed += 1
    return changed


@transaction.atomic
def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark one notification read (once: reading it again keeps the first time)."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read. Returns how many changed."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def _clean_kinds(enabled_kinds: Iterable[str] | None) -> set[str]:
    if enabled_kinds is None or isinstance(enabled_kinds, str | bytes):
        raise NotificationError(_("受け取るメールの種類を一覧で指定してください。"), field="enabled_kinds")
    kinds = set(enabled_kinds)
    unknown = sorted(str(kind) for kind in kinds if kind not in Kind.values)
    if unknown:
        raise NotificationError(
            _("選べないメールの種類が含まれています: %(kinds)s") % {"kinds": "、".join(unknown)},
            field="enabled_kinds",
        )
    return kinds


def _preferences_write(user, choices: dict[str, bool]) -> None:
    """One row per kind, inserted or updated in one statement (safe if two saves race)."""
    EmailPreference.objects.bulk_create(
        [EmailPreference(user=user, kind=kind, email=on) for kind, on in choices.items()],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["email", "updated_at"],
    )


@transaction.atomic
def email_preferences_save(*, user, enabled_kinds: Iterable[str]) -> dict[str, bool]:
    """Save which kinds of email ``user`` gets: the kinds in ``enabled_kinds`` on, every other off.

    Returns the saved choice for every kind. Unknown kinds refuse the whole save.
    """
    kinds = _clean_kinds(enabled_kinds)
    choices = {kind: kind in kinds for kind in Kind.values}
    _preferences_write(user, choices)
    return choices


@transaction.atomic
def email_unsubscribe(*, token: str):
    """Turn off the kind of email an unsubscribe link names. Returns ``(user, kind)``.

    Needs no login: the signed token is the permission. Safe to repeat (a mail provider may POST
    the one-click request more than once). A bad token raises :class:`UnsubscribeTokenError`.
    """
    user, kind = unsubscribe_token_read(token)
    _preferences_write(user, {kind: False})
    return user, kind


def notification_email_send(*, notification_id: int) -> bool:
    """Send the email of one notification, once. Returns whether an email went out.

    The row is locked while sending, so a task delivered twice waits and then finds ``emailed_at``
    set. The user's wishes are read again here, not when queued: someone who turned the kind off
    (or whose account was closed) in between gets nothing. If the mail server refuses, the
    transaction rolls back and a retry can send it.
    """

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        if not email_wanted(user=notification.user, kind=notification.kind):
            Notification.objects.filter(pk=notification.pk).update(email_due=False)
            return False
        notification_email(notification).send(fail_silently=False)
        notification.emailed_at = timezone.now()
        notification.email_due = False
        notification.save(update_fields=["emailed_at", "email_due"])
        logger.info("notification %s emailed", notification.pk)
        return True


#: How long an owed email may wait for its queued task before the sweeper sends it itself.
SWEEP_AFTER = datetime.timedelta(minutes=5)
SWEEP_BATCH = 500


def notification_emails_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send the emails still owed for notifications written more than :data:`SWEEP_AFTER` ago
    (their task was never queued or never ran: the broker was down). Each is sent once, as by the
    task (row locked, ``emailed_at``); a mail server that refuses leaves it owed for the next
    sweep. Returns how many went out."""
    now = now or timezone.now()
    owed = list(
        Notification.objects.filter(
            email_due=True, emailed_at__isnull=True, created_at__lte=now - SWEEP_AFTER
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    sent = 0
    for notification_id in owed:
        try:
            sent += notification_email_send(notification_id=notification_id)
        except (smtplib.SMTPException, OSError):
            logger.warning("owed email of notification %s not sent yet", notification_id, exc_info=True)
    if owed:
        logger.info("sweeper: %d owed notification emails, %d sent", len(owed), sent)
    return sent
