from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "duallife.engagements"
    label = "engagements"
    verbose_name = "応募・スカウト・成約"
