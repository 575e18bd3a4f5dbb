from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lscp.core"
    label = "core"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from lscp.core import signals  # noqa: F401  (sign-in events go to the access trail)
