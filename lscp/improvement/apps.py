from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "lscp.improvement"
    label = "improvement"
    verbose_name = "Improvement"
    navigation = [
        (15, "Actions", "improvement:actions", "improvement.view_actions", ("/actions/",)),
        (
            16,
            "Recommendations",
            "improvement:recommendations",
            "improvement.view_recommendations",
            ("/recommendations/", "/learning-themes/"),
        ),
    ]

    def ready(self) -> None:
        # Registers the "other" source kind, which this app owns.
        from django.db.models.signals import m2m_changed

        from lscp.core import figures_cache
        from lscp.core.models import Agency
        from lscp.improvement import recommendations  # noqa: F401
        from lscp.improvement.figures import KEPT
        from lscp.improvement.models import Action, Recommendation, RecommendationTransition

        # What the annual report's action and recommendation figures count.
        figures_cache.watch(KEPT, [Action, Recommendation, RecommendationTransition, Agency])
        m2m_changed.connect(
            lambda **kwargs: figures_cache.bump(KEPT),
            sender=Recommendation.agencies.through,
            dispatch_uid="figures-improvement-agencies",
            weak=False,
        )
