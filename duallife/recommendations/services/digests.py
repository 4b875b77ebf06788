"""The weekly digest (週次ダイジェスト): once a week, one notification per person who asked for it, with
what is new for them — through :func:`duallife.notifications.services.notify` (kind ``digest``), so
the email goes out through Celery after commit with the signed one-click unsubscribe link.

Who gets one (opt-in only, never by default):

- a person with a sheets search whose digest is on: sheets published since the last digest (seven
  days the first time) that match the search, never one a hard rule forbids for their talent profile
  (:func:`duallife.engine.recommend.blockers`), best engine score first, with the top reasons;
- a company member subscribed for their company (:class:`~.models.DigestSubscription`): talents who
  fit the company's open sheets (the stored lists) and are new there — profile created or changed,
  or sheet published, since the last digest;
- a person with a talents search whose digest is on: talents matching it whose profile is new or
  changed since the last digest.

Talents appear only if they opted in (``in_company_digests``), are not private and active, and are
visible to the recipient through the talent search's own rule; a talent is named to a person once
(:class:`~.models.DigestMention`); only what the search shows is written (display name, skills, and
the hometown reason for public profiles only — never a real name or contact details). Staff need
MFA for the talent parts, as for the talent search. Someone who turned "digest" emails off (for
example with the unsubscribe link) gets nothing. A :class:`~.models.DigestLog` row per person and
week makes a second run in the same week send nothing.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duallife.core.texts import Text
from duallife.notifications.links import absolute
from duallife.notifications.models import Kind as NotificationKind
from duallife.notifications.models import Notification, line_json
from duallife.notifications.services import notify
from duallife.organizations.permissions import companies_of

from ..errors import SavedSearchError
from ..links import path_to
from ..models import DigestLog, DigestMention, DigestSubscription, SavedSearch
from ..selectors.digests import Shared, digest_build, digest_recipients, week_of
from ..texts import digest_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestReport:
    people: int  # asked for a digest and were handled this run
    sent: int  # got a digest (something was new)
    empty: int  # nothing new: nothing sent
    already: int  # this week's digest was handled by an earlier run
    failed: int = 0


def _send_one(user, *, now: datetime.datetime, week: datetime.date, shared: Shared) -> str:
    """Handle one person's week: "already", "empty" or "sent"."""
    with transaction.atomic():
        log, created = DigestLog.objects.get_or_create(user=user, week=week)
        if not created:
            return "already"
        digest = digest_build(user, now=now, shared=shared)
        SavedSearch.objects.filter(user=user, digest=True).update(last_digest_at=now)
        DigestSubscription.objects.filter(user=user).update(last_digest_at=now)
        log.items = digest.count
        log.save(update_fields=["items"])
        if not digest.count:
            return "empty"
        DigestMention.objects.bulk_create(
            [DigestMention(recipient=user, talent_id=pk) for pk in sorted(digest.talent_ids())],
            ignore_conflicts=True,
        )
        title, body = digest_text(digest)
        notify(
            user=user,
            kind=NotificationKind.DIGEST,
            title=title,
            body=body,
            url=path_to("recommendations:saved_search_list"),
        )
        return "sent"


def digests_send_weekly(
    *, now: datetime.datetime, on_error: Callable[[object, Exception], None] | None = None
) -> DigestReport:
    """Send this week's digests. Safe to run again: a person handled this week is skipped (also
    when two runs overlap: the log row's unique constraint decides). One person's failure is
    logged and rolled back (a later run retries them); the others still get theirs."""
    week = week_of(now)
    shared = Shared()
    counts = {"already": 0, "empty": 0, "sent": 0, "failed": 0}
    users = list(
        digest_recipients().exclude(Exists(DigestLog.objects.filter(user=OuterRef("pk"), week=week)))
    )
    for user in users:
        try:
            counts[_send_one(user, now=now, week=week, shared=shared)] += 1
        except Exception as exc:  # one person's problem must not stop everyone's digest
            counts["failed"] += 1
            logger.exception("weekly digest for user %s failed", user.pk)
            if on_error is not None:
                on_error(user, exc)
    handled = counts["empty"] + counts["sent"]
    return DigestReport(
        people=handled,
        sent=counts["sent"],
        empty=counts["empty"],
        already=counts["already"],
        failed=counts["failed"],
    )


# --- company members' opt-in -------------------------------------------------------------------


@transaction.atomic
def digest_subscription_set(*, user, organization, on: bool) -> bool:
    """Turn the weekly digest of new fitting talents for ``organization`` on or off for ``user``.
    Only members of the company may; returns the new state."""
    if not companies_of(user).filter(pk=organization.pk).exists():
        raise SavedSearchError(_("所属している企業のダイジェストだけを設定できます。"), field="organization")
    if on:
        DigestSubscription.objects.get_or_create(user=user, organization=organization)
    else:
        DigestSubscription.objects.filter(user=user, organization=organization).delete()
    return on


#: What replaces a talent's entry in a digest kept in someone's notifications once the talent
#: withdrew (profile made private, digests turned off, account deleted).
WITHDRAWN_ENTRY = gettext_lazy("・（この人材の情報は、ご本人の設定により削除されました）")


Line = tuple[Text, str]  # a body line and its link (a path, or "")


def _without_talent(lines: list[Line], *, path: str, url: str) -> list[Line]:
    """``lines`` with the talent's entry replaced by :data:`WITHDRAWN_ENTRY`.

    An entry starts at its line beginning with 「・」. Its first line links to the talent's page
    (``path``) and the entry runs until the next empty line or entry; in digests written before
    their entries linked, it runs to a line holding the talent's page's address (``url``) as
    written. Lines kept as one written block are split first."""
    flat: list[Line] = []
    for line, link in lines:
        if "\n" in line.source and not line.params:
            flat.extend((Text(part), "") for part in line.source.split("\n"))
        else:
            flat.append((line, link))
    out: list[Line] = []
    withdrawn: Line = (Text(WITHDRAWN_ENTRY), "")
    start, linked = None, False  # the open entry, and whether its first line links to ``path``
    for line, link in flat:
        if linked and (line.source.startswith("・") or not line.source.strip()):
            out[start:] = [withdrawn]
            start, linked = None, False
        if line.source.startswith("・"):
            start, linked = len(out), link == path
        out.append((line, link))
        if start is not None and not linked and not line.params and line.source.strip() == url:
            out[start:] = [withdrawn]
            start = None
    if linked:
        out[start:] = [withdrawn]
    return out


def digest_mentions_scrub(*, talent_id: int) -> int:
    """A talent withdrew: their entries leave the digests kept in the recipients' notifications
    (emails already sent cannot be recalled), and they may be named again only if they opt in
    again. Returns how many notifications were changed."""

    path = path_to("talents:detail", talent_id)
    recipients = DigestMention.objects.filter(talent_id=talent_id).values("recipient")
    changed = 0
    with transaction.atomic():
        for notification in Notification.objects.select_for_update().filter(
            user__in=recipients, kind=NotificationKind.DIGEST
        ):
            kept = list(zip(notification.body_lines, notification.line_links, strict=True))
            lines = _without_talent(kept, path=path, url=absolute(path))
            if lines != kept:
                notification.content = [line_json(line, link) for line, link in lines]
                notification.save(update_fields=["content"])
                changed += 1
        DigestMention.objects.filter(talent_id=talent_id).delete()
    return changed
