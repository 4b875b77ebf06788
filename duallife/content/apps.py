from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "duallife.content"
    label = "content"
    verbose_name = _("ページと問い合わせ")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import note_terms_due_at_login

        user_logged_in.connect(note_terms_due_at_login, dispatch_uid="content.terms_due_at_login")
