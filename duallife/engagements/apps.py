from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "duallife.engagements"
    label = "engagements"
    verbose_name = _("応募・スカウト・成約")
