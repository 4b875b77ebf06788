from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data: builds a fictional marketplace through the other apps. No app imports it."""

    name = "duallife.demo"
    label = "demo"
