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
        from lscp.improvement import recommendations  # noqa: F401
