from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "lscp.governance"
    label = "governance"
    verbose_name = "Governance"
    navigation = (10, "Governance", "governance:groups", "governance.view_groups")

    def ready(self) -> None:
        from lscp.governance.models import MEETING_SOURCE
        from lscp.improvement import sources

        sources.register(MEETING_SOURCE, "Meeting")
