from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "lscp.governance"
    label = "governance"
