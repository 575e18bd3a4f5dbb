from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """The multi-agency data set: indicators, targets, observations and Making Data Count SPC."""

    name = "lscp.performance"
    label = "performance"
    verbose_name = "Performance"
