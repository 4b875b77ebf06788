from django.apps import AppConfig


class TalentsConfig(AppConfig):
    name = "duallife.talents"
    label = "talents"
