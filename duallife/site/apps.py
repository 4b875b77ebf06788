from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Pages composed from several apps: the home page (role dashboards later)."""

    name = "duallife.site"
    label = "site"
