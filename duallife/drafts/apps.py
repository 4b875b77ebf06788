from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "duallife.drafts"
    label = "drafts"
    verbose_name = "ドラフト会議"
