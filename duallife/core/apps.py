from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "duallife.core"
    label = "core"
