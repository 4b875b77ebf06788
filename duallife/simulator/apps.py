from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    name = "duallife.simulator"
    label = "simulator"
