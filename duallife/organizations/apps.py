from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "duallife.organizations"
    label = "organizations"
