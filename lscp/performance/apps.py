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

        from django.db.models.signals import m2m_changed

        from lscp.core import figures_cache
        from lscp.performance.figures import KEPT
        from lscp.performance.models import Area, Indicator, Observation, Rebase, Target

        # What the annual report's KPI readings depend on (the KPI import bumps it itself).
        figures_cache.watch(KEPT, [Indicator, Target, Area, Observation, Rebase])
        m2m_changed.connect(
            lambda **kwargs: figures_cache.bump(KEPT),
            sender=Indicator.groups.through,
            dispatch_uid="figures-performance-groups",
            weak=False,
        )
