"""気になる: a talent marks a published sheet or a Tohoku prefecture as interesting.

Companies see how many marked their sheet, and the display names only of those who turned
``share_identity`` on; coordinators see counts for their prefectures. Nothing else leaves.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from duallife.postings.models import SpecSheet
from duallife.regions.models import Prefecture

from ..errors import EngagementError, EngagementPermissionError
from ..models import Interest
from ..permissions import talent_of
from ..selectors.interests import tohoku_prefectures


def _talent_or_refuse(by):
    talent = talent_of(by)
    if talent is None:
        raise EngagementPermissionError(
            _("「気になる」を付けるには、先に人材プロフィールを作成してください。")
        )
    return talent


def _ensure_markable(*, sheet: SpecSheet | None, prefecture: Prefecture | None) -> None:
    if sheet is not None and sheet.status != SpecSheet.Status.PUBLISHED:
        raise EngagementError(_("「気になる」を付けられるのは募集中の案件だけです。"), field="sheet_id")
    if prefecture is not None and not tohoku_prefectures().filter(pk=prefecture.pk).exists():
        raise EngagementError(
            _("「気になる」を付けられるのは東北（青森・岩手・宮城・秋田・山形・福島・新潟）の県だけです。"),
            field="prefecture_code",
        )


@transaction.atomic
def interest_toggle(
    *, by, sheet: SpecSheet | None = None, prefecture: Prefecture | None = None, on: bool | None = None
) -> bool:
    """Turn 気になる on or off for one sheet or prefecture; returns whether it is on now.

    ``on=None`` flips it; ``True`` / ``False`` set it (so a double-clicked button does not undo
    itself). Turning it off is always possible, also after the sheet closed.
    """
    talent = _talent_or_refuse(by)
    if (sheet is None) == (prefecture is None):
        raise EngagementError(_("案件か県のどちらか一つを指定してください。"))
    target = {"sheet": sheet} if sheet is not None else {"prefecture": prefecture}
    existing = Interest.objects.select_for_update().filter(talent=talent, **target).first()
    wanted = existing is None if on is None else on
    if not wanted:
        if existing is not None:
            existing.delete()
        return False
    if existing is not None:
        return True
    _ensure_markable(sheet=sheet, prefecture=prefecture)
    try:
        with transaction.atomic():
            Interest.objects.create(talent=talent, **target)
    except IntegrityError:  # a parallel click created it first
        pass
    return True


@transaction.atomic
def interest_remove(*, interest: Interest, by) -> None:
    """The talent takes one of their 気になる back."""
    if interest.talent.user_id != getattr(by, "pk", None):
        raise EngagementPermissionError(_("「気になる」を外せるのは付けた本人だけです。"))
    Interest.objects.filter(pk=interest.pk).delete()


@transaction.atomic
def interest_set_sharing(*, interest: Interest, by, share_identity: bool) -> Interest:
    """The talent chooses whether the sheet's company may see their display name with the count."""
    if interest.talent.user_id != getattr(by, "pk", None):
        raise EngagementPermissionError(_("表示名を知らせるかどうかは、付けた本人だけが選べます。"))
    if not isinstance(share_identity, bool):
        raise EngagementError(_("表示名を知らせるかどうかを選んでください。"), field="share_identity")
    locked = Interest.objects.select_for_update().filter(pk=interest.pk).first()
    if locked is None:
        raise EngagementError(_("この「気になる」はすでに外されています。"))
    if locked.sheet_id is None:
        raise EngagementError(
            _("県への「気になる」は人数だけが伝わり、表示名は知らせません。"), field="share_identity"
        )
    locked.share_identity = share_identity
    locked.save(update_fields=["share_identity"])
    interest.share_identity = share_identity
    return interest
