from django.apps import AppConfig


class ChildDeathsConfig(AppConfig):
    """The Child Death Overview Panel (CDOP): cases from notification to panel review, and analysis."""

    name = "lscp.child_deaths"
    label = "child_deaths"
    verbose_name = "Child deaths"

    def ready(self) -> None:
        from lscp.child_deaths.models import RECOMMENDATION_SOURCE
        from lscp.improvement import sources

        sources.register(RECOMMENDATION_SOURCE, "Child death review")
