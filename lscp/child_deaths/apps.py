from django.apps import AppConfig


class ChildDeathsConfig(AppConfig):
    """The Child Death Overview Panel (CDOP): cases from notification to panel review, and analysis."""

    name = "lscp.child_deaths"
    label = "child_deaths"
    verbose_name = "Child deaths"
    navigation = (25, "Child deaths", "child_deaths:cases", "child_deaths.view_cases")
    home_links = [
        (
            "Notify a child death",
            "child_deaths:notify",
            "child_deaths.notify",
            "Tell the Child Death Overview Panel about the death of a child who lived here.",
        ),
        (
            "Child death analysis",
            "child_deaths:analysis",
            "child_deaths.view_analysis",
            "What the panel's reviews show: categories of death, ages, modifiable factors.",
        ),
    ]

    def ready(self) -> None:
        from django.core import checks

        from lscp.child_deaths.timescales import configured

        @checks.register(checks.Tags.compatibility)
        def timescales_are_valid(app_configs, **kwargs):
            """A bad LSCP_CDOP_TIMESCALES setting stops `lscp check` and start-up, not a case page."""
            try:
                configured()
            except Exception as problem:
                return [checks.Error(str(problem), id="child_deaths.E001")]
            return []

        from lscp.child_deaths.models import RECOMMENDATION_SOURCE
        from lscp.improvement import sources

        sources.register(RECOMMENDATION_SOURCE, "Child death review")
        from lscp.child_deaths import snapshots

        snapshots.connect()
