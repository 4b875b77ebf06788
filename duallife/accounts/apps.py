from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "duallife.accounts"
    label = "accounts"
    verbose_name = _("アカウント")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Every app's data_rights.py registers its export sections and erase steps.
        autodiscover_modules("data_rights")
