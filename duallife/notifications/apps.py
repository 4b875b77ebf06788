from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "duallife.notifications"
    label = "notifications"
    verbose_name = "お知らせ"
