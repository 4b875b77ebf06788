from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The one user model of the platform; roles and organisations hang off it."""

    email = models.EmailField(_("メールアドレス"), unique=True)
    #: The language the person last read the site in: their emails are written in it.
    language = models.CharField(
        _("メールの言語"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username


class AccountDeletionLog(models.Model):
    """That an account was deleted, and when: kept after the person's data is gone.

    Holds no personal data: only the id the account had, the time, and the reason chosen.
    """

    class Reason(models.TextChoices):
        UNSPECIFIED = "", _("選択しない")
        NO_LONGER_NEEDED = "no_longer_needed", _("使わなくなった")
        PRIVACY = "privacy", _("個人情報を残したくない")
        FOUND_ELSEWHERE = "found_elsewhere", _("ほかの方法で仕事・人材が見つかった")
        OTHER = "other", _("その他")

    user_id = models.PositiveBigIntegerField(_("ユーザーID"), db_index=True)
    deleted_at = models.DateTimeField(_("削除日時"), default=timezone.now)
    reason = models.CharField(_("理由"), max_length=20, choices=Reason.choices, blank=True)

    class Meta:
        ordering = ["-deleted_at"]
        verbose_name = _("アカウント削除の記録")
        verbose_name_plural = _("アカウント削除の記録")

    def __str__(self) -> str:
        return f"#{self.user_id} {self.deleted_at:%Y-%m-%d %H:%M}"


class PersonalDataAccess(models.Model):
    """A staff member read or exported someone's personal data (who, whose, what, when)."""

    by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="personal_data_accesses", verbose_name=_("閲覧者")
    )
    subject = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="personal_data_accessed", verbose_name=_("対象者")
    )
    what = models.CharField(_("内容"), max_length=200)
    at = models.DateTimeField(_("日時"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("個人情報の閲覧記録")
        verbose_name_plural = _("個人情報の閲覧記録")
        indexes = [models.Index(fields=["subject", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.what}"
