from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lscp.accounts"
    label = "accounts"
