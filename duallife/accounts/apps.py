from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "duallife.accounts"
    label = "accounts"
