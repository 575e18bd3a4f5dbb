from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    """The multi-agency data set: indicators, targets, observations and Making Data Count SPC."""

    name = "lscp.performance"
    label = "performance"
    verbose_name = "Performance"
    navigation = (30, "Performance", "performance:index", "performance.view_reports")

    def ready(self) -> None:
        from lscp.improvement import sources
        from lscp.performance.report import EXCEPTION_SOURCE

        sources.register(EXCEPTION_SOURCE, "KPI exception")
