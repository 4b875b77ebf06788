from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "duallife.subsidies"
    label = "subsidies"
