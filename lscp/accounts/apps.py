from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lscp.accounts"
    label = "accounts"
    # Last in the service navigation: looking after accounts is the business unit's back office.
    navigation = (90, "People", "accounts:people", "accounts.view_people")
