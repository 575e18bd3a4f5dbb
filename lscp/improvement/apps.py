from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "lscp.improvement"
    label = "improvement"
