from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "duallife.regions"
    label = "regions"
