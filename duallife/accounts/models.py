from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """The one user model of the platform; roles and organisations hang off it."""

    email = models.EmailField(_("メールアドレス"), unique=True)

    class Meta:
        verbose_name = _("ユーザー")
        verbose_name_plural = _("ユーザー")

    def __str__(self) -> str:
        return self.get_full_name() or self.username
