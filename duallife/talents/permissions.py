"""Who sees which talent profile. The one audited path to a profile a user asked for.

- ``public``: anyone sees the profile (without name, phone or email);
- ``anonymous``: only logged-in company members and staff (coordinators, operators), and only the
  display name, skills, themes and availability;
- ``private``: no one but the owner (everyone else gets a 404, as if it did not exist).

Contact details (姓名, phone, email) are shown to the owner only, on their own pages.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from duallife.core.ids import parse_id
from duallife.organizations.permissions import can_browse_talents, is_staff_role

from .models import TalentProfile

Visibility = TalentProfile.Visibility


def is_owner(user, talent: TalentProfile) -> bool:
    return bool(getattr(user, "is_authenticated", False) and talent.user_id == user.pk)


def can_view_talent(user, talent: TalentProfile) -> bool:
    if is_owner(user, talent):
        return True
    if not talent.user.is_active:
        return False
    if talent.visibility == Visibility.PUBLIC:
        return True
    if talent.visibility == Visibility.ANONYMOUS:
        return can_browse_talents(user)
    return False


def shows_full_profile(user, talent: TalentProfile) -> bool:
    """Public profiles show everything but contact details; anonymous ones only the display name,
    skills, themes and availability. A private profile is seen by its owner alone, in full."""
    if talent.visibility == Visibility.PRIVATE:
        return is_owner(user, talent)
    return talent.visibility == Visibility.PUBLIC


def get_talent_for_viewing(user, *, pk) -> TalentProfile:
    """The profile ``user`` asked for, if they may see it; 404 otherwise (no hint it exists)."""
    talent = TalentProfile.objects.select_related("user").filter(pk=parse_id(pk, not_found="")).first()
    if talent is None or not can_view_talent(user, talent):
        raise Http404
    return talent


def visible_talents(user) -> QuerySet[TalentProfile]:
    """The profiles a talent search may list for ``user``: public and anonymous, to companies and staff."""
    if not can_browse_talents(user):
        return TalentProfile.objects.none()
    return TalentProfile.objects.filter(
        visibility__in=[Visibility.PUBLIC, Visibility.ANONYMOUS], user__is_active=True
    )


def is_staff_viewer(user, talent: TalentProfile) -> bool:
    """A coordinator, operator or Django staff member looking at someone else's profile: logged."""
    return not is_owner(user, talent) and is_staff_role(user)
