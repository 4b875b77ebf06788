"""Writes for accounts: data export and deletion (data rights), and the staff access log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duallife.core import data_rights
from duallife.organizations.models import Membership, Organization

from .errors import AccountDeletionError
from .models import AccountDeletionLog, PersonalDataAccess, User

EXPORT_FORMAT = "duallife-account-export"
EXPORT_VERSION = 1


def account_export(*, user: User) -> dict:
    """Everything the platform holds about ``user``, one section per registered exporter."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now(),
        "sections": {name: exporter(user) for name, exporter in data_rights.exporters().items()},
    }


def _sole_admin_of(user: User) -> list[str]:
    """Organisations that would be left with members but no admin."""
    from django.db.models import Count, Q

    admin_of = Membership.objects.filter(user=user, role=Membership.Role.ADMIN).values("organization")
    return list(
        Organization.objects.filter(pk__in=admin_of, is_active=True)
        .annotate(
            admins=Count("memberships", filter=Q(memberships__role=Membership.Role.ADMIN)),
            members=Count("memberships"),
        )
        .filter(admins=1, members__gt=1)
        .values_list("name", flat=True)
    )


def account_delete(*, user: User, password: str, reason: str = "") -> AccountDeletionLog:
    """Erase or anonymise ``user``'s personal data after the password is re-entered; log it.

    The user row stays (other records point at it) but says nothing about the person any more:
    ``deleted-<id>@invalid``, no names, an unusable password, inactive, no staff rights.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    if not user.is_authenticated or not user.is_active:
        raise AccountDeletionError("inactive", _("このアカウントはすでに利用できません。"))
    if not password:
        raise AccountDeletionError("password_required", _("パスワードを入力してください。"), field="password")
    if not user.check_password(password):
        raise AccountDeletionError("wrong_password", _("パスワードが正しくありません。"), field="password")
    if reason not in AccountDeletionLog.Reason.values:
        raise AccountDeletionError("invalid_reason", _("理由の選択肢が正しくありません。"), field="reason")
    blocking = _sole_admin_of(user)
    if blocking:
        raise AccountDeletionError(
            "sole_admin",
            _(
                "あなたは「%(names)s」の唯一の管理者です。"
                "ほかのメンバーを管理者にしてから、もう一度お試しください。"
            )
            % {"names": "」「".join(blocking)},
        )

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old_emails = data_rights.user_emails(user)
        for eraser in data_rights.erasers().values():
            eraser(user)
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        _forget_login_attempts(old_emails)
        user.email = f"deleted-{user.pk}@invalid"
        user.username = f"deleted-{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        return AccountDeletionLog.objects.create(user_id=user.pk, reason=reason)


def _forget_login_attempts(emails: list[str]) -> None:
    """django-axes keeps failed (and successful) logins by email: drop the deleted person's."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=emails).delete()


def personal_data_access_log(*, by: User, subject: User, what: str) -> PersonalDataAccess:
    """Record that staff member ``by`` read or exported ``subject``'s personal data.

    Call it from every view, export or API endpoint through which staff see someone's personal
    data, e.g.
    ``personal_data_access_log(by=request.user, subject=talent.user, what="人材プロフィールの閲覧")``.
    """
    what = " ".join((what or "").split())
    if not what:
        raise ValueError("personal_data_access_log: `what` must say what was accessed")
    if not getattr(by, "is_authenticated", False):
        raise ValueError("personal_data_access_log: `by` must be a logged-in user")
    return PersonalDataAccess.objects.create(by=by, subject=subject, what=what[:200])
